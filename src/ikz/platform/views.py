"""The platform operation's pages ("Betrieb") and a cooperation's settings page."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ikz.accounts.access import Access
from ikz.cooperation.guards import coordinator_only
from ikz.cooperation.models import Cooperation
from ikz.platform import selectors, services
from ikz.platform.forms import CooperationCreateForm, SettingsForm
from ikz.platform.guards import operator_only
from ikz.ui.formviews import edit_page, form_data, form_status, submit


@operator_only
@require_GET
def cooperation_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "platform/cooperation_list.html",
        {"cooperations": selectors.cooperation_overview()},
    )


@operator_only
@require_http_methods(["GET", "POST"])
def cooperation_create(request: HttpRequest) -> HttpResponse:
    form = CooperationCreateForm(form_data(request))
    created = submit(
        request,
        form,
        lambda: services.cooperation_create(
            fields=form.model_fields(),
            coordinator_email=form.cleaned_data["coordinator_email"],
            actor_id=request.user.pk,
        ),
    )
    if created is not None:
        cooperation, invitation = created
        message = _("Kooperation „%(name)s“ angelegt.") % {"name": cooperation.name}
        if invitation is not None:
            message += " " + _("Einladung an %(email)s gesendet.") % {"email": invitation.email}
        messages.success(request, message)
        return redirect("platform:list")
    status = form_status(request)
    return render(
        request,
        "ui/object_form.html",
        {
            "form": form,
            "title": _("Kooperation anlegen"),
            "cancel_url": reverse("platform:list"),
        },
        status=status,
    )


@operator_only
@require_POST
def cooperation_archive(request: HttpRequest, pk: int) -> HttpResponse:
    cooperation = get_object_or_404(Cooperation, pk=pk)
    services.cooperation_archive(cooperation=cooperation, actor_id=request.user.pk)
    messages.success(
        request,
        _("Kooperation „%(name)s“ archiviert: nur noch lesbar und nicht mehr auf der Startseite.")
        % {"name": cooperation.name},
    )
    return redirect("platform:list")


@operator_only
@require_POST
def cooperation_reactivate(request: HttpRequest, pk: int) -> HttpResponse:
    cooperation = get_object_or_404(Cooperation, pk=pk)
    services.cooperation_reactivate(cooperation=cooperation, actor_id=request.user.pk)
    messages.success(request, _("Kooperation „%(name)s“ reaktiviert.") % {"name": cooperation.name})
    return redirect("platform:list")


# --- The cooperation's settings (coordinators) -------------------------------------------------


@coordinator_only
@require_http_methods(["GET", "POST"])
def settings_edit(request: HttpRequest, access: Access) -> HttpResponse:
    form = SettingsForm(form_data(request), instance=access.cooperation)
    slug = access.cooperation.slug
    return edit_page(
        request,
        form=form,
        save=lambda: services.settings_save(
            cooperation=access.cooperation, fields=form.model_fields(), actor_id=access.user_id
        ),
        saved_message=lambda _saved: _("Einstellungen gespeichert."),
        saved_url=lambda _saved: reverse("cooperation_settings:edit", args=[slug]),
        title=_("Einstellungen der Kooperation"),
        cancel_url=reverse("cooperation:dashboard", args=[slug]),
    )
