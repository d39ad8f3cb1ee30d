"""The board: first cards per column in SQL, totals from one aggregate, same visibility."""

from __future__ import annotations

import pytest

from ikz.accounts.access import Access, Level
from ikz.projects import selectors, services
from ikz.projects.models import Stage
from ikz.projects.selectors import listing
from tests.conftest import World
from tests.projects.helpers import move_to, project


def columns_of(world: World, level: Level, **filters: int) -> dict[str, listing.BoardColumn]:
    access = Access(cooperation=world.cooperation, level=level)
    columns = selectors.board(access=access, filters=selectors.ProjectFilter(**filters))
    return {column.stage.value: column for column in columns}


def titles(column: listing.BoardColumn) -> list[str]:
    return [p.title for p in column.projects]


@pytest.fixture
def limited(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(listing, "BOARD_COLUMN_LIMIT", 2)


@pytest.mark.usefixtures("limited")
def test_each_column_keeps_its_first_cards_by_title_and_counts_all(world: World) -> None:
    for title in ("C", "A", "B"):
        project(cooperation=world.cooperation, title=title, is_public=True)
    project(cooperation=world.cooperation, title="0 intern")  # first by title, but internal
    move_to(project(cooperation=world.cooperation, title="E", is_public=True), Stage.ASSESSMENT)
    move_to(project(cooperation=world.cooperation, title="F", is_public=True), Stage.BILATERAL)

    public = columns_of(world, Level.PUBLIC)
    assert titles(public["idea"]) == ["A", "B"]
    assert (public["idea"].total, public["idea"].hidden) == (3, 1)
    assert titles(public["assessment"]) == ["E"]
    assert (public["assessment"].total, public["assessment"].hidden) == (1, 0)
    assert titles(public["bilateral"]) == ["F"]
    assert public["bilateral"].is_closed
    assert public["concept"].projects == []
    assert public["concept"].total == 0

    member = columns_of(world, Level.MEMBER)
    assert titles(member["idea"]) == ["0 intern", "A"]
    assert (member["idea"].total, member["idea"].hidden) == (4, 2)


@pytest.mark.usefixtures("limited")
def test_filters_apply_to_cards_and_totals(world: World) -> None:
    roads = services.field_save(cooperation=world.cooperation, name="Straßen")
    for title in ("A", "B", "C"):
        project(cooperation=world.cooperation, title=title, is_public=True, field=roads)
    project(cooperation=world.cooperation, title="0 ohne Feld", is_public=True)
    involved = project(cooperation=world.cooperation, title="Z", is_public=True)
    services.participation_set(
        project=involved, municipality=world.municipality, status="interested"
    )

    by_field = columns_of(world, Level.PUBLIC, field_id=roads.pk)
    assert titles(by_field["idea"]) == ["A", "B"]
    assert by_field["idea"].total == 3

    by_town = columns_of(world, Level.PUBLIC, municipality_id=world.municipality.pk)
    assert titles(by_town["idea"]) == ["Z"]
    assert by_town["idea"].total == 1


def test_cards_carry_their_participation_counts(world: World) -> None:
    shared = project(cooperation=world.cooperation, title="Bauhof", is_public=True)
    for town in (world.municipality, world.other_municipality):
        services.participation_set(project=shared, municipality=town, status="participating")
    (card,) = columns_of(world, Level.PUBLIC)["idea"].projects
    assert (card.participating_count, card.interested_count) == (2, 0)
    assert card.field is None


def test_other_cooperations_projects_stay_off_the_board(world: World, other: World) -> None:
    project(cooperation=world.cooperation, title="Hier", is_public=True)
    project(cooperation=other.cooperation, title="Dort", is_public=True)
    columns = columns_of(world, Level.COORDINATOR)
    assert titles(columns["idea"]) == ["Hier"]
    assert sum(column.total for column in columns.values()) == 1


@pytest.mark.usefixtures("limited")
def test_two_queries_however_many_projects(world: World, django_assert_num_queries: object) -> None:
    for index in range(12):
        project(cooperation=world.cooperation, title=f"V{index:02d}", is_public=True)
    with django_assert_num_queries(2):  # type: ignore[operator]
        columns = columns_of(world, Level.COORDINATOR)
        assert [p.field for p in columns["idea"].projects] == [None, None]
