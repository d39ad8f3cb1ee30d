"""Assembly: bounded queries, periods, outlook order and precision."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ikz.dates import PartialDate
from ikz.meetings import services as meeting_services
from ikz.meetings.services_minutes import point_add, task_create
from ikz.reports.assembly import AssemblySettings, assemble_report, audience_access
from ikz.reports.content import BodyStatus, Report, SectionKind
from ikz.reports.renderers.markdown import render
from tests.conftest import World
from tests.reports.helpers import DEC, held_meeting, lines_of, section_of

pytestmark = pytest.mark.django_db


def _assemble(world: World, start: dt.date = DEC[0], end: dt.date = DEC[1]) -> Report:
    return assemble_report(
        access=audience_access(cooperation=world.cooperation, audience="internal"),
        period_start=start,
        period_end=end,
        audience="internal",
        settings=AssemblySettings(issued_on=dt.date(2019, 12, 19)),
    )


def _meetings_with_points(world: World, count: int, first_day: int) -> None:
    for index in range(count):
        meeting = held_meeting(world.member_body, day=first_day + index, points=("A", "B"))
        parent = point_add(meeting=meeting, text="C")
        point_add(meeting=meeting, text="D", parent=parent)


def test_query_count_does_not_grow_with_meetings(world: World) -> None:
    _meetings_with_points(world, 2, 1)
    with CaptureQueriesContext(connection) as few:
        _assemble(world)
    _meetings_with_points(world, 10, 10)
    with CaptureQueriesContext(connection) as many:
        report = _assemble(world)
    assert len(section_of(report, SectionKind.MEETINGS).items) == 12
    assert len(many) == len(few)


def test_any_date_range(world: World) -> None:
    held_meeting(world.member_body, day=20, points=("Im Zeitraum",))
    held_meeting(world.member_body, day=3, points=("Davor",))
    report = _assemble(world, dt.date(2019, 12, 15), dt.date(2020, 1, 15))
    md = render(report)
    assert "Statusbericht 15.12.2019 – 15.01.2020" in md
    assert "Projektstatus 15.12.2019 – 15.01.2020" in md
    assert "Im Zeitraum" in md
    assert "Davor" not in md


def test_outlook_with_precision_and_order(world: World) -> None:
    meeting_services.meeting_create(
        cooperation=world.cooperation,
        body=world.member_body,
        when=PartialDate.day(2020, 1, 14),
        number=5,
    )
    meeting_services.meeting_create(
        cooperation=world.cooperation,
        body=world.member_body,
        when=PartialDate.month(2020, 1),
        title="Workshop Bibliothek",
    )
    task_create(
        cooperation=world.cooperation,
        body=world.member_body,
        title="Abfrage in den Kommunen",
        due=PartialDate.month(2020, 1),
    )
    task_create(
        cooperation=world.cooperation,
        body=world.member_body,
        title="Zu spät für den Ausblick",
        due=PartialDate.month(2020, 9),
    )
    outlook = lines_of(_assemble(world), SectionKind.OUTLOOK)
    # By date, a month-precise item at the head of its month, meetings before tasks.
    assert outlook == [
        "01/2020: Workshop Bibliothek",
        "01/2020: Abfrage in den Kommunen",
        f"14.01.2020: 5. {world.member_body.label}",
    ]


def test_merged_body_note(world: World) -> None:
    body = world.internal_body
    body.active_until = dt.date(2019, 12, 1)
    body.active_until_precision = "month"
    body.merged_into = world.member_body
    body.save()
    items = section_of(_assemble(world), SectionKind.BODIES).items
    assert isinstance(items[0], BodyStatus)
    assert items[0].note == f"ab 01/2020: Übergang {body.label} in {world.member_body.label}"
