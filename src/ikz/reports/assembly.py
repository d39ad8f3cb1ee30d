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

from django.db.models import Q
from django.utils.translation import gettext as _

from ikz.accounts.access import Access, Level
from ikz.cooperation.models import Body, Cooperation
from ikz.dates import MONTH_NAMES, PartialDate, Precision, format_partial_date
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
from ikz.reports.periods import add_months, is_whole_month, period_label


class Audience:
    INTERNAL = "internal"
    PUBLIC = "public"
    CHOICES = (INTERNAL, PUBLIC)


@dataclass(frozen=True)
class AssemblySettings:
    issued_on: dt.date = field(default_factory=dt.date.today)
    # How far the outlook looks beyond the period: whole months after its end.
    outlook_months: int = 3


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
    label = period_label(period_start, period_end)
    whole_month = is_whole_month(period_start, period_end)
    sections = [
        Section(
            SectionKind.MEETINGS,
            _("Projektstatus im Monat %(label)s") % {"label": label}
            if whole_month
            else _("Projektstatus %(label)s") % {"label": label},
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
            tuple(sources.project_changes(access=reader, start=period_start, end=period_end)),
        ),
        # Sections of other apps (ikz.agreements), through their AppConfig hook.
        *contributions.sections(access=reader, start=period_start, end=period_end, horizon=horizon),
        Section(
            SectionKind.OUTLOOK,
            _("Ausblick"),
            tuple(_outlook(reader, period_start, period_end, horizon)),
        ),
    ]
    cooperation = access.cooperation
    title = TitleBlock(
        cooperation=cooperation.name,
        process_title=cooperation.process_title or cooperation.name,
        title=(
            _("Statusbericht %(month)s") % {"month": MONTH_NAMES[period_start.month - 1]}
            if whole_month
            else _("Statusbericht %(label)s") % {"label": label}
        ),
        period_label=label,
        issued_on=settings.issued_on,
        organisation=cooperation.coordinating_organisation,
        audience=audience,
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
    blocks = []
    for meeting in meetings:
        forest = meeting_selectors.build_point_forest(
            points_by_meeting.get(meeting.pk, []), hide_internal=hide_internal
        )
        roots = [_point_item(node) for node in forest.get(None, [])]
        # Points under an agenda item are grouped under its title, in agenda order.
        for agenda_item in _agenda_order(items_by_meeting.get(meeting.pk, [])):
            nodes = forest.get(agenda_item.pk, [])
            if nodes:
                roots.append(
                    PointItem(
                        key=f"agenda:{agenda_item.pk}",
                        text=agenda_item.title,
                        children=tuple(_point_item(node) for node in nodes),
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


def _point_item(node: meeting_selectors.PointNode) -> PointItem:
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
        built[point.pk] = PointItem(
            key=f"point:{point.pk}",
            text=point.text,
            kind=point.kind,
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
    tasks = (
        meeting_selectors.visible_tasks(access=access)
        .filter(state=Task.State.OPEN)
        .filter(Q(due__isnull=True) | Q(due__lte=horizon))
        .order_by("due", "pk")
    )
    for task in tasks:
        items.append(_sorted(OutlookItem(f"task:{task.pk}", task.due_date, task.title), 2))
    # A milestone is often the same event as a planned meeting ("Workshop Bibliothek", 01/2020):
    # the meeting stands for both, so the milestone is left out.
    meeting_events = {
        (meeting.date.replace(day=1), meeting.heading.casefold()) for meeting in planned
    }
    for item in sources.outlook_extras(access=access, start=start, end=end, horizon=horizon):
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
    # Undated items last; a month before the days in it ("01/2020" before "14.01.2020").
    when = item.when
    # Dated events (meetings, milestones, deadlines) first, then the open tasks, as the seed.
    group = 1 if rank == 2 else 0
    return (
        (
            group,
            when is None,
            when.value if when else dt.date.max,
            not when or not when.is_month,
            rank,
        ),
        item,
    )


__all__ = ["AssemblySettings", "Audience", "Item", "assemble_report", "audience_access"]
