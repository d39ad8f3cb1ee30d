"""Attachment pages: add to a parent, replace (new version), delete, and the download.

Files are never served from a public media URL: the download view reads the attachment
through the selector (cooperation, parent visibility, "nur für die Koordination") and then
streams the file, or hands it to the web server (X-Accel-Redirect / X-Sendfile, settings
IKZ_SENDFILE and IKZ_SENDFILE_PREFIX).
"""

from __future__ import annotations

from typing import cast
from urllib.parse import quote

from django.conf import settings
from django.contrib import messages
from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from ikz.accounts.access import Access
from ikz.attachments import selectors, services
from ikz.attachments.forms import AttachmentForm, ReplaceForm
from ikz.attachments.models import AttachmentVersion
from ikz.cooperation.guards import coordinator_only, public
from ikz.ui.formviews import delete_page, form_page, submit


def _files(request: HttpRequest) -> MultiValueDict[str, UploadedFile[bytes]] | None:
    return request.FILES if request.method == "POST" else None


def _data(request: HttpRequest) -> QueryDict | None:
    return request.POST if request.method == "POST" else None


@coordinator_only
def attachment_create(request: HttpRequest, access: Access) -> HttpResponse:
    kind, parent = selectors.parent_for(access=access, params=request.GET)
    form = AttachmentForm(_data(request), _files(request))
    saved = submit(
        request,
        form,
        lambda: services.attachment_add(
            cooperation=access.cooperation,
            parent_kind=kind.field,
            parent=parent,
            title=form.cleaned_data["title"],
            upload=form.cleaned_data["file"],
            description=form.cleaned_data["description"],
            is_internal=form.cleaned_data["is_internal"],
            actor_id=access.user_id,
        ),
    )
    back = kind.page(access, parent)
    if saved is not None:
        messages.success(request, _("Anhang „%(title)s“ gespeichert.") % {"title": saved.title})
        return redirect(back)
    return form_page(
        request,
        form=form,
        title=_("Anhang hinzufügen: %(parent)s") % {"parent": parent},
        cancel_url=back,
        multipart=True,
    )


@coordinator_only
def attachment_replace(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    attachment = selectors.attachment_for_write(access=access, pk=pk)
    back = selectors.parent_page(access=access, attachment=attachment)
    form = ReplaceForm(_data(request), _files(request))
    saved = submit(
        request,
        form,
        lambda: services.attachment_replace(
            attachment=attachment, upload=form.cleaned_data["file"], actor_id=access.user_id
        ),
    )
    if saved is not None:
        messages.success(
            request,
            _("Neue Version %(number)s von „%(title)s“ gespeichert; frühere bleiben erhalten.")
            % {"number": saved.number, "title": attachment.title},
        )
        return redirect(back)
    return form_page(
        request,
        form=form,
        title=_("Datei ersetzen: %(title)s") % {"title": attachment.title},
        cancel_url=back,
        multipart=True,
    )


@coordinator_only
def attachment_delete(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    attachment = selectors.attachment_for_write(access=access, pk=pk)
    back = selectors.parent_page(access=access, attachment=attachment)
    if request.method == "POST":
        services.attachment_delete(attachment=attachment, actor_id=access.user_id)
        messages.success(request, _("Anhang gelöscht."))
        return redirect(back)
    return delete_page(
        request,
        title=_("Anhang löschen"),
        object_label=attachment.title,
        consequences=[_("Alle Versionen der Datei werden gelöscht.")],
        cancel_url=back,
    )


def _serve(version: AttachmentVersion) -> HttpResponse:
    name = f"{version.original_name.rsplit('.', 1)[0]}.{version.extension}"
    disposition = f"attachment; filename*=UTF-8''{quote(name)}"
    mode = settings.IKZ_SENDFILE
    response: HttpResponse | FileResponse
    if mode in ("x-accel", "x-sendfile"):
        response = HttpResponse(content_type=version.content_type)
        if mode == "x-accel":
            response["X-Accel-Redirect"] = settings.IKZ_SENDFILE_PREFIX + (version.file.name or "")
        else:
            response["X-Sendfile"] = version.file.path
    else:
        response = FileResponse(version.file.open("rb"), content_type=version.content_type)
    response["Content-Disposition"] = disposition
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    # A streamed FileResponse serves as a view's answer like any HttpResponse.
    return cast(HttpResponse, response)


@public
@require_GET
def download(_request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    attachment = selectors.attachment_get(access=access, pk=pk)
    return _serve(selectors.version_get(attachment=attachment))


@public
@require_GET
def download_version(_request: HttpRequest, access: Access, pk: int, number: int) -> HttpResponse:
    attachment = selectors.attachment_get(access=access, pk=pk)
    return _serve(selectors.version_get(attachment=attachment, number=number))
