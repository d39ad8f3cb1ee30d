"""The parts of a project page the coordinator edits: participation, milestones, funding."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ikz.accounts.access import Access
from ikz.cooperation.guards import coordinator_only
from ikz.cooperation.models import Municipality
from ikz.dates import PartialDate
from ikz.projects import selectors, services
from ikz.projects.forms import FundingApplicationForm, MilestoneForm, ParticipationForm
from ikz.projects.models import FundingApplication, Participation, Project
from ikz.projects.selectors import MatrixRow
from ikz.projects.views import form_page
from ikz.tracking.versions import VERSION_FIELD, version_token_or_absent
from ikz.ui.formviews import delete_page, form_data, refused_status, submit, with_token
from ikz.ui.htmx import is_htmx


def _detail(access: Access, pk: int, anchor: str = "") -> str:
    url = reverse("projects:detail", args=[access.cooperation.slug, pk])
    return f"{url}#{anchor}" if anchor else url


# --- Participation: one row of the matrix, swapped by htmx ------------------------------------


@coordinator_only
@require_http_methods(["GET", "POST"])
def participation_row(
    request: HttpRequest, access: Access, pk: int, municipality_pk: int
) -> HttpResponse:
    """One row's form: by htmx the row in edit mode (GET) and, saved, read-only again (POST);
    without JavaScript the form page and a redirect to the matrix."""
    project = selectors.project_for_write(access=access, pk=pk)
    municipality = selectors.participation_municipality(access=access, pk=municipality_pk)
    current = selectors.participation_of(access=access, project=project, municipality=municipality)
    initial = (
        {"status": current.status, "date": current.date, "note": current.note} if current else {}
    )
    form = ParticipationForm(form_data(request), initial=initial, prefix=f"m{municipality.pk}")
    with_token(form, version_token_or_absent(current))
    saved = submit(
        request,
        form,
        lambda: services.participation_set(
            project=project,
            municipality=municipality,
            status=form.cleaned_data["status"],
            date=form.cleaned_data["date"],
            note=form.cleaned_data["note"],
            version=form.cleaned_data[VERSION_FIELD],
        ),
    )
    if not is_htmx(request):
        if saved:
            messages.success(
                request,
                _("Beteiligung von %(municipality)s gespeichert.")
                % {"municipality": municipality.name},
            )
            return redirect(_detail(access, pk, "beteiligung"))
        return form_page(
            request,
            form=form,
            title=_("Beteiligung %(municipality)s: %(title)s")
            % {"municipality": municipality.name, "title": project.title},
            cancel_url=_detail(access, pk, "beteiligung"),
        )
    if saved:
        return _matrix_row(request, access, project, municipality, saved=True)
    context = {
        "row": MatrixRow(municipality=municipality, participation=current),
        "project": project,
        "form": form,
        "participation_statuses": Participation.Status.choices,
    }
    status = 200 if request.method != "POST" else refused_status(request)
    return render(request, "projects/_participation_edit.html", context, status=status)


@coordinator_only
@require_GET
def participation_show(
    request: HttpRequest, access: Access, pk: int, municipality_pk: int
) -> HttpResponse:
    """The row read-only again ("Abbrechen" in the row's form); a plain GET goes to the page."""
    project = selectors.project_for_write(access=access, pk=pk)
    municipality = selectors.participation_municipality(access=access, pk=municipality_pk)
    if not is_htmx(request):
        return redirect(_detail(access, pk, "beteiligung"))
    return _matrix_row(request, access, project, municipality, saved=False)


def _matrix_row(
    request: HttpRequest,
    access: Access,
    project: Project,
    municipality: Municipality,
    *,
    saved: bool,
) -> HttpResponse:
    participation = selectors.participation_of(
        access=access, project=project, municipality=municipality
    )
    row = MatrixRow(municipality=municipality, participation=participation)
    context = {
        "row": row,
        "project": project,
        "project_url": _detail(access, project.pk),
        "saved": saved,
        "swapped": True,
    }
    return render(request, "projects/_participation_row.html", context)


# --- Milestones --------------------------------------------------------------------------------


@coordinator_only
@require_http_methods(["GET", "POST"])
def milestone_edit(
    request: HttpRequest, access: Access, pk: int, milestone_pk: int | None = None
) -> HttpResponse:
    project = selectors.project_for_write(access=access, pk=pk)
    milestone = (
        selectors.milestone_get(access=access, project=project, pk=milestone_pk)
        if milestone_pk
        else None
    )
    initial: dict[str, Any] = {}
    if milestone is not None:
        initial = {
            "title": milestone.title,
            "when": milestone.when,
            "is_deadline": milestone.is_deadline,
            "done": milestone.done,
            "done_on": milestone.done_on,
        }
    form = MilestoneForm(form_data(request), initial=initial)
    saved = submit(
        request,
        form,
        lambda: services.milestone_save(project=project, milestone=milestone, **form.cleaned_data),
        version_of=milestone,
    )
    if saved:
        messages.success(
            request, _("Meilenstein „%(title)s“ gespeichert.") % {"title": saved.title}
        )
        return redirect(_detail(access, pk, "meilensteine"))
    return form_page(
        request,
        form=form,
        title=_("Meilenstein bearbeiten") if milestone else _("Meilenstein anlegen"),
        cancel_url=_detail(access, pk, "meilensteine"),
        intro=_("Vorhaben: %(title)s") % {"title": project.title},
    )


@coordinator_only
@require_POST
def milestone_done(
    _request: HttpRequest, access: Access, pk: int, milestone_pk: int
) -> HttpResponse:
    project = selectors.project_for_write(access=access, pk=pk)
    milestone = selectors.milestone_get(access=access, project=project, pk=milestone_pk)
    services.milestone_set_done(milestone=milestone, done=not milestone.done)
    return redirect(_detail(access, pk, "meilensteine"))


@coordinator_only
@require_http_methods(["GET", "POST"])
def milestone_delete(
    request: HttpRequest, access: Access, pk: int, milestone_pk: int
) -> HttpResponse:
    project = selectors.project_for_write(access=access, pk=pk)
    milestone = selectors.milestone_get(access=access, project=project, pk=milestone_pk)
    if request.method == "POST":
        services.milestone_delete(milestone=milestone, actor_id=access.user_id)
        messages.success(
            request, _("Meilenstein „%(title)s“ gelöscht.") % {"title": milestone.title}
        )
        return redirect(_detail(access, pk, "meilensteine"))
    return delete_page(
        request,
        title=_("Meilenstein löschen"),
        object_label=milestone.title,
        consequences=[],
        cancel_url=_detail(access, pk, "meilensteine"),
    )


# --- Funding applications ----------------------------------------------------------------------


@coordinator_only
@require_http_methods(["GET", "POST"])
def funding_edit(
    request: HttpRequest, access: Access, pk: int, application_pk: int | None = None
) -> HttpResponse:
    project = selectors.project_for_write(access=access, pk=pk)
    application = (
        selectors.funding_application_get(access=access, project=project, pk=application_pk)
        if application_pk
        else None
    )
    initial: dict[str, Any] = {}
    if application is not None:
        initial = {
            "programme": application.programme,
            "deadline": PartialDate.from_fields(
                application.deadline, application.deadline_precision
            ),
            "amount_applied": application.amount_applied,
            "amount_granted": application.amount_granted,
            "state": application.state,
            "submitted_on": application.submitted_on,
        }
    form = FundingApplicationForm(
        form_data(request), initial=initial, cooperation=access.cooperation
    )

    def save() -> FundingApplication:
        data = form.cleaned_data
        programme = data["programme"] or services.funding_programme_save(
            cooperation=access.cooperation, name=data["new_programme"], funder=data["funder"]
        )
        return services.funding_application_save(
            project=project,
            application=application,
            programme=programme,
            deadline=data["deadline"],
            amount_applied=data["amount_applied"],
            amount_granted=data["amount_granted"],
            state=data["state"],
            submitted_on=data["submitted_on"],
        )

    saved = submit(request, form, save, version_of=application)
    if saved:
        messages.success(request, _("Förderantrag gespeichert."))
        return redirect(_detail(access, pk, "foerderung"))
    return form_page(
        request,
        form=form,
        title=_("Förderantrag bearbeiten") if application else _("Förderantrag anlegen"),
        cancel_url=_detail(access, pk, "foerderung"),
        intro=_("Vorhaben: %(title)s") % {"title": project.title},
    )


@coordinator_only
@require_http_methods(["GET", "POST"])
def funding_delete(
    request: HttpRequest, access: Access, pk: int, application_pk: int
) -> HttpResponse:
    project = selectors.project_for_write(access=access, pk=pk)
    application = selectors.funding_application_get(
        access=access, project=project, pk=application_pk
    )
    if request.method == "POST":
        services.funding_application_delete(application=application, actor_id=access.user_id)
        messages.success(request, _("Förderantrag gelöscht."))
        return redirect(_detail(access, pk, "foerderung"))
    return delete_page(
        request,
        title=_("Förderantrag löschen"),
        object_label=application.programme.name,
        consequences=[_("Das Förderprogramm selbst bleibt erhalten.")],
        cancel_url=_detail(access, pk, "foerderung"),
    )
