"""Every URL of the ``portal`` and ``search`` namespaces for every role, and another
cooperation's ids under this cooperation's address (404)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import get_resolver, reverse

from ikz.meetings.models import Meeting
from tests.conftest import World, client_for
from tests.search.helpers import populate

PUBLIC = {
    "portal:home",
    "portal:goals",
    "portal:reports",
    "portal:report",
    "portal:events",
    "portal:bodies",
    "portal:body",
    "portal:meeting",
    "portal:projects",
    "portal:project",
    "portal:search",
    "portal:open_data",
    "portal:open_data_file",
    "portal:feed",
    "portal:legal",
    "search:page",
}
COORDINATOR = {"portal:settings"}
ROLES = ("anonymous", "outsider", "member", "coordinator")


def _names(namespace: str) -> set[str]:
    resolver = get_resolver()
    inner = resolver.namespace_dict[namespace][1]
    return {f"{namespace}:{name}" for name in inner.reverse_dict if isinstance(name, str)}


def test_matrix_covers_every_url() -> None:
    assert _names("portal") | _names("search") == PUBLIC | COORDINATOR


def _args(world: World, labels: dict[str, tuple[str, int]]) -> dict[str, list[Any]]:
    forum = Meeting.objects.get(pk=labels["meeting public published"][1])
    from ikz.reports.models import ReportVersion

    report_id = ReportVersion.objects.get(pk=labels["report public"][1]).report_id
    return {
        "portal:report": [report_id],
        "portal:body": [world.public_body.pk],
        "portal:meeting": [forum.pk],
        "portal:project": [labels["project public"][1]],
        "portal:open_data_file": ["beschluesse", "csv"],
        "portal:feed": ["protokolle"],
        "portal:legal": ["impressum"],
    }


def client(world: World, role: str) -> Client:
    return client_for(None if role == "anonymous" else getattr(world, role))


@pytest.mark.parametrize("role", ROLES)
def test_roles(world: World, role: str) -> None:
    args = _args(world, populate(world))
    visitor = client(world, role)
    for name in sorted(PUBLIC | COORDINATOR):
        path = reverse(name, args=[world.cooperation.slug, *args.get(name, [])])
        response = visitor.get(path)
        if name in PUBLIC:
            assert response.status_code == 200, f"{name} as {role}"
            assert visitor.post(path).status_code == 405, f"POST {name} as {role}"
        elif role == "coordinator":
            assert response.status_code == 200, name
        elif role == "anonymous":
            assert response.status_code == 302, name
            assert response["Location"].startswith(reverse("accounts:login"))
        else:
            assert response.status_code == 403, f"{name} as {role}"


# Objects that exist in A but must not be reachable under A's address for what they are:
# internal things (404 on the portal even for A's coordinator) and B's objects.
INTERNAL = [
    ("portal:body", lambda w, labels: [w.member_body.pk]),
    ("portal:meeting", lambda w, labels: [labels["meeting member body"][1]]),
    ("portal:project", lambda w, labels: [labels["project internal"][1]]),
    (
        "portal:report",
        lambda w, labels: [
            __import__("ikz.reports.models", fromlist=["ReportVersion"])
            .ReportVersion.objects.get(pk=labels["report internal"][1])
            .report_id
        ],
    ),
]


@pytest.mark.parametrize("role", ROLES)
def test_internal_objects_are_404_on_the_portal_for_everyone(world: World, role: str) -> None:
    labels = populate(world)
    visitor = client(world, role)
    for name, get_args in INTERNAL:
        path = reverse(name, args=[world.cooperation.slug, *get_args(world, labels)])
        assert visitor.get(path).status_code == 404, f"{name} as {role}"


def test_another_cooperations_ids_are_404(world: World, other: World) -> None:
    populate(world)
    theirs = _args(other, populate(other))
    visitor = client(world, "coordinator")
    for name, args in theirs.items():
        if name in {"portal:open_data_file", "portal:feed", "portal:legal"}:
            continue
        path = reverse(name, args=[world.cooperation.slug, *args])
        assert visitor.get(path).status_code == 404, name


def test_unknown_names_are_404(world: World) -> None:
    visitor = client(world, "anonymous")
    slug = world.cooperation.slug
    for path in (
        f"/{slug}/portal/gibt-es-nicht/",
        f"/{slug}/portal/offene-daten/geheim.csv",
        f"/{slug}/portal/offene-daten/sitzungen.xlsx",
        f"/{slug}/portal/feeds/intern.atom",
        "/gibt-es-nicht/portal/",
        "/gibt-es-nicht/suche/",
    ):
        assert visitor.get(path).status_code == 404, path
