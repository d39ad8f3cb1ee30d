"""Pages of a cooperation's structure. Thin: access via the guard, reads via selectors,
writes via services."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ikz.accounts.access import Access
from ikz.activity.services import recent_activity
from ikz.cooperation import selectors, services
from ikz.cooperation.forms import (
    FUNCTION_SUGGESTIONS,
    BodyForm,
    LocationForm,
    MembershipForm,
    MunicipalityForm,
    PersonForm,
)
from ikz.cooperation.guards import coordinator_only, members_only, public
from ikz.cooperation.panels import body_panels, dashboard_panels
from ikz.ui.formviews import delete_page, edit_page, form_data


def _url(name: str, *args: object) -> str:
    return reverse(f"cooperation:{name}", args=args)


# --- Dashboard ---------------------------------------------------------------------------------


@public
def dashboard(request: HttpRequest, access: Access) -> HttpResponse:
    panels, panel_context = dashboard_panels(access=access, today=timezone.localdate())
    context = {
        "counts": selectors.structure_counts(access=access),
        "bodies": selectors.body_list(access=access),
        "activity": recent_activity(access=access),
        "panels": panels,
        **panel_context,
    }
    return render(request, "cooperation/dashboard.html", context)


# --- Municipalities ----------------------------------------------------------------------------


@public
def municipality_list(request: HttpRequest, access: Access) -> HttpResponse:
    municipalities = list(selectors.municipality_list(access=access))
    totals = {
        "population": sum(m.population or 0 for m in municipalities),
        "area": sum(float(m.area_km2 or 0) for m in municipalities),
    }
    return render(
        request,
        "cooperation/municipality_list.html",
        {"municipalities": municipalities, "totals": totals},
    )


@public
def municipality_detail(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    municipality = selectors.municipality_get(access=access, pk=pk)
    people = selectors.people_of_municipality(access=access, municipality=municipality)
    return render(
        request,
        "cooperation/municipality_detail.html",
        {"municipality": municipality, "people": people},
    )


@coordinator_only
@require_http_methods(["GET", "POST"])
def municipality_edit(request: HttpRequest, access: Access, pk: int | None = None) -> HttpResponse:
    municipality = selectors.municipality_get(access=access, pk=pk) if pk else None
    form = MunicipalityForm(form_data(request), instance=municipality)
    slug = access.cooperation.slug
    return edit_page(
        request,
        form=form,
        save=lambda: services.municipality_save(
            cooperation=access.cooperation,
            municipality=municipality,
            fields=form.cleaned_data,
            actor_id=access.user_id,
        ),
        saved_message=lambda saved: _("Kommune „%(name)s“ gespeichert.") % {"name": saved.name},
        saved_url=lambda saved: _url("municipality_detail", slug, saved.pk),
        title=_("Kommune „%(municipality)s“ bearbeiten") % {"municipality": municipality}
        if municipality
        else _("Kommune anlegen"),
        cancel_url=_url("municipality_detail", slug, municipality.pk)
        if municipality
        else _url("municipality_list", slug),
    )


@coordinator_only
@require_http_methods(["GET", "POST"])
def municipality_delete(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    municipality = selectors.municipality_get(access=access, pk=pk)
    if request.method == "POST":
        services.municipality_delete(municipality=municipality, actor_id=access.user_id)
        messages.success(request, _("Kommune „%(name)s“ gelöscht.") % {"name": municipality.name})
        return redirect("cooperation:municipality_list", access.cooperation.slug)
    return delete_page(
        request,
        title=_("Kommune löschen"),
        object_label=municipality.name,
        consequences=[_("Personen dieser Kommune bleiben erhalten, verlieren aber die Zuordnung.")],
        cancel_url=_url("municipality_detail", access.cooperation.slug, pk),
    )


# --- Bodies ------------------------------------------------------------------------------------


@public
def body_list(request: HttpRequest, access: Access) -> HttpResponse:
    return render(
        request, "cooperation/body_list.html", {"bodies": selectors.body_list(access=access)}
    )


@public
def body_detail(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    body = selectors.body_get(access=access, pk=pk)
    memberships = selectors.body_memberships(access=access, body=body)
    panels, panel_context = body_panels(access=access, body=body, today=timezone.localdate())
    return render(
        request,
        "cooperation/body_detail.html",
        {
            "body": body,
            "memberships": memberships,
            "merged_bodies": body.merged_bodies.all(),
            "panels": panels,
            **panel_context,
        },
    )


@coordinator_only
@require_http_methods(["GET", "POST"])
def body_edit(request: HttpRequest, access: Access, pk: int | None = None) -> HttpResponse:
    body = selectors.body_get(access=access, pk=pk) if pk else None
    form = BodyForm(form_data(request), instance=body, cooperation=access.cooperation)
    slug = access.cooperation.slug
    return edit_page(
        request,
        form=form,
        save=lambda: services.body_save(
            cooperation=access.cooperation,
            body=body,
            fields=form.model_fields(),
            actor_id=access.user_id,
        ),
        saved_message=lambda saved: _("Gremium „%(name)s“ gespeichert.") % {"name": saved.name},
        saved_url=lambda saved: _url("body_detail", slug, saved.pk),
        title=_("Gremium „%(body)s“ bearbeiten") % {"body": body} if body else _("Gremium anlegen"),
        cancel_url=_url("body_detail", slug, body.pk) if body else _url("body_list", slug),
    )


@coordinator_only
@require_http_methods(["GET", "POST"])
def body_delete(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    body = selectors.body_get(access=access, pk=pk)
    if request.method == "POST":
        try:
            services.body_delete(body=body, actor_id=access.user_id)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("cooperation:body_detail", access.cooperation.slug, body.pk)
        messages.success(request, _("Gremium „%(name)s“ gelöscht.") % {"name": body.name})
        return redirect("cooperation:body_list", access.cooperation.slug)
    return delete_page(
        request,
        title=_("Gremium löschen"),
        object_label=body.name,
        consequences=[_("Alle Mitgliedschaften in diesem Gremium werden ebenfalls gelöscht.")],
        cancel_url=_url("body_detail", access.cooperation.slug, pk),
    )


@coordinator_only
@require_http_methods(["GET", "POST"])
def membership_edit(
    request: HttpRequest, access: Access, body_pk: int, pk: int | None = None
) -> HttpResponse:
    body = selectors.body_get(access=access, pk=body_pk)
    membership = selectors.membership_get(access=access, body_id=body.pk, pk=pk) if pk else None
    form = MembershipForm(form_data(request), instance=membership, cooperation=access.cooperation)
    return edit_page(
        request,
        form=form,
        save=lambda: services.membership_save(
            cooperation=access.cooperation,
            membership=membership,
            fields={**form.cleaned_data, "body": body},
            actor_id=access.user_id,
        ),
        saved_message=lambda saved: _("Mitgliedschaft von %(full_name)s gespeichert.")
        % {"full_name": saved.person.full_name},
        saved_url=lambda _saved: _url("body_detail", access.cooperation.slug, body.pk),
        title=(
            _("Mitglied in „%(body)s“ bearbeiten")
            if membership
            else _("Mitglied in „%(body)s“ hinzufügen")
        )
        % {"body": body.name},
        cancel_url=_url("body_detail", access.cooperation.slug, body.pk),
    )


@coordinator_only
@require_http_methods(["GET", "POST"])
def membership_delete(request: HttpRequest, access: Access, body_pk: int, pk: int) -> HttpResponse:
    membership = selectors.membership_get(access=access, body_id=body_pk, pk=pk)
    if request.method == "POST":
        services.membership_delete(membership=membership, actor_id=access.user_id)
        messages.success(
            request,
            _("%(full_name)s aus „%(name)s“ entfernt.")
            % {"full_name": membership.person.full_name, "name": membership.body.name},
        )
        return redirect("cooperation:body_detail", access.cooperation.slug, body_pk)
    return delete_page(
        request,
        title=_("Mitgliedschaft beenden"),
        object_label=_("%(full_name)s in „%(name)s“")
        % {"full_name": membership.person.full_name, "name": membership.body.name},
        consequences=[],
        cancel_url=_url("body_detail", access.cooperation.slug, body_pk),
    )


# --- People ------------------------------------------------------------------------------------


@members_only
def person_list(request: HttpRequest, access: Access) -> HttpResponse:
    people = selectors.person_list(access=access)
    return render(request, "cooperation/person_list.html", {"people": people})


@members_only
def person_detail(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    person = selectors.person_get(access=access, pk=pk)
    memberships = [
        m
        for m in person.memberships.all()
        if access.can_read_body(body_id=m.body_id, is_public=m.body.is_public)
    ]
    return render(
        request, "cooperation/person_detail.html", {"person": person, "memberships": memberships}
    )


@coordinator_only
@require_http_methods(["GET", "POST"])
def person_edit(request: HttpRequest, access: Access, pk: int | None = None) -> HttpResponse:
    person = selectors.person_get(access=access, pk=pk) if pk else None
    form = PersonForm(form_data(request), instance=person, cooperation=access.cooperation)
    slug = access.cooperation.slug
    return edit_page(
        request,
        form=form,
        save=lambda: services.person_save(
            cooperation=access.cooperation,
            person=person,
            fields=form.cleaned_data,
            actor_id=access.user_id,
        ),
        saved_message=lambda saved: _("Person „%(full_name)s“ gespeichert.")
        % {"full_name": saved.full_name},
        saved_url=lambda saved: _url("person_detail", slug, saved.pk),
        title=_("Person „%(person)s“ bearbeiten") % {"person": person}
        if person
        else _("Person anlegen"),
        cancel_url=_url("person_detail", slug, person.pk) if person else _url("person_list", slug),
        datalist_id="function-suggestions",
        datalist=FUNCTION_SUGGESTIONS,
    )


@coordinator_only
@require_http_methods(["GET", "POST"])
def person_delete(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    person = selectors.person_get(access=access, pk=pk)
    if request.method == "POST":
        services.person_delete(person=person, actor_id=access.user_id)
        messages.success(
            request, _("Person „%(full_name)s“ gelöscht.") % {"full_name": person.full_name}
        )
        return redirect("cooperation:person_list", access.cooperation.slug)
    return delete_page(
        request,
        title=_("Person löschen"),
        object_label=person.full_name,
        consequences=[_("Alle Mitgliedschaften der Person in Gremien werden ebenfalls gelöscht.")],
        cancel_url=_url("person_detail", access.cooperation.slug, pk),
    )


# --- Locations ---------------------------------------------------------------------------------


@members_only
def location_list(request: HttpRequest, access: Access) -> HttpResponse:
    return render(
        request,
        "cooperation/location_list.html",
        {"locations": selectors.location_list(access=access)},
    )


@members_only
def location_detail(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    location = selectors.location_get(access=access, pk=pk)
    return render(request, "cooperation/location_detail.html", {"location": location})


@coordinator_only
@require_http_methods(["GET", "POST"])
def location_edit(request: HttpRequest, access: Access, pk: int | None = None) -> HttpResponse:
    location = selectors.location_get(access=access, pk=pk) if pk else None
    form = LocationForm(form_data(request), instance=location, cooperation=access.cooperation)
    slug = access.cooperation.slug
    return edit_page(
        request,
        form=form,
        save=lambda: services.location_save(
            cooperation=access.cooperation,
            location=location,
            fields=form.cleaned_data,
            actor_id=access.user_id,
        ),
        saved_message=lambda saved: _("Ort „%(name)s“ gespeichert.") % {"name": saved.name},
        saved_url=lambda saved: _url("location_detail", slug, saved.pk),
        title=_("Ort „%(location)s“ bearbeiten") % {"location": location}
        if location
        else _("Ort anlegen"),
        cancel_url=_url("location_detail", slug, location.pk)
        if location
        else _url("location_list", slug),
    )


@coordinator_only
@require_http_methods(["GET", "POST"])
def location_delete(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    location = selectors.location_get(access=access, pk=pk)
    if request.method == "POST":
        services.location_delete(location=location, actor_id=access.user_id)
        messages.success(request, _("Ort „%(name)s“ gelöscht.") % {"name": location.name})
        return redirect("cooperation:location_list", access.cooperation.slug)
    return delete_page(
        request,
        title=_("Ort löschen"),
        object_label=location.name,
        consequences=[],
        cancel_url=_url("location_detail", access.cooperation.slug, pk),
    )
