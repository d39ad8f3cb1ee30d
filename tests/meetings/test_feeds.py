"""Calendar feeds and files: who sees which meetings, and the secret personal feed URL."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from ikz.accounts.models import CooperationRole, User
from ikz.dates import Precision
from ikz.meetings import feeds
from ikz.meetings.models import CalendarToken, Meeting
from tests.conftest import World, client_for
from tests.meetings.calendar_helpers import add_agenda, events_of, make_meeting, summaries

FEED_TODAY = dt.date(2020, 6, 1)  # the meetings below lie in the window that ends here


@pytest.fixture(autouse=True)
def feed_today(monkeypatch: pytest.MonkeyPatch) -> dt.date:
    """Feeds cover the last 12 months from today: these tests' today is in 2020."""
    monkeypatch.setattr(feeds, "_today", lambda: FEED_TODAY)
    cache.clear()
    return FEED_TODAY


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


def new_token(world: World, user: User) -> str:
    client = client_for(user)
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
    world: World, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    for index in range(30):
        meeting = make_meeting(body=world.public_body, is_public=True, title=f"Termin {index}")
        add_agenda(meeting, "Begrüßung", "Bericht")
    # cooperation, fingerprint (meetings aggregate, newest activity), meetings, agenda items
    with django_assert_max_num_queries(5):
        response = Client().get(feed_url(world))
    assert len(events_of(response.content)) == 30
    with django_assert_max_num_queries(3):  # rendered bytes cached
        again = Client().get(feed_url(world))
    assert again.content == response.content


def test_private_feed_query_count_does_not_grow_with_meetings(
    world: World, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    token = new_token(world, world.member)
    for index in range(30):
        meeting = make_meeting(body=world.member_body, title=f"Intern {index}")
        add_agenda(meeting, "Begrüßung")
    # cooperation, token + user, role, person, memberships, fingerprint (2), meetings, agenda
    with django_assert_max_num_queries(9):
        response = Client().get(private_url(world, token))
    assert len(events_of(response.content)) == 30


# --- Window and HTTP caching -------------------------------------------------------------------


def test_feed_covers_twelve_months_back_and_the_future(world: World) -> None:
    for title, day in [
        ("Vor 13 Monaten", dt.date(2019, 5, 31)),
        ("Vor genau 12 Monaten", dt.date(2019, 6, 1)),
        ("Letzte Woche", dt.date(2020, 5, 25)),
        ("In fünf Jahren", dt.date(2025, 6, 1)),
    ]:
        make_meeting(body=world.public_body, title=title, is_public=True, date=day)
    assert summaries(Client().get(feed_url(world)).content) == {
        "Vor genau 12 Monaten",
        "Letzte Woche",
        "In fünf Jahren",
    }


@pytest.mark.parametrize(
    ("today", "start"),
    [
        (dt.date(2020, 6, 1), dt.date(2019, 6, 1)),
        (dt.date(2020, 1, 15), dt.date(2019, 1, 15)),
        (dt.date(2020, 2, 29), dt.date(2019, 2, 28)),
        (dt.date(2021, 12, 31), dt.date(2020, 12, 31)),
    ],
)
def test_window_start(today: dt.date, start: dt.date) -> None:
    assert feeds.window_start(today) == start


def test_feed_answers_304_to_a_matching_etag(
    world: World,
    meetings: dict[str, Meeting],
    django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    first = Client().get(feed_url(world))
    etag = first["ETag"]
    assert etag.startswith('"')
    assert first["Last-Modified"]
    assert "Cookie" not in first.get("Vary", "")
    with django_assert_max_num_queries(3):  # no meeting is read
        again = Client().get(feed_url(world), HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    assert Client().get(feed_url(world), HTTP_IF_NONE_MATCH='"anders"').status_code == 200


def test_feed_etag_changes_with_the_meetings(world: World, meetings: dict[str, Meeting]) -> None:
    etag = Client().get(feed_url(world))["ETag"]
    add_agenda(meetings["public"], "Neuer Punkt")  # the agenda services also raise the sequence
    Meeting.objects.filter(pk=meetings["public"].pk).update(sequence=5)
    response = Client().get(feed_url(world), HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert "Neuer Punkt" in response.content.decode()
    assert response["ETag"] != etag


def test_logged_in_visitor_gets_the_same_public_feed(
    world: World, meetings: dict[str, Meeting], coordinator_client: Client
) -> None:
    anonymous = Client().get(feed_url(world))
    member = coordinator_client.get(feed_url(world), HTTP_IF_NONE_MATCH=anonymous["ETag"])
    assert member.status_code == 304
    assert "Cookie" not in member.get("Vary", "")
