"""Meetings: numbering per body, dates of day or month precision, state, sequence, agenda."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from ikz.activity.models import ActivityEntry
from ikz.cooperation.models import Body
from ikz.dates import PartialDate, Precision
from ikz.meetings import services
from ikz.meetings.models import Attendance, Meeting
from tests.conftest import World
from tests.factories import LocationFactory, PersonFactory
from tests.meetings.factories import meeting, points

JAN_2020 = PartialDate.month(2020, 1)


def test_numbers_count_up_per_body(world: World) -> None:
    world.member_body.session_name = ""
    world.member_body.short_name = "AG Bauhof"
    world.member_body.save()
    first = meeting(body=world.member_body)
    second = meeting(body=world.member_body)
    other_body = meeting(body=world.internal_body)
    assert (first.number, second.number, other_body.number) == (1, 2, 1)
    assert second.heading == "2. AG Bauhof"


def test_heading_uses_session_name_or_title(world: World) -> None:
    steering = Body.objects.create(
        cooperation=world.cooperation, name="Lenkungsgruppe", session_name="Lenkungsgruppensitzung"
    )
    fifth = meeting(body=steering, number=5)
    assert fifth.heading == "5. Lenkungsgruppensitzung"
    workshop = meeting(body=steering, title="  Workshop Bibliothek ", when=JAN_2020)
    assert workshop.heading == "Workshop Bibliothek"
    assert workshop.number == 6  # numbering continues after an edited number


def test_number_is_editable_and_unique_per_body(world: World) -> None:
    first = meeting(body=world.member_body)
    with pytest.raises(ValidationError) as error:
        meeting(body=world.member_body, number=first.number)
    assert "bereits vergeben" in error.value.message_dict["number"][0]
    assert "nächste freie Nummer: 2" in error.value.message_dict["number"][0]
    # The same number in another body is fine.
    assert meeting(body=world.internal_body, number=first.number).number == 1
    second = meeting(body=world.member_body)
    with pytest.raises(ValidationError):
        services.meeting_update(meeting=second, fields={"number": first.number})
    second.refresh_from_db()
    assert second.number == 2
    services.meeting_update(meeting=second, fields={"number": 7})
    assert meeting(body=world.member_body).number == 8


def test_month_precision_is_stored_and_forbids_times(world: World) -> None:
    planned = meeting(
        body=world.member_body, when=PartialDate(dt.date(2020, 1, 17), Precision.MONTH)
    )
    assert planned.date == dt.date(2020, 1, 1)
    assert planned.date_precision == Precision.MONTH
    assert str(planned.when) == "01/2020"
    with pytest.raises(ValidationError) as error:
        meeting(body=world.member_body, when=JAN_2020, start_time=dt.time(10))
    assert "genauen Tag" in str(error.value)


def test_times_must_be_in_order(world: World) -> None:
    with pytest.raises(ValidationError, match="nach dem Beginn"):
        meeting(body=world.member_body, start_time=dt.time(12), end_time=dt.time(10))
    with pytest.raises(ValidationError, match="ohne Beginn"):
        meeting(body=world.member_body, end_time=dt.time(10))
    assert not Meeting.objects.exists()


def test_references_into_another_cooperation_are_refused(world: World, other: World) -> None:
    with pytest.raises(ValidationError, match="anderen Kooperation"):
        services.meeting_create(
            cooperation=world.cooperation, body=other.member_body, when=JAN_2020
        )
    foreign_location = LocationFactory(cooperation=other.cooperation)
    with pytest.raises(ValidationError, match="anderen Kooperation"):
        services.meeting_create(
            cooperation=world.cooperation,
            body=world.member_body,
            when=JAN_2020,
            location=foreign_location,
        )
    mine = meeting(body=world.member_body)
    with pytest.raises(ValidationError, match="anderen Kooperation"):
        services.meeting_update(meeting=mine, fields={"location": foreign_location})
    with pytest.raises(ValidationError, match="anderen Kooperation"):
        services.attendance_set(meeting=mine, person=PersonFactory(cooperation=other.cooperation))
    assert Meeting.objects.count() == 1


def test_every_change_increments_the_sequence_uid_stays(world: World) -> None:
    created = meeting(body=world.member_body)
    uid = created.uid
    assert created.sequence == 0
    updated = services.meeting_update(meeting=created, fields={"title": "Sondersitzung"})
    assert updated.sequence == 1
    updated = services.meeting_update(
        meeting=updated, fields={"when": PartialDate.day(2019, 12, 6), "start_time": dt.time(9)}
    )
    assert updated.sequence == 2
    # Nothing changed: no new version for the calendars.
    assert services.meeting_update(meeting=updated, fields={"title": "Sondersitzung"}).sequence == 2
    invited = services.meeting_set_state(meeting=updated, state=Meeting.State.INVITED)
    assert invited.sequence == 3
    services.agenda_item_add(meeting=invited, title="Begrüßung")
    invited.refresh_from_db()
    assert invited.sequence == 4
    assert invited.uid == uid


def test_unknown_fields_are_refused(world: World) -> None:
    created = meeting(body=world.member_body)
    with pytest.raises(ValidationError, match="Unbekannte Felder"):
        services.meeting_update(meeting=created, fields={"sequence": 0})


@pytest.mark.parametrize(
    ("path", "allowed"),
    [
        (["invited", "held", "minutes_published"], True),
        (["held", "minutes_published", "held"], True),
        (["cancelled", "planned", "invited", "cancelled"], True),
        (["minutes_published"], False),
        (["invited", "planned"], False),
        (["held", "cancelled"], False),
        (["cancelled", "held"], False),
    ],
)
def test_state_transitions(world: World, path: list[str], allowed: bool) -> None:
    created = meeting(body=world.member_body)
    if allowed:
        for state in path:
            created = services.meeting_set_state(meeting=created, state=state)
        assert created.state == path[-1]
        assert created.sequence == len(path)
    else:
        for state in path[:-1]:
            created = services.meeting_set_state(meeting=created, state=state)
        with pytest.raises(ValidationError, match="kann nicht auf"):
            services.meeting_set_state(meeting=created, state=path[-1])


def test_delete_only_without_minutes(world: World) -> None:
    empty = meeting(body=world.member_body)
    services.meeting_delete(meeting=empty)
    with_minutes = meeting(body=world.member_body)
    points(with_minutes, "Ergebnis")
    with pytest.raises(ValidationError, match="abgesagt"):
        services.meeting_delete(meeting=with_minutes)
    assert list(Meeting.objects.all()) == [with_minutes]


def test_cancelled_meeting_takes_no_minutes(world: World) -> None:
    created = meeting(body=world.member_body)
    services.meeting_set_state(meeting=created, state=Meeting.State.CANCELLED)
    created.refresh_from_db()
    with pytest.raises(ValidationError, match="abgesagte"):
        services.point_add(meeting=created, text="x")


def test_activity_is_recorded(world: World) -> None:
    created = meeting(body=world.member_body, actor_id=world.coordinator.pk)
    entry = ActivityEntry.objects.get()
    assert created.heading in entry.text
    assert entry.url.endswith(f"/sitzungen/{created.pk}/")
    assert entry.body == world.member_body


def test_attendance_set_update_remove_and_from_members(world: World) -> None:
    created = meeting(body=world.member_body)
    guest = PersonFactory(cooperation=world.cooperation, municipality=world.other_municipality)
    services.attendance_set(meeting=created, person=guest, status=Attendance.Status.EXCUSED)
    services.attendance_set(meeting=created, person=guest, status=Attendance.Status.PRESENT)
    assert created.attendances.get().status == Attendance.Status.PRESENT
    assert services.attendance_from_members(meeting=created) == 1  # the member of the body
    assert services.attendance_from_members(meeting=created) == 0
    services.attendance_remove(meeting=created, person=guest)
    assert list(created.attendances.values_list("person_id", flat=True)) == [world.member_person.pk]
    with pytest.raises(ValidationError):
        services.attendance_set(meeting=created, person=guest, status="vielleicht")


def test_attendance_update_in_bulk(world: World, other: World) -> None:
    created = meeting(body=world.member_body)
    guest = PersonFactory(cooperation=world.cooperation)
    services.attendance_update(
        meeting=created,
        statuses={world.member_person: Attendance.Status.PRESENT, guest: Attendance.Status.ABSENT},
    )
    services.attendance_update(
        meeting=created, statuses={world.member_person: Attendance.Status.EXCUSED, guest: ""}
    )
    assert dict(created.attendances.values_list("person_id", "status")) == {
        world.member_person.pk: Attendance.Status.EXCUSED
    }
    with pytest.raises(ValidationError, match="Teilnahmestatus"):
        services.attendance_update(meeting=created, statuses={guest: "vielleicht"})
    with pytest.raises(ValidationError, match="anderen Kooperation"):
        services.attendance_update(
            meeting=created, statuses={PersonFactory(cooperation=other.cooperation): "present"}
        )
    assert created.attendances.count() == 1
