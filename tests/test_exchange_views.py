"""The coordinators' "Datenaustausch" page and the download of the export."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.conftest import World, client_for
from tests.factories import MembershipFactory, PersonFactory
from tests.markup import squash


def page_url(world: World) -> str:
    return f"/{world.cooperation.slug}/datenaustausch/"


def download_url(world: World) -> str:
    return f"/{world.cooperation.slug}/datenaustausch/export.json"


def test_coordinator_sees_the_page_with_download_and_nav_item(
    world: World, coordinator_client: Client
) -> None:
    response = coordinator_client.get(page_url(world))
    html = response.content.decode()
    assert response.status_code == 200
    assert f'href="{download_url(world)}"' in html
    assert "Export herunterladen" in html
    assert "Benutzerkonten, Passwörter, Rollen" in html
    assert f'href="{page_url(world)}" aria-current="page">Datenaustausch' in squash(html)


def test_coordinator_downloads_the_export(world: World, coordinator_client: Client) -> None:
    response = coordinator_client.get(download_url(world))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    expected_name = f"{world.cooperation.slug}-{timezone.localdate().isoformat()}.json"
    assert response["Content-Disposition"] == f'attachment; filename="{expected_name}"'
    assert response["Cache-Control"] == "no-store"
    data = json.loads(response.content.decode("utf-8"))
    assert data["format"] == "ikz-cockpit"
    assert data["cooperation"]["slug"] == world.cooperation.slug
    assert {m["name"] for m in data["structure"]["municipalities"]} == {
        world.municipality.name,
        world.other_municipality.name,
    }


def test_member_gets_403_and_no_nav_item(world: World, member_client: Client) -> None:
    assert member_client.get(page_url(world)).status_code == 403
    assert member_client.get(download_url(world)).status_code == 403
    dashboard = member_client.get(f"/{world.cooperation.slug}/").content.decode()
    assert "Datenaustausch" not in dashboard


@pytest.mark.parametrize("url", [page_url, download_url])
def test_anonymous_is_sent_to_the_login(
    world: World, anonymous_client: Client, url: object
) -> None:
    target = url(world)  # type: ignore[operator]
    response = anonymous_client.get(target)
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/")
    assert "next=" in response["Location"]


def test_outsider_and_coordinator_of_another_cooperation_get_no_export(
    world: World, other: World
) -> None:
    # A coordinator of B is a member of the public in A: refused like any outsider.
    for user in (world.outsider, other.coordinator):
        client = client_for(user)
        assert client.get(page_url(world)).status_code == 403
        assert client.get(download_url(world)).status_code == 403
    # B's coordinator gets B's export, which holds nothing of A.
    response = client_for(other.coordinator).get(download_url(other))
    assert response.status_code == 200
    text = response.content.decode()
    assert world.municipality.name not in text
    assert world.cooperation.name not in text


def test_unknown_cooperation_is_404(world: World, coordinator_client: Client) -> None:
    assert coordinator_client.get("/gibt-es-nicht/datenaustausch/").status_code == 404
    assert coordinator_client.get("/gibt-es-nicht/datenaustausch/export.json").status_code == 404


def test_post_is_not_allowed(world: World, coordinator_client: Client) -> None:
    assert coordinator_client.post(download_url(world)).status_code == 405


def test_download_query_count_does_not_grow_with_rows(
    world: World, coordinator_client: Client, django_assert_max_num_queries: Any
) -> None:
    with CaptureQueriesContext(connection) as few_rows:
        coordinator_client.get(download_url(world))
    for _ in range(20):
        MembershipFactory(
            cooperation=world.cooperation,
            body=world.public_body,
            person=PersonFactory(cooperation=world.cooperation, municipality=world.municipality),
        )
    # One query per exported table, whatever the number of rows (sections added by later
    # issues add their tables to both measurements).
    with django_assert_max_num_queries(len(few_rows.captured_queries)):
        response = coordinator_client.get(download_url(world))
    assert len(json.loads(response.content)["structure"]["memberships"]) == 21
