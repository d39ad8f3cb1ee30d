"""Restore: a deleted object comes back with its children; an object goes back to a state."""

from __future__ import annotations

import html
from typing import Any

from ikz.cooperation.models import Municipality
from ikz.meetings import services as meeting_services
from ikz.meetings.models import Meeting, Point, Task
from ikz.meetings.tree import tree_errors
from ikz.projects.models import Participation, Project
from ikz.tracking.records import historical_model
from tests.conftest import World, client_for
from tests.meetings.factories import meeting, published

HTMX: dict[str, Any] = {"HTTP_HX_REQUEST": "true"}


def restore_url(world: World, label: str, history_id: int) -> str:
    return f"/{world.cooperation.slug}/verlauf/{label}/fassung/{history_id}/wiederherstellen/"


def test_a_deleted_point_comes_back_with_its_sub_points_and_tasks(world: World) -> None:
    session = meeting(body=world.member_body)
    first = meeting_services.point_add(meeting=session, text="Vorher")
    point = meeting_services.point_add(meeting=session, text="Bauhof: Geräteliste", kind="task")
    child = meeting_services.point_add(
        meeting=session, text="Rückmeldung Naunhof", kind="task", parent=point
    )
    meeting_services.point_add(meeting=session, text="Danach")
    client = client_for(world.coordinator)
    base = f"/{world.cooperation.slug}/sitzungen/{session.pk}/protokoll/"
    assert client.post(f"{base}{point.pk}/", {"op": "delete"}, **HTMX).status_code == 200
    assert not Point.objects.filter(pk__in=[point.pk, child.pk]).exists()
    assert not Task.objects.filter(point_id__in=[point.pk, child.pk]).exists()

    deleted_page = client.get(f"/{world.cooperation.slug}/verlauf/?geloescht=1").content.decode()
    assert "Bauhof: Geräteliste" in deleted_page
    # simple-history builds the historical model at run time: mypy knows none of its fields.
    record: Any = historical_model(Point)._default_manager.get(id=point.pk, history_type="-")
    response = client.post(restore_url(world, "meetings.point", record.history_id))
    assert response.status_code == 302

    restored = Point.objects.get(pk=point.pk)
    assert restored.text == "Bauhof: Geräteliste"
    assert Point.objects.get(pk=child.pk).parent_id == point.pk
    assert Task.objects.filter(point_id=point.pk).exists()
    assert Task.objects.filter(point_id=child.pk).exists()
    # Back at its place, and the tree is valid again.
    order = list(
        Point.objects.filter(meeting=session, parent=None)
        .order_by("position")
        .values_list("text", flat=True)
    )
    assert order == ["Vorher", "Bauhof: Geräteliste", "Danach"]
    assert tree_errors(Point.objects.filter(meeting=session)) == []
    assert first.pk in Point.objects.values_list("pk", flat=True)
    # A second restore of the same deletion is refused in German, nothing doubles.
    again = client.post(restore_url(world, "meetings.point", record.history_id), follow=True)
    assert "bereits wiederhergestellt" in html.unescape(again.content.decode())


def test_a_deleted_municipality_comes_back_with_its_participations(world: World) -> None:
    project = Project.objects.create(cooperation=world.cooperation, title="Bauhof")
    Participation.objects.create(
        cooperation=world.cooperation, project=project, municipality=world.other_municipality
    )
    client = client_for(world.coordinator)
    slug = world.cooperation.slug
    client.post(f"/{slug}/kommunen/{world.other_municipality.pk}/loeschen/")
    assert not Participation.objects.filter(project=project).exists()
    record: Any = historical_model(Municipality)._default_manager.get(
        id=world.other_municipality.pk, history_type="-"
    )
    client.post(restore_url(world, "cooperation.municipality", record.history_id))
    assert Municipality.objects.filter(pk=world.other_municipality.pk).exists()
    assert Participation.objects.filter(
        project=project, municipality=world.other_municipality
    ).exists()


def test_an_earlier_state_can_be_restored(world: World) -> None:
    client = client_for(world.coordinator)
    municipality = world.municipality
    url = f"/{world.cooperation.slug}/kommunen/{municipality.pk}/bearbeiten/"
    client.post(url, {"name": "Zwischenname", "kind": municipality.kind, "ags": municipality.ags})
    client.post(url, {"name": "Endname", "kind": municipality.kind, "ags": municipality.ags})
    record: Any = historical_model(Municipality)._default_manager.get(
        id=municipality.pk, name="Zwischenname"
    )
    client.post(restore_url(world, "cooperation.municipality", record.history_id))
    municipality.refresh_from_db()
    assert municipality.name == "Zwischenname"
    page = html.unescape(
        client.get(
            f"/{world.cooperation.slug}/verlauf/cooperation.municipality/{municipality.pk}/"
        ).content.decode()
    )
    assert "zurückgesetzt" in page
    assert "Endname" in page
    assert "Zwischenname" in page


def test_changes_to_published_minutes_are_marked(world: World) -> None:
    session = published(body=world.member_body)
    point = meeting_services.point_add(meeting=session, text="Beschluss: Bauhof gemeinsam")
    draft = meeting(body=world.member_body, number=99)
    other = meeting_services.point_add(meeting=draft, text="Entwurf")
    meeting_services.point_update(point=point, text="Beschluss: Bauhof gemeinsam ab 2026")
    meeting_services.point_update(point=other, text="Entwurf 2")
    history: Any = historical_model(Point)._default_manager
    assert history.filter(id=point.pk, history_type="~").get().after_publication is True
    assert history.filter(id=other.pk, history_type="~").get().after_publication is False
    page = (
        client_for(world.coordinator)
        .get(f"/{world.cooperation.slug}/verlauf/meetings.meeting/{session.pk}/")
        .content.decode()
    )
    assert "nach Veröffentlichung des Protokolls" in page


def test_the_published_minutes_mark_a_point_changed_afterwards(world: World) -> None:
    session = meeting(body=world.public_body, is_public=True)
    changed = meeting_services.point_add(meeting=session, text="Beschluss: Bauhof gemeinsam")
    untouched = meeting_services.point_add(meeting=session, text="Information: Termine")
    meeting_services.meeting_set_state(meeting=session, state=Meeting.State.HELD)
    meeting_services.meeting_set_state(meeting=session, state=Meeting.State.MINUTES_PUBLISHED)
    meeting_services.point_update(point=changed, text="Beschluss: Bauhof gemeinsam ab 2026")
    page = client_for(None).get(f"/{world.cooperation.slug}/sitzungen/{session.pk}/")
    html_text = page.content.decode()
    assert page.status_code == 200
    marked = html_text.split(f'id="point-{changed.pk}"')[1].split("</li>")[0]
    plain = html_text.split(f'id="point-{untouched.pk}"')[1].split("</li>")[0]
    assert "geändert nach Veröffentlichung am" in marked
    assert "geändert nach Veröffentlichung" not in plain
