"""API keys: scope, expiry, revocation, the rate limit, the account page; German problem
documents for bad input, with nothing changed."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client, override_settings
from django.utils import timezone

from ikz.api import tokens
from ikz.api.models import ApiToken
from ikz.meetings.models import Meeting
from tests.api.helpers import Api, key
from tests.conftest import World, client_for
from tests.meetings.factories import DEC_5, meeting

PAGE = "/konto/api-schluessel/"


def problem(response: Any) -> dict[str, Any]:
    """The problem document of a test client's or ``Api``'s response (both untyped: Any)."""
    assert response["Content-Type"] == "application/problem+json"
    body: dict[str, Any] = json.loads(response.content)
    return body


def test_no_key_a_wrong_key_and_a_malformed_header_are_401(world: World) -> None:
    for headers in ({}, {"Authorization": "Bearer ikz_falsch_123"}, {"Authorization": "Basic x"}):
        response = Client().get("/api/v1/cooperations", headers=headers)
        assert response.status_code == 401
        assert response["WWW-Authenticate"].startswith("Bearer")
        assert problem(response)["title"] == "Nicht angemeldet"


def test_an_expired_key_stops_working(world: World) -> None:
    secret = key(world, "member", days=1)
    assert Api(secret).get("/cooperations").status_code == 200
    ApiToken.objects.update(expires_on=timezone.localdate() - dt.timedelta(days=1))
    assert Api(secret).get("/cooperations").status_code == 401


def test_a_revoked_key_stops_working_at_once(world: World) -> None:
    secret = key(world, "member")
    token = ApiToken.objects.get()
    assert Api(secret).get("/cooperations").status_code == 200
    tokens.token_revoke(token=token, user=world.member)
    assert Api(secret).get("/cooperations").status_code == 401


def test_a_read_key_cannot_write_even_for_the_coordinator(world: World) -> None:
    api = Api(key(world, "coordinator", scope="read"))
    before = Meeting.objects.count()
    response = api.post(
        f"/cooperations/{world.cooperation.slug}/meetings",
        {"body_id": world.public_body.pk, "date": "2020-01-05"},
    )
    assert response.status_code == 403
    assert problem(response)["detail"] == "Dieser API-Schlüssel darf nur lesen."
    assert Meeting.objects.count() == before


def test_a_lost_role_is_lost_for_the_key_too(world: World) -> None:
    secret = key(world, "member")
    slug = world.cooperation.slug
    assert Api(secret).get(f"/cooperations/{slug}/people").status_code == 200
    world.member.cooperation_roles.all().delete()
    assert Api(secret).get(f"/cooperations/{slug}/people").status_code == 403


def test_the_stored_hash_is_not_the_key(world: World) -> None:
    secret = key(world, "member")
    token = ApiToken.objects.get()
    assert secret not in (token.key_hash, token.prefix, str(token))
    assert secret.startswith(f"ikz_{token.prefix}_")
    assert len(secret) > 40


def test_key_creation_rules(world: World) -> None:
    today = timezone.localdate()
    with pytest.raises(ValidationError, match="nur für Mitglieder"):
        tokens.token_create(
            user=world.outsider,
            cooperation=world.cooperation,
            name="x",
            scope="read",
            expires_on=today + dt.timedelta(days=3),
        )
    for days in (0, 367):
        with pytest.raises(ValidationError, match="höchstens 366 Tage"):
            tokens.token_create(
                user=world.member,
                cooperation=world.cooperation,
                name="x",
                scope="read",
                expires_on=today + dt.timedelta(days=days),
            )
    with pytest.raises(ValidationError):
        tokens.token_create(
            user=world.member,
            cooperation=world.cooperation,
            name="x",
            scope="admin",
            expires_on=today + dt.timedelta(days=3),
        )
    assert not ApiToken.objects.exists()


@override_settings(IKZ_API_RATE_LIMIT=3)
def test_the_rate_limit_is_per_key(world: World) -> None:
    first, second = Api(key(world, "member")), Api(key(world, "coordinator"))
    assert [first.get("/cooperations").status_code for _ in range(3)] == [200, 200, 200]
    refused = first.get("/cooperations")
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert "Minutenkontingent" in problem(refused)["detail"]
    assert second.get("/cooperations").status_code == 200


def test_a_service_refusal_is_a_german_422_and_changes_nothing(world: World) -> None:
    api = Api(key(world, "coordinator"))
    before = Meeting.objects.count()
    response = api.post(
        f"/cooperations/{world.cooperation.slug}/meetings",
        {"body_id": world.public_body.pk, "date": "2020-01-05", "end_time": "18:00"},
    )
    assert response.status_code == 422
    body = problem(response)
    assert body["title"] == "Ungültige Eingabe"
    assert "Ein Ende ohne Beginn ist nicht möglich." in body["detail"]
    assert Meeting.objects.count() == before


def test_a_malformed_request_is_a_german_422(world: World) -> None:
    api = Api(key(world, "coordinator"))
    response = api.post(
        f"/cooperations/{world.cooperation.slug}/meetings", {"body_id": "abc", "date": "gestern"}
    )
    assert response.status_code == 422
    body = problem(response)
    assert body["title"] == "Ungültige Anfrage"
    assert {error["field"] for error in body["errors"]} == {"body_id", "date"}


def test_a_state_change_the_service_refuses(world: World) -> None:
    session = meeting(body=world.public_body, when=DEC_5)
    api = Api(key(world, "coordinator"))
    response = api.patch(
        f"/cooperations/{world.cooperation.slug}/meetings/{session.pk}",
        {"state": "minutes_published"},
    )
    assert response.status_code == 422
    assert "kann nicht auf" in problem(response)["detail"]
    session.refresh_from_db()
    assert session.state == Meeting.State.PLANNED


def test_members_see_their_internal_meetings_and_the_public_only_public(world: World) -> None:
    meeting(body=world.public_body, when=DEC_5, is_public=True)
    meeting(body=world.member_body, when=DEC_5)
    meeting(body=world.internal_body, when=DEC_5)
    path = f"/cooperations/{world.cooperation.slug}/meetings"
    seen = {
        role: sorted(
            m["body_id"] for m in json.loads(Api(key(world, role)).get(path).content)["items"]
        )
        for role in ("outsider", "member", "coordinator")
    }
    assert seen == {
        "outsider": [world.public_body.pk],
        "member": sorted([world.public_body.pk, world.member_body.pk]),
        "coordinator": sorted([world.public_body.pk, world.member_body.pk, world.internal_body.pk]),
    }


# --- The account page -----------------------------------------------------------------------


def test_the_page_needs_a_login(world: World) -> None:
    response = Client().get(PAGE)
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/anmelden/")


def test_creating_a_key_shows_it_once_and_it_works(world: World) -> None:
    client = client_for(world.member)
    page = client.get(PAGE).content.decode()
    assert "Neuer Schlüssel" in page
    assert world.cooperation.name in page
    expires = (timezone.localdate() + dt.timedelta(days=30)).strftime("%d.%m.%Y")
    response = client.post(
        PAGE,
        {
            "cooperation": world.cooperation.pk,
            "name": "GIS",
            "scope": "read",
            "expires_on": expires,
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    found = re.search(r'id="new-token">(ikz_[^<]+)</code>', html)
    assert found is not None
    secret = found.group(1)
    assert Api(secret).get("/cooperations").status_code == 200
    again = client.get(PAGE).content.decode()
    assert secret not in again
    assert "GIS" in again


def test_a_bad_form_is_a_400_with_german_messages(world: World) -> None:
    client = client_for(world.member)
    response = client.post(
        PAGE, {"cooperation": world.cooperation.pk, "name": "", "scope": "x", "expires_on": "bald"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'aria-invalid="true"' in html
    assert not ApiToken.objects.exists()


def test_a_key_for_a_foreign_cooperation_is_refused(world: World, other: World) -> None:
    client = client_for(world.member)
    expires = (timezone.localdate() + dt.timedelta(days=30)).strftime("%d.%m.%Y")
    response = client.post(
        PAGE,
        {"cooperation": other.cooperation.pk, "name": "x", "scope": "read", "expires_on": expires},
    )
    assert response.status_code == 400
    assert "Bitte eine gültige Auswahl treffen" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_revoking_through_the_page_and_never_someone_elses(world: World) -> None:
    secret = key(world, "member")
    token = ApiToken.objects.get()
    outsider = client_for(world.coordinator)
    assert outsider.post(f"{PAGE}{token.pk}/widerrufen/").status_code == 404
    assert Api(secret).get("/cooperations").status_code == 200
    client = client_for(world.member)
    assert client.get(f"{PAGE}{token.pk}/widerrufen/").status_code == 405
    response = client.post(f"{PAGE}{token.pk}/widerrufen/")
    assert response.status_code == 302
    assert Api(secret).get("/cooperations").status_code == 401
    assert "widerrufen" in client.get(PAGE).content.decode()


def test_outsiders_get_an_explanation_instead_of_a_form(world: World) -> None:
    html = client_for(world.outsider).get(PAGE).content.decode()
    assert "Ihr Konto hat noch keine Rolle" in html
    assert "Schlüssel anlegen" not in html


def test_the_docs_page_uses_only_local_assets(world: World) -> None:
    response = Client().get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "http://" not in html
    assert "https://" not in html
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_a_body_that_is_not_json_is_a_german_400(world: World) -> None:
    response = Client().post(
        f"/api/v1/cooperations/{world.cooperation.slug}/people",
        b"\x07{kaputt",
        content_type="application/json",
        headers={"Authorization": f"Bearer {key(world, 'coordinator')}"},
    )
    assert response.status_code == 400
    assert problem(response)["detail"] == "Der Anfragetext ist kein gültiges JSON."


@pytest.mark.parametrize(
    ("expires_on", "today", "expired"),
    [
        (dt.date(2026, 12, 1), dt.date(2026, 11, 30), False),
        (dt.date(2026, 12, 1), dt.date(2026, 12, 1), False),  # valid through its last day
        (dt.date(2026, 12, 1), dt.date(2026, 12, 2), True),
        (dt.date(2024, 2, 29), dt.date(2024, 3, 1), True),
        (dt.date(2026, 12, 31), dt.date(2027, 1, 1), True),
    ],
)
def test_when_a_key_counts_as_expired(expires_on: dt.date, today: dt.date, expired: bool) -> None:
    assert ApiToken(expires_on=expires_on).is_expired(today) is expired


def test_the_list_marks_an_expired_key_and_offers_no_revoke_for_it(world: World) -> None:
    key(world, "member", days=1)
    client = client_for(world.member)
    assert "abgelaufen" not in client.get(PAGE).content.decode()
    ApiToken.objects.update(expires_on=timezone.localdate() - dt.timedelta(days=1))
    page = client.get(PAGE).content.decode()
    assert "abgelaufen" in page
    assert "/widerrufen/" not in page
