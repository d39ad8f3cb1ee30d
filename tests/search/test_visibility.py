"""Search never returns what the visitor may not see: every role, both cooperations.

The expectations are a hand-written table of labels (tests/search/helpers.py ``populate``),
written from the visibility rules in docs/architecture.md, not from the code."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ikz.accounts.access import Access
from ikz.meetings import services as meeting_services
from ikz.meetings.models import Meeting, Point
from ikz.search.selectors import search
from tests.conftest import World
from tests.meetings.factories import meeting
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
    results = search(access=access_of(world, "anonymous"), text="zauberwort")
    counts = {group.kind: group.count for group in results.groups}
    # Hand count from EVERYONE: one point, two meetings, one agenda item, one project, report.
    assert counts == {"point": 1, "agenda_item": 1, "meeting": 2, "project": 1, "report": 1}


def _found_points(access: Access) -> set[int]:
    results = search(access=access, text="zauberwort")
    return {
        int(result.hit.url.rsplit("#point-", 1)[-1])
        for group in results.groups
        if group.kind == "point"
        for result in group.results
    }


def _set_state(meeting: Meeting, state: str) -> None:
    # Only the state: reopening published minutes is not what this test is about.
    Meeting.objects.filter(pk=meeting.pk).update(state=state)


def test_a_point_moved_below_an_internal_point_is_hidden_at_every_depth(world: World) -> None:
    """Moves change only the tree (no re-indexing): the public check walks up the live tree."""
    forum = meeting(body=world.public_body, is_public=True, title="Forum")
    meeting_services.meeting_set_state(meeting=forum, state=Meeting.State.HELD)
    meeting_services.point_add(meeting=forum, text="Vorab Zauberwort", is_internal=True)
    middle = meeting_services.point_add(meeting=forum, text="Mitte Zauberwort")
    deep = meeting_services.point_add(meeting=forum, text="Tief Zauberwort", parent=middle)
    meeting_services.meeting_set_state(meeting=forum, state=Meeting.State.MINUTES_PUBLISHED)
    anonymous = access_of(world, "anonymous")
    assert _found_points(anonymous) == {middle.pk, deep.pk}

    _set_state(forum, Meeting.State.HELD)
    meeting_services.point_indent(point=middle.__class__.objects.get(pk=middle.pk))
    _set_state(forum, Meeting.State.MINUTES_PUBLISHED)
    assert Point.objects.get(pk=deep.pk).parent_id == middle.pk  # moved along, two levels down
    assert _found_points(anonymous) == set()
    assert len(_found_points(access_of(world, "member"))) == 3


def test_query_count_does_not_grow_with_the_number_of_matches(world: World) -> None:
    forum = meeting(body=world.public_body, is_public=True, title="Forum")
    meeting_services.meeting_set_state(meeting=forum, state=Meeting.State.HELD)
    meeting_services.point_add(meeting=forum, text="Zauberwort eins")
    access = access_of(world, "coordinator")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            search(access=access, text="zauberwort")
        return len(captured)

    one = queries()
    for number in range(30):
        meeting_services.point_add(meeting=forum, text=f"Zauberwort {number}")
    assert len(_found_points(access)) == 5  # the overview shows five of the 31
    assert queries() == one


def test_kinds_that_cannot_match_cost_no_window_query(world: World) -> None:
    # The world holds people (its users' Person rows); this adds one meeting with one point.
    # Agenda items, tasks, projects, surveys and reports have no index rows at all.
    forum = meeting(body=world.public_body, is_public=True, title="Forum")
    meeting_services.point_add(meeting=forum, text="Zauberwort eins")
    with CaptureQueriesContext(connection) as captured:
        results = search(access=access_of(world, "coordinator"), text="zauberwort")
    full_text = [q["sql"] for q in captured if "search_fts MATCH" in q["sql"] or "@@" in q["sql"]]
    kinds = {kind for sql in full_text for kind in re.findall(r"\"kind\" = '(\w+)'", sql)}
    if connection.vendor == "sqlite":
        # One probe of every kind's words, then a window only where something matched.
        assert kinds == {"point"}
        assert len(full_text) == 2
    else:
        # A probe of which kinds have rows, then a window for each of those.
        assert kinds == {"point", "meeting", "person"}
        assert len(full_text) == 3
    assert [group.kind for group in results.groups] == ["point"]


@pytest.mark.django_db
def test_postgresql_samples_the_index_words_finely() -> None:
    # The planner's estimate of a common prefix's matches decides between walking the newest
    # rows and collecting every match (docs/search.md); the default target misjudged it tenfold.
    if connection.vendor != "postgresql":
        pytest.skip("SQLite's FTS5 plans do not depend on statistics")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attstattarget FROM pg_attribute "
            "WHERE attrelid = 'search_searchentry'::regclass AND attname = 'vector'"
        )
        assert cursor.fetchone() == (1000,)
