"""The lookups the edit views used to make themselves, now selectors filtered by cooperation.

An id of another cooperation (or another project / meeting) is a 404 or "nothing chosen".
"""

from __future__ import annotations

import pytest
from django.http import Http404

from ikz.accounts.access import Access, Level
from ikz.dates import PartialDate
from ikz.meetings import selectors as meeting_selectors
from ikz.meetings import services as meeting_services
from ikz.projects import selectors as project_selectors
from ikz.projects import services as project_services
from tests.conftest import World
from tests.meetings.factories import meeting
from tests.projects.helpers import project


def coordinator(world: World) -> Access:
    return Access(cooperation=world.cooperation, level=Level.COORDINATOR)


def test_body_choice_only_of_the_cooperation(world: World, other: World) -> None:
    access = coordinator(world)
    assert meeting_selectors.body_choice(access=access, pk=world.member_body.pk) == (
        world.member_body
    )
    assert meeting_selectors.body_choice(access=access, pk=other.member_body.pk) is None
    assert meeting_selectors.body_choice(access=access, pk=None) is None
    # A member sees only public bodies and their own.
    member = Access(
        cooperation=world.cooperation,
        level=Level.MEMBER,
        body_ids=frozenset({world.member_body.pk}),
    )
    assert meeting_selectors.body_choice(access=member, pk=world.internal_body.pk) is None


def test_points_and_agenda_items_only_of_the_meeting_and_cooperation(
    world: World, other: World
) -> None:
    access = coordinator(world)
    mine, second = meeting(body=world.member_body), meeting(body=world.member_body, number=2)
    foreign = meeting(body=other.member_body)
    point = meeting_services.point_add(meeting=mine, text="eigener Punkt")
    foreign_point = meeting_services.point_add(meeting=foreign, text="fremder Punkt")
    assert meeting_selectors.point_get(access=access, meeting=mine, pk=point.pk) == point
    for where, pk in ((second, point.pk), (mine, foreign_point.pk), (foreign, foreign_point.pk)):
        with pytest.raises(Http404):
            meeting_selectors.point_get(access=access, meeting=where, pk=pk)
    item = meeting_services.agenda_item_add(meeting=mine, title="TOP")
    assert meeting_selectors.agenda_item_get(access=access, meeting=mine, pk=item.pk) == item
    with pytest.raises(Http404):
        meeting_selectors.agenda_item_get(access=access, meeting=second, pk=item.pk)


def test_focus_after_deleting_a_point(world: World) -> None:
    session = meeting(body=world.member_body)
    first = meeting_services.point_add(meeting=session, text="eins")
    child = meeting_services.point_add(meeting=session, text="eins.eins", parent=first)
    second = meeting_services.point_add(meeting=session, text="zwei")
    # Deleting "zwei": the focus goes to the last row above it, the child of "eins".
    assert meeting_selectors.row_above_deleted(second) == f"point-text-{child.pk}"
    # The only child: its parent. The very first point: the row below it.
    assert meeting_selectors.row_above_deleted(child) == f"point-text-{first.pk}"
    assert meeting_selectors.row_above_deleted(first) == f"point-text-{second.pk}"


def test_plan_rows_only_of_the_project(world: World, other: World) -> None:
    access = coordinator(world)
    mine = project(cooperation=world.cooperation, title="Eigenes")
    sibling = project(cooperation=world.cooperation, title="Anderes")
    foreign = project(cooperation=other.cooperation, title="Fremdes")
    milestone = project_services.milestone_save(
        project=mine, title="Beschluss", when=PartialDate.month(2020, 3)
    )
    foreign_milestone = project_services.milestone_save(
        project=foreign, title="Fremd", when=PartialDate.month(2020, 3)
    )
    assert project_selectors.milestone_get(access=access, project=mine, pk=milestone.pk) == (
        milestone
    )
    for where, pk in ((sibling, milestone.pk), (mine, foreign_milestone.pk)):
        with pytest.raises(Http404):
            project_selectors.milestone_get(access=access, project=where, pk=pk)
    with pytest.raises(Http404):
        project_selectors.participation_municipality(access=access, pk=other.municipality.pk)
    assert (
        project_selectors.participation_municipality(access=access, pk=world.municipality.pk)
        == world.municipality
    )


def test_prefill_lookups_of_the_create_pages_only_of_the_cooperation(
    world: World, other: World
) -> None:
    """``?person=`` on the invitation page and ``?vorhaben=`` on a new agreement prefill only
    from the own cooperation (no site-map crawl sends a foreign id in a query parameter)."""
    from ikz.access import selectors as access_selectors
    from ikz.agreements import selectors as agreement_selectors
    from tests.factories import PersonFactory

    access = coordinator(world)
    free = PersonFactory(cooperation=world.cooperation, municipality=world.municipality)
    foreign = PersonFactory(cooperation=other.cooperation, municipality=other.municipality)
    assert access_selectors.invitable_person(access=access, pk=free.pk) == free
    assert access_selectors.invitable_person(access=access, pk=foreign.pk) is None
    # Someone with a log-in is not invited again.
    assert access_selectors.invitable_person(access=access, pk=world.member_person.pk) is None
    mine = project(cooperation=world.cooperation, title="Bauhof")
    theirs = project(cooperation=other.cooperation, title="Bauhof")
    assert agreement_selectors.project_for_new_agreement(access=access, pk=mine.pk) == mine
    assert agreement_selectors.project_for_new_agreement(access=access, pk=theirs.pk) is None
