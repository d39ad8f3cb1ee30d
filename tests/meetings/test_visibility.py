"""Who sees which meeting and which points, on every page and partial (one place: selectors)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.test import Client

from ikz.dates import PartialDate
from ikz.meetings import services
from ikz.meetings.models import Meeting, Point
from tests.conftest import World, client_for
from tests.meetings.factories import meeting, published


@dataclass
class Scene:
    public_published: Meeting
    public_held: Meeting
    member_internal: Meeting
    other_internal: Meeting


@pytest.fixture
def scene(world: World) -> Scene:
    public_published = published(body=world.public_body, is_public=True, title="Bürgerwerkstatt")
    visible = services.point_add(meeting=public_published, text="Öffentliches Ergebnis")
    secret = services.point_add(
        meeting=public_published, text="Vertrauliche Personalfrage", is_internal=True
    )
    services.point_add(meeting=public_published, text="Unterpunkt der Personalfrage", parent=secret)
    services.point_add(meeting=public_published, text="Unterpunkt öffentlich", parent=visible)
    public_held = meeting(body=world.public_body, is_public=True, title="Workshop Blühstreifen")
    services.meeting_set_state(meeting=public_held, state=Meeting.State.HELD)
    services.point_add(meeting=public_held, text="Entwurf Blühstreifen")
    member_internal = published(body=world.member_body, title="AG Bauhof intern")
    services.point_add(meeting=member_internal, text="Maschinenpark bewerten")
    other_internal = published(body=world.internal_body, title="AG Verwaltung intern")
    services.point_add(meeting=other_internal, text="Kennzahlen Verwaltung")
    return Scene(public_published, public_held, member_internal, other_internal)


def url(world: World, pk: int, suffix: str = "") -> str:
    return f"/{world.cooperation.slug}/sitzungen/{pk}/{suffix}"


ROLES = ["coordinator", "member", "outsider", "anonymous"]


def client(world: World, role: str) -> Client:
    user = {"coordinator": world.coordinator, "member": world.member, "outsider": world.outsider}
    return client_for(user.get(role))


@pytest.mark.parametrize("role", ROLES)
def test_list_shows_only_visible_meetings(world: World, scene: Scene, role: str) -> None:
    page = client(world, role).get(f"/{world.cooperation.slug}/sitzungen/?zeit=alle")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Bürgerwerkstatt" in html
    assert "Workshop Blühstreifen" in html
    assert ("AG Bauhof intern" in html) is (role in {"coordinator", "member"})
    assert ("AG Verwaltung intern" in html) is (role == "coordinator")


@pytest.mark.parametrize("role", ROLES)
def test_calendar_shows_only_visible_meetings(world: World, scene: Scene, role: str) -> None:
    page = client(world, role).get(f"/{world.cooperation.slug}/sitzungen/kalender/?monat=2019-12")
    html = page.content.decode()
    assert "Bürgerwerkstatt" in html
    assert ("AG Verwaltung intern" in html) is (role == "coordinator")


@pytest.mark.parametrize("role", ROLES)
def test_public_published_minutes_hide_internal_points_from_the_public(
    world: World, scene: Scene, role: str
) -> None:
    html = client(world, role).get(url(world, scene.public_published.pk)).content.decode()
    assert "Öffentliches Ergebnis" in html
    assert "Unterpunkt öffentlich" in html
    insiders = role in {"coordinator", "member"}
    assert ("Vertrauliche Personalfrage" in html) is insiders
    assert ("Unterpunkt der Personalfrage" in html) is insiders


@pytest.mark.parametrize("role", ROLES)
def test_minutes_of_a_held_meeting_only_for_the_coordinator(
    world: World, scene: Scene, role: str
) -> None:
    response = client(world, role).get(url(world, scene.public_held.pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert ("Entwurf Blühstreifen" in html) is (role == "coordinator")
    if role != "coordinator":
        assert "noch nicht veröffentlicht" in html


@pytest.mark.parametrize(
    ("role", "member_status", "other_status"),
    [
        ("coordinator", 200, 200),
        ("member", 200, 404),
        ("outsider", 404, 404),
        ("anonymous", 404, 404),
    ],
)
def test_internal_meetings(
    world: World, scene: Scene, role: str, member_status: int, other_status: int
) -> None:
    browser = client(world, role)
    member_page = browser.get(url(world, scene.member_internal.pk))
    assert member_page.status_code == member_status
    if member_status == 200:
        assert "Maschinenpark bewerten" in member_page.content.decode()
    assert browser.get(url(world, scene.other_internal.pk)).status_code == other_status


def section(html: str, heading_id: str) -> str:
    start = html.index(f'id="{heading_id}"')
    return html[start : html.index("</section>", start)]


@pytest.mark.parametrize("role", ROLES)
def test_dashboard_and_body_page_show_only_visible_meetings(
    world: World, scene: Scene, role: str
) -> None:
    browser = client(world, role)
    slug = world.cooperation.slug
    upcoming_internal = meeting(
        body=world.internal_body, when=PartialDate.day(2999, 1, 1), title="Zukunft intern"
    )
    upcoming_public = meeting(
        body=world.internal_body,
        when=PartialDate.day(2999, 2, 1),
        title="Zukunft öffentlich",
        is_public=True,
    )
    card = section(browser.get(f"/{slug}/").content.decode(), "next-meetings-heading")
    assert upcoming_public.heading in card
    assert (upcoming_internal.heading in card) is (role == "coordinator")
    assert scene.public_published.heading not in card  # past meetings are not "next"
    body_page = browser.get(f"/{slug}/gremien/{world.public_body.pk}/").content.decode()
    past = section(body_page, "body-meetings-heading")
    assert scene.public_published.heading in past
    assert "AG Verwaltung intern" not in body_page


def test_editor_partial_and_point_endpoints_are_not_for_members(world: World, scene: Scene) -> None:
    point = Point.objects.get(text="Maschinenpark bewerten")
    member = client(world, "member")
    assert member.get(url(world, scene.member_internal.pk, "protokoll/")).status_code == 403
    response = member.post(
        url(world, scene.member_internal.pk, f"protokoll/{point.pk}/"),
        {"text": "geändert", "kind": "information", "op": "save"},
    )
    assert response.status_code == 403
    point.refresh_from_db()
    assert point.text == "Maschinenpark bewerten"


def test_public_sees_task_owners_only_when_not_a_person(world: World) -> None:
    session = published(body=world.public_body, is_public=True)
    services.point_add(
        meeting=session, text="Einladung planen", kind=Point.Kind.TASK, owner=world.member_person
    )
    services.point_add(
        meeting=session, text="Abfrage", kind=Point.Kind.TASK, owner=world.municipality
    )
    page = url(world, session.pk)
    public = client(world, "anonymous").get(page).content.decode()
    assert world.member_person.full_name not in public
    assert f"verantwortlich: {world.municipality.name}" in public
    member = client(world, "member").get(page).content.decode()
    assert f"verantwortlich: {world.member_person.full_name}" in member
