"""Every OParl URL for every role: OParl is public and anonymous, so every role gets the same
200 with the same content (a log-in never shows more), a write method gets 405, and an object
of another cooperation under this body's address is 404."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse

from tests.conftest import World, client_for
from tests.oparl.helpers import OparlScene, build_oparl_scene
from tests.site_map import url_names

ROLES = ("anonymous", "outsider", "member", "coordinator")
Args = Callable[[OparlScene], list[Any]]
URLS: list[tuple[str, Args]] = [
    ("oparl:system", lambda s: []),
    ("oparl:body_list", lambda s: []),
    ("oparl:body", lambda s: [s.world.cooperation.pk]),
    ("oparl:municipality", lambda s: [s.world.cooperation.pk, s.world.municipality.pk]),
    (
        "oparl:municipality_list",
        lambda s: [s.world.cooperation.pk, s.world.municipality.pk, "person"],
    ),
    ("oparl:list", lambda s: [s.world.cooperation.pk, "meeting"]),
    ("oparl:object", lambda s: [s.world.cooperation.pk, "meeting", s.public_meeting.pk]),
]


def test_every_oparl_url_is_in_the_matrix() -> None:
    assert url_names("oparl") == {name for name, _args in URLS}


@pytest.mark.parametrize(("name", "args"), URLS, ids=[u[0] for u in URLS])
def test_every_role_gets_the_public_view(world: World, name: str, args: Args) -> None:
    scene = build_oparl_scene(world, publish=False)
    url = reverse(name, args=args(scene))
    bodies = set()
    for role in ROLES:
        client = client_for(None if role == "anonymous" else getattr(world, role))
        response = client.get(url)
        assert response.status_code == 200, role
        assert response["Content-Type"] == "application/json"
        assert response["Access-Control-Allow-Origin"] == "*"
        bodies.add(response.content)
        assert client.post(url).status_code == 405
    assert len(bodies) == 1


OBJECT_KINDS = ["meeting", "agendaitem", "person", "membership", "organization", "location"]


def test_foreign_objects_under_this_body_are_404(world: World, other: World) -> None:
    mine = build_oparl_scene(world, publish=False)
    theirs = build_oparl_scene(other, publish=False)
    pks = {
        "meeting": theirs.public_meeting.pk,
        "agendaitem": theirs.items[0].pk,
        "person": theirs.consenting.pk,
        "membership": theirs.public_membership.pk,
        "organization": other.public_body.pk,
        "location": theirs.town_hall.pk,
    }
    client = client_for(world.coordinator)
    for kind in OBJECT_KINDS:
        foreign = reverse("oparl:object", args=[world.cooperation.pk, kind, pks[kind]])
        assert client.get(foreign).status_code == 404, kind
    municipality = reverse(
        "oparl:municipality", args=[mine.world.cooperation.pk, other.municipality.pk]
    )
    assert client.get(municipality).status_code == 404
