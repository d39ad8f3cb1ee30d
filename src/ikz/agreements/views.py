"""Agreement pages: register, detail, create/edit/delete, lifecycle and partners.

Thin: access through the guards, reads through selectors, writes through services. Cost keys,
measures and statements are in ``views_statements``.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ikz.accounts.access import Access
from ikz.agreements import lifecycle, selectors, services
from ikz.agreements.forms import AgreementForm, PartnerForm, StateChangeForm
from ikz.agreements.models import Partner, State
from ikz.cooperation.guards import coordinator_only, public
from ikz.inputs import parse_key
from ikz.ui.formviews import delete_page, edit_page, form_data, form_page, submit

PAGE_SIZE = 50


def detail_url(access: Access, pk: int) -> str:
    return reverse("agreements:detail", args=[access.cooperation.slug, pk])


@public
@require_GET
def agreement_list(request: HttpRequest, access: Access) -> HttpResponse:
    state = request.GET.get("stand", "")
    state = state if state in State.values else ""
    agreements = selectors.agreement_queryset(access=access, state=state)
    page = Paginator(agreements, PAGE_SIZE).get_page(request.GET.get("seite"))
    context = {
        "page": page,
        "agreements": selectors.with_partner_counts(page.object_list),
        "state": state,
        "states": State.choices,
        "today": timezone.localdate(),
    }
    return render(request, "agreements/list.html", context)


@public
@require_GET
def agreement_detail(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    agreement = selectors.agreement_for_read(access=access, pk=pk)
    today = timezone.localdate()
    party = selectors.is_party(access=access, agreement=agreement)
    context: dict[str, Any] = {
        "agreement": agreement,
        "partners": selectors.partners(agreement=agreement),
        "history": selectors.history(agreement=agreement) if party else [],
        "keys": selectors.cost_keys(agreement=agreement) if party else [],
        "statements": selectors.statements(access=access, agreement=agreement),
        "plan_actual": selectors.plan_and_actual(access=access, agreement=agreement),
        "is_party": party,
        "notice": lifecycle.next_notice(agreement, today=today),
        "targets": lifecycle.allowed_targets(agreement.state),
        "measure_years": list(range(today.year - 3, today.year + 2)),
        "today": today,
    }
    return render(request, "agreements/detail.html", context)


@coordinator_only
@require_http_methods(["GET", "POST"])
def agreement_edit(request: HttpRequest, access: Access, pk: int | None = None) -> HttpResponse:
    agreement = selectors.agreement_for_write(access=access, pk=pk) if pk else None
    initial: dict[str, Any] = {}
    project_pk = parse_key(request.GET.get("vorhaben", ""))
    if agreement is None and project_pk is not None:
        project = selectors.project_for_new_agreement(access=access, pk=project_pk)
        if project is not None:
            initial = {
                "project": project.pk,
                "title": project.title,
                "performing_municipality": project.lead_municipality_id,
            }
    form = AgreementForm(
        form_data(request), instance=agreement, cooperation=access.cooperation, initial=initial
    )

    def save() -> Any:
        values = {name: form.cleaned_data[name] for name in form.Meta.fields}
        return services.agreement_save(
            cooperation=access.cooperation,
            values=values,
            agreement=agreement,
            actor_id=request.user.pk,
        )

    return edit_page(
        request,
        form=form,
        save=save,
        saved_message=lambda saved: _("Vereinbarung „%(title)s“ gespeichert.")
        % {"title": saved.title},
        saved_url=lambda saved: detail_url(access, saved.pk),
        title=_("Vereinbarung bearbeiten") if agreement else _("Vereinbarung anlegen"),
        cancel_url=detail_url(access, agreement.pk)
        if agreement
        else reverse("agreements:list", args=[access.cooperation.slug]),
    )


@coordinator_only
@require_http_methods(["GET", "POST"])
def agreement_delete(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    agreement = selectors.agreement_for_write(access=access, pk=pk)
    if request.method == "POST":
        try:
            services.agreement_delete(agreement=agreement, actor_id=request.user.pk)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(detail_url(access, pk))
        messages.success(request, _("Vereinbarung gelöscht."))
        return redirect("agreements:list", access.cooperation.slug)
    return delete_page(
        request,
        title=_("Vereinbarung löschen"),
        object_label=agreement.title,
        consequences=[
            _(
                "Partnerkommunen, Kostenschlüssel, Kennzahlen und Entwürfe von Abrechnungen werden "
                "mit gelöscht."
            ),
            _("Eine Vereinbarung mit ausgestellten Abrechnungen kann nicht gelöscht werden."),
        ],
        cancel_url=detail_url(access, pk),
    )


@coordinator_only
@require_http_methods(["GET", "POST"])
def state_change(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    agreement = selectors.agreement_for_write(access=access, pk=pk)
    form = StateChangeForm(
        form_data(request),
        agreement=agreement,
        initial={
            "date": timezone.localdate(),
            "approval_reference": agreement.approval_reference,
            "publication_place": agreement.publication_place,
            "approval_date": agreement.approval_date,
            "publication_date": agreement.publication_date,
        },
    )

    def save() -> Any:
        data = form.cleaned_data
        return services.agreement_change_state(
            agreement=agreement,
            to_state=data["to_state"],
            date=data["date"],
            reason=data["reason"],
            actor_id=request.user.pk,
            approval_date=data["approval_date"],
            approval_reference=data["approval_reference"],
            publication_date=data["publication_date"],
            publication_place=data["publication_place"],
        )

    if submit(request, form, save) is not None:
        messages.success(
            request, _("Stand geändert: %(state)s.") % {"state": agreement.get_state_display()}
        )
        return redirect(detail_url(access, pk))
    return form_page(
        request,
        form=form,
        title=_("Stand der Vereinbarung ändern"),
        cancel_url=detail_url(access, pk),
    )


@coordinator_only
@require_http_methods(["GET", "POST"])
def partner_edit(
    request: HttpRequest, access: Access, pk: int, partner_pk: int | None = None
) -> HttpResponse:
    agreement = selectors.agreement_for_write(access=access, pk=pk)
    partner = (
        selectors.partner_for_write(agreement=agreement, pk=partner_pk) if partner_pk else None
    )
    form = PartnerForm(form_data(request), instance=partner, agreement=agreement)

    def save() -> Partner:
        values = {name: form.cleaned_data[name] for name in form.Meta.fields}
        return services.partner_save(
            agreement=agreement, values=values, partner=partner, actor_id=request.user.pk
        )

    return edit_page(
        request,
        form=form,
        save=save,
        saved_message=lambda saved: _("Partnerkommune %(name)s gespeichert.")
        % {"name": saved.municipality.name},
        saved_url=lambda _saved: detail_url(access, pk) + "#partner",
        title=_("Partnerkommune bearbeiten") if partner else _("Partnerkommune hinzufügen"),
        cancel_url=detail_url(access, pk),
    )


@coordinator_only
@require_http_methods(["GET", "POST"])
def partner_delete(request: HttpRequest, access: Access, pk: int, partner_pk: int) -> HttpResponse:
    agreement = selectors.agreement_for_write(access=access, pk=pk)
    partner = selectors.partner_for_write(agreement=agreement, pk=partner_pk)
    if request.method == "POST":
        try:
            services.partner_delete(partner=partner, actor_id=request.user.pk)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Partnerkommune entfernt."))
        return redirect(detail_url(access, pk) + "#partner")
    return delete_page(
        request,
        title=_("Partnerkommune entfernen"),
        object_label=partner.municipality.name,
        consequences=[_("Ihre Kennzahlen und festen Anteile werden nicht mehr verwendet.")],
        cancel_url=detail_url(access, pk),
    )
