"""Goals (the strategic framework), fields of action, and the link from a minutes point."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ikz.accounts.access import Access
from ikz.cooperation.guards import coordinator_only, public
from ikz.projects import selectors, services
from ikz.projects.forms import FieldForm, GoalForm, PointLinkForm
from ikz.projects.models import Goal, Stage
from ikz.projects.views import form_page
from ikz.ui.formviews import delete_page, form_data, form_status, submit

# --- Goals -------------------------------------------------------------------------------------


@public
@require_GET
def goals(request: HttpRequest, access: Access) -> HttpResponse:
    roots = selectors.goals_ranked(access=access)
    return render(request, "projects/goals.html", {"goals": selectors.flatten_goals(roots)})


@coordinator_only
@require_http_methods(["GET", "POST"])
def goal_edit(request: HttpRequest, access: Access, pk: int | None = None) -> HttpResponse:
    goal = selectors.goal_get(access=access, pk=pk) if pk else None
    initial = {}
    if goal is not None:
        initial = {
            "title": goal.title,
            "description": goal.description,
            "rank": goal.rank,
            "parent": goal.parent,
            "set_in_meeting": goal.set_in_meeting,
            "projects": list(goal.projects.all()),
        }
    form = GoalForm(form_data(request), initial=initial, cooperation=access.cooperation, goal=goal)
    saved = submit(
        request,
        form,
        lambda: services.goal_save(
            cooperation=access.cooperation,
            goal=goal,
            title=form.cleaned_data["title"],
            description=form.cleaned_data["description"],
            rank=form.cleaned_data["rank"],
            parent=form.cleaned_data["parent"],
            set_in_meeting=form.cleaned_data["set_in_meeting"],
            projects=list(form.cleaned_data["projects"]),
            actor_id=access.user_id,
        ),
        version_of=goal,
    )
    if saved:
        messages.success(
            request, _("Zielstellung „%(title)s“ gespeichert.") % {"title": saved.title}
        )
        return redirect("projects:goals", access.cooperation.slug)
    return form_page(
        request,
        form=form,
        title=_("Zielstellung bearbeiten") if goal else _("Zielstellung anlegen"),
        cancel_url=reverse("projects:goals", args=[access.cooperation.slug]),
    )


@coordinator_only
@require_http_methods(["GET", "POST"])
def goal_delete(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    goal: Goal = selectors.goal_get(access=access, pk=pk)
    if request.method == "POST":
        services.goal_delete(goal=goal, actor_id=access.user_id)
        messages.success(request, _("Zielstellung „%(title)s“ gelöscht.") % {"title": goal.title})
        return redirect("projects:goals", access.cooperation.slug)
    return delete_page(
        request,
        title=_("Zielstellung löschen"),
        object_label=goal.title,
        consequences=[_("Untergeordnete Ziele werden mitgelöscht; die Vorhaben bleiben.")],
        cancel_url=reverse("projects:goals", args=[access.cooperation.slug]),
    )


# --- Fields of action --------------------------------------------------------------------------


@coordinator_only
@require_http_methods(["GET", "POST"])
def field_list(request: HttpRequest, access: Access, pk: int | None = None) -> HttpResponse:
    """The list of fields with the form to add one (or edit ``pk``) on the same page."""
    field = selectors.field_get(access=access, pk=pk) if pk else None
    form = FieldForm(form_data(request), instance=field)
    saved = submit(
        request,
        form,
        lambda: services.field_save(
            cooperation=access.cooperation,
            field=field,
            name=form.cleaned_data["name"],
            description=form.cleaned_data["description"],
        ),
    )
    if saved:
        messages.success(request, _("Handlungsfeld „%(name)s“ gespeichert.") % {"name": saved.name})
        return redirect("projects:fields", access.cooperation.slug)
    context = {"fields": selectors.field_list(access=access), "form": form, "editing": field}
    status = form_status(request)
    return render(request, "projects/fields.html", context, status=status)


@coordinator_only
@require_http_methods(["GET", "POST"])
def field_delete(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    field = selectors.field_get(access=access, pk=pk)
    if request.method == "POST":
        services.field_delete(field=field, actor_id=access.user_id)
        messages.success(request, _("Handlungsfeld „%(name)s“ gelöscht.") % {"name": field.name})
        return redirect("projects:fields", access.cooperation.slug)
    return delete_page(
        request,
        title=_("Handlungsfeld löschen"),
        object_label=field.name,
        consequences=[_("Die Vorhaben des Feldes bleiben erhalten, ohne Handlungsfeld.")],
        cancel_url=reverse("projects:fields", args=[access.cooperation.slug]),
    )


# --- Link a minutes point to a project (and move it) -------------------------------------------


@coordinator_only
@require_http_methods(["GET", "POST"])
def point_link(request: HttpRequest, access: Access, point_pk: int) -> HttpResponse:
    point = selectors.point_for_link(access=access, pk=point_pk)
    meeting_url = reverse("meetings:detail", args=[access.cooperation.slug, point.meeting_id])
    form = PointLinkForm(
        form_data(request),
        initial={"reason": point.text, "new_title": ""},
        cooperation=access.cooperation,
    )

    def save() -> object:
        data = form.cleaned_data
        if data["project"] is not None:
            return services.link_point_to_project(
                point=point,
                project=data["project"],
                to_stage=data["to_stage"] or None,
                actor_id=access.user_id,
                reason=data["reason"],
            )
        return services.link_point_to_new_project(
            point=point,
            title=data["new_title"],
            to_stage=data["to_stage"] or None,
            actor_id=access.user_id,
            reason=data["reason"],
        )

    saved = submit(request, form, save)
    if saved:
        project = saved.project  # type: ignore[attr-defined]
        to_stage = form.cleaned_data["to_stage"]
        if to_stage:
            text = _("Protokollpunkt mit „%(title)s“ verknüpft, Phase jetzt „%(stage)s“.") % {
                "title": project.title,
                "stage": Stage(to_stage).label,
            }
        else:
            text = _("Protokollpunkt mit „%(title)s“ verknüpft.") % {"title": project.title}
        messages.success(request, text)
        return redirect(f"{meeting_url}#point-{point.pk}")
    linked = selectors.point_projects(access=access, meeting=point.meeting).get(point.pk, [])
    context = {
        "form": form,
        "point": point,
        "meeting": point.meeting,
        "meeting_url": meeting_url,
        "linked": linked,
        "deciding": point.kind in services.DECIDING_POINT_KINDS,
    }
    status = form_status(request)
    return render(request, "projects/point_link.html", context, status=status)
