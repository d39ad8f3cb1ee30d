"""Reads of meetings, minutes and tasks, always filtered by the cooperation and visibility.

Visibility, in this one place:

* Coordinator: everything of the cooperation.
* Member: public meetings and the internal meetings of their bodies; the minutes of a meeting
  only once they are published. Tasks of their bodies and tasks they (their person, their
  municipality or one of their bodies) own.
* Public (anonymous, or logged in without a role): public meetings; their minutes once
  published, without internal points and their sub-points. No task lists.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import F, Max, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from ikz.accounts.access import Access
from ikz.cooperation.models import Body, Municipality, Person
from ikz.dates import Precision, format_month_long
from ikz.meetings.models import AgendaItem, Attendance, Meeting, Point, Task

TASKS_PER_PAGE = 50


# --- Helpers for services ----------------------------------------------------------------------


def next_number(*, body: Body) -> int:
    """The number the body's next meeting gets: one more than the highest so far."""
    highest = Meeting.objects.filter(body=body).aggregate(highest=Max("number"))["highest"]
    return (highest or 0) + 1


def _not_past(today: dt.date) -> Q:
    """Meetings whose day, or whole month, is not over yet."""
    return Q(date__gte=today) | Q(date_precision=Precision.MONTH, date__gte=today.replace(day=1))


def upcoming_meeting_of(*, body: Body, today: dt.date) -> Meeting | None:
    """The body's earliest meeting that is not held yet and not over: where tasks go next."""
    return (
        Meeting.objects.filter(body=body, state__in=[Meeting.State.PLANNED, Meeting.State.INVITED])
        .filter(_not_past(today))
        .select_related("body")
        .order_by("date", "start_time", "pk")
        .first()
    )


# --- Meetings ----------------------------------------------------------------------------------


def visible_meetings(*, access: Access) -> QuerySet[Meeting]:
    meetings = Meeting.objects.filter(cooperation=access.cooperation)
    if access.is_coordinator:
        return meetings
    if access.is_member:
        return meetings.filter(Q(is_public=True) | Q(body_id__in=access.body_ids))
    return meetings.filter(is_public=True)


def _with_relations(meetings: QuerySet[Meeting]) -> QuerySet[Meeting]:
    return meetings.select_related("body", "location", "location__municipality")


def meeting_get(*, access: Access, pk: int) -> Meeting:
    return get_object_or_404(_with_relations(visible_meetings(access=access)), pk=pk)


def can_see_minutes(*, access: Access, meeting: Meeting) -> bool:
    return access.is_coordinator or meeting.state == Meeting.State.MINUTES_PUBLISHED


def can_see_internal_points(*, access: Access) -> bool:
    return access.is_member


@dataclass
class PointNode:
    point: Point
    depth: int
    children: list[PointNode | Draft] = field(default_factory=list)
    is_draft = False

    @property
    def task(self) -> Task | None:
        # The reverse one-to-one raises when there is no task; select_related has filled it.
        return getattr(self.point, "task", None) if self.point.kind == Point.Kind.TASK else None


@dataclass
class Draft:
    """A point being typed that is not saved yet: where it would go and what it holds."""

    agenda_item_id: int | None
    parent_id: int | None
    position: int
    text: str = ""
    kind: str = Point.Kind.INFORMATION
    owner: str = ""
    due: str = ""
    errors: dict[str, list[str]] = field(default_factory=dict)
    is_internal: bool = False
    depth: int = 0
    # "draft" for a draft inside the tree, "new-<section>" for a section's last row.
    key: str = "draft"
    is_draft = True


@dataclass
class Token:
    """One step of a tree flattened for a loop in a template: open/close a list or an item."""

    kind: str  # "open", "item", "end", "close"
    node: PointNode | Draft | None = None


@dataclass
class Section:
    """The points under one agenda item (or under the meeting itself: ``item`` is None)."""

    item: AgendaItem | None
    number: str
    depth: int
    roots: list[PointNode | Draft] = field(default_factory=list)
    carried_over: bool = False
    # The editor's "new point" row at the end of the section.
    end_draft: Draft | None = None

    @property
    def key(self) -> str:
        return str(self.item.pk) if self.item else "0"

    @property
    def tokens(self) -> list[Token]:
        return flatten(self.roots)

    @property
    def is_empty(self) -> bool:
        return not self.roots


def flatten(roots: list[PointNode | Draft]) -> list[Token]:
    """Nested lists as a flat token stream, without recursion (minutes can nest deeply)."""
    tokens: list[Token] = []
    if not roots:
        return tokens
    tokens.append(Token("open"))
    stack: list[Any] = [iter(roots)]
    while stack:
        node = next(stack[-1], None)
        if node is None:
            stack.pop()
            tokens.append(Token("close"))
            if stack:
                tokens.append(Token("end"))
            continue
        tokens.append(Token("item", node))
        children = getattr(node, "children", None)
        if children:
            tokens.append(Token("open"))
            stack.append(iter(children))
        else:
            tokens.append(Token("end"))
    return tokens


@dataclass
class MeetingDetail:
    meeting: Meeting
    agenda: list[tuple[AgendaItem, str, int]]  # item, number ("2.1"), depth
    sections: list[Section]
    show_minutes: bool
    attendances: list[Attendance]
    municipalities: list[Municipality]
    point_count: int

    @property
    def has_points(self) -> bool:
        return any(not section.is_empty for section in self.sections)


def _agenda_order(items: list[AgendaItem]) -> list[tuple[AgendaItem, str, int]]:
    children: dict[int | None, list[AgendaItem]] = defaultdict(list)
    for item in items:
        children[item.parent_id].append(item)
    for siblings in children.values():
        siblings.sort(key=lambda item: (item.position, item.pk))
    ordered: list[tuple[AgendaItem, str, int]] = []
    stack: list[tuple[AgendaItem, str, int]] = [
        (item, str(index), 0) for index, item in reversed(list(enumerate(children[None], 1)))
    ]
    while stack:
        item, number, depth = stack.pop()
        ordered.append((item, number, depth))
        stack.extend(
            (child, f"{number}.{index}", depth + 1)
            for index, child in reversed(list(enumerate(children[item.pk], 1)))
        )
    return ordered


def build_point_forest(
    points: list[Point], *, hide_internal: bool
) -> dict[int | None, list[PointNode]]:
    """Root nodes per agenda item id; internal points (with their subtrees) left out if asked."""
    nodes = {point.pk: PointNode(point=point, depth=0) for point in points}
    kids: dict[int | None, list[Point]] = defaultdict(list)
    for point in points:
        kids[point.parent_id].append(point)
    for siblings in kids.values():
        siblings.sort(key=lambda point: (point.position, point.pk))
    roots: dict[int | None, list[PointNode]] = defaultdict(list)
    stack = [(point, 0) for point in reversed(kids[None])]
    while stack:
        point, depth = stack.pop()
        if hide_internal and point.is_internal:
            continue
        node = nodes[point.pk]
        node.depth = depth
        if point.parent_id is None:
            roots[point.agenda_item_id].append(node)
        else:
            nodes[point.parent_id].children.append(node)
        stack.extend((child, depth + 1) for child in reversed(kids[point.pk]))
    return roots


def meeting_detail(*, access: Access, pk: int) -> MeetingDetail:
    """The meeting with agenda, minutes tree and attendance in a fixed number of queries."""
    meeting = meeting_get(access=access, pk=pk)
    items = list(
        AgendaItem.objects.filter(meeting=meeting, cooperation=access.cooperation).select_related(
            # The survey: its evaluation is linked from the agenda (no extra query per item).
            "presenter",
            "presenter__municipality",
            "carried_over_from",
            "survey",
        )
    )
    agenda = _agenda_order(items)
    show_minutes = can_see_minutes(access=access, meeting=meeting)
    points: list[Point] = []
    if show_minutes:
        points = list(
            Point.objects.filter(meeting=meeting, cooperation=access.cooperation)
            .select_related(
                "task",
                "task__owner_person",
                "task__owner_municipality",
                "task__owner_body",
                "task__follow_up_meeting",
                "task__follow_up_meeting__body",
            )
            .order_by("parent_id", "position", "pk")
        )
    roots = build_point_forest(points, hide_internal=not can_see_internal_points(access=access))
    sections = [Section(item=None, number="", depth=0, roots=list(roots.get(None, [])))]
    sections += [
        Section(
            item=item,
            number=number,
            depth=depth,
            roots=list(roots.get(item.pk, [])),
            carried_over=item.carried_over_from_id is not None,
        )
        for item, number, depth in agenda
    ]
    attendances: list[Attendance] = list(
        Attendance.objects.filter(meeting=meeting, cooperation=access.cooperation)
        .select_related("person", "person__municipality")
        .order_by("person__municipality__name", "person__family_name", "person__given_name")
    )
    municipalities = sorted(
        {
            a.person.municipality.pk: a.person.municipality
            for a in attendances
            if a.status == Attendance.Status.PRESENT and a.person.municipality is not None
        }.values(),
        key=lambda municipality: municipality.name,
    )
    return MeetingDetail(
        meeting=meeting,
        agenda=agenda,
        sections=sections,
        show_minutes=show_minutes,
        attendances=attendances if access.is_member else [],
        municipalities=municipalities,
        point_count=len(points),
    )


def place_drafts(detail: MeetingDetail, draft: Draft | None) -> None:
    """Give every section its "new point" row and put ``draft`` (unsaved) where it would go.

    A draft at the end of a section's top level is that section's "new point" row; a draft
    whose parent has gone meanwhile lands there too, so that its text is not lost.
    """
    for section in detail.sections:
        section_id = section.item.pk if section.item else None
        section.end_draft = Draft(
            agenda_item_id=section_id,
            parent_id=None,
            position=len(section.roots),
            key=f"new-{section.key}",
        )
        if draft is None or draft.agenda_item_id != section_id:
            continue
        parent = _find(section.roots, draft.parent_id) if draft.parent_id else None
        if parent is None and (draft.parent_id is not None or draft.position >= len(section.roots)):
            draft.parent_id = None
            draft.position = len(section.roots)
            draft.depth = 0
            draft.key = section.end_draft.key
            section.end_draft = draft
            continue
        siblings = parent.children if parent else section.roots
        draft.depth = parent.depth + 1 if parent else 0
        draft.key = "draft"
        draft.position = min(max(draft.position, 0), len(siblings))
        siblings.insert(draft.position, draft)


def _find(roots: list[PointNode | Draft], pk: int) -> PointNode | None:
    stack = list(roots)
    while stack:
        node = stack.pop()
        if isinstance(node, PointNode):
            if node.point.pk == pk:
                return node
            stack.extend(node.children)
    return None


@dataclass
class MonthGroup:
    month: dt.date
    meetings: list[Meeting]

    @property
    def label(self) -> str:
        return format_month_long(self.month)


def _group_by_month(meetings: list[Meeting]) -> list[MonthGroup]:
    groups: list[MonthGroup] = []
    for meeting in meetings:
        month = meeting.date.replace(day=1)
        if not groups or groups[-1].month != month:
            groups.append(MonthGroup(month=month, meetings=[]))
        groups[-1].meetings.append(meeting)
    return groups


def meetings_by_month(
    *, access: Access, today: dt.date, period: str = "upcoming", body_id: int | None = None
) -> list[MonthGroup]:
    """Meetings grouped under "Dezember 2019"; upcoming ascending, past descending."""
    meetings = _with_relations(visible_meetings(access=access))
    if body_id is not None:
        meetings = meetings.filter(body_id=body_id)
    if period == "upcoming":
        meetings = meetings.filter(_not_past(today)).order_by("date", "start_time", "pk")
    elif period == "past":
        meetings = meetings.exclude(_not_past(today)).order_by("-date", "-start_time", "-pk")
    else:
        meetings = meetings.order_by("date", "start_time", "pk")
    return _group_by_month(list(meetings))


@dataclass
class CalendarMonth:
    month: dt.date
    weeks: list[list[tuple[dt.date, list[Meeting]]]]
    undated: list[Meeting]  # known only to the month

    @property
    def label(self) -> str:
        return format_month_long(self.month)

    @property
    def previous(self) -> dt.date:
        return (self.month - dt.timedelta(days=1)).replace(day=1)

    @property
    def next(self) -> dt.date:
        return (self.month + dt.timedelta(days=32)).replace(day=1)

    @property
    def meetings(self) -> list[Meeting]:
        days = [
            m
            for week in self.weeks
            for day, ms in week
            if day.month == self.month.month
            for m in ms
        ]
        return self.undated + days


def month_calendar(
    *, access: Access, year: int, month: int, body_id: int | None = None
) -> CalendarMonth:
    first = dt.date(year, month, 1)
    last = first.replace(day=calendar.monthrange(year, month)[1])
    meetings = _with_relations(visible_meetings(access=access)).filter(
        date__gte=first, date__lte=last
    )
    if body_id is not None:
        meetings = meetings.filter(body_id=body_id)
    by_day: dict[dt.date, list[Meeting]] = defaultdict(list)
    undated: list[Meeting] = []
    for meeting in meetings.order_by("date", "start_time", "pk"):
        if meeting.date_precision == Precision.MONTH:
            undated.append(meeting)
        else:
            by_day[meeting.date].append(meeting)
    weeks = [
        [(day, by_day.get(day, [])) for day in week]
        for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    ]
    return CalendarMonth(month=first, weeks=weeks, undated=undated)


def body_meetings(
    *, access: Access, body: Body, today: dt.date, past_limit: int = 20
) -> tuple[list[Meeting], list[Meeting]]:
    """The body's upcoming meetings (soonest first) and past ones (latest first)."""
    meetings = _with_relations(visible_meetings(access=access).filter(body=body))
    upcoming = list(meetings.filter(_not_past(today)).order_by("date", "start_time", "pk"))
    past = list(
        meetings.exclude(_not_past(today)).order_by("-date", "-start_time", "-pk")[:past_limit]
    )
    return upcoming, past


def next_meetings(*, access: Access, today: dt.date, limit: int = 5) -> list[Meeting]:
    return list(
        _with_relations(visible_meetings(access=access))
        .filter(_not_past(today))
        .exclude(state=Meeting.State.CANCELLED)
        .order_by("date", "start_time", "pk")[:limit]
    )


# --- Tasks -------------------------------------------------------------------------------------


def visible_tasks(*, access: Access) -> QuerySet[Task]:
    tasks = Task.objects.filter(cooperation=access.cooperation)
    if access.is_coordinator:
        return tasks
    if not access.is_member:
        return tasks.none()
    return tasks.filter(Q(body_id__in=access.body_ids) | _owned_by(access))


def _owned_by(access: Access) -> Q:
    """Tasks the visitor owns: as a person, through their municipality or one of their bodies."""
    owned = Q(pk__in=[])
    if access.person_id is not None:
        owned |= Q(owner_person_id=access.person_id)
    if access.municipality_id is not None:
        owned |= Q(owner_municipality_id=access.municipality_id)
    if access.body_ids:
        owned |= Q(owner_body_id__in=access.body_ids)
    return owned


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
    ).order_by(F("due").asc(nulls_last=True), "pk")


@dataclass
class TaskFilter:
    body_id: int | None = None
    owner: str = ""  # "person:3", "municipality:5" or "body:2"
    state: str = Task.State.OPEN  # or "all"
    overdue: bool = False
    mine: bool = False


def parse_owner(value: str) -> tuple[str, int] | None:
    kind, _sep, pk = (value or "").partition(":")
    if kind in {"person", "municipality", "body"} and pk.isdigit():
        return kind, int(pk)
    return None


def filtered_tasks(*, access: Access, today: dt.date, filters: TaskFilter) -> QuerySet[Task]:
    tasks = visible_tasks(access=access)
    if filters.mine:
        tasks = tasks.filter(_owned_by(access))
    if filters.body_id is not None:
        tasks = tasks.filter(body_id=filters.body_id)
    owner = parse_owner(filters.owner)
    if owner is not None:
        tasks = tasks.filter(**{f"owner_{owner[0]}_id": owner[1]})
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
    # The count runs on the bare filter (no joins, no ordering): cheap on 10,000 rows.
    paginator = Paginator(_task_rows(tasks), TASKS_PER_PAGE)
    paginator.count = tasks.order_by().count()
    result = paginator.get_page(page)
    mark_overdue(list(result.object_list), today)
    return result


def task_get(*, access: Access, pk: int) -> Task:
    return get_object_or_404(_task_rows(visible_tasks(access=access)), pk=pk)


def overdue_tasks(*, access: Access, today: dt.date, limit: int = 5) -> tuple[list[Task], int]:
    """The first overdue tasks the visitor may see, and how many there are in all."""
    tasks = visible_tasks(access=access).filter(overdue_q(today))
    rows = mark_overdue(list(_task_rows(tasks)[:limit]), today)
    return rows, tasks.count()


def body_open_tasks(*, access: Access, body: Body, today: dt.date, limit: int = 10) -> list[Task]:
    tasks = visible_tasks(access=access).filter(body=body, state=Task.State.OPEN)
    return mark_overdue(list(_task_rows(tasks)[:limit]), today)


# --- Choices for forms -------------------------------------------------------------------------


@dataclass
class OwnerChoices:
    people: list[Person]
    municipalities: list[Municipality]
    bodies: list[Body]

    def as_choices(self) -> list[tuple[str, Any]]:
        return [
            ("", _("– niemand –")),
            (_("Personen"), [(f"person:{p.pk}", _person_label(p)) for p in self.people]),
            (_("Kommunen"), [(f"municipality:{m.pk}", m.name) for m in self.municipalities]),
            (_("Gremien"), [(f"body:{b.pk}", b.label) for b in self.bodies]),
        ]

    def resolve(self, value: str) -> Person | Municipality | Body | None:
        parsed = parse_owner(value)
        if parsed is None:
            return None
        kind, pk = parsed
        pools: dict[str, list[Any]] = {
            "person": self.people,
            "municipality": self.municipalities,
            "body": self.bodies,
        }
        for candidate in pools[kind]:
            if candidate.pk == pk:
                found: Person | Municipality | Body = candidate
                return found
        return None


def _person_label(person: Person) -> str:
    affiliation = person.municipality.name if person.municipality else person.organisation
    return f"{person.full_name} ({affiliation})" if affiliation else person.full_name


def owner_choices(*, access: Access) -> OwnerChoices:
    cooperation = access.cooperation
    return OwnerChoices(
        people=list(
            Person.objects.filter(cooperation=cooperation)
            .select_related("municipality")
            .order_by("family_name", "given_name")
        ),
        municipalities=list(Municipality.objects.filter(cooperation=cooperation).order_by("name")),
        bodies=list(Body.objects.filter(cooperation=cooperation).order_by("name")),
    )


def owner_value(task: Task | None) -> str:
    if task is None:
        return ""
    if task.owner_person_id:
        return f"person:{task.owner_person_id}"
    if task.owner_municipality_id:
        return f"municipality:{task.owner_municipality_id}"
    if task.owner_body_id:
        return f"body:{task.owner_body_id}"
    return ""


def attendance_candidates(*, access: Access, meeting: Meeting) -> list[Person]:
    """Members of the body first, then everyone else of the cooperation."""
    member_ids = set(
        meeting.body.memberships.filter(cooperation=access.cooperation).values_list(
            "person_id", flat=True
        )
    )
    people = list(
        Person.objects.filter(cooperation=access.cooperation)
        .select_related("municipality")
        .order_by("family_name", "given_name")
    )
    return sorted(people, key=lambda person: person.pk not in member_ids)


def meeting_for_write(*, access: Access, pk: int) -> Meeting:
    """Coordinator writes only: the meeting in the visitor's cooperation, else 404."""
    if not access.is_coordinator:
        raise Http404
    return get_object_or_404(
        Meeting.objects.filter(cooperation=access.cooperation).select_related("body"), pk=pk
    )


# --- Context for pages of other apps -----------------------------------------------------------


def body_page_context(*, access: Access, body: Body, today: dt.date) -> dict[str, Any]:
    """What the body page shows of meetings and tasks (meetings/_body_meetings.html)."""
    upcoming, past = body_meetings(access=access, body=body, today=today)
    return {
        "body_meetings_upcoming": upcoming,
        "body_meetings_past": past,
        "body_tasks": body_open_tasks(access=access, body=body, today=today),
    }


def dashboard_context(*, access: Access, today: dt.date) -> dict[str, Any]:
    """What the dashboard shows of meetings and tasks (meetings/_dashboard_meetings.html)."""
    overdue, overdue_count = overdue_tasks(access=access, today=today)
    return {
        "dashboard_next_meetings": next_meetings(access=access, today=today),
        "dashboard_overdue_tasks": overdue,
        "dashboard_overdue_count": overdue_count,
    }
