"""Small builders for the calendar, invitation and feed tests (rows straight through the ORM)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import icalendar

from ikz.cooperation.models import Body, Location
from ikz.dates import Precision
from ikz.meetings.models import AgendaItem, Meeting


def make_meeting(*, body: Body, number: int | None = None, **fields: Any) -> Meeting:
    if number is None:
        number = Meeting.objects.filter(body=body).count() + 1
    values: dict[str, Any] = {
        "date": dt.date(2020, 1, 14),
        "date_precision": Precision.DAY,
        "start_time": dt.time(10, 0),
        "end_time": dt.time(12, 30),
    }
    values.update(fields)
    return Meeting.objects.create(cooperation=body.cooperation, body=body, number=number, **values)


def make_location(*, body: Body, name: str = "Rathaus Großpösna", **fields: Any) -> Location:
    values = {"address": "Im Rittergut 1, 04463 Großpösna"}
    values.update(fields)
    return Location.objects.create(cooperation=body.cooperation, name=name, **values)


def add_agenda(
    meeting: Meeting, *titles: str, parent: AgendaItem | None = None
) -> list[AgendaItem]:
    return [
        AgendaItem.objects.create(
            cooperation=meeting.cooperation,
            meeting=meeting,
            parent=parent,
            position=index,
            title=title,
        )
        for index, title in enumerate(titles)
    ]


def events_of(data: bytes) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(data).walk("VEVENT"))


def summaries(data: bytes) -> set[str]:
    return {str(event["SUMMARY"]) for event in events_of(data)}
