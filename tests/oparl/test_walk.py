"""The whole OParl API, walked from the System object: every object and every list validates
against the OParl 1.1 schemas, every link resolves, and nothing internal ever appears."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from tests.conftest import World, client_for
from tests.oparl.helpers import ROOT, OparlScene, build_oparl_scene, walk

TYPES = {
    "System",
    "Body",
    "Organization",
    "Person",
    "Membership",
    "Meeting",
    "AgendaItem",
    "Location",
    "Paper",
    "File",
}


@pytest.fixture
def scene(world: World, other: World) -> OparlScene:
    build_oparl_scene(other, publish=False)  # publishing renders every format: slow
    return build_oparl_scene(world)


def test_the_walk_validates_every_object_and_list(scene: OparlScene) -> None:
    seen = walk(Client(), limit=2)  # small pages: every list has several
    assert seen.problems == []
    assert {o["type"].rsplit("/", 1)[-1] for o in seen.objects.values()} == TYPES
    # Two cooperations with two municipalities each.
    assert len(seen.of_type("Body")) == 6
    assert any(len(pages) > 1 for pages in seen.lists.values())


def test_every_embedded_object_is_the_object_at_its_url(scene: OparlScene) -> None:
    seen = walk(Client())
    assert seen.embedded
    for inner in seen.embedded:
        assert seen.objects[inner["id"]] == inner


def test_web_links_and_file_urls_work_for_anonymous_visitors(scene: OparlScene) -> None:
    seen = walk(Client())
    client = Client()
    assert any("/berichte/" in url and url.endswith(".pdf") for url in seen.web)
    for url in sorted(seen.web):
        response = client.get(url, follow=True)  # a report's page shows its latest version
        assert response.status_code == 200, url


def test_the_public_content_is_exactly_the_public_content(scene: OparlScene) -> None:
    seen = walk(Client())
    world = scene.world
    names = {o.get("name") for o in seen.objects.values()}
    # Written out by hand: what cooperation A publishes.
    assert {
        world.public_body.name,
        "Bürgerforum A",
        "Begrüßung",
        "Radwegekonzept",
        "Förderantrag",
        "Dr. Olga OffenA",
    } <= names
    text = "\n".join(seen.texts)
    for secret in (
        world.internal_body.name,
        world.member_body.name,
        "Geheimrunde A",
        "Personalsache A",
        "Hinterzimmer A",
        "ScheuA",
        "olgaa@example.org",
        world.member_person.family_name,
        world.coordinator_person.family_name,
        "Statusbericht November 2019",
    ):
        assert secret not in text, secret


def test_agenda_numbers_follow_the_agenda(scene: OparlScene) -> None:
    seen = walk(Client())
    meeting = next(m for m in seen.of_type("Meeting") if m["name"] == "Bürgerforum A")
    assert [(a["number"], a["order"], a["name"]) for a in meeting["agendaItem"]] == [
        ("1", 0, "Begrüßung"),
        ("2", 1, "Radwegekonzept"),
        ("2.1", 2, "Förderantrag"),
    ]
    assert meeting["start"] == "2019-12-05T18:00:00+01:00"
    assert meeting["end"] == "2019-12-05T20:00:00+01:00"
    assert meeting["location"]["streetAddress"] == "Markt 1"


def test_the_person_carries_only_public_memberships(scene: OparlScene) -> None:
    seen = walk(Client())
    (person,) = [p for p in seen.of_type("Person") if "OffenA" in p["name"]]
    assert person["title"] == ["Dr."]
    assert person["status"] == ["Bürgermeisterin"]
    assert "email" not in person
    assert "phone" not in person
    assert [m["role"] for m in person["membership"]] == ["Vorsitz"]


def test_a_logged_in_coordinator_sees_exactly_what_the_public_sees(scene: OparlScene) -> None:
    public = walk(Client())
    coordinator = walk(client_for(scene.world.coordinator))
    assert coordinator.objects == public.objects


def test_omit_internal_leaves_out_embedded_objects(scene: OparlScene) -> None:
    url = f"{scene.body_url}meeting/?omit_internal"
    data = json.loads(Client().get(url).content)
    (meeting,) = data["data"]
    assert "agendaItem" not in meeting
    assert "location" not in meeting
    assert meeting["organization"] == [
        f"{scene.body_url}organization/{scene.world.public_body.pk}/"
    ]


@pytest.mark.django_db
def test_system_points_to_the_body_list() -> None:
    data = json.loads(Client().get(ROOT).content)
    assert data["oparlVersion"] == "https://schema.oparl.org/1.1/"
    assert data["body"] == ROOT + "body/"
