"""The role matrix: every URL of the cooperation, ui and accounts namespaces, for anonymous
visitors, logged-in outsiders, members and coordinators. See tests/site_map.py for the table."""

from __future__ import annotations

import pytest

from tests.conftest import World
from tests.site_map import (
    LOGIN,
    ROLES,
    SITE_MAP,
    Case,
    all_cases,
    build_scene,
    case_id,
    outcome,
    resolver_url_names,
    snapshot,
)

GET_CASES = [
    pytest.param(name, case, role, id=f"{case_id(name, case)}-{role}")
    for name, case in all_cases()
    for role in ROLES
]
WRITE_CASES = [
    pytest.param(name, case, role, id=f"{case_id(name, case)}-{role}")
    for name, case in all_cases()
    if case.post is not None
    for role in ROLES
]


def test_every_url_has_an_expectation() -> None:
    names, unnamed = resolver_url_names()
    assert not unnamed, f"URL patterns without a name cannot be checked: {unnamed}"
    missing = sorted(names - SITE_MAP.keys())
    assert not missing, f"Add these URLs to tests/site_map.py SITE_MAP: {missing}"
    stale = sorted(SITE_MAP.keys() - names)
    assert not stale, f"SITE_MAP lists URLs that no longer exist: {stale}"


def test_every_case_names_every_role_and_write_views_have_a_post() -> None:
    for name, case in all_cases():
        assert set(case.get) == set(ROLES), name
        if name.rsplit("_", 1)[-1] in {"create", "edit", "delete"}:
            assert case.post is not None, f"{name}: a write view needs a POST case"
            assert case.took_effect is not None, name


@pytest.mark.parametrize(("name", "case", "role"), GET_CASES)
def test_get(world: World, name: str, case: Case, role: str) -> None:
    scene = build_scene(world)
    url = case.url(name, scene)
    before = snapshot()
    response = scene.client(role).get(url)
    expected = case.get[role]
    assert outcome(response) == expected, f"GET {url} as {role}"
    assert snapshot() == before, f"GET {url} changed data"
    if expected == 200:
        assert '<html lang="de">' in response.content.decode()
    elif expected == 403:
        assert "Keine Berechtigung" in response.content.decode()
    elif expected == 404:
        assert "Seite nicht gefunden" in response.content.decode()


@pytest.mark.parametrize(("name", "case", "role"), WRITE_CASES)
def test_post(world: World, name: str, case: Case, role: str) -> None:
    assert case.post is not None
    assert case.took_effect is not None
    scene = build_scene(world)
    url = case.url(name, scene)
    assert not case.took_effect(scene), "the POST's effect must not be there beforehand"
    before = snapshot()
    response = scene.client(role).post(url, case.post(scene))
    if role == "coordinator":
        assert response.status_code == 302, response.content.decode()[:2000]
        assert case.took_effect(scene), f"POST {url} as coordinator did not take effect"
        assert snapshot() != before
    else:
        expected = case.get[role]
        assert expected in (LOGIN, 403), "only coordinators may write"
        assert outcome(response) == expected, f"POST {url} as {role}"
        assert snapshot() == before, f"POST {url} as {role} changed data"
        assert not case.took_effect(scene)


@pytest.mark.parametrize("body_attr", ["member_body", "internal_body", "public_body"])
def test_superuser_without_role_counts_as_coordinator(world: World, body_attr: str) -> None:
    from tests.conftest import client_for
    from tests.factories import UserFactory

    admin = UserFactory(is_superuser=True, is_staff=True)
    body = getattr(world, body_attr)
    response = client_for(admin).get(f"/{world.cooperation.slug}/gremien/{body.pk}/")
    assert response.status_code == 200


def test_unknown_cooperation_is_404_for_everyone(world: World) -> None:
    scene = build_scene(world)
    for role in ROLES:
        response = scene.client(role).get("/gibt-es-nicht/kommunen/")
        assert response.status_code == 404, role


def test_member_sees_only_own_internal_bodies_in_the_list(world: World) -> None:
    scene = build_scene(world)
    expectations = {
        "anonymous": {world.public_body.name},
        "outsider": {world.public_body.name},
        "member": {world.public_body.name, world.member_body.name},
        "coordinator": {world.public_body.name, world.member_body.name, world.internal_body.name},
    }
    everything = {world.public_body.name, world.member_body.name, world.internal_body.name}
    for role, visible in expectations.items():
        for path in (f"/{scene.slug}/gremien/", f"/{scene.slug}/"):
            html = scene.client(role).get(path).content.decode()
            shown = {name for name in everything if name in html}
            assert shown == visible, f"{path} as {role}"


def test_start_page_sections(world: World) -> None:
    scene = build_scene(world)
    mine_only = scene.client("coordinator").get("/").content.decode()
    assert "Ihre Kooperationen" in mine_only
    assert world.cooperation.name in mine_only
    # No empty "further cooperations" heading when there are none.
    assert "Weitere Kooperationen" not in mine_only
    anonymous = scene.client("anonymous").get("/").content.decode()
    assert "Ihre Kooperationen" not in anonymous
    assert world.cooperation.name in anonymous


JUNK = {
    "name": "Null\x00Byte",
    "kind": "unbekannt",
    "ags": "1234\x00567",
    "population": "-1",
    "population_year": "9" * 25,
    "area_km2": "1e400",
    "joined_on": "31.02.2020",
    "left_on": "gestern",
    "given_name": "",
    "family_name": "x" * 300,
    "title": "t" * 100,
    "municipality": "9" * 25,
    "organisation": "o" * 300,
    "email": "keine-adresse",
    "role": "chef",
    "person": "abc",
    "start_date": "1.1.1",
    "end_date": "99.99.9999",
    "merged_into": "-1",
    "active_from": "Brumaire 2020",
    "active_until": "9" * 30,
    "address": "a" * 400,
    "is_public": "vielleicht",
}
FORM_CASES = [
    pytest.param(name, case, id=case_id(name, case))
    for name, case in all_cases()
    if case.post is not None and name.rsplit("_", 1)[-1] in {"create", "edit"}
]


@pytest.mark.parametrize("data", [JUNK, {}], ids=["junk", "empty"])
@pytest.mark.parametrize(("name", "case"), FORM_CASES)
def test_bad_input_is_a_form_error_never_a_500(
    world: World, name: str, case: Case, data: dict[str, str]
) -> None:
    scene = build_scene(world)
    before = snapshot()
    response = scene.client("coordinator").post(case.url(name, scene), data)
    assert response.status_code == 400, f"{name}: {response.status_code}"
    html = response.content.decode()
    assert 'aria-invalid="true"' in html
    assert 'class="kern-error"' in html
    assert snapshot() == before


def test_membership_of_another_body_is_404(world: World) -> None:
    scene = build_scene(world)
    client = scene.client("coordinator")
    url = f"/{scene.slug}/gremien/{world.public_body.pk}/mitglieder/{scene.membership.pk}/"
    before = snapshot()
    assert client.get(url + "bearbeiten/").status_code == 404
    assert client.post(url + "entfernen/").status_code == 404
    assert snapshot() == before


def test_membership_form_tells_people_apart(world: World) -> None:
    scene = build_scene(world)
    url = f"/{scene.slug}/gremien/{world.public_body.pk}/mitglieder/neu/"
    html = scene.client("coordinator").get(url).content.decode()
    person = world.member_person
    assert f">{person.full_name} ({world.municipality.name})</option>" in html
    assert "– Person auswählen –" in html
