"""Assemble a status report from the data, as one audience may see it.

Reads go through the other apps' selectors and visibility rules: the public audience reads with
a public ``Access`` (never internal bodies, meetings, points, tasks or projects); the internal
audience reads as the coordination does. The number of queries does not depend on the number
of meetings or points (one query per kind of row).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from ikz.accounts.access import Access, Level
from ikz.cooperation.models import Body, Cooperation
from ikz.dates import PartialDate, Precision, format_partial_date
from ikz.meetings import selectors as meeting_selectors
from ikz.meetings.models import AgendaItem, Meeting, Point, Task
from ikz.reports import contributions, sources
from ikz.reports.content import (
    BodyStatus,
    Item,
    MeetingBlock,
    OutlookItem,
    PointItem,
    Report,
    Section,
    SectionKind,
    TitleBlock,
    document_language,
)
from ikz.reports.periods import Period, add_months


class Audience:
    INTERNAL = "internal"
    PUBLIC = "public"
    CHOICES = (INTERNAL, PUBLIC)


@dataclass(frozen=True)
class AssemblySettings:
    issued_on: dt.date = field(default_factory=timezone.localdate)
    # How far the outlook looks beyond the period: whole months after its end.
    outlook_months: int = 3
    # Name, address, colour and logo of the cooperation's "Erscheinungsbild" (ikz.branding).
    branding: dict[str, object] | None = None


def audience_access(*, cooperation: Cooperation, audience: str) -> Access:
    if audience == Audience.PUBLIC:
        return Access(cooperation=cooperation, level=Level.PUBLIC)
    return Access(cooperation=cooperation, level=Level.COORDINATOR)


def assemble_report(
    *,
    access: Access,
    period_start: dt.date,
    period_end: dt.date,
    audience: str,
    settings: AssemblySettings | None = None,
) -> Report:
    """The generated report (before the coordinator's edits) for ``access.cooperation``.

    ``access`` only names the cooperation: what is read is decided by ``audience``, so that a
    report looks the same whoever generates it (and in whatever language they browse).
    """
    with document_language():
        return _assemble(
            access=access,
            period_start=period_start,
            period_end=period_end,
            audience=audience,
            settings=settings,
        )


def _assemble(
    *,
    access: Access,
    period_start: dt.date,
    period_end: dt.date,
    audience: str,
    settings: AssemblySettings | None = None,
) -> Report:
    settings = settings or AssemblySettings()
    reader = audience_access(cooperation=access.cooperation, audience=audience)
    horizon = add_months(period_end, settings.outlook_months)
    period = Period(period_start, period_end)
    label = period.label
    sections = [
        Section(
            SectionKind.MEETINGS,
            period.meetings_heading,
            tuple(_meetings(reader, period_start, period_end)),
        ),
        Section(
            SectionKind.GOALS,
            _("Strategischer Rahmen"),
            tuple(sources.goals(access=reader, start=period_start, end=period_end)),
        ),
        Section(
            SectionKind.BODIES,
            _("Stand der Gremien"),
            tuple(_bodies(reader, period_start, horizon)),
        ),
        Section(
            SectionKind.PROJECTS,
            _("Entwicklung der Vorhaben"),
            tuple(
                sources.project_changes(access=reader, start=period_start, end=period_end)
                + sources.funding(access=reader, start=period_start, end=period_end)
            ),
        ),
        Section(
            SectionKind.STATUS,
            _("Vorhaben im Überblick"),
            tuple(sources.project_status(access=reader, end=period_end)),
        ),
        # Sections of other apps (ikz.agreements), through their AppConfig hook.
        *contributions.sections(access=reader, start=period_start, end=period_end, horizon=horizon),
        Section(
            SectionKind.OUTLOOK,
            _("Ausblick"),
            tuple(_outlook(reader, period_start, period_end, horizon)),
        ),
        Section(
            SectionKind.OVERDUE,
            _("Aufgaben: offen und überfällig"),
            tuple(_overdue(reader, period_end)),
        ),
    ]
    cooperation = access.cooperation
    title = TitleBlock(
        cooperation=cooperation.name,
        process_title=cooperation.process_title or cooperation.name,
        title=period.title,
        period_label=label,
        issued_on=settings.issued_on,
        audience=audience,
        subtitle=label,
        **{"organisation": cooperation.coordinating_organisation, **_branding(settings.branding)},
    )
    return Report(title=title, sections=tuple(s for s in sections if s.items))


# --- Meetings held in the period ---------------------------------------------------------------


def _meetings(access: Access, start: dt.date, end: dt.date) -> list[MeetingBlock]:
    meetings = list(
        meeting_selectors.visible_meetings(access=access)
        .filter(
            date__gte=start,
            date__lte=end,
            state__in=[Meeting.State.HELD, Meeting.State.MINUTES_PUBLISHED],
        )
        .select_related("body", "location", "location__municipality")
        .order_by("date", "start_time", "pk")
    )
    with_minutes = [
        m.pk for m in meetings if meeting_selectors.can_see_minutes(access=access, meeting=m)
    ]
    points = list(
        Point.objects.filter(cooperation=access.cooperation, meeting_id__in=with_minutes).order_by(
            "meeting_id", "parent_id", "position", "pk"
        )
    )
    items = list(
        AgendaItem.objects.filter(
            cooperation=access.cooperation, meeting_id__in=with_minutes
        ).order_by("meeting_id", "position", "pk")
    )
    points_by_meeting: dict[int, list[Point]] = defaultdict(list)
    for point in points:
        points_by_meeting[point.meeting_id].append(point)
    items_by_meeting: dict[int, list[AgendaItem]] = defaultdict(list)
    for item in items:
        items_by_meeting[item.meeting_id].append(item)
    hide_internal = not meeting_selectors.can_see_internal_points(access=access)
    tasks = _point_tasks(access, with_minutes)
    blocks = []
    for meeting in meetings:
        forest = meeting_selectors.build_point_forest(
            points_by_meeting.get(meeting.pk, []), hide_internal=hide_internal
        )
        roots = [_point_item(node, tasks) for node in forest.get(None, [])]
        # Points under an agenda item are grouped under its title, in agenda order.
        for agenda_item in _agenda_order(items_by_meeting.get(meeting.pk, [])):
            nodes = forest.get(agenda_item.pk, [])
            if nodes:
                roots.append(
                    PointItem(
                        key=f"agenda:{agenda_item.pk}",
                        text=agenda_item.title,
                        children=tuple(_point_item(node, tasks) for node in nodes),
                    )
                )
        location = meeting.location
        place = ""
        if location is not None:
            place = location.municipality.name if location.municipality else location.name
        blocks.append(
            MeetingBlock(
                key=f"meeting:{meeting.pk}",
                date=meeting.when,
                heading=meeting.heading,
                place=place,
                points=tuple(roots),
            )
        )
    return blocks


def _agenda_order(items: list[AgendaItem]) -> list[AgendaItem]:
    children: dict[int | None, list[AgendaItem]] = defaultdict(list)
    for item in items:
        children[item.parent_id].append(item)
    ordered: list[AgendaItem] = []
    stack = list(reversed(children[None]))
    while stack:
        item = stack.pop()
        ordered.append(item)
        stack.extend(reversed(children[item.pk]))
    return ordered


TaskDetail = tuple[str, PartialDate | None]


def _point_tasks(access: Access, meeting_ids: list[int]) -> dict[int, TaskDetail]:
    """Owner and due date of every task point of these meetings, by point id (one query)."""
    rows = Task.objects.filter(
        cooperation=access.cooperation, point__meeting_id__in=meeting_ids
    ).select_related("owner_person__municipality", "owner_municipality", "owner_body")
    return {
        task.point_id: (owner_label(task, access), task.due_date)
        for task in rows
        if task.point_id is not None
    }


def owner_label(task: Task, access: Access) -> str:
    """Who is responsible, as the audience may read it: a person's name only internally,
    publicly their municipality or organisation."""
    if task.owner_person_id is not None:
        person = task.owner_person
        assert person is not None
        if access.is_member:
            return str(person)
        if person.municipality is not None:
            return person.municipality.name
        return person.organisation
    if task.owner_municipality is not None:
        return task.owner_municipality.name
    if task.owner_body is not None:
        return task.owner_body.label
    return ""


def _point_item(
    node: meeting_selectors.PointNode, tasks: dict[int, TaskDetail] | None = None
) -> PointItem:
    # Iterative: minutes may nest deeply.
    built: dict[int, PointItem] = {}
    order: list[meeting_selectors.PointNode] = []
    stack = [node]
    while stack:
        current = stack.pop()
        order.append(current)
        stack.extend(c for c in current.children if isinstance(c, meeting_selectors.PointNode))
    for current in reversed(order):
        point = current.point
        owner, due = (
            (tasks or {}).get(point.pk, ("", None)) if point.kind == Point.Kind.TASK else ("", None)
        )
        built[point.pk] = PointItem(
            key=f"point:{point.pk}",
            text=point.text,
            kind=point.kind,
            owner=owner,
            due=due,
            children=tuple(
                built[c.point.pk]
                for c in current.children
                if isinstance(c, meeting_selectors.PointNode)
            ),
        )
    return built[node.point.pk]


# --- Where each body stands --------------------------------------------------------------------


def _bodies(access: Access, start: dt.date, horizon: dt.date) -> list[BodyStatus]:
    bodies = Body.objects.filter(cooperation=access.cooperation).select_related("merged_into")
    if not access.is_coordinator:
        bodies = bodies.filter(is_public=True)
    bodies = bodies.filter(Q(active_until__isnull=True) | Q(active_until__gte=start))
    result = []
    for body in bodies.order_by("name"):
        note = _transition_note(access, body, start, horizon)
        if body.status_text.strip() or note:
            result.append(
                BodyStatus(
                    key=f"body:{body.pk}", body=body.label, text=body.status_text.strip(), note=note
                )
            )
    return result


def _transition_note(access: Access, body: Body, start: dt.date, horizon: dt.date) -> str:
    """ "ab 01/2020: Übergang AG Verwaltung in Lenkungsgruppe" while the change is recent/near."""
    target = body.merged_into
    until = body.active_until_date
    if target is None or until is None:
        return ""
    if not (access.is_coordinator or target.is_public):
        return ""
    if until.is_month:
        following = PartialDate.month(*_next_month(until.value))
    else:
        following = PartialDate(until.value + dt.timedelta(days=1), Precision.DAY)
    if not start <= following.value <= horizon:
        return ""
    return _("ab %(date)s: Übergang %(body)s in %(target)s") % {
        "date": format_partial_date(following),
        "body": body.label,
        "target": target.label,
    }


def _next_month(day: dt.date) -> tuple[int, int]:
    return (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)


# --- Outlook -----------------------------------------------------------------------------------


def _outlook(access: Access, start: dt.date, end: dt.date, horizon: dt.date) -> list[OutlookItem]:
    items: list[tuple[tuple[object, ...], OutlookItem]] = []
    planned = (
        meeting_selectors.visible_meetings(access=access)
        .filter(
            date__gte=start,
            date__lte=horizon,
            state__in=[Meeting.State.PLANNED, Meeting.State.INVITED],
        )
        .select_related("body", "location", "location__municipality")
    )
    for meeting in planned:
        location = meeting.location
        place = ""
        if location is not None:
            place = location.municipality.name if location.municipality else location.name
        text = (
            _("%(meeting)s in %(place)s") % {"meeting": meeting.heading, "place": place}
            if place
            else meeting.heading
        )
        items.append(_sorted(OutlookItem(f"meeting:{meeting.pk}", meeting.when, text), 0))
    # Tasks open at the period's end and not yet overdue then (those have their own list).
    for task in _open_tasks_at(access, end).filter(Q(due__isnull=True) | Q(due__lte=horizon)):
        if _overdue_at(task, end):
            continue
        items.append(
            _sorted(
                OutlookItem(
                    f"task:{task.pk}", task.due_date, task.title, owner_label(task, access)
                ),
                2,
            )
        )
    # A milestone is often the same event as a planned meeting ("Workshop Bibliothek", 01/2020):
    # the meeting stands for both, so the milestone is left out.
    meeting_events = {
        (meeting.date.replace(day=1), meeting.heading.casefold()) for meeting in planned
    }
    for item in sources.outlook_extras(access=access, end=end, horizon=horizon):
        if _same_event(item, meeting_events):
            continue
        items.append(_sorted(item, 1))
    # Outlook entries of other apps (ikz.agreements), through their AppConfig hook.
    for item in contributions.outlook(access=access, start=start, end=end, horizon=horizon):
        items.append(_sorted(item, 1))
    items.sort(key=lambda pair: pair[0])
    return [item for _key, item in items]


def _same_event(item: OutlookItem, meeting_events: set[tuple[dt.date, str]]) -> bool:
    if item.when is None:
        return False
    month = item.when.value.replace(day=1)
    text = item.text.casefold()
    return any(month == when and text.startswith(heading) for when, heading in meeting_events)


def _sorted(item: OutlookItem, rank: int) -> tuple[tuple[object, ...], OutlookItem]:
    """By date; a month-precise item at the head of its month ("01/2020" before
    "14.01.2020"); undated items (tasks without a due date) last; meetings before milestones
    before tasks on the same date."""
    when = item.when
    return (
        (
            when is None,
            when.value if when else dt.date.max,
            not when or not when.is_month,
            rank,
            item.text,
        ),
        item,
    )


def _open_tasks_at(access: Access, end: dt.date) -> QuerySet[Task]:
    """Tasks open at the end of the period: still open, or completed only after it."""
    return (
        meeting_selectors.visible_tasks(access=access)
        .filter(Q(state=Task.State.OPEN) | Q(state=Task.State.DONE, completed_on__gt=end))
        .select_related("owner_person__municipality", "owner_municipality", "owner_body")
        .order_by("due", "pk")
    )


def _overdue_at(task: Task, end: dt.date) -> bool:
    due = task.due_date
    return due is not None and due.is_past(end + dt.timedelta(days=1))


def _overdue(access: Access, end: dt.date) -> list[OutlookItem]:
    """ "offen und überfällig": tasks open at the period's end whose due date had passed."""
    rows = _open_tasks_at(access, end).filter(due__lte=end)
    return [
        OutlookItem(f"overdue:{task.pk}", task.due_date, task.title, owner_label(task, access))
        for task in rows
        if _overdue_at(task, end)
    ]


def _branding(branding: dict[str, object] | None) -> dict[str, str]:
    """The title block's fields from the cooperation's branding (organisation, address, …)."""
    if not branding:
        return {}
    keys = ("organisation", "address", "accent", "logo_path")
    return {key: str(branding[key]) for key in keys if branding.get(key)}


__all__ = ["AssemblySettings", "Audience", "Item", "assemble_report", "audience_access"]
