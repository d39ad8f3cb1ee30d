"""Meetings in lists: by month, as a calendar month, of a body, the next ones; numbering."""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Max, Q, QuerySet
from django.shortcuts import get_object_or_404

from ikz.accounts.access import Access
from ikz.cooperation.models import Body
from ikz.dates import Precision, format_month_long
from ikz.meetings.models import Meeting
from ikz.meetings.selectors.visibility import _with_relations, visible_meetings

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


# --- Lists -----------------------------------------------------------------------------------


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


def _period_meetings(
    *, access: Access, today: dt.date, period: str, body_id: int | None
) -> QuerySet[Meeting]:
    meetings = visible_meetings(access=access)
    if body_id is not None:
        meetings = meetings.filter(body_id=body_id)
    if period == "upcoming":
        return meetings.filter(_not_past(today))
    if period == "past":
        return meetings.exclude(_not_past(today))
    return meetings


def meeting_years(
    *, access: Access, today: dt.date, period: str, body_id: int | None = None
) -> list[int]:
    """The years that have meetings of the period, newest first (one indexed query)."""
    meetings = _period_meetings(access=access, today=today, period=period, body_id=body_id)
    return [day.year for day in meetings.dates("date", "year", order="DESC")]


def meetings_by_month(
    *,
    access: Access,
    today: dt.date,
    period: str = "upcoming",
    body_id: int | None = None,
    year: int | None = None,
) -> list[MonthGroup]:
    """Meetings grouped under "Dezember 2019"; upcoming ascending, past descending.

    ``year`` limits the list to one calendar year: the past and the whole history are shown a
    year at a time, so that the page does not grow with the cooperation's history.
    """
    meetings = _with_relations(
        _period_meetings(access=access, today=today, period=period, body_id=body_id)
    )
    if year is not None:
        meetings = meetings.filter(date__gte=dt.date(year, 1, 1), date__lt=dt.date(year + 1, 1, 1))
    if period == "past":
        meetings = meetings.order_by("-date", "-start_time", "-pk")
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


def meeting_list(*, access: Access, body_id: int | None = None) -> QuerySet[Meeting]:
    """The meetings the visitor may see, oldest first, optionally of one body (the REST API)."""
    meetings = visible_meetings(access=access).select_related("body")
    if body_id is not None:
        meetings = meetings.filter(body_id=body_id)
    return meetings.order_by("date", "start_time", "pk")


def calendar_meetings(*, access: Access, body: Body | None = None) -> QuerySet[Meeting]:
    """What a calendar feed holds: the visible meetings known to the day (of one body)."""
    meetings = visible_meetings(access=access).filter(date_precision=Precision.DAY)
    return meetings if body is None else meetings.filter(body=body)


def calendar_rows(*, meetings: QuerySet[Meeting]) -> QuerySet[Meeting]:
    """The meetings of a calendar as the iCalendar renderer reads them, in a constant number
    of queries (month-only dates are left out: a calendar entry needs a day)."""
    return (
        meetings.filter(date_precision=Precision.DAY)
        .select_related("body", "cooperation", "location__municipality")
        .prefetch_related("agenda_items")
        .order_by("date", "start_time", "pk")
    )


def calendar_meeting_get(*, access: Access, pk: int) -> Meeting:
    """One meeting as a calendar file; 404 where the meeting page would be 404."""
    return get_object_or_404(calendar_rows(meetings=visible_meetings(access=access)), pk=pk)
