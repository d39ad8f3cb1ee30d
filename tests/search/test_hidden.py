"""The public never finds a point below an internal one, however the tree got that way: the
index flag (``ikz.search.hidden``) follows new points, changed flags, moves and rebuilds."""

from __future__ import annotations

import pytest

from ikz.accounts.access import Access
from ikz.meetings import services as meeting_services
from ikz.meetings.models import Meeting, Point
from ikz.search.hidden import hidden
from ikz.search.indexing import rebuild
from ikz.search.models import SearchEntry
from ikz.search.selectors import search
from tests.conftest import World
from tests.meetings.factories import meeting
from tests.search.helpers import access_of
from tests.search.test_visibility import _found_points as _shown
from tests.search.test_visibility import _set_state

# (id, parent, internal) of a hand-drawn tree:  1 internal ─ 2 ─ 3;  4 ─ 5 internal ─ 6;  7
TREE = [
    (3, 2, False),
    (2, 1, False),
    (1, None, True),
    (6, 5, False),
    (5, 4, True),
    (4, None, False),
    (7, None, False),
]


def test_hidden_are_the_internal_points_and_everything_below_them() -> None:
    assert hidden(TREE) == {1, 2, 3, 5, 6}
    assert hidden(list(reversed(TREE))) == {1, 2, 3, 5, 6}  # order of the rows does not matter
    assert hidden([(1, 2, False), (2, 1, False)]) == set()  # a broken tree with a cycle ends


@pytest.fixture
def forum(world: World) -> Meeting:
    forum = meeting(body=world.public_body, is_public=True, title="Forum")
    meeting_services.meeting_set_state(meeting=forum, state=Meeting.State.HELD)
    return forum


def _found_points(access: Access) -> set[int]:
    """The points shown, after checking that the SQL count agrees: the shown hits pass a
    second check in Python (readable_points), the count only the index flag."""
    shown = _shown(access)
    groups = search(access=access, text="zauberwort").groups
    assert sum(g.count for g in groups if g.kind == "point") == len(shown)
    return shown


def _published(forum: Meeting) -> None:
    _set_state(forum, Meeting.State.MINUTES_PUBLISHED)


def test_making_a_parent_internal_hides_its_subtree_and_back(world: World, forum: Meeting) -> None:
    top = meeting_services.point_add(meeting=forum, text="Oben Zauberwort")
    child = meeting_services.point_add(meeting=forum, text="Kind Zauberwort", parent=top)
    grandchild = meeting_services.point_add(meeting=forum, text="Enkel Zauberwort", parent=child)
    _published(forum)
    anonymous = access_of(world, "anonymous")
    assert _found_points(anonymous) == {top.pk, child.pk, grandchild.pk}

    _set_state(forum, Meeting.State.HELD)
    meeting_services.point_update(point=Point.objects.get(pk=child.pk), is_internal=True)
    _published(forum)
    assert _found_points(anonymous) == {top.pk}
    assert len(_found_points(access_of(world, "member"))) == 3

    _set_state(forum, Meeting.State.HELD)
    meeting_services.point_update(point=Point.objects.get(pk=child.pk), is_internal=False)
    _published(forum)
    assert _found_points(anonymous) == {top.pk, child.pk, grandchild.pk}


def test_a_point_added_below_an_internal_one_is_hidden(world: World, forum: Meeting) -> None:
    secret = meeting_services.point_add(meeting=forum, text="Geheim", is_internal=True)
    meeting_services.point_add(meeting=forum, text="Darunter Zauberwort", parent=secret)
    _published(forum)
    assert _found_points(access_of(world, "anonymous")) == set()


def test_outdenting_out_of_an_internal_point_shows_it_again(world: World, forum: Meeting) -> None:
    secret = meeting_services.point_add(meeting=forum, text="Geheim", is_internal=True)
    below = meeting_services.point_add(meeting=forum, text="Darunter Zauberwort", parent=secret)
    meeting_services.point_outdent(point=Point.objects.get(pk=below.pk))
    _published(forum)
    assert _found_points(access_of(world, "anonymous")) == {below.pk}


def test_a_rebuild_sets_the_flag_for_points_written_without_signals(
    world: World, forum: Meeting
) -> None:
    secret = Point.objects.create(
        cooperation=world.cooperation, meeting=forum, position=0, text="Geheim", is_internal=True
    )
    middle, free = Point.objects.bulk_create(
        [
            Point(
                cooperation=world.cooperation,
                meeting=forum,
                position=0,
                parent=secret,
                text="Mitte Zauberwort",
            ),
            Point(cooperation=world.cooperation, meeting=forum, position=1, text="Frei Zauberwort"),
        ]
    )
    Point.objects.bulk_create(
        [
            Point(
                cooperation=world.cooperation,
                meeting=forum,
                position=0,
                parent=middle,
                text="Tief Zauberwort",
            )
        ]
    )
    rebuild(cooperation_ids=[world.cooperation.pk])
    _published(forum)
    assert _found_points(access_of(world, "anonymous")) == {free.pk}
    flags = dict(
        SearchEntry.objects.filter(kind="point", meeting_id=forum.pk).values_list(
            "text", "is_internal"
        )
    )
    assert flags == {
        "Geheim": True,
        "Mitte Zauberwort": True,
        "Frei Zauberwort": False,
        "Tief Zauberwort": True,
    }
