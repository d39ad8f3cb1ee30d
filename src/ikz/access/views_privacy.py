"""DSGVO pages of a person: download everything stored (Art. 15), erase (Art. 17)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ikz.access import privacy
from ikz.accounts.access import Access
from ikz.cooperation import selectors
from ikz.cooperation.guards import coordinator_only
from ikz.ui.formviews import delete_page


@coordinator_only
@require_GET
def export(_request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    person = selectors.person_get(access=access, pk=pk)
    data = privacy.person_export(
        cooperation=access.cooperation, person=person, actor_id=access.user_id
    )
    response = HttpResponse(
        privacy.export_bytes(data), content_type="application/json; charset=utf-8"
    )
    name = f"auskunft-person-{person.pk}-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@coordinator_only
@require_http_methods(["GET", "POST"])
def erase(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    person = selectors.person_get(access=access, pk=pk)
    detail = reverse("cooperation:person_detail", args=[access.cooperation.slug, person.pk])
    if request.method == "POST":
        try:
            privacy.person_erase(
                cooperation=access.cooperation, person=person, actor_id=access.user_id
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(detail)
        messages.success(request, _("Die Person wurde gelöscht und anonymisiert."))
        return redirect("cooperation:person_list", access.cooperation.slug)
    return delete_page(
        request,
        title=_("Person nach DSGVO löschen"),
        object_label=person.full_name,
        consequences=[
            _("Ihr Benutzerkonto wird gelöscht."),
            _(
                "Ihr Name wird in Protokollen, Anwesenheiten, Aufgaben, Aktivitäten und "
                "veröffentlichten Berichten durch „%(placeholder)s“ ersetzt."
            )
            % {"placeholder": privacy.placeholder()},
            _("Antworten auf Umfragen bleiben als Antworten ihrer Kommune erhalten."),
            _("Das lässt sich nicht rückgängig machen."),
        ],
        cancel_url=detail,
    )
