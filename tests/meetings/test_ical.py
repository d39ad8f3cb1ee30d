"""The iCalendar renderer: files parse back with ``icalendar`` and say what the meeting says."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import icalendar
import pytest

from ikz.dates import Precision
from ikz.meetings import ical
from ikz.meetings.models import Meeting
from ikz.meetings.services import meeting_update
from tests.conftest import World
from tests.meetings.calendar_helpers import add_agenda, events_of, make_location, make_meeting

SITE = "https://ikz.example.org"
BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


def load(meeting: Meeting) -> Meeting:
    return (
        Meeting.objects.select_related("body", "cooperation", "location__municipality")
        .prefetch_related("agenda_items")
        .get(pk=meeting.pk)
    )


def single_event(meeting: Meeting) -> icalendar.Event:
    data = ical.calendar_for([load(meeting)], name="Test", site_url=SITE)
    (event,) = events_of(data)
    return event


@pytest.fixture
def steering(world: World) -> Meeting:
    world.member_body.session_name = "Lenkungsgruppensitzung"
    world.member_body.save()
    location = make_location(body=world.member_body)
    meeting = make_meeting(body=world.member_body, number=5, location=location)
    add_agenda(meeting, "Begrüßung", "Bericht der Arbeitsgruppen", "Bürgerwerkstatt")
    return meeting


def test_timed_meeting_is_local_berlin_time_with_vtimezone(steering: Meeting) -> None:
    data = ical.calendar_for([load(steering)], name="Test", site_url=SITE)
    calendar = icalendar.Calendar.from_ical(data)
    (event,) = calendar.walk("VEVENT")
    start = event["DTSTART"]
    assert start.params["TZID"] == "Europe/Berlin"
    assert start.dt == dt.datetime(2020, 1, 14, 10, 0, tzinfo=BERLIN)
    assert start.dt.utcoffset() == dt.timedelta(hours=1)  # CET in January
    assert event["DTEND"].dt == dt.datetime(2020, 1, 14, 12, 30, tzinfo=BERLIN)
    assert [tz.tz_name for tz in calendar.timezones] == ["Europe/Berlin"]
    assert calendar.get_missing_tzids() == set()
    assert b"DTSTART;TZID=Europe/Berlin:20200114T100000" in data


def test_summer_time_offset(world: World) -> None:
    meeting = make_meeting(body=world.member_body, date=dt.date(2020, 7, 1))
    start = single_event(meeting)["DTSTART"].dt
    assert start.utcoffset() == dt.timedelta(hours=2)
    assert start.astimezone(dt.UTC).hour == 8


def test_fields_of_the_event(steering: Meeting) -> None:
    event = single_event(steering)
    assert str(event["SUMMARY"]) == "5. Lenkungsgruppensitzung"
    assert str(event["UID"]) == f"{steering.uid}@ikz-cockpit"
    assert event["SEQUENCE"] == 0
    assert str(event["LOCATION"]) == "Rathaus Großpösna, Im Rittergut 1, 04463 Großpösna"
    url = str(event["URL"])
    assert url.startswith(SITE + "/")
    description = str(event["DESCRIPTION"])
    assert "Tagesordnung:\n1. Begrüßung\n2. Bericht der Arbeitsgruppen\n3. Bürgerwerkstatt" in (
        description
    )
    assert description.endswith(url)
    assert str(event["STATUS"]) == "TENTATIVE"
    assert str(event["CLASS"]) == "PRIVATE"
    stamp = event["DTSTAMP"].dt
    assert stamp.utcoffset() == dt.timedelta(0)
    assert stamp == steering.updated_at.replace(microsecond=0)


def test_nested_agenda_is_numbered(world: World) -> None:
    meeting = make_meeting(body=world.member_body)
    (bauhof,) = add_agenda(meeting, "Berichte")
    add_agenda(meeting, "Bauhof", "Verwaltung", parent=bauhof)
    description = str(single_event(meeting)["DESCRIPTION"])
    assert "1. Berichte\n   1.1. Bauhof\n   1.2. Verwaltung" in description


def test_host_municipality_added_when_the_place_does_not_name_it(world: World) -> None:
    location = make_location(
        body=world.member_body,
        name="Bauhof",
        address="Lindenstraße 2",
        municipality=world.municipality,
    )
    meeting = make_meeting(body=world.member_body, location=location)
    assert (
        str(single_event(meeting)["LOCATION"])
        == f"Bauhof, Lindenstraße 2, {world.municipality.name}"
    )


def test_day_without_time_is_an_all_day_event(world: World) -> None:
    meeting = make_meeting(
        body=world.member_body, date=dt.date(2020, 2, 26), start_time=None, end_time=None
    )
    event = single_event(meeting)
    assert event["DTSTART"].params["VALUE"] == "DATE"
    assert event["DTSTART"].dt == dt.date(2020, 2, 26)
    assert event["DTEND"].dt == dt.date(2020, 2, 27)


def test_start_without_end_has_no_invented_end(world: World) -> None:
    meeting = make_meeting(body=world.member_body, end_time=None)
    assert "DTEND" not in single_event(meeting)


def test_month_precision_meetings_are_left_out(world: World) -> None:
    workshop = make_meeting(
        body=world.member_body,
        title="Workshop Bibliothek",
        date=dt.date(2020, 1, 1),
        date_precision=Precision.MONTH,
        start_time=None,
        end_time=None,
    )
    dated = make_meeting(body=world.member_body)
    data = ical.calendar_for([load(workshop), load(dated)], name="Test", site_url=SITE)
    assert [str(e["UID"]) for e in events_of(data)] == [ical.event_uid(dated)]
    assert not ical.in_calendar(workshop)
    with pytest.raises(ValueError, match="Monat"):
        ical.meeting_event(load(workshop), site_url=SITE)


def test_cancelled_meeting_has_status_cancelled(world: World) -> None:
    meeting = make_meeting(body=world.member_body, state=Meeting.State.CANCELLED)
    assert str(single_event(meeting)["STATUS"]) == "CANCELLED"


@pytest.mark.parametrize(
    "state", [Meeting.State.INVITED, Meeting.State.HELD, Meeting.State.MINUTES_PUBLISHED]
)
def test_fixed_meetings_are_confirmed(world: World, state: str) -> None:
    meeting = make_meeting(body=world.member_body, state=state, is_public=True)
    event = single_event(meeting)
    assert str(event["STATUS"]) == "CONFIRMED"
    assert str(event["CLASS"]) == "PUBLIC"


def test_uid_stable_and_sequence_from_the_meeting(steering: Meeting) -> None:
    before = single_event(steering)
    Meeting.objects.filter(pk=steering.pk).update(
        sequence=3, start_time=dt.time(14, 0), end_time=dt.time(16, 0)
    )
    after = single_event(steering)
    assert str(after["UID"]) == str(before["UID"])
    assert after["SEQUENCE"] == 3
    assert after["DTSTART"].dt.hour == 14


def test_feed_metadata_and_empty_feed() -> None:
    data = ical.calendar_for([], name="Sitzungen Partheland", site_url=SITE)
    calendar = icalendar.Calendar.from_ical(data)
    assert str(calendar["X-WR-CALNAME"]) == "Sitzungen Partheland"
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert str(calendar["VERSION"]) == "2.0"
    assert calendar.walk("VEVENT") == []
    assert calendar.timezones == []


def test_invitation_calendar_is_an_itip_request(steering: Meeting) -> None:
    data = ical.invitation_calendar(
        load(steering),
        site_url=SITE,
        organizer_email="koordination@example.org",
        organizer_name="Koordination",
        attendee_email="bm@example.org",
        attendee_name="Bürgermeisterin",
    )
    calendar = icalendar.Calendar.from_ical(data)
    assert str(calendar["METHOD"]) == "REQUEST"
    (event,) = calendar.walk("VEVENT")
    assert str(event["ORGANIZER"]) == "mailto:koordination@example.org"
    assert str(event["ATTENDEE"]) == "mailto:bm@example.org"
    assert event["ATTENDEE"].params["CN"] == "Bürgermeisterin"


def test_update_through_the_service_raises_sequence_and_keeps_uid(steering: Meeting) -> None:
    before = single_event(steering)
    meeting_update(
        meeting=steering, fields={"start_time": dt.time(14, 0), "end_time": dt.time(16, 0)}
    )
    moved = single_event(steering)
    meeting_update(meeting=steering, fields={"description": "Bitte Unterlagen mitbringen"})
    noted = single_event(steering)
    assert str(before["UID"]) == str(moved["UID"]) == str(noted["UID"])
    assert before["SEQUENCE"] < moved["SEQUENCE"] < noted["SEQUENCE"]
    assert moved["DTSTART"].dt == dt.datetime(2020, 1, 14, 14, 0, tzinfo=BERLIN)
    assert "Bitte Unterlagen mitbringen" in str(noted["DESCRIPTION"])
    # An update that changes nothing leaves the calendar entry alone.
    meeting_update(meeting=steering, fields={"description": "Bitte Unterlagen mitbringen"})
    assert single_event(steering)["SEQUENCE"] == noted["SEQUENCE"]
