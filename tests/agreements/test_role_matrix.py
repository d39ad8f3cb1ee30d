"""Every page of the ``agreements`` namespace, for every role, GET and POST, and another
cooperation's ids under this cooperation's address (404)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import get_resolver, reverse

from tests.agreements.scene import AgreementScene, build
from tests.conftest import World, client_for

Args = Callable[[AgreementScene], list[int]]
ROLES = ("anonymous", "outsider", "member", "coordinator")
ALL = dict.fromkeys(ROLES, 200)
PARTY = {"anonymous": 404, "outsider": 404, "member": 200, "coordinator": 200}
COORDINATION = {"anonymous": 404, "outsider": 404, "member": 404, "coordinator": 200}
WRITE = {"anonymous": 302, "outsider": 403, "member": 403, "coordinator": 200}
MEMBERS = {"anonymous": 302, "outsider": 403, "member": 200, "coordinator": 200}
MEMBERS_HIDDEN = {"anonymous": 302, "outsider": 403, "member": 404, "coordinator": 200}
POST_ONLY = {"anonymous": 302, "outsider": 403, "member": 403, "coordinator": 405}


def _party(s: AgreementScene) -> list[int]:
    return [s.party.pk]


# (URL name, label, arguments, expected GET status per role)
CASES: list[tuple[str, str, Args, dict[str, int]]] = [
    ("list", "", lambda s: [], ALL),
    ("detail", "party", _party, PARTY),
    ("detail", "foreign", lambda s: [s.foreign.pk], COORDINATION),
    ("detail", "published", lambda s: [s.published.pk], ALL),
    ("create", "", lambda s: [], WRITE),
    ("edit", "", _party, WRITE),
    ("delete", "", _party, WRITE),
    ("state", "", _party, WRITE),
    ("partner_create", "", _party, WRITE),
    ("partner_edit", "", lambda s: [s.party.pk, s.party_partner.pk], WRITE),
    ("partner_delete", "", lambda s: [s.party.pk, s.party_partner.pk], WRITE),
    ("key_create", "", _party, WRITE),
    ("key_edit", "", lambda s: [s.party.pk, s.key.pk], WRITE),
    ("measures", "", lambda s: [s.party.pk, 2023], WRITE),
    ("statement_create", "", _party, WRITE),
    ("statement", "issued", lambda s: [s.party.pk, s.issued.pk], MEMBERS),
    ("statement", "draft", lambda s: [s.party.pk, s.draft.pk], MEMBERS_HIDDEN),
    ("statement", "foreign", lambda s: [s.foreign.pk, s.foreign_issued.pk], MEMBERS_HIDDEN),
    ("statement_edit", "", lambda s: [s.party.pk, s.draft.pk], WRITE),
    ("statement_delete", "", lambda s: [s.party.pk, s.draft.pk], WRITE),
    ("statement_issue", "", lambda s: [s.party.pk, s.draft.pk], POST_ONLY),
    ("statement_correct", "", lambda s: [s.party.pk, s.issued.pk], POST_ONLY),
    ("statement_pdf", "", lambda s: [s.party.pk, s.issued.pk], MEMBERS),
    ("statement_xlsx", "", lambda s: [s.party.pk, s.issued.pk], MEMBERS),
    ("statement_pdf", "foreign", lambda s: [s.foreign.pk, s.foreign_issued.pk], MEMBERS_HIDDEN),
]
WRITE_NAMES = {name for name, _label, _args, expected in CASES if expected in (WRITE, POST_ONLY)}


def _names() -> set[str]:
    namespace = get_resolver().namespace_dict["agreements"][1]
    return {name for name in namespace.reverse_dict if isinstance(name, str)}


def test_matrix_covers_every_url() -> None:
    assert _names() == {name for name, *_rest in CASES}


def _client(world: World, role: str) -> Client:
    return client_for(None if role == "anonymous" else getattr(world, role))


@pytest.mark.parametrize(
    ("name", "args", "expected"),
    [
        pytest.param(name, args, expected, id=f"{name}-{label}")
        for name, label, args, expected in CASES
    ],
)
def test_get(world: World, name: str, args: Args, expected: dict[str, int]) -> None:
    scene = build(world)
    path = reverse(f"agreements:{name}", args=[world.cooperation.slug, *args(scene)])
    for role in ROLES:
        response = _client(world, role).get(path)
        assert response.status_code == expected[role], f"GET {path} as {role}"
        if role == "anonymous" and expected[role] == 302:
            assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize(
    ("name", "args"),
    [
        pytest.param(name, args, id=name)
        for name, _l, args, expected in CASES
        if name in WRITE_NAMES
    ],
)
def test_writes_are_for_coordinators_only(world: World, name: str, args: Args) -> None:
    scene = build(world)
    path = reverse(f"agreements:{name}", args=[world.cooperation.slug, *args(scene)])
    for role, status in (("anonymous", 302), ("outsider", 403), ("member", 403)):
        assert _client(world, role).post(path).status_code == status, f"POST {path} as {role}"
    # An empty POST: refused with the form again (400) or done/redirected (302), never a 500.
    assert _client(world, "coordinator").post(path).status_code in {200, 302, 400}


@pytest.mark.parametrize(
    ("name", "args"),
    [
        pytest.param(name, args, id=f"{name}-{label}")
        for name, label, args, _expected in CASES
        if name != "list" and name != "create"
    ],
)
def test_another_cooperations_ids_give_404(
    world: World, other: World, name: str, args: Args
) -> None:
    build(world)
    foreign = build(other)
    path = reverse(f"agreements:{name}", args=[world.cooperation.slug, *args(foreign)])
    coordinator = client_for(world.coordinator)
    if name not in {"statement_issue", "statement_correct"}:  # POST only: GET is 405 first
        assert coordinator.get(path).status_code == 404, path
    if name in WRITE_NAMES:
        assert coordinator.post(path).status_code == 404, path
