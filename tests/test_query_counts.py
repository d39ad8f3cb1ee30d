"""Pages render with a number of queries that does not depend on how many rows there are.

Each page is measured with a few rows, then again after ten times as many rows were added
(more municipalities, people, bodies, members, locations, activity entries, and more people,
members and memberships on the very objects whose detail pages are measured).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from pytest_django import DjangoAssertNumQueries

from ikz.activity.services import record_activity
from ikz.cooperation.models import Body, Membership
from tests.conftest import World, client_for
from tests.factories import (
    BodyFactory,
    LocationFactory,
    MembershipFactory,
    MunicipalityFactory,
    PersonFactory,
)

# Far above what any page needs today, low enough to catch a loop of queries at 3 rows.
ABSOLUTE_LIMIT = 18  # the dashboard: +1 projects deadline card (one UNION), +1 reports card,
# +1 agreements card (one query; a second only while resolutions are awaited)
_ags = itertools.count(14800000)


def add_rows(world: World, n: int) -> None:
    """n more of everything, hanging also off the objects whose detail pages are measured."""
    cooperation = world.cooperation
    for i in range(n):
        municipality = MunicipalityFactory(cooperation=cooperation, ags=f"{next(_ags):08d}")
        person = PersonFactory(
            cooperation=cooperation, municipality=municipality if i % 3 else world.municipality
        )
        outsider_org = PersonFactory(
            cooperation=cooperation, municipality=None, organisation=f"Beratung {i}"
        )
        body = BodyFactory(
            cooperation=cooperation,
            is_public=bool(i % 2),
            merged_into=world.public_body if i % 4 == 0 else None,
        )
        MembershipFactory(cooperation=cooperation, body=body, person=person)
        MembershipFactory(cooperation=cooperation, body=body, person=world.member_person)
        MembershipFactory(cooperation=cooperation, body=world.public_body, person=person)
        MembershipFactory(cooperation=cooperation, body=world.member_body, person=outsider_org)
        LocationFactory(cooperation=cooperation, municipality=municipality)
        record_activity(
            cooperation=cooperation,
            actor_id=world.coordinator.pk,
            summary=f"Eintrag {i}",
            body=body if i % 2 else None,
        )


def pages(world: World) -> dict[str, Callable[[], str]]:
    slug = world.cooperation.slug

    def location_pk() -> int:
        return world.cooperation.locations.order_by("pk").values_list("pk", flat=True)[0]

    def membership_pk() -> int:
        return Membership.objects.filter(body=world.public_body).order_by("pk")[0].pk

    return {
        "start": lambda: "/",
        "dashboard": lambda: f"/{slug}/",
        "municipality_list": lambda: f"/{slug}/kommunen/",
        "municipality_detail": lambda: f"/{slug}/kommunen/{world.municipality.pk}/",
        "body_list": lambda: f"/{slug}/gremien/",
        "body_detail_public": lambda: f"/{slug}/gremien/{world.public_body.pk}/",
        "body_detail_internal": lambda: f"/{slug}/gremien/{world.member_body.pk}/",
        "person_list": lambda: f"/{slug}/personen/",
        "person_detail": lambda: f"/{slug}/personen/{world.member_person.pk}/",
        "location_list": lambda: f"/{slug}/orte/",
        "location_detail": lambda: f"/{slug}/orte/{location_pk()}/",
        "body_create": lambda: f"/{slug}/gremien/neu/",
        "body_edit": lambda: f"/{slug}/gremien/{world.public_body.pk}/bearbeiten/",
        "person_create": lambda: f"/{slug}/personen/neu/",
        "membership_create": lambda: f"/{slug}/gremien/{world.public_body.pk}/mitglieder/neu/",
        "membership_edit": lambda: (
            f"/{slug}/gremien/{world.public_body.pk}/mitglieder/{membership_pk()}/bearbeiten/"
        ),
        "location_create": lambda: f"/{slug}/orte/neu/",
    }


COORDINATOR_ONLY = {
    "body_create",
    "body_edit",
    "person_create",
    "membership_create",
    "membership_edit",
    "location_create",
}


def count_queries(client: Client, url: str) -> tuple[int, list[str]]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries), [q["sql"] for q in queries.captured_queries]


@pytest.mark.parametrize("role", ["coordinator", "member", "anonymous"])
def test_query_count_does_not_grow_with_rows(world: World, role: str) -> None:
    client = client_for(None if role == "anonymous" else getattr(world, role))
    add_rows(world, 3)
    urls = {name: make_url() for name, make_url in pages(world).items()}
    visible = {
        name: url
        for name, url in urls.items()
        if client.get(url).status_code == 200  # warm up: sessions, content types, etc.
    }
    if role == "coordinator":
        assert set(visible) == set(urls)
    else:
        assert not set(visible) & COORDINATOR_ONLY
    small = {name: count_queries(client, url) for name, url in visible.items()}

    add_rows(world, 27)
    assert Body.objects.filter(cooperation=world.cooperation).count() >= 30
    large = {name: count_queries(client, url) for name, url in visible.items()}

    grown = {
        name: (small[name][0], large[name][0])
        for name in visible
        if large[name][0] != small[name][0]
    }
    details = "\n\n".join(
        f"{name}: {small[name][0]} → {large[name][0]}\n" + "\n".join(large[name][1])
        for name in grown
    )
    assert not grown, f"Query count grows with the rows:\n{details}"
    too_many = {name: small[name][0] for name in visible if small[name][0] > ABSOLUTE_LIMIT}
    assert not too_many, too_many


def test_dashboard_query_budget(
    world: World, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    """The hot page has a fixed budget, measured as coordinator with 30 of everything."""
    add_rows(world, 30)
    client = client_for(world.coordinator)
    client.get(f"/{world.cooperation.slug}/")
    with django_assert_max_num_queries(ABSOLUTE_LIMIT):
        response = client.get(f"/{world.cooperation.slug}/")
    assert response.status_code == 200
