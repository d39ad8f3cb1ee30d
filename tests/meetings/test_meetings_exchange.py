"""Meetings in the exchange file: a round trip keeps everything but the calendar uids."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import pytest

from ikz.cooperation.models import Cooperation
from ikz.dates import Precision
from ikz.exchange.protocol import ExchangeError
from ikz.exchange.services import dumps, export_cooperation, import_cooperation, parse
from ikz.meetings.models import AgendaItem, Attendance, CalendarToken, Meeting, Point, Task
from tests.conftest import World
from tests.meetings.calendar_helpers import add_agenda, make_location, make_meeting


def point(meeting: Meeting, text: str, **fields: Any) -> Point:
    return Point.objects.create(
        cooperation=meeting.cooperation, meeting=meeting, text=text, **fields
    )


@pytest.fixture
def filled(world: World) -> World:
    """Meetings with nested agenda and minutes, tasks of every owner kind, attendance."""
    location = make_location(body=world.member_body, municipality=world.municipality)
    held = make_meeting(
        body=world.member_body,
        number=2,
        date=dt.date(2019, 12, 5),
        location=location,
        state=Meeting.State.MINUTES_PUBLISHED,
        sequence=4,
        description="Mit Imbiss",
    )
    top1, top2 = add_agenda(held, "Maschinenpark", "Gute Beispiele")
    add_agenda(held, "Freiwilligendienste", "Dreck-Weg-App", parent=top2)
    point(held, "Vorbemerkung", position=0)
    good = point(held, "Übertragung guter Beispiele:", agenda_item=top2, position=0)
    child = point(
        held,
        "Einsatz von Freiwilligendiensten",
        agenda_item=top2,
        parent=good,
        kind="good_practice",
    )
    point(held, "Lehrgangsplanung", agenda_item=top2, parent=child, kind="idea", is_internal=True)
    point(held, "Zweiter Punkt unter TOP 2", agenda_item=top2, parent=good, position=1)
    task_point = point(held, "Maschinenliste erstellen", agenda_item=top1, kind="task")
    planned = make_meeting(
        body=world.member_body,
        number=3,
        title="Workshop Blühstreifen",
        date=dt.date(2020, 1, 1),
        date_precision=Precision.MONTH,
        start_time=None,
        end_time=None,
    )
    public = make_meeting(body=world.public_body, number=1, is_public=True, end_time=None)
    Attendance.objects.create(
        cooperation=world.cooperation, meeting=held, person=world.member_person
    )
    Attendance.objects.create(
        cooperation=world.cooperation,
        meeting=held,
        person=world.coordinator_person,
        status=Attendance.Status.EXCUSED,
    )
    from_point = Task.objects.create(
        cooperation=world.cooperation,
        point=task_point,
        title=task_point.text,
        body=world.member_body,
        owner_person=world.member_person,
        due=dt.date(2020, 1, 1),
        due_precision=Precision.MONTH,
        follow_up_meeting=planned,
    )
    Task.objects.create(
        cooperation=world.cooperation,
        title="Räume bereitstellen",
        body=world.public_body,
        owner_municipality=world.other_municipality,
        due=dt.date(2019, 12, 18),
        state=Task.State.DONE,
        completed_on=dt.date(2019, 12, 17),
    )
    Task.objects.create(
        cooperation=world.cooperation,
        title="Ohne Termin",
        body=world.internal_body,
        owner_body=world.member_body,
        state=Task.State.DROPPED,
    )
    (wv,) = add_agenda(planned, "Wiedervorlage")
    AgendaItem.objects.filter(pk=wv.pk).update(carried_over_from=from_point)
    CalendarToken.objects.create(cooperation=world.cooperation, user=world.member, token="geheim")
    assert public.pk
    return world


def comparable(data: dict[str, Any]) -> str:
    data = copy.deepcopy(data)
    data.pop("exported_at")
    data["cooperation"].pop("slug")
    return dumps(data)


def round_trip(
    cooperation: Cooperation, slug: str = "kopie"
) -> tuple[dict[str, Any], Cooperation, dict[str, Any]]:
    first = export_cooperation(cooperation=cooperation)
    copy_ = import_cooperation(data=parse(dumps(first)), slug=slug)
    second = export_cooperation(cooperation=copy_)
    return first, copy_, second


def test_round_trip_is_byte_identical(filled: World) -> None:
    first, _copy, second = round_trip(filled.cooperation)
    assert comparable(first) == comparable(second)
    assert len(first["meetings"]["meetings"]) == 3
    assert len(first["meetings"]["tasks"]) == 3


def test_import_gives_new_uids_and_keeps_sequence(filled: World) -> None:
    _first, copy_, _second = round_trip(filled.cooperation)
    old = {
        (m.body.name, m.number): m for m in Meeting.objects.filter(cooperation=filled.cooperation)
    }
    new = {(m.body.name, m.number): m for m in Meeting.objects.filter(cooperation=copy_)}
    assert old.keys() == new.keys()
    for key, meeting in old.items():
        assert new[key].uid != meeting.uid
        assert new[key].sequence == meeting.sequence
    assert Meeting.objects.filter(cooperation=copy_, sequence=4).count() == 1
    # The kind "gutes Beispiel" travels with its point.
    assert Point.objects.filter(cooperation=copy_, kind="good_practice").count() == 1


def test_trees_come_back_valid(filled: World) -> None:
    _, copy_, _ = round_trip(filled.cooperation)
    trees: tuple[type[AgendaItem] | type[Point], ...] = (AgendaItem, Point)
    for model in trees:
        rows: list[AgendaItem | Point] = list(model._default_manager.filter(cooperation=copy_))
        groups: dict[tuple[Any, ...], list[int]] = {}
        for row in rows:
            scope = (row.meeting_id, getattr(row, "agenda_item_id", None), row.parent_id)
            groups.setdefault(scope, []).append(row.position)
            if row.parent_id is not None:
                parent = model._default_manager.get(pk=row.parent_id)
                assert parent.meeting_id == row.meeting_id
                assert getattr(parent, "agenda_item_id", None) == getattr(
                    row, "agenda_item_id", None
                )
        for positions in groups.values():
            assert sorted(positions) == list(range(len(positions)))
    deep = Point.objects.get(cooperation=copy_, text="Lehrgangsplanung")
    assert deep.is_internal
    assert deep.parent is not None
    assert deep.parent.parent is not None
    assert deep.agenda_item is not None
    assert deep.parent.parent.text == "Übertragung guter Beispiele:"
    assert deep.agenda_item.title == "Gute Beispiele"
    task = Task.objects.get(cooperation=copy_, point__isnull=False)
    assert task.point is not None
    assert task.follow_up_meeting is not None
    assert task.point.cooperation_id == copy_.pk
    assert task.follow_up_meeting.title == "Workshop Blühstreifen"
    item = AgendaItem.objects.get(cooperation=copy_, carried_over_from__isnull=False)
    assert item.carried_over_from == task


def test_calendar_tokens_are_not_exported(filled: World) -> None:
    first, copy_, _ = round_trip(filled.cooperation)
    assert "geheim" not in dumps(first)
    assert not CalendarToken.objects.filter(cooperation=copy_).exists()


def test_file_format(filled: World) -> None:
    data = export_cooperation(cooperation=filled.cooperation)
    workshop = next(m for m in data["meetings"]["meetings"] if m["title"])
    assert workshop["date"] == "2020-01"
    assert workshop["start_time"] is None
    held = next(m for m in data["meetings"]["meetings"] if m["state"] == "minutes_published")
    assert held["date"] == "2019-12-05"
    assert held["start_time"] == "10:00"
    assert held["end_time"] == "12:30"
    assert [p["text"] for p in held["points"]] == [
        "Vorbemerkung",
        "Maschinenliste erstellen",
        "Übertragung guter Beispiele:",
    ]
    assert "agenda_item" not in held["points"][2]["children"][0]


def import_broken(world: World, change: Any) -> ExchangeError:
    data = export_cooperation(cooperation=world.cooperation)
    change(data["meetings"])
    count = Cooperation.objects.count()
    with pytest.raises(ExchangeError) as raised:
        import_cooperation(data=data, slug="kaputt")
    assert Cooperation.objects.count() == count  # nothing half-written
    return raised.value


@pytest.mark.parametrize(
    ("change", "path", "message"),
    [
        (
            lambda d: d["meetings"][0].update(start_time="25:00"),
            "meetings.meetings[0].start_time",
            "Uhrzeit",
        ),
        (
            lambda d: d["meetings"][0].update(state="vertagt"),
            "meetings.meetings[0].state",
            "nicht erlaubt",
        ),
        (
            lambda d: d["meetings"][0]["points"][0].update(farbe="rot"),
            "meetings.meetings[0].points[0]",
            "Unbekanntes Feld",
        ),
        (
            lambda d: d["meetings"][0]["points"][2]["children"][0].update(agenda_item=1),
            "meetings.meetings[0].points[2].children[0]",
            "Unbekanntes Feld „agenda_item“",
        ),
        (
            lambda d: d["tasks"][0].update(point=1),
            "meetings.tasks[0].point",
            "Art „Aufgabe“",
        ),
        (
            lambda d: d["tasks"][0].update(body=99),
            "meetings.tasks[0].body",
            "nicht enthalten",
        ),
        (
            lambda d: d["meetings"][1].update(number=d["meetings"][0]["number"], body=1),
            "meetings.meetings[1]",
            "Nummer",
        ),
        (
            lambda d: d["meetings"][0].pop("date"),
            "meetings.meetings[0].date",
            "Pflichtfeld",
        ),
    ],
)
def test_broken_files_are_refused_in_german(
    filled: World, change: Any, path: str, message: str
) -> None:
    error = import_broken(filled, change)
    assert path in str(error)
    assert message in str(error)
