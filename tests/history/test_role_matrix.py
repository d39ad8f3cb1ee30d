"""The "Verlauf" pages are for the coordination only; another cooperation's records are 404."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from ikz.cooperation.models import Municipality
from ikz.tracking.records import historical_model
from tests.conftest import World, client_for
from tests.site_map import url_names

ROLES = ("anonymous", "outsider", "member", "coordinator")
LOGIN = "login"
# A literal table: what each role gets on GET and on POST.
EXPECTED = {
    "history:cooperation": (
        {"anonymous": LOGIN, "outsider": 403, "member": 403, "coordinator": 200},
        {"anonymous": LOGIN, "outsider": 403, "member": 403, "coordinator": 405},
    ),
    "history:object": (
        {"anonymous": LOGIN, "outsider": 403, "member": 403, "coordinator": 200},
        {"anonymous": LOGIN, "outsider": 403, "member": 403, "coordinator": 405},
    ),
    "history:restore": (
        {"anonymous": LOGIN, "outsider": 403, "member": 403, "coordinator": 405},
        {"anonymous": LOGIN, "outsider": 403, "member": 403, "coordinator": 302},
    ),
}


def _record(world: World) -> Any:
    municipality = world.municipality
    municipality.name = "Umbenannt"
    municipality.save()
    return (
        historical_model(Municipality)
        ._default_manager.filter(id=municipality.pk)
        .order_by("history_id")
        .first()
    )


def _args(name: str, world: World) -> list[Any]:
    slug = world.cooperation.slug
    if name == "history:cooperation":
        return [slug]
    if name == "history:object":
        return [slug, "cooperation.municipality", world.municipality.pk]
    return [slug, "cooperation.municipality", _record(world).history_id]


def _client(world: World, role: str) -> Client:
    return client_for(None if role == "anonymous" else getattr(world, role))


def _check(response: Any, expected: Any) -> None:
    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
    else:
        assert response.status_code == expected


def test_every_history_url_is_in_the_matrix() -> None:
    mine = url_names("history")
    assert mine == set(EXPECTED)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_roles(world: World, role: str, name: str) -> None:
    url = reverse(name, args=_args(name, world))
    get, post = EXPECTED[name]
    _check(_client(world, role).get(url), get[role])
    before = list(Municipality.objects.order_by("pk").values())
    _check(_client(world, role).post(url), post[role])
    if role != "coordinator":
        assert list(Municipality.objects.order_by("pk").values()) == before


@pytest.mark.parametrize("name", ["history:object", "history:restore"])
def test_another_cooperations_objects_are_404(world: World, other: World, name: str) -> None:
    url = reverse(name, args=[world.cooperation.slug, *_args(name, other)[1:]])
    before = list(Municipality.objects.order_by("pk").values())
    client = client_for(world.coordinator)
    method = client.post if name == "history:restore" else client.get
    assert method(url).status_code == 404
    assert list(Municipality.objects.order_by("pk").values()) == before


def test_an_unknown_model_label_is_404(world: World) -> None:
    client = client_for(world.coordinator)
    for label in ("accounts.user", "activity.activityentry", "kaputt"):
        url = reverse("history:object", args=[world.cooperation.slug, label, 1])
        assert client.get(url).status_code == 404


def test_history_link_only_for_coordinators(world: World) -> None:
    url = f"/{world.cooperation.slug}/kommunen/{world.municipality.pk}/"
    target = reverse(
        "history:object",
        args=[world.cooperation.slug, "cooperation.municipality", world.municipality.pk],
    )
    assert target in client_for(world.coordinator).get(url).content.decode()
    assert target not in client_for(world.member).get(url).content.decode()
    assert target not in client_for(None).get(url).content.decode()
