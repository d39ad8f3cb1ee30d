"""No lost updates: an edit form and a minutes row carry the version they were shown with; a
save after someone else's is refused in German, names the other change and keeps the input."""

from __future__ import annotations

import html
import re
from typing import Any

from django.test import Client

from ikz.cooperation.models import Municipality
from ikz.meetings import services as meeting_services
from ikz.meetings.models import Point
from ikz.projects.models import Project
from tests.conftest import World, client_for
from tests.factories import make_role
from tests.meetings.factories import meeting

HTMX: dict[str, Any] = {"HTTP_HX_REQUEST": "true"}


def version_in(page: str) -> str:
    match = re.search(r'name="_version" value="([0-9a-f]*)"', page)
    assert match, "no version field in the form"
    return match.group(1)


def second_coordinator(world: World) -> Client:
    from ikz.accounts.models import CooperationRole

    user, _person = make_role(cooperation=world.cooperation, role=CooperationRole.Role.COORDINATOR)
    user.first_name, user.last_name = "Berta", "Zweitkraft"
    user.save()
    return client_for(user)


def municipality_post(municipality: Municipality, name: str, version: str) -> dict[str, str]:
    return {"name": name, "kind": municipality.kind, "ags": municipality.ags, "_version": version}


def test_stale_edit_form_is_refused_with_the_other_change_and_the_typed_input(
    world: World,
) -> None:
    municipality = world.municipality
    url = f"/{world.cooperation.slug}/kommunen/{municipality.pk}/bearbeiten/"
    first = client_for(world.coordinator)
    second = second_coordinator(world)
    shown_first = version_in(first.get(url).content.decode())
    shown_second = version_in(second.get(url).content.decode())
    assert shown_first == shown_second

    assert (
        second.post(url, municipality_post(municipality, "Zweitstadt", shown_second)).status_code
        == 302
    )
    response = first.post(url, municipality_post(municipality, "Erststadt", shown_first))

    assert response.status_code == 400
    page = html.unescape(response.content.decode())
    assert "Berta Zweitkraft" in page
    assert "„A-Stadt“ → „Zweitstadt“" in page
    assert 'value="Erststadt"' in page  # the typed input is kept
    municipality.refresh_from_db()
    assert municipality.name == "Zweitstadt"  # nothing overwritten
    # The form now carries the current version: saving again (after reading) overwrites.
    current = version_in(page)
    assert current != shown_first
    assert first.post(url, municipality_post(municipality, "Erststadt", current)).status_code == 302
    municipality.refresh_from_db()
    assert municipality.name == "Erststadt"


def test_a_change_by_the_importer_or_a_script_also_counts(world: World) -> None:
    municipality = world.municipality
    url = f"/{world.cooperation.slug}/kommunen/{municipality.pk}/bearbeiten/"
    client = client_for(world.coordinator)
    shown = version_in(client.get(url).content.decode())
    Municipality.objects.filter(pk=municipality.pk).update(population=1234)  # no history
    response = client.post(url, municipality_post(municipality, "Egal", shown))
    assert response.status_code == 400
    assert "inzwischen jemand anderes gespeichert" in html.unescape(response.content.decode())


def test_every_model_edit_form_carries_a_version(world: World) -> None:
    project = Project.objects.create(cooperation=world.cooperation, title="Bauhof")
    session = meeting(body=world.member_body)
    client = client_for(world.coordinator)
    slug = world.cooperation.slug
    for url in (
        f"/{slug}/kommunen/{world.municipality.pk}/bearbeiten/",
        f"/{slug}/gremien/{world.member_body.pk}/bearbeiten/",
        f"/{slug}/personen/{world.member_person.pk}/bearbeiten/",
        f"/{slug}/vorhaben/{project.pk}/bearbeiten/",
        f"/{slug}/sitzungen/{session.pk}/bearbeiten/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        version_in(response.content.decode())


def test_a_create_form_has_no_version(world: World) -> None:
    page = client_for(world.coordinator).get(f"/{world.cooperation.slug}/kommunen/neu/")
    assert 'name="_version"' not in page.content.decode()


def test_stale_minutes_row_is_refused_and_keeps_the_typed_text(world: World) -> None:
    session = meeting(body=world.member_body)
    point = meeting_services.point_add(meeting=session, text="Stand der Abfrage")
    base = f"/{world.cooperation.slug}/sitzungen/{session.pk}/"
    first = client_for(world.coordinator)
    second = second_coordinator(world)
    editor = first.get(base).content.decode()
    row = re.search(rf'data-point="{point.pk}">.*?</form>', editor, re.S)
    assert row
    shown = version_in(row.group(0))

    values = {"kind": "information", "op": "save"}
    saved = second.post(
        f"{base}protokoll/{point.pk}/",
        {**values, "text": "Abfrage läuft", "_version": shown},
        **HTMX,
    )
    assert saved.status_code == 200
    refused = first.post(
        f"{base}protokoll/{point.pk}/",
        {**values, "text": "Abfrage fertig", "_version": shown},
        **HTMX,
    )
    assert refused.status_code == 422
    page = html.unescape(refused.content.decode())
    assert "Berta Zweitkraft" in page
    assert "„Stand der Abfrage“ → „Abfrage läuft“" in page
    assert 'value="Abfrage fertig"' in page
    point.refresh_from_db()
    assert point.text == "Abfrage läuft"
    # Saving again from the refreshed row (it carries the current version) goes through.
    again = first.post(
        f"{base}protokoll/{point.pk}/",
        {**values, "text": "Abfrage fertig", "_version": version_in(page)},
        **HTMX,
    )
    assert again.status_code == 200
    point.refresh_from_db()
    assert point.text == "Abfrage fertig"
    # simple-history adds the ``history`` manager at run time; django-stubs cannot see it.
    texts = list(
        Point.history.filter(id=point.pk).order_by("history_id").values_list("text", flat=True)  # type: ignore[attr-defined]
    )
    assert texts == ["Stand der Abfrage", "Abfrage läuft", "Abfrage fertig"]


def test_moving_a_point_is_no_conflict_for_its_text(world: World) -> None:
    session = meeting(body=world.member_body)
    meeting_services.point_add(meeting=session, text="Erster")
    point = meeting_services.point_add(meeting=session, text="Zweiter")
    from ikz.tracking.versions import version_token

    shown = version_token(Point.objects.get(pk=point.pk))
    meeting_services.point_move_up(point=point)
    meeting_services.point_update(point=point, text="Zweiter, geändert", version=shown)
    assert Point.objects.get(pk=point.pk).text == "Zweiter, geändert"
