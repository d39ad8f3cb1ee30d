"""Downloads of a meeting's invitation and minutes, and the approval of minutes."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ikz.accounts.access import Access
from ikz.cooperation.guards import coordinator_only, public
from ikz.meetings import selectors
from ikz.meetings.documents import content
from ikz.meetings.documents import services as document_services
from ikz.meetings.documents.render import CONTENT_TYPES, branding, render
from ikz.meetings.models import Meeting


def _detail(access: Access, meeting: Meeting) -> HttpResponse:
    url = reverse("meetings:detail", args=[access.cooperation.slug, meeting.pk])
    return redirect(f"{url}#dokumente")


@public
@require_GET
def document(_request: HttpRequest, access: Access, pk: int, kind: str, fmt: str) -> HttpResponse:
    if kind not in content.KINDS or fmt not in content.FORMATS:
        raise Http404
    # The build reads the meeting through its selector: 404 if hidden, or minutes not there.
    brand = branding(access.cooperation)
    doc = content.build(access=access, meeting_pk=pk, kind=kind, branding=brand)
    response = HttpResponse(
        render(doc, fmt, cooperation=access.cooperation), content_type=CONTENT_TYPES[fmt]
    )
    disposition = "inline" if fmt == "pdf" else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{doc.file_stem}.{fmt}"'
    return response


@coordinator_only
@require_POST
def minutes_approve(request: HttpRequest, access: Access, pk: int, item_pk: int) -> HttpResponse:
    meeting = selectors.meeting_for_write(access=access, pk=pk)
    item = selectors.agenda_item_get(access=access, meeting=meeting, pk=item_pk)
    try:
        minutes = document_services.minutes_approve(item=item, actor_id=access.user_id)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Das Protokoll der Sitzung „%(heading)s“ ist genehmigt.")
            % {"heading": minutes.heading},
        )
    return _detail(access, meeting)


@coordinator_only
@require_POST
def minutes_revoke(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    meeting = selectors.meeting_for_write(access=access, pk=pk)
    at = meeting.minutes_approved_in
    document_services.minutes_approval_revoke(meeting=meeting, actor_id=access.user_id)
    messages.success(request, _("Die Genehmigung ist zurückgenommen."))
    return _detail(access, at or meeting)
