"""Invitations: one German mail per body member with an address, .ics attached, after commit."""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from pytest_django import DjangoCaptureOnCommitCallbacks

from ikz.activity.models import ActivityEntry
from ikz.cooperation.models import Person
from ikz.dates import Precision
from ikz.meetings.invitations import send_invitation
from ikz.meetings.models import Meeting
from tests.conftest import World, client_for
from tests.factories import MembershipFactory, MunicipalityFactory, PersonFactory
from tests.meetings.calendar_helpers import add_agenda, make_location, make_meeting

SUBJECT = "Einladung: 5. Lenkungsgruppensitzung am 14.01.2020 in Großpösna"


@pytest.fixture
def meeting(world: World) -> Meeting:
    body = world.member_body
    body.session_name = "Lenkungsgruppensitzung"
    body.save()
    host = MunicipalityFactory(cooperation=world.cooperation, name="Großpösna")
    location = make_location(body=body, municipality=host)
    meeting = make_meeting(body=body, number=5, location=location)
    add_agenda(meeting, "Begrüßung", "Ergebnisse der Strategiewerkstatt")
    return meeting


def add_member(world: World, **person: object) -> Person:
    member = MembershipFactory(
        cooperation=world.cooperation,
        body=world.member_body,
        person=PersonFactory(cooperation=world.cooperation, **person),
    )
    return member.person


def invite(meeting: Meeting, world: World, capture: DjangoCaptureOnCommitCallbacks) -> int:
    with capture(execute=True):
        return send_invitation(meeting=meeting, actor_id=world.coordinator.pk)


def test_mails_every_member_with_an_address(
    world: World,
    meeting: Meeting,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    second = add_member(world, email="zweite@example.org")
    add_member(world, email="")  # no address: not invited
    add_member(world, email="ZWEITE@example.org ")  # the same address twice: one mail
    left = add_member(world, email="ehemals@example.org")
    left.memberships.update(end_date=dt.date(2019, 12, 31))  # left before the meeting
    add_member(world, email="andere@example.org").memberships.update(body=world.internal_body)

    count = invite(meeting, world, django_capture_on_commit_callbacks)

    assert count == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted([world.member_person.email, second.email])
    assert all(len(m.to) == 1 for m in mail.outbox)  # nobody sees the other addresses


def test_german_subject_and_body(
    world: World,
    meeting: Meeting,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    invite(meeting, world, django_capture_on_commit_callbacks)
    (message,) = mail.outbox
    assert message.subject == SUBJECT
    body = message.body
    assert f"Guten Tag {world.member_person.full_name}," in body
    assert "zur Sitzung „5. Lenkungsgruppensitzung“" in body
    assert "Datum: Dienstag, 14.01.2020" in body
    assert "Uhrzeit: 10:00–12:30 Uhr" in body
    assert "Ort: Rathaus Großpösna, Im Rittergut 1, 04463 Großpösna" in body
    assert "Tagesordnung:\n1. Begrüßung\n2. Ergebnisse der Strategiewerkstatt" in body
    assert "&#" not in body  # plain text, not HTML-escaped
    assert "&quot;" not in body
    assert "http://127.0.0.1:8000/koop-a/" in body
    assert message.reply_to == [world.coordinator.email]


def test_ics_attachment_is_an_itip_request(
    world: World,
    meeting: Meeting,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    invite(meeting, world, django_capture_on_commit_callbacks)
    (message,) = mail.outbox
    attachment, invitation = message.attachments
    # The invitation with the agenda as PDF (ikz.meetings.documents) goes along.
    name, data, mimetype = invitation
    assert (name[-4:], data[:4], mimetype) == (".pdf", b"%PDF", "application/pdf")
    assert attachment.get_content_type() == "text/calendar"
    assert attachment.get_param("method") == "REQUEST"
    assert attachment.get_filename() == "einladung.ics"
    calendar = icalendar.Calendar.from_ical(attachment.get_payload(decode=True))
    assert str(calendar["METHOD"]) == "REQUEST"
    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == "5. Lenkungsgruppensitzung"
    assert str(event["UID"]) == f"{meeting.uid}@ikz-cockpit"
    assert str(event["ATTENDEE"]) == f"mailto:{world.member_person.email}"
    assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
    meeting.refresh_from_db()
    assert event["SEQUENCE"] == meeting.sequence
    # The whole mail is a valid MIME message that says what it carries.
    raw = message.message().as_string()
    assert 'Content-Type: text/calendar; charset="utf-8"; method="REQUEST"' in raw


def test_sent_only_after_commit(
    world: World,
    meeting: Meeting,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        send_invitation(meeting=meeting, actor_id=world.coordinator.pk)
    assert mail.outbox == []
    assert len(callbacks) == 1
    callbacks[0]()
    assert len(mail.outbox) == 1


def test_state_invited_sequence_raised_and_activity(
    world: World,
    meeting: Meeting,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    before = meeting.sequence
    invite(meeting, world, django_capture_on_commit_callbacks)
    meeting.refresh_from_db()
    assert meeting.state == Meeting.State.INVITED
    assert meeting.sequence > before
    assert ActivityEntry.objects.filter(
        cooperation=world.cooperation,
        kind="meetings.invitation_sent",
        data__heading="5. Lenkungsgruppensitzung",
    ).exists()
    # Inviting again (e.g. after a change) is allowed and keeps the state.
    invite(meeting, world, django_capture_on_commit_callbacks)
    meeting.refresh_from_db()
    assert meeting.state == Meeting.State.INVITED
    assert len(mail.outbox) == 2


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"state": Meeting.State.CANCELLED}, "abgesagten"),
        ({"state": Meeting.State.HELD}, "bereits stattgefunden"),
        ({"state": Meeting.State.MINUTES_PUBLISHED}, "bereits stattgefunden"),
        (
            {
                "date": dt.date(2020, 1, 1),
                "date_precision": Precision.MONTH,
                "start_time": None,
                "end_time": None,
            },
            "nur auf den Monat",
        ),
    ],
)
def test_refused_cases_change_nothing(
    world: World,
    meeting: Meeting,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
    changes: dict[str, object],
    message: str,
) -> None:
    Meeting.objects.filter(pk=meeting.pk).update(**changes)
    meeting.refresh_from_db()
    with pytest.raises(ValidationError, match=message):
        invite(meeting, world, django_capture_on_commit_callbacks)
    assert mail.outbox == []
    fresh = Meeting.objects.get(pk=meeting.pk)
    assert (fresh.state, fresh.sequence) == (meeting.state, meeting.sequence)
    assert not ActivityEntry.objects.filter(kind="meetings.invitation_sent").exists()


def test_refused_without_addresses(
    world: World,
    meeting: Meeting,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    Person.objects.filter(pk=world.member_person.pk).update(email="")
    with pytest.raises(ValidationError, match="hat niemand eine E-Mail-Adresse"):
        invite(meeting, world, django_capture_on_commit_callbacks)
    assert mail.outbox == []
    assert Meeting.objects.get(pk=meeting.pk).state == Meeting.State.PLANNED


# --- The page ----------------------------------------------------------------------------------


def page_url(world: World, meeting: Meeting) -> str:
    return reverse("meetings_calendar:invitation", args=[world.cooperation.slug, meeting.pk])


def test_confirmation_page_shows_the_recipient_count(world: World, meeting: Meeting) -> None:
    add_member(world, email="zweite@example.org")
    response = client_for(world.coordinator).get(page_url(world, meeting))
    page = response.content.decode()
    assert response.status_code == 200
    assert "An 2 Personen" in page
    assert "Einladung an 2 Personen versenden" in page
    assert SUBJECT in page
    assert mail.outbox == []


def test_post_sends_and_redirects(
    world: World,
    meeting: Meeting,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    client = client_for(world.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(page_url(world, meeting))
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    page = client.get(response["Location"]).content.decode()
    assert "Die Einladung wird an 1 Person versendet." in page


def test_post_refused_shows_the_reason(world: World, meeting: Meeting) -> None:
    Meeting.objects.filter(pk=meeting.pk).update(state=Meeting.State.CANCELLED)
    response = client_for(world.coordinator).post(page_url(world, meeting))
    assert response.status_code == 400
    assert "Zu einer abgesagten Sitzung kann nicht eingeladen werden." in response.content.decode()
    assert mail.outbox == []


def test_only_the_coordinator_may_invite(world: World, other: World, meeting: Meeting) -> None:
    assert client_for(world.member).post(page_url(world, meeting)).status_code == 403
    assert client_for(other.coordinator).post(page_url(world, meeting)).status_code == 403
    foreign = make_meeting(body=other.member_body)
    url = reverse("meetings_calendar:invitation", args=[world.cooperation.slug, foreign.pk])
    assert client_for(world.coordinator).post(url).status_code == 404
    assert mail.outbox == []
