"""Project pages: board, list, detail, create/edit/delete and the stage change.

Thin: access through the guards, reads through selectors, writes through services. The
detail page's parts (participation, milestones, funding) are in ``views_plan``; goals, fields
and the link from the minutes in ``views_goals``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from ikz.accounts.access import Access
from ikz.cooperation.guards import coordinator_only, public
from ikz.cooperation.panels import deadline_panels, project_panels
from ikz.cooperation.selectors import municipality_list, visible_bodies
from ikz.inputs import parse_key
from ikz.projects import selectors, services
from ikz.projects.forms import ProjectForm, StageChangeForm
from ikz.projects.models import Stage
from ikz.ui.formviews import delete_page, form_data, form_status, submit

FILTER_PARAMS = {"feld": "field_id", "gremium": "body_id", "kommune": "municipality_id"}


def today() -> dt.date:
    return timezone.localdate()


def _int(value: str) -> int | None:
    return parse_key(value)


def _filters(request: HttpRequest, *, with_stage: bool = False) -> selectors.ProjectFilter:
    return selectors.ProjectFilter(
        **{name: _int(request.GET.get(param, "")) for param, name in FILTER_PARAMS.items()},
        stage=request.GET.get("phase", "") if with_stage else "",
    )


def _filter_context(access: Access, filters: selectors.ProjectFilter) -> dict[str, Any]:
    return {
        "filters": filters,
        "field_options": selectors.field_options(access=access),
        "body_options": visible_bodies(access=access).order_by("name"),
        "municipality_options": municipality_list(access=access),
        "stage_options": Stage.choices,
    }


def form_page(
    request: HttpRequest, *, form: Any, title: str, cancel_url: str, intro: str = ""
) -> HttpResponse:
    """The generic form page with an optional intro line; a re-shown POST answers 400."""
    context = {"form": form, "title": title, "cancel_url": cancel_url, "intro": intro}
    status = form_status(request)
    return render(request, "projects/form.html", context, status=status)


def _detail_url(access: Access, pk: int) -> str:
    return reverse("projects:detail", args=[access.cooperation.slug, pk])


# --- Board and list ----------------------------------------------------------------------------


def _board_links(access: Access, filters: selectors.ProjectFilter) -> dict[str, Any]:
    """URLs of the board built once: cards append their id, columns their stage."""
    slug = access.cooperation.slug
    suffix = "".join(
        f"&{param}={getattr(filters, name)}"
        for param, name in FILTER_PARAMS.items()
        if getattr(filters, name)
    )
    return {
        "board_url": reverse("projects:board", args=[slug]),
        "list_url": reverse("projects:list", args=[slug]),
        "filter_suffix": suffix,
        "movable": {stage for stage in Stage.values if services.allowed_targets(stage)},
    }


@public
@require_GET
def board(request: HttpRequest, access: Access) -> HttpResponse:
    filters = _filters(request)
    columns = selectors.board(access=access, filters=filters)
    context = {
        "columns": [c for c in columns if not c.is_closed],
        "closed_columns": [c for c in columns if c.is_closed],
        "query": request.GET.urlencode(),
        **_board_links(access, filters),
        **_filter_context(access, filters),
    }
    return render(request, "projects/board.html", context)


@public
@require_GET
def board_column(request: HttpRequest, access: Access, stage: str) -> HttpResponse:
    """The next cards of one column ("weitere"), as list items for htmx to put in place."""
    if stage not in Stage.values:
        raise Http404(_("Unbekannte Phase."))
    offset = max(_int(request.GET.get("ab", "")) or 0, 0)
    filters = _filters(request)
    cards, total = selectors.board_cards(access=access, filters=filters, stage=stage, offset=offset)
    context = {
        "cards": cards,
        "stage": stage,
        "shown": offset + len(cards),
        "hidden": max(total - offset - len(cards), 0),
        **_board_links(access, filters),
    }
    return render(request, "projects/_board_more.html", context)


SORT_COLUMNS = [
    ("titel", gettext_lazy("Titel")),
    ("feld", gettext_lazy("Handlungsfeld")),
    ("phase", gettext_lazy("Phase")),
    ("federfuehrung", gettext_lazy("Federführung")),
    ("aenderung", gettext_lazy("letzte Änderung")),
]


@public
@require_GET
def project_list(request: HttpRequest, access: Access) -> HttpResponse:
    filters = _filters(request, with_stage=True)
    sort = request.GET.get("sort", "titel")
    if sort not in selectors.SORTS:
        sort = "titel"
    page = selectors.project_page(
        access=access, filters=filters, sort=sort, page=request.GET.get("seite")
    )
    params = request.GET.copy()
    params.pop("seite", None)
    params.pop("sort", None)
    columns = []
    for key, label in SORT_COLUMNS:
        active = sort.lstrip("-") == key
        descending = sort.startswith("-")
        next_sort = f"-{key}" if active and not descending else key
        aria = ("descending" if descending else "ascending") if active else "none"
        query = params.copy()
        query["sort"] = next_sort
        columns.append({"label": label, "url": "?" + query.urlencode(), "aria_sort": aria})
    page_params = request.GET.copy()
    page_params.pop("seite", None)
    context = {
        "page": page,
        "sort_columns": columns,
        "page_query": page_params.urlencode(),
        **_filter_context(access, filters),
    }
    return render(request, "projects/project_list.html", context)


@public
@require_GET
def deadlines(request: HttpRequest, access: Access) -> HttpResponse:
    rows = selectors.deadline_list(access=access, today=today())
    panels, panel_context = deadline_panels(access=access, today=today())
    context = {"deadlines": rows, "today": today(), "panels": panels, **panel_context}
    return render(request, "projects/deadlines.html", context)


# --- Detail ------------------------------------------------------------------------------------


@public
@require_GET
def project_detail(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    limit = selectors.TIMELINE_LIMIT
    if request.GET.get("verlauf") == "alle":
        limit = 100_000
    detail = selectors.project_detail(access=access, pk=pk, today=today(), limit=limit)
    context = {
        "detail": detail,
        "project": detail.project,
        "project_url": _detail_url(access, detail.project.pk),  # the matrix rows build on it
        "today": today(),
        "stage_targets": [
            (stage, Stage(stage).label) for stage in services.allowed_targets(detail.project.stage)
        ],
    }
    panels, panel_context = project_panels(access=access, project=detail.project, today=today())
    context.update(panels=panels, **panel_context)
    return render(request, "projects/project_detail.html", context)


# --- Create, edit, delete ----------------------------------------------------------------------


@coordinator_only
@require_http_methods(["GET", "POST"])
def project_edit(request: HttpRequest, access: Access, pk: int | None = None) -> HttpResponse:
    project = selectors.project_for_write(access=access, pk=pk) if pk else None
    form = ProjectForm(form_data(request), instance=project, cooperation=access.cooperation)
    fields = form.Meta.fields

    def save() -> Any:
        values = {name: form.cleaned_data[name] for name in fields}
        if project is None:
            return services.project_create(
                cooperation=access.cooperation, fields=values, actor_id=access.user_id
            )
        return services.project_update(project=project, fields=values, actor_id=access.user_id)

    saved = submit(request, form, save)
    if saved:
        messages.success(request, _("Vorhaben „%(title)s“ gespeichert.") % {"title": saved.title})
        return redirect("projects:detail", access.cooperation.slug, saved.pk)
    slug = access.cooperation.slug
    return form_page(
        request,
        form=form,
        title=_("Vorhaben „%(title)s“ bearbeiten") % {"title": project}
        if project
        else _("Vorhaben anlegen"),
        cancel_url=_detail_url(access, project.pk)
        if project
        else reverse("projects:board", args=[slug]),
    )


@coordinator_only
@require_http_methods(["GET", "POST"])
def project_delete(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    project = selectors.project_for_write(access=access, pk=pk)
    if request.method == "POST":
        services.project_delete(project=project, actor_id=access.user_id)
        messages.success(request, _("Vorhaben „%(title)s“ gelöscht.") % {"title": project.title})
        return redirect("projects:board", access.cooperation.slug)
    return delete_page(
        request,
        title=_("Vorhaben löschen"),
        object_label=project.title,
        consequences=[
            _("Historie, Beteiligungen, Meilensteine und Förderanträge werden mitgelöscht."),
            _("Die Protokollpunkte der Sitzungen bleiben erhalten."),
        ],
        cancel_url=_detail_url(access, pk),
    )


# --- Stage change: the form behind the board's keyboard and drag-and-drop move ---------------


@coordinator_only
@require_http_methods(["GET", "POST"])
def stage_change(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    project = selectors.project_for_write(access=access, pk=pk)
    back = request.GET.get("zurueck", "")
    initial = {"date": today(), "is_public": True}
    if request.GET.get("phase") in services.allowed_targets(project.stage):
        initial["to_stage"] = request.GET["phase"]
    form = StageChangeForm(form_data(request), initial=initial, current=project.stage)
    if not services.allowed_targets(project.stage):
        messages.info(request, _("Aus dieser Phase ist kein Wechsel vorgesehen."))
        return redirect("projects:detail", access.cooperation.slug, pk)
    saved = submit(
        request,
        form,
        lambda: services.project_change_stage(
            project=project,
            to_stage=form.cleaned_data["to_stage"],
            date=form.cleaned_data["date"],
            actor_id=access.user_id,
            reason=form.cleaned_data["reason"],
            is_public=form.cleaned_data["is_public"],
        ),
        version_of=project,
    )
    if saved:
        messages.success(
            request,
            _("„%(title)s“ ist jetzt in der Phase „%(stage)s“.")
            % {"title": project.title, "stage": Stage(project.stage).label},
        )
        if back == "board":
            return redirect("projects:board", access.cooperation.slug)
        return redirect("projects:detail", access.cooperation.slug, pk)
    cancel = (
        reverse("projects:board", args=[access.cooperation.slug])
        if back == "board"
        else _detail_url(access, pk)
    )
    return form_page(
        request,
        form=form,
        title=_("Phase ändern: %(title)s") % {"title": project.title},
        cancel_url=cancel,
        intro=_("Aktuelle Phase: %(stage)s") % {"stage": Stage(project.stage).label},
    )
