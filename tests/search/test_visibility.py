"""Search never returns what the visitor may not see: every role, both cooperations.

The expectations are a hand-written table of labels (tests/search/helpers.py ``populate``),
written from the visibility rules in docs/architecture.md, not from the code."""

from __future__ import annotations

import pytest

from tests.conftest import World
from tests.search.helpers import access_of, found, populate

EVERYONE = {
    "meeting public published",
    "meeting public unpublished",
    "point public",
    "agenda public",
    "project public",
    "report public",
}
MEMBER = EVERYONE | {
    "point internal",  # members read internal points of minutes they can read
    "point below internal",
    "meeting member body",
    "point member body",
    "point member body internal",
    "task member body",
    "project internal",  # members see every project
    "survey open",
    "report internal",
    "person",
}
COORDINATOR = MEMBER | {
    "point unpublished",
    "meeting foreign body",
    "point foreign body",
    "agenda foreign body",
    "task foreign body",
    "survey draft",
}
EXPECTED = {
    "anonymous": EVERYONE,
    "outsider": EVERYONE,
    "member": MEMBER,
    "coordinator": COORDINATOR,
}


@pytest.mark.parametrize("which", ["A", "B"])
@pytest.mark.parametrize("role", sorted(EXPECTED))
def test_each_role_finds_exactly_what_it_may_see(
    world: World, other: World, role: str, which: str
) -> None:
    labels = {"A": populate(world), "B": populate(other)}
    subject = world if which == "A" else other
    mine = labels[which]
    keys = found(access_of(subject, role), "zauberwort")
    by_key = {key: label for label, key in mine.items()}
    assert keys <= set(by_key), "a hit from the other cooperation"
    assert {by_key[key] for key in keys} == EXPECTED[role]


def test_counts_never_reveal_hidden_points(world: World) -> None:
    populate(world)
    from ikz.search.selectors import search

    results = search(access=access_of(world, "anonymous"), text="zauberwort")
    counts = {group.kind: group.count for group in results.groups}
    # Hand count from EVERYONE: one point, two meetings, one agenda item, one project, report.
    assert counts == {"point": 1, "agenda_item": 1, "meeting": 2, "project": 1, "report": 1}
