"""The whole OParl API, walked from the System object: every object and every list validates
against the OParl 1.1 schemas, every link resolves, and nothing internal ever appears."""

from __future__ import annotations

import json
import re
import zoneinfo

import pytest
from django.http import StreamingHttpResponse
from django.test import Client

from tests.conftest import World, client_for
from tests.oparl.helpers import PDF, ROOT, OparlScene, build_oparl_scene, walk

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
        "Vertraulich A",  # an attachment "nur für die Koordination" of the public meeting
        "vertraulich.pdf",
        "Geheimplan A",  # an attachment of the internal meeting
        f"/anhaenge/{scene.internal_file.pk}/",
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


def test_web_names_the_portal_page_of_every_kind_that_has_one(scene: OparlScene) -> None:
    """Written by hand from src/ikz/portal/urls.py: which kinds have a portal page."""
    seen = walk(Client())
    world, slug = scene.world, scene.world.cooperation.slug
    portal = f"http://testserver/{slug}/portal/"
    meeting = f"{portal}sitzungen/{scene.public_meeting.pk}/"
    item = scene.items[1]
    expected = {
        f"{scene.body_url}": f"{portal}",
        f"{scene.body_url}organization/{world.public_body.pk}/": (
            f"{portal}gremien/{world.public_body.pk}/"
        ),
        f"{scene.body_url}meeting/{scene.public_meeting.pk}/": meeting,
        f"{scene.body_url}agendaitem/{item.pk}/": f"{meeting}#top-{item.pk}",
        f"{scene.body_url}paper/{scene.public_report.pk}/": (
            f"{portal}berichte/{scene.public_report.pk}/"
        ),
        f"{scene.body_url}file/{scene.public_version.pk}/": (
            f"{portal}berichte/{scene.public_report.pk}/"
        ),
        f"{scene.body_url}attachment/{scene.meeting_file.pk}/": f"{meeting}#anhaenge",
        f"{scene.body_url}attachment/{scene.item_file.pk}/": f"{meeting}#anhaenge",
    }
    for url, web in expected.items():
        assert seen.objects[url].get("web") == web, url
    # No portal page: a member municipality, people, memberships, places.
    without = [
        o
        for o in seen.objects.values()
        if o["type"].rsplit("/", 1)[-1] in {"Person", "Membership", "Location"}
        or "/kommune/" in o["id"]
    ]
    assert without
    assert all("web" not in o for o in without)
    client = Client()
    for obj in seen.objects.values():
        if "web" in obj and obj["type"].endswith("/System") is False:
            assert re.match(r"http://testserver/koop-[ab]/portal/", obj["web"]), obj["id"]
            response = client.get(obj["web"].split("#")[0])  # anonymous, no redirect followed
            assert response.status_code == 200, obj["web"]


def test_public_attachments_are_files_of_their_meeting_and_agenda_item(
    scene: OparlScene,
) -> None:
    seen = walk(Client())
    meeting = seen.objects[f"{scene.body_url}meeting/{scene.public_meeting.pk}/"]
    (file,) = meeting["auxiliaryFile"]
    download = f"http://testserver/{scene.world.cooperation.slug}/anhaenge/{scene.meeting_file.pk}/"
    assert {k: file[k] for k in ("name", "fileName", "mimeType", "size", "accessUrl")} == {
        "name": "Einladung A",
        "fileName": "einladung.pdf",
        "mimeType": "application/pdf",
        "size": len(PDF),
        "accessUrl": download,
    }
    assert file["downloadUrl"] == download
    assert file["meeting"] == [meeting["id"]]
    assert (
        file["date"]
        == scene.meeting_file.versions.get()
        .uploaded_at.astimezone(zoneinfo.ZoneInfo("Europe/Berlin"))
        .date()
        .isoformat()
    )
    (item,) = [a for a in meeting["agendaItem"] if a["name"] == "Radwegekonzept"]
    assert [f["name"] for f in item["auxiliaryFile"]] == ["Lageplan A"]
    assert item["auxiliaryFile"][0]["agendaItem"] == [item["id"]]
    # The Body's file list holds the report file and both public attachments, nothing else.
    files = {o["name"] for o in seen.of_type("File")}
    assert files == {
        "Einladung A",
        "Lageplan A",
        "Einladung B",
        "Lageplan B",
        str(scene.public_version),
    }
    response = Client().get(download)
    assert response.status_code == 200
    assert isinstance(response, StreamingHttpResponse)
    assert b"".join(response.streaming_content) == PDF


def test_an_internal_attachment_never_appears_and_its_url_is_404(scene: OparlScene) -> None:
    url = f"{scene.body_url}attachment/{scene.internal_file.pk}/"
    assert Client().get(url).status_code == 404
    listed = json.loads(Client().get(f"{scene.body_url}file/?limit=100").content)
    assert url not in {o["id"] for o in listed["data"]}
    # Made internal later: the File is announced as deleted.
    scene.meeting_file.is_internal = True
    scene.meeting_file.save()
    gone = json.loads(Client().get(f"{scene.body_url}attachment/{scene.meeting_file.pk}/").content)
    assert gone["deleted"] is True
    assert "name" not in gone


@pytest.mark.parametrize("who", ["anonymous", "coordinator"])
def test_the_portal_meeting_page_lists_the_public_attachments_only(
    scene: OparlScene, who: str
) -> None:
    world = scene.world
    client = Client() if who == "anonymous" else client_for(world.coordinator)
    url = f"/{world.cooperation.slug}/portal/sitzungen/{scene.public_meeting.pk}/"
    html = client.get(url).content.decode()
    slug = world.cooperation.slug
    assert 'id="anhaenge"' in html
    assert f'href="/{slug}/anhaenge/{scene.meeting_file.pk}/">Einladung A</a>' in html
    assert f'href="/{slug}/anhaenge/{scene.item_file.pk}/">Lageplan A</a>' in html
    assert "„Radwegekonzept“" in html
    assert "Vertraulich A" not in html  # the portal shows the public's view, also to her
    assert f"/anhaenge/{scene.internal_file.pk}/" not in html
