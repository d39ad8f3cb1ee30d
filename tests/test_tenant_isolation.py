"""Two cooperations on one instance: no page of A ever shows anything of B, B's objects are not
reachable under A's address, and in B a coordinator of A is just a member of the public."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import override_settings
from django.urls import reverse
from pytest_django import DjangoDbBlocker

from ikz.activity.services import record_activity
from ikz.cooperation.models import Body, Location, Membership, Person
from ikz.projects.services import goal_save
from tests.conftest import World, build_world, client_for
from tests.hardening.scene import snapshot as full_snapshot
from tests.site_map import (
    ENTRIES,
    ROLES,
    Case,
    Scene,
    all_cases,
    build_scene,
    case_id,
    outcome,
    slug_only_urls,
    snapshot,
)
from tests.site_map.crawl import Caller, address
from tests.site_map.scene import build_site

SECRET_ACTIVITY = "Vertrauliche Notiz aus Kooperation B"
SECRET_GOAL = "Geheimziel der Kooperation B"


@pytest.fixture(scope="class")
def class_scenes(
    class_transaction: None, django_db_blocker: DjangoDbBlocker
) -> tuple[Scene, Scene]:
    """A and B, built once for the class (``class_transaction``); the tests only read them or
    change them inside their own savepoint."""
    with django_db_blocker.unblock():
        a, b = build_scene(build_world("A")), build_scene(build_world("B"))
        record_activity(
            cooperation=b.world.cooperation,
            actor_id=b.world.coordinator.pk,
            summary=SECRET_ACTIVITY,
            url=f"/{b.world.cooperation.slug}/",
        )
        # A goal of B's strategic framework: A's goal list and portal must not show it.
        goal_save(cooperation=b.world.cooperation, title=SECRET_GOAL)
    return a, b


@pytest.fixture
def scenes(class_scenes: tuple[Scene, Scene], class_db: None) -> tuple[Scene, Scene]:
    return class_scenes


def fingerprints(scene: Scene) -> dict[str, re.Pattern[str]]:
    """Everything by which B could show through, each as a whole word."""
    world = scene.world
    people = list(Person.objects.filter(cooperation=world.cooperation).select_related("user"))
    texts = {
        world.cooperation.name,
        world.cooperation.slug,
        world.municipality.name,
        world.municipality.ags,
        world.other_municipality.name,
        world.other_municipality.ags,
        world.member_body.name,
        world.internal_body.name,
        world.public_body.name,
        scene.location.name,
        SECRET_ACTIVITY,
        SECRET_GOAL,
        world.coordinator.username,
        world.member.username,
        world.outsider.username,
    }
    for person in people:
        texts |= {person.full_name, person.family_name, person.email}
    return {text: re.compile(rf"(?<![\w-]){re.escape(text)}(?![\w-])") for text in texts if text}


def leaks(html: str, scene: Scene, *, allowed: frozenset[str] = frozenset()) -> list[str]:
    return [
        text
        for text, pattern in fingerprints(scene).items()
        if text not in allowed and pattern.search(html)
    ]


PAGES_OF_A = [
    pytest.param(name, case, role, id=f"{case_id(name, case)}-{role}")
    for name, case in all_cases()
    for role in ROLES
    if case.get[role] == 200
]


OBJECT_CASES = [
    pytest.param(name, case, id=case_id(name, case))
    for name, case in all_cases()
    if case.object_args
]


def foreign_url(name: str, case: Case, a: Scene, b: Scene, *, swap: tuple[str, ...]) -> str:
    from django.urls import reverse

    kwargs = case.kwargs(a)
    foreign = case.kwargs(b)
    for arg in swap:
        kwargs[arg] = foreign[arg]
    return reverse(name, kwargs=kwargs)


COOPERATION_CASES = [
    pytest.param(name, case, id=case_id(name, case))
    for name, case in all_cases()
    if name.startswith("cooperation:")
]


# --- Every object URL of every app (the site map) ---------------------------------------------


def _swaps(objects: tuple[str, ...]) -> list[tuple[str, ...]]:
    return sorted({objects} | {(arg,) for arg in objects})


def test_every_object_url_of_every_app_is_404_for_bs_ids(
    world: World, other: World, tmp_path: Path
) -> None:
    """For every URL of the site map that names an object: A's coordinator, with B's id in
    A's address (each object argument alone, and all together), gets 404 on GET and POST
    (405 where the view takes no such method at all), and nothing changes anywhere."""
    with override_settings(MEDIA_ROOT=str(tmp_path)):
        a, b = build_site(world), build_site(other)
        caller = Caller(a)
        before = full_snapshot()
        wrong, crawled = [], 0
        for name, entry in sorted(ENTRIES.items()):
            if not entry.objects:
                continue
            mine, theirs = entry.kwargs(a), entry.kwargs(b)
            for swap in _swaps(entry.objects):
                url = address(name, entry, a, mine | {arg: theirs[arg] for arg in swap})
                expected = {
                    "get": 405 if entry.get["coordinator"] == 405 else 404,
                    "post": 404 if entry.post else 405,
                }
                for method, status in expected.items():
                    got = caller.call(entry, "coordinator", method, url).status_code
                    if got != status:
                        wrong.append(f"{method.upper()} {url} ({name}): {got}, expected {status}")
            crawled += 1
        # One comparison at the end: a snapshot per URL would double the crawl's time.
        after = full_snapshot()
        changed = [label for label, rows in after.items() if rows != before[label]]
    assert not wrong, "\n".join(wrong)
    assert not changed, f"requests with B's ids changed {changed}"
    assert crawled >= 100  # the crawl must not quietly lose its URLs


class TestTwoCooperations:
    """The tests on the two cooperations' scenes share one set-up (``scenes``): built once for
    the class inside a transaction rolled back after it, each test in its own savepoint
    (tests/conftest.py ``class_db``; docs/testing.md, "Shared set-up")."""

    def test_fingerprints_do_find_b_on_bs_own_pages(self, scenes: tuple[Scene, Scene]) -> None:
        # The check must be able to fail: on B's own pages, B's names are there.
        _, b = scenes
        client = client_for(b.world.coordinator)
        html = client.get(f"/{b.slug}/gremien/").content.decode()
        assert b.world.internal_body.name in leaks(html, b)
        html = client.get(f"/{b.slug}/personen/").content.decode()
        assert b.world.member_person.full_name in leaks(html, b)
        html = client.get(reverse("projects:goals", args=[b.slug])).content.decode()
        assert SECRET_GOAL in leaks(html, b)

    @pytest.mark.parametrize(("name", "case", "role"), PAGES_OF_A)
    def test_no_page_of_a_shows_anything_of_b(
        self, scenes: tuple[Scene, Scene], name: str, case: Case, role: str
    ) -> None:
        a, b = scenes
        response = a.client(role).get(case.url(name, a))
        assert response.status_code == 200
        # The start page lists every cooperation by name (each has a public page), nothing more.
        allowed = (
            frozenset({b.world.cooperation.name, b.world.cooperation.slug})
            if name == "ui:home"
            else frozenset()
        )
        assert leaks(response.content.decode(), b, allowed=allowed) == []

    def test_no_overview_feed_or_export_of_any_app_shows_b(
        self, scenes: tuple[Scene, Scene]
    ) -> None:
        """Beyond SITE_MAP: every page of every app that needs only the slug (the exports and
        calendar feeds too), fetched as A's coordinator, holds nothing of B."""
        a, b = scenes
        client = a.client("coordinator")
        fetched = []
        for name, url in slug_only_urls(a.slug):
            response = client.get(url)
            assert response.status_code < 500, f"{name}: {response.status_code}"
            if response.status_code != 200:
                continue
            body = b"".join(response) if response.streaming else response.content
            found = leaks(body.decode("utf-8", errors="replace"), b)
            assert found == [], f"{name} ({url}) shows B: {found}"
            fetched.append(name)
        assert "cooperation:dashboard" in fetched
        assert len(fetched) >= 9

    def test_start_page_shows_b_only_as_another_cooperation(
        self, scenes: tuple[Scene, Scene]
    ) -> None:
        a, b = scenes
        html = a.client("coordinator").get("/").content.decode()
        mine, _, others = html.partition("Weitere Kooperationen")
        assert a.world.cooperation.name in mine
        assert b.world.cooperation.name in others
        assert b.world.cooperation.name not in mine

    @pytest.mark.parametrize(("name", "case"), OBJECT_CASES)
    def test_bs_objects_under_as_address_are_404(
        self, scenes: tuple[Scene, Scene], name: str, case: Case
    ) -> None:
        a, b = scenes
        client = a.client("coordinator")
        # Every object argument from B, and (for nested URLs) each one alone.
        swaps = {case.object_args} | {(arg,) for arg in case.object_args}
        for swap in sorted(swaps):
            url = foreign_url(name, case, a, b, swap=swap)
            before = snapshot()
            assert client.get(url).status_code == 404, f"GET {url}"
            if case.post is not None:
                response = client.post(url, case.post(a))
                assert response.status_code == 404, f"POST {url}"
            assert snapshot() == before

    @pytest.mark.parametrize(("name", "case"), COOPERATION_CASES)
    def test_in_b_the_coordinator_of_a_is_an_outsider(
        self, scenes: tuple[Scene, Scene], name: str, case: Case
    ) -> None:
        a, b = scenes
        client = a.client("coordinator")
        url = case.url(name, b)
        before = snapshot()
        assert outcome(client.get(url)) == case.get["outsider"], f"GET {url}"
        if case.post is not None:
            assert client.post(url, case.post(b)).status_code == 403, f"POST {url}"
            assert case.took_effect is not None
            assert not case.took_effect(b)
        assert snapshot() == before

    def test_internal_body_of_b_is_404_for_coordinator_of_a(
        self, scenes: tuple[Scene, Scene]
    ) -> None:
        a, b = scenes
        client = a.client("coordinator")
        for body in (b.world.member_body, b.world.internal_body):
            assert client.get(f"/{b.slug}/gremien/{body.pk}/").status_code == 404
        assert client.get(f"/{b.slug}/gremien/{b.world.public_body.pk}/").status_code == 200

    # --- Forged form values ----------------------------------------------------------------------

    def test_forged_person_of_b_in_as_membership_form(self, scenes: tuple[Scene, Scene]) -> None:
        a, b = scenes
        before = Membership.objects.count()
        response = a.client("coordinator").post(
            f"/{a.slug}/gremien/{a.world.public_body.pk}/mitglieder/neu/",
            {"person": str(b.world.member_person.pk), "role": "member"},
        )
        assert response.status_code == 400
        html = response.content.decode()
        assert "Bitte eine gültige Auswahl treffen" in html
        assert 'aria-invalid="true"' in html
        assert Membership.objects.count() == before
        assert not Membership.objects.filter(person=b.world.member_person, body=a.world.public_body)

    def test_forged_municipality_of_b_in_as_person_form(self, scenes: tuple[Scene, Scene]) -> None:
        a, b = scenes
        response = a.client("coordinator").post(
            f"/{a.slug}/personen/neu/",
            {
                "given_name": "Fritz",
                "family_name": "Fälscher",
                "municipality": b.world.municipality.pk,
            },
        )
        assert response.status_code == 400
        assert "Bitte eine gültige Auswahl treffen" in response.content.decode()
        assert 'value="Fälscher"' in response.content.decode()
        assert not Person.objects.filter(family_name="Fälscher").exists()

    def test_forged_municipality_of_b_in_as_location_form(
        self, scenes: tuple[Scene, Scene]
    ) -> None:
        a, b = scenes
        response = a.client("coordinator").post(
            f"/{a.slug}/orte/neu/",
            {"name": "Falsches Rathaus", "municipality": b.world.municipality.pk},
        )
        assert response.status_code == 400
        assert not Location.objects.filter(name="Falsches Rathaus").exists()

    def test_forged_merge_target_of_b_in_as_body_form(self, scenes: tuple[Scene, Scene]) -> None:
        a, b = scenes
        body = a.world.internal_body
        response = a.client("coordinator").post(
            f"/{a.slug}/gremien/{body.pk}/bearbeiten/",
            {"name": body.name, "kind": body.kind, "merged_into": b.world.public_body.pk},
        )
        assert response.status_code == 400
        body.refresh_from_db()
        assert body.merged_into is None

    def test_form_choices_offer_only_as_objects(self, scenes: tuple[Scene, Scene]) -> None:
        a, b = scenes
        client = a.client("coordinator")
        pages = [
            f"/{a.slug}/gremien/{a.world.public_body.pk}/mitglieder/neu/",
            f"/{a.slug}/personen/neu/",
            f"/{a.slug}/orte/neu/",
            f"/{a.slug}/gremien/{a.world.member_body.pk}/bearbeiten/",
        ]
        for page in pages:
            html = client.get(page).content.decode()
            assert leaks(html, b) == [], page
        html = client.get(pages[0]).content.decode()
        assert a.world.member_person.full_name in html

    def test_b_untouched_after_everything(self, scenes: tuple[Scene, Scene]) -> None:
        a, b = scenes
        counts = {
            model.__name__: model.objects.filter(cooperation=b.world.cooperation).count()
            for model in (Body, Person, Membership, Location)
        }
        client = a.client("coordinator")
        for name, case in all_cases():
            if case.post is not None and name.startswith("cooperation:"):
                client.post(case.url(name, b, slug=a.slug), case.post(b))
        after = {
            model.__name__: model.objects.filter(cooperation=b.world.cooperation).count()
            for model in (Body, Person, Membership, Location)
        }
        assert after == counts
