"""OParl lists: pagination, the created/modified filters, tombstones for what is no longer
public, tenant isolation, German errors for bad parameters, constant query counts."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from ikz.attachments import services as attachment_services
from ikz.cooperation import services as cooperation_services
from ikz.dates import PartialDate
from ikz.meetings import services as meeting_services
from ikz.meetings.models import BERLIN
from ikz.oparl.models import Stamp
from tests.conftest import World
from tests.oparl.helpers import PDF, ROOT, OparlScene, build_oparl_scene
from tests.oparl.schema import errors

LONG_AGO = dt.datetime(2001, 1, 1, 12, 0, tzinfo=BERLIN)


@pytest.fixture
def scene(world: World) -> OparlScene:
    return build_oparl_scene(world, publish=False)


def get(url: str, **params: str) -> dict[str, Any]:
    response = Client().get(url, params)
    assert response.status_code == 200, response.content
    return json.loads(response.content)  # type: ignore[no-any-return]


def ids(page: dict[str, Any]) -> list[str]:
    return [item["id"] for item in page["data"]]


def more_meetings(scene: OparlScene, count: int) -> None:
    for day in range(1, count + 1):
        meeting_services.meeting_create(
            cooperation=scene.world.cooperation,
            body=scene.world.public_body,
            when=PartialDate.day(2020, 1, day),
            is_public=True,
        )


def test_pages_follow_next_to_the_end(scene: OparlScene) -> None:
    more_meetings(scene, 4)  # 5 public meetings in all
    url = f"{scene.body_url}meeting/"
    page = get(url, limit="2")
    assert page["pagination"] == {
        "totalElements": 5,
        "elementsPerPage": 2,
        "currentPage": 1,
        "totalPages": 3,
    }
    collected = ids(page)
    while "next" in page["links"]:
        assert "limit=2" in page["links"]["next"]
        page = json.loads(Client().get(page["links"]["next"]).content)
        collected += ids(page)
    assert page["pagination"]["currentPage"] == 3
    assert len(collected) == len(set(collected)) == 5
    assert "prev" in page["links"]


def test_modified_since_returns_only_what_changed(scene: OparlScene) -> None:
    more_meetings(scene, 2)
    Stamp.objects.update(created=LONG_AGO, modified=LONG_AGO)
    url = f"{scene.body_url}meeting/"
    since = (LONG_AGO + dt.timedelta(days=1)).isoformat()
    assert ids(get(url, modified_since=since)) == []
    meeting_services.meeting_update(meeting=scene.public_meeting, fields={"title": "Neu"})
    changed = get(url, modified_since=since)
    assert ids(changed) == [f"{scene.body_url}meeting/{scene.public_meeting.pk}/"]
    assert changed["data"][0]["name"] == "Neu"
    assert len(ids(get(url, modified_until=since))) == 2
    assert len(ids(get(url, created_since=since))) == 0


def test_an_agenda_change_marks_the_meeting_modified(scene: OparlScene) -> None:
    Stamp.objects.update(modified=LONG_AGO)
    meeting_services.agenda_item_add(meeting=scene.public_meeting, title="Verschiedenes")
    since = (LONG_AGO + dt.timedelta(days=1)).isoformat()
    changed = get(f"{scene.body_url}meeting/", modified_since=since)
    assert [m["name"] for m in changed["data"]] == ["Bürgerforum A"]
    assert changed["data"][0]["agendaItem"][-1]["name"] == "Verschiedenes"


def test_a_deleted_public_meeting_becomes_a_tombstone(scene: OparlScene) -> None:
    doomed = meeting_services.meeting_create(
        cooperation=scene.world.cooperation,
        body=scene.world.public_body,
        when=PartialDate.day(2020, 2, 1),
        is_public=True,
    )
    url = f"{scene.body_url}meeting/{doomed.pk}/"
    assert get(url)["name"]
    meeting_services.meeting_delete(meeting=doomed)
    gone = get(url)
    assert gone["deleted"] is True
    assert errors("Meeting", gone) == []
    listed = {item["id"]: item for item in get(f"{scene.body_url}meeting/")["data"]}
    assert listed[url] == gone


def test_a_meeting_made_internal_is_listed_as_deleted(scene: OparlScene) -> None:
    meeting_services.meeting_update(meeting=scene.public_meeting, fields={"is_public": False})
    url = f"{scene.body_url}meeting/{scene.public_meeting.pk}/"
    assert get(url) == {
        "id": f"http://testserver{url[len('http://testserver') :]}",
        "type": "https://schema.oparl.org/1.1/Meeting",
        "created": get(url)["created"],
        "modified": get(url)["modified"],
        "deleted": True,
    }
    # Its agenda items and its place went with it.
    for item in scene.items:
        assert get(f"{scene.body_url}agendaitem/{item.pk}/")["deleted"] is True
    assert get(f"{scene.body_url}location/{scene.town_hall.pk}/")["deleted"] is True


def test_what_never_was_public_has_no_tombstone(scene: OparlScene) -> None:
    url = f"{scene.body_url}meeting/{scene.internal_meeting.pk}/"
    assert Client().get(url).status_code == 404
    meeting_services.meeting_delete(meeting=scene.internal_meeting)
    response = Client().get(url)
    assert response.status_code == 404
    assert "nicht öffentlich" in json.loads(response.content)["error"]["message"]
    assert url not in ids(get(f"{scene.body_url}meeting/"))


def test_consent_decides_and_withdrawn_consent_is_a_tombstone(scene: OparlScene) -> None:
    people = get(f"{scene.body_url}person/")
    assert [p["familyName"] for p in people["data"]] == ["OffenA"]
    shy = f"{scene.body_url}person/{scene.shy.pk}/"
    assert Client().get(shy).status_code == 404
    cooperation_services.person_save(
        cooperation=scene.world.cooperation,
        person=scene.consenting,
        fields={"publication_consent": False},
    )
    listed = get(f"{scene.body_url}person/")["data"]
    assert [p.get("deleted") for p in listed] == [True]
    membership = get(f"{scene.body_url}membership/{scene.public_membership.pk}/")
    assert membership["deleted"] is True


def test_a_municipality_lists_its_own_people(scene: OparlScene, other: World) -> None:
    world = scene.world
    base = f"{scene.body_url}kommune/{world.municipality.pk}/"
    assert [p["familyName"] for p in get(f"{base}person/")["data"]] == ["OffenA"]
    assert [m["name"] for m in get(f"{base}meeting/")["data"]] == ["Bürgerforum A"]
    assert get(f"{base}organization/")["data"] == []
    elsewhere = f"{scene.body_url}kommune/{world.other_municipality.pk}/person/"
    assert get(elsewhere)["data"] == []
    foreign = f"{scene.body_url}kommune/{other.municipality.pk}/"
    assert Client().get(foreign).status_code == 404
    assert Client().get(foreign + "person/").status_code == 404


def test_objects_of_another_cooperation_are_404_under_this_body(
    scene: OparlScene, other: World
) -> None:
    theirs = build_oparl_scene(other, publish=False)
    for kind, pk in (
        ("meeting", theirs.public_meeting.pk),
        ("agendaitem", theirs.items[0].pk),
        ("person", theirs.consenting.pk),
        ("membership", theirs.public_membership.pk),
        ("organization", other.public_body.pk),
        ("location", theirs.town_hall.pk),
    ):
        assert Client().get(f"{theirs.body_url}{kind}/{pk}/").status_code == 200, kind
        assert Client().get(f"{scene.body_url}{kind}/{pk}/").status_code == 404, kind
    mine = json.dumps(get(f"{scene.body_url}meeting/"))
    assert "Bürgerforum B" not in mine


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"modified_since": "gestern"}, "ISO 8601"),
        ({"page": "0"}, "ganze Zahl"),
        ({"limit": "100000"}, "ganze Zahl"),
        ({"limit": "-3"}, "ganze Zahl"),
    ],
)
def test_bad_parameters_are_a_german_400(
    scene: OparlScene, params: dict[str, str], message: str
) -> None:
    response = Client().get(f"{scene.body_url}meeting/", params)
    assert response.status_code == 400
    assert message in json.loads(response.content)["error"]["message"]


def test_unknown_kinds_bodies_and_methods(scene: OparlScene) -> None:
    client = Client()
    assert client.get(f"{scene.body_url}gibtsnicht/").status_code == 404
    assert client.get(f"{ROOT}body/999999/").status_code == 404
    assert client.post(f"{scene.body_url}meeting/").status_code == 405


def test_a_page_beyond_the_last_is_empty_not_an_error(scene: OparlScene) -> None:
    page = get(f"{scene.body_url}meeting/", page="7")
    assert page["data"] == []
    assert "next" not in page["links"]


@pytest.mark.parametrize(
    "kind", ["meeting", "person", "organization", "paper", "agendaitem", "file", "attachment"]
)
def test_list_queries_do_not_grow_with_rows(scene: OparlScene, kind: str) -> None:
    url = f"{scene.body_url}{kind}/"
    with CaptureQueriesContext(connection) as few:
        get(url)
    more_meetings(scene, 12)
    for meeting in scene.world.cooperation.meetings.all()[:6]:
        item = meeting_services.agenda_item_add(meeting=meeting, title="Mehr")
        for parent_kind, parent in (("meeting", meeting), ("agenda_item", item)):
            attachment_services.attachment_add(
                cooperation=meeting.cooperation,
                parent_kind=parent_kind,
                parent=parent,
                title="Mehr",
                upload=SimpleUploadedFile("mehr.pdf", PDF, content_type="application/pdf"),
            )
    for index in range(5):
        person = cooperation_services.person_save(
            cooperation=scene.world.cooperation,
            fields={"given_name": "P", "family_name": f"Z{index}", "publication_consent": True},
        )
        cooperation_services.membership_save(
            cooperation=scene.world.cooperation,
            fields={"person": person, "body": scene.world.public_body},
        )
    with CaptureQueriesContext(connection) as many:
        get(url)
    assert len(many) == len(few), kind
