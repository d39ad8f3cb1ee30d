"""Calendar feeds and files: who sees which meetings, and the secret personal feed URL."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from ikz.accounts.models import CooperationRole
from ikz.dates import Precision
from ikz.meetings.models import CalendarToken, Meeting
from tests.conftest import World, client_for
from tests.meetings.calendar_helpers import add_agenda, events_of, make_meeting, summaries


@pytest.fixture
def meetings(world: World) -> dict[str, Meeting]:
    """One meeting per kind of visibility, plus a cancelled and a month-precision one."""
    return {
        "own": make_meeting(body=world.member_body, title="Intern eigene AG"),
        "foreign": make_meeting(body=world.internal_body, title="Intern fremde AG"),
        "public": make_meeting(body=world.public_body, title="Bürgerwerkstatt", is_public=True),
        "public_of_internal": make_meeting(
            body=world.internal_body, title="Öffentlicher Termin der AG", is_public=True
        ),
        "cancelled": make_meeting(
            body=world.public_body,
            title="Abgesagte Werkstatt",
            is_public=True,
            state=Meeting.State.CANCELLED,
        ),
        "month": make_meeting(
            body=world.public_body,
            title="Workshop im Januar",
            is_public=True,
            date=dt.date(2020, 1, 1),
            date_precision=Precision.MONTH,
            start_time=None,
            end_time=None,
        ),
    }


def feed_url(world: World) -> str:
    return reverse("meetings_calendar:cooperation_feed", args=[world.cooperation.slug])


def private_url(world: World, token: str) -> str:
    return reverse("meetings_calendar:private_feed", args=[world.cooperation.slug, token])


def new_token(world: World, user: object) -> str:
    client = client_for(user)  # type: ignore[arg-type]
    response = client.post(reverse("meetings_calendar:subscribe", args=[world.cooperation.slug]))
    assert response.status_code == 302
    return CalendarToken.objects.get(cooperation=world.cooperation, user=user).token


# --- Public feeds ------------------------------------------------------------------------------


def test_public_feed_has_only_public_meetings(
    world: World, meetings: dict[str, Meeting], anonymous_client: Client
) -> None:
    response = anonymous_client.get(feed_url(world))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert 'filename="koop-a.ics"' in response["Content-Disposition"]
    assert summaries(response.content) == {
        "Bürgerwerkstatt",
        "Öffentlicher Termin der AG",
        "Abgesagte Werkstatt",
    }
    cancelled = next(
        e for e in events_of(response.content) if e["SUMMARY"] == "Abgesagte Werkstatt"
    )
    assert str(cancelled["STATUS"]) == "CANCELLED"


def test_public_feed_is_the_same_for_members(
    world: World, meetings: dict[str, Meeting], coordinator_client: Client
) -> None:
    """Logged in or not, the public URL stays public: it may be shared on a website."""
    response = coordinator_client.get(feed_url(world))
    assert "Intern eigene AG" not in summaries(response.content)


def test_public_body_feed(world: World, meetings: dict[str, Meeting]) -> None:
    url = reverse(
        "meetings_calendar:body_feed", args=[world.cooperation.slug, world.public_body.pk]
    )
    response = Client().get(url)
    assert response.status_code == 200
    assert summaries(response.content) == {"Bürgerwerkstatt", "Abgesagte Werkstatt"}


@pytest.mark.parametrize("body_name", ["member_body", "internal_body"])
def test_internal_body_has_no_public_feed(
    world: World, meetings: dict[str, Meeting], body_name: str, coordinator_client: Client
) -> None:
    body = getattr(world, body_name)
    url = reverse("meetings_calendar:body_feed", args=[world.cooperation.slug, body.pk])
    assert coordinator_client.get(url).status_code == 404


def test_body_feed_of_another_cooperation_is_404(world: World, other: World) -> None:
    url = reverse(
        "meetings_calendar:body_feed", args=[world.cooperation.slug, other.public_body.pk]
    )
    assert Client().get(url).status_code == 404


# --- One meeting -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "key", "status"),
    [
        ("anonymous", "public", 200),
        ("anonymous", "own", 404),
        ("outsider", "own", 404),
        ("member", "own", 200),
        ("member", "foreign", 404),
        ("member", "public_of_internal", 200),
        ("coordinator", "foreign", 200),
        ("coordinator", "month", 404),
    ],
)
def test_meeting_file_follows_meeting_visibility(
    world: World, meetings: dict[str, Meeting], who: str, key: str, status: int
) -> None:
    user = None if who == "anonymous" else getattr(world, who)
    meeting = meetings[key]
    url = reverse("meetings_calendar:meeting_ics", args=[world.cooperation.slug, meeting.pk])
    response = client_for(user).get(url)
    assert response.status_code == status
    if status == 200:
        assert response["Content-Type"] == "text/calendar; charset=utf-8"
        assert response["Content-Disposition"].startswith("attachment; filename=")
        (event,) = events_of(response.content)
        assert str(event["UID"]) == f"{meeting.uid}@ikz-cockpit"


def test_meeting_of_another_cooperation_is_404_for_its_coordinator(
    world: World, other: World
) -> None:
    foreign = make_meeting(body=other.public_body, is_public=True)
    url = reverse("meetings_calendar:meeting_ics", args=[world.cooperation.slug, foreign.pk])
    assert client_for(world.coordinator).get(url).status_code == 404


# --- Personal feeds ----------------------------------------------------------------------------


def test_member_token_feed_shows_own_internal_meetings(
    world: World, meetings: dict[str, Meeting]
) -> None:
    token = new_token(world, world.member)
    response = Client().get(private_url(world, token))  # no log-in: a calendar app
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert summaries(response.content) == {
        "Intern eigene AG",
        "Bürgerwerkstatt",
        "Öffentlicher Termin der AG",
        "Abgesagte Werkstatt",
    }


def test_coordinator_token_feed_shows_everything_with_a_day(
    world: World, meetings: dict[str, Meeting]
) -> None:
    token = new_token(world, world.coordinator)
    response = Client().get(private_url(world, token))
    expected = {m.heading for key, m in meetings.items() if key != "month"}
    assert summaries(response.content) == expected


def test_wrong_token_is_404(world: World, meetings: dict[str, Meeting]) -> None:
    new_token(world, world.member)
    for token in ["falsch", "x" * 43, "x" * 65]:
        assert Client().get(private_url(world, token)).status_code == 404


def test_renewed_token_invalidates_the_old(world: World, meetings: dict[str, Meeting]) -> None:
    old = new_token(world, world.member)
    new = new_token(world, world.member)
    assert old != new
    assert len(new) >= 43
    assert Client().get(private_url(world, old)).status_code == 404
    assert Client().get(private_url(world, new)).status_code == 200
    assert CalendarToken.objects.filter(user=world.member).count() == 1


def test_token_of_another_cooperation_cannot_read_this_one(
    world: World, other: World, meetings: dict[str, Meeting]
) -> None:
    token = new_token(other, other.coordinator)
    assert Client().get(private_url(world, token)).status_code == 404
    assert Client().get(private_url(other, token)).status_code == 200


def test_token_dies_with_the_role(world: World, meetings: dict[str, Meeting]) -> None:
    token = new_token(world, world.member)
    CooperationRole.objects.filter(user=world.member).delete()
    assert Client().get(private_url(world, token)).status_code == 404


def test_token_dies_with_a_disabled_account(world: World, meetings: dict[str, Meeting]) -> None:
    token = new_token(world, world.member)
    world.member.is_active = False
    world.member.save()
    assert Client().get(private_url(world, token)).status_code == 404


# --- Subscribe page ----------------------------------------------------------------------------


def test_subscribe_page_needs_a_member(world: World) -> None:
    url = reverse("meetings_calendar:subscribe", args=[world.cooperation.slug])
    assert Client().get(url).status_code == 302
    assert client_for(world.outsider).get(url).status_code == 403
    assert client_for(world.outsider).post(url).status_code == 403
    assert not CalendarToken.objects.exists()


def test_subscribe_page_shows_public_and_personal_urls(world: World) -> None:
    url = reverse("meetings_calendar:subscribe", args=[world.cooperation.slug])
    client = client_for(world.member)
    page = client.get(url).content.decode()
    assert "Persönliche Kalenderadresse anlegen" in page
    assert "http://127.0.0.1:8000/koop-a/kalender/sitzungen.ics" in page
    assert "webcal://127.0.0.1:8000/koop-a/kalender/sitzungen.ics" in page
    assert f"/koop-a/kalender/gremien/{world.public_body.pk}.ics" in page
    assert f"/gremien/{world.member_body.pk}.ics" not in page

    response = client.post(url, follow=True)
    page = response.content.decode()
    token = CalendarToken.objects.get(user=world.member).token
    assert "wurde angelegt" in page
    assert f"http://127.0.0.1:8000/koop-a/kalender/privat/{token}.ics" in page
    assert f"webcal://127.0.0.1:8000/koop-a/kalender/privat/{token}.ics" in page
    assert "Adresse erneuern" in page


def test_feed_query_count_does_not_grow_with_meetings(
    world: World, django_assert_max_num_queries: object
) -> None:
    for index in range(30):
        meeting = make_meeting(body=world.public_body, is_public=True, title=f"Termin {index}")
        add_agenda(meeting, "Begrüßung", "Bericht")
    with django_assert_max_num_queries(4):  # type: ignore[operator]
        response = Client().get(feed_url(world))
    assert len(events_of(response.content)) == 30


def test_private_feed_query_count_does_not_grow_with_meetings(
    world: World, django_assert_max_num_queries: object
) -> None:
    token = new_token(world, world.member)
    for index in range(30):
        meeting = make_meeting(body=world.member_body, title=f"Intern {index}")
        add_agenda(meeting, "Begrüßung")
    # cooperation, token + user, role, person, memberships, meetings, agenda items
    with django_assert_max_num_queries(8):  # type: ignore[operator]
        response = Client().get(private_url(world, token))
    assert len(events_of(response.content)) == 30
