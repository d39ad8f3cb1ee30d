"""Task lists: filtered and paged, overdue, of a body, one task."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import F, Q, QuerySet
from django.shortcuts import get_object_or_404

from ikz.accounts.access import Access
from ikz.cooperation.models import Body
from ikz.dates import Precision
from ikz.inputs import parse_key
from ikz.meetings.models import Task
from ikz.meetings.selectors.visibility import _owned_by, visible_tasks

TASKS_PER_PAGE = 50
TASK_ORDER = (F("due").asc(nulls_last=True), "pk")


def overdue_q(today: dt.date) -> Q:
    """Open and past due; a month is due until its last day."""
    return Q(state=Task.State.OPEN) & (
        Q(due_precision=Precision.DAY, due__lt=today)
        | Q(due_precision=Precision.MONTH, due__lt=today.replace(day=1))
    )


def _task_rows(tasks: QuerySet[Task]) -> QuerySet[Task]:
    return tasks.select_related(
        "body",
        "owner_person",
        "owner_municipality",
        "owner_body",
        "point__meeting",
        "point__meeting__body",
        "follow_up_meeting",
        "follow_up_meeting__body",
    ).order_by(*TASK_ORDER)


@dataclass
class TaskFilter:
    body_id: int | None = None
    owner: str = ""  # "person:3", "municipality:5", "body:2", or words of the owner's name
    state: str = Task.State.OPEN  # or "all"
    overdue: bool = False
    mine: bool = False


def parse_owner(value: str) -> tuple[str, int] | None:
    kind, _sep, pk = (value or "").partition(":")
    key = parse_key(pk)
    if kind in {"person", "municipality", "body"} and key is not None:
        return kind, key
    return None


# The owner filter's words: at most this many count (each adds a condition over the joins).
OWNER_WORDS = 5
_OWNER_FIELDS = (
    "owner_person__given_name",
    "owner_person__family_name",
    "owner_person__organisation",
    "owner_person__municipality__name",
    "owner_municipality__name",
    "owner_body__name",
    "owner_body__short_name",
)


def owner_words(text: str) -> list[str]:
    """The words of a typed owner filter; the brackets of a shown label ("Anna Berg
    (Borsdorf)") are not part of a name."""
    return text.replace("(", " ").replace(")", " ").split()[:OWNER_WORDS]


def owner_matches(text: str) -> Q:
    """Tasks whose owner's name holds every word of ``text`` (person, municipality or body;
    a person also by the municipality or organisation they belong to)."""
    condition = Q()
    for word in owner_words(text):
        any_field = Q()
        for field in _OWNER_FIELDS:
            any_field |= Q(**{f"{field}__icontains": word})
        condition &= any_field
    return condition


def filtered_tasks(*, access: Access, today: dt.date, filters: TaskFilter) -> QuerySet[Task]:
    tasks = visible_tasks(access=access)
    if filters.mine:
        tasks = tasks.filter(_owned_by(access))
    if filters.body_id is not None:
        tasks = tasks.filter(body_id=filters.body_id)
    owner = parse_owner(filters.owner)
    if owner is not None:
        tasks = tasks.filter(**{f"owner_{owner[0]}_id": owner[1]})
    elif owner_words(filters.owner):
        tasks = tasks.filter(owner_matches(filters.owner))
    if filters.state in Task.State.values:
        tasks = tasks.filter(state=filters.state)
    if filters.overdue:
        tasks = tasks.filter(overdue_q(today))
    return tasks


def mark_overdue(tasks: list[Task], today: dt.date) -> list[Task]:
    for task in tasks:
        task.overdue = task.is_overdue(today)  # type: ignore[attr-defined]
    return tasks


def task_page(*, access: Access, today: dt.date, filters: TaskFilter, page: Any = 1) -> Page[Task]:
    """One page of 50 tasks, each with ``overdue`` set against ``today``."""
    tasks = filtered_tasks(access=access, today=today, filters=filters)
    # Ids first: the sort and the cut run on the bare task rows (no joins), then the page's 50
    # rows are loaded with their relations. The count runs on the bare filter as well.
    ids = tasks.order_by(*TASK_ORDER).values_list("pk", flat=True)
    paginator: Paginator[Any] = Paginator(ids, TASKS_PER_PAGE)
    paginator.count = tasks.order_by().count()
    result = paginator.get_page(page)
    wanted = list(result.object_list)
    by_id = {task.pk: task for task in _task_rows(Task.objects.filter(pk__in=wanted))}
    result.object_list = mark_overdue([by_id[pk] for pk in wanted], today)
    return result


def task_get(*, access: Access, pk: int) -> Task:
    return get_object_or_404(_task_rows(visible_tasks(access=access)), pk=pk)


def task_saved(*, access: Access, pk: int, today: dt.date) -> Task:
    """The task as its list row shows it, read again after a save (a second lookup in the
    request: its own line, so the N+1 detector (zeal) does not take the two for a loop)."""
    task = get_object_or_404(_task_rows(visible_tasks(access=access)), pk=pk)
    return mark_overdue([task], today)[0]


def overdue_tasks(*, access: Access, today: dt.date, limit: int = 5) -> tuple[list[Task], int]:
    """The first overdue tasks the visitor may see, and how many there are in all."""
    tasks = visible_tasks(access=access).filter(overdue_q(today))
    rows = mark_overdue(list(_task_rows(tasks)[:limit]), today)
    return rows, tasks.count()


def body_open_tasks(*, access: Access, body: Body, today: dt.date, limit: int = 10) -> list[Task]:
    tasks = visible_tasks(access=access).filter(body=body, state=Task.State.OPEN)
    return mark_overdue(list(_task_rows(tasks)[:limit]), today)


def task_list(*, access: Access, state: str | None = None) -> QuerySet[Task]:
    """The tasks the visitor may see by due date, optionally in one state (the REST API)."""
    tasks = visible_tasks(access=access).select_related("point").order_by("due", "pk")
    return tasks if state is None else tasks.filter(state=state)
