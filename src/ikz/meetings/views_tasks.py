"""Task pages: the cooperation's tasks with filters, "Meine Aufgaben", state and hand-over."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ikz.accounts.access import Access
from ikz.cooperation.guards import coordinator_only, members_only
from ikz.cooperation.selectors import visible_bodies
from ikz.inputs import normalise_text, parse_key, safe_local_url
from ikz.meetings import selectors, services
from ikz.meetings.forms import OwnerLookup, TaskForm, TaskMoveForm
from ikz.meetings.models import Task
from ikz.meetings.selectors import TaskFilter
from ikz.meetings.views_common import today
from ikz.ui.formviews import form_data, form_status, refused_status, submit
from ikz.ui.htmx import is_htmx

STATE_PARAMS = {
    "offen": Task.State.OPEN,
    "erledigt": Task.State.DONE,
    "verworfen": Task.State.DROPPED,
    "alle": "all",
}


# The owner filter is a text field (docs/meetings.md, "Aufgaben"); a longer input is cut.
OWNER_FILTER_LENGTH = 100


def _filters(request: HttpRequest, *, mine: bool, body_ids: set[int]) -> TaskFilter:
    body = parse_key(request.GET.get("gremium", ""))
    owner = normalise_text(request.GET.get("verantwortlich", ""))[:OWNER_FILTER_LENGTH]
    return TaskFilter(
        body_id=body if body in body_ids else None,
        owner=owner.strip() if not mine else "",
        state=STATE_PARAMS.get(request.GET.get("status", "offen"), Task.State.OPEN),
        overdue=request.GET.get("ueberfaellig") == "1",
        mine=mine,
    )


def _list_page(request: HttpRequest, access: Access, *, mine: bool) -> HttpResponse:
    bodies = list(visible_bodies(access=access).order_by("name"))
    filters = _filters(request, mine=mine, body_ids={body.pk for body in bodies})
    page = selectors.task_page(
        access=access, today=today(), filters=filters, page=request.GET.get("seite", 1)
    )
    query = request.GET.copy()
    query.pop("seite", None)
    context: dict[str, Any] = {
        "page": page,
        "tasks": page.object_list,
        "filters": filters,
        "state_param": request.GET.get("status", "offen")
        if request.GET.get("status") in STATE_PARAMS
        else "offen",
        "bodies": bodies,
        "owner_text": _owner_text(access, filters.owner),
        "mine": mine,
        "title": _("Meine Aufgaben") if mine else _("Aufgaben"),
        "query": query.urlencode(),
        "today": today(),
    }
    return render(request, "meetings/task_list.html", context)


def _owner_text(access: Access, owner: str) -> str:
    """What the owner filter shows: the typed words, or the name an address's "person:12"
    stands for (one lookup, only then)."""
    if selectors.parse_owner(owner) is None:
        return owner
    return selectors.owner_label(selectors.owner_get(access=access, value=owner))


@members_only
@require_GET
def task_list(request: HttpRequest, access: Access) -> HttpResponse:
    return _list_page(request, access, mine=False)


@members_only
@require_GET
def my_tasks(request: HttpRequest, access: Access) -> HttpResponse:
    return _list_page(request, access, mine=True)


def _back(request: HttpRequest, access: Access) -> str:
    target = request.POST.get("next") or request.GET.get("next", "")
    return safe_local_url(request, target) or reverse("tasks:list", args=[access.cooperation.slug])


@coordinator_only
@require_POST
def task_state(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    task = selectors.task_get(access=access, pk=pk)
    error = ""
    try:
        changed = services.task_set_state(
            task=task, state=request.POST.get("state", ""), today=today(), actor_id=access.user_id
        )
    except ValidationError as exc:
        error = " ".join(exc.messages)
    else:
        task.state, task.completed_on = changed.state, changed.completed_on
    if is_htmx(request):
        selectors.mark_overdue([task], today())
        context = {
            "task": task,
            "error": error,
            "announce": ""
            if error
            else _("Status: %(state)s.") % {"state": task.get_state_display()},
            "next": _back(request, access),
            "swapped": True,
        }
        return render(
            request,
            "meetings/_task_row.html",
            context,
            status=refused_status(request) if error else 200,
        )
    if error:
        messages.error(request, error)
    else:
        messages.success(
            request,
            _("Aufgabe „%(title)s“: %(state)s.")
            % {"title": task.title, "state": task.get_state_display()},
        )
    return redirect(_back(request, access))


@coordinator_only
@require_http_methods(["GET", "POST"])
def task_move(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    task = selectors.task_get(access=access, pk=pk)
    form = TaskMoveForm(form_data(request), cooperation=access.cooperation, task=task)
    saved = submit(
        request,
        form,
        lambda: services.task_move(
            task=task, body=form.cleaned_data["body"], today=today(), actor_id=access.user_id
        ),
    )
    if saved and saved.follow_up_meeting is not None:
        meeting = saved.follow_up_meeting
        messages.success(
            request,
            _("Aufgabe „%(title)s“ an „%(heading)s“ (%(when)s) übergeben.")
            % {"title": saved.title, "heading": meeting.heading, "when": meeting.when},
        )
        return redirect(_back(request, access))
    upcoming = [
        (body, selectors.upcoming_meeting_of(body=body, today=today()))
        for body in form.fields["body"].queryset  # type: ignore[attr-defined]
    ]
    return render(
        request,
        "meetings/task_move.html",
        {
            "form": form,
            "task": task,
            "upcoming": upcoming,
            "title": _("Aufgabe an anderes Gremium übergeben"),
            "cancel_url": _back(request, access),
            "next": request.GET.get("next", request.POST.get("next", "")),
        },
        status=form_status(request),
    )


def _owner_lookup(access: Access) -> OwnerLookup:
    """A chosen owner is checked with one query; the whole list only fills a shown select."""
    return lambda value: selectors.owner_get(access=access, value=value)


def _row(request: HttpRequest, access: Access, task: Task, *, announce: str = "") -> HttpResponse:
    """The task's row, read-only, after a save or "Abbrechen" in its edit row (htmx)."""
    context = {
        "task": task,
        "announce": announce,
        "swapped": True,
        "next": _back(request, access),
    }
    return render(request, "meetings/_task_row.html", context)


@coordinator_only
@require_GET
def task_row(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    """The row read-only again ("Abbrechen" in the edit row); a plain GET goes to the list."""
    task = selectors.task_get(access=access, pk=pk)
    if not is_htmx(request):
        return redirect(_back(request, access))
    return _row(request, access, selectors.mark_overdue([task], today())[0])


@coordinator_only
@require_http_methods(["GET", "POST"])
def task_edit(request: HttpRequest, access: Access, pk: int | None = None) -> HttpResponse:
    """The task's form: by htmx its row of the list in edit mode (GET) and read-only again
    once saved (POST); without JavaScript the form page, with the state buttons."""
    task = selectors.task_get(access=access, pk=pk) if pk else None
    in_row = task is not None and is_htmx(request)
    form = TaskForm(
        form_data(request),
        instance=task,
        cooperation=access.cooperation,
        owner_lookup=_owner_lookup(access),
        # A prefix per task: two rows open for editing at once keep their ids apart.
        prefix=f"task{task.pk}" if in_row and task else None,
    )

    def save() -> Task:
        data = form.cleaned_data
        if task is None:
            return services.task_create(
                cooperation=access.cooperation,
                body=data["body"],
                title=data["title"],
                owner=data["owner"],
                due=data.get("due_date"),
                actor_id=access.user_id,
            )
        return services.task_update(
            task=task, title=data["title"], owner=data["owner"], due=data.get("due_date")
        )

    saved = submit(request, form, save)
    message = _("Aufgabe „%(title)s“ gespeichert.") % {"title": saved.title} if saved else ""
    if saved and in_row:
        shown = selectors.task_saved(access=access, pk=saved.pk, today=today())
        return _row(request, access, shown, announce=message)
    if saved:
        messages.success(request, message)
        return redirect(_back(request, access))
    form.show_owners(selectors.owner_choices(access=access))
    if in_row:
        context = {"task": task, "form": form, "next": _back(request, access)}
        return render(request, "meetings/_task_edit_row.html", context, status=form_status(request))
    return render(
        request,
        "meetings/task_edit.html",
        {
            "form": form,
            "task": task,
            "title": _("Aufgabe bearbeiten") if task else _("Aufgabe anlegen"),
            "cancel_url": _back(request, access),
            "next": _back(request, access),
        },
        status=form_status(request),
    )
