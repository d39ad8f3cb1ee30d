"""The board: first cards per column in SQL, totals from one aggregate, same visibility."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from ikz.accounts.access import Access, Level
from ikz.projects import selectors, services
from ikz.projects.models import Stage
from ikz.projects.selectors import listing
from tests.conftest import World, client_for
from tests.projects.helpers import move_to, project


def columns_of(world: World, level: Level, **filters: Any) -> dict[str, listing.BoardColumn]:
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
    # The selector annotates the counts; django-stubs cannot carry them through list[Project].
    counts = (card.participating_count, card.interested_count)  # type: ignore[attr-defined]
    assert counts == (2, 0)
    assert card.field is None


def test_other_cooperations_projects_stay_off_the_board(world: World, other: World) -> None:
    project(cooperation=world.cooperation, title="Hier", is_public=True)
    project(cooperation=other.cooperation, title="Dort", is_public=True)
    columns = columns_of(world, Level.COORDINATOR)
    assert titles(columns["idea"]) == ["Hier"]
    assert sum(column.total for column in columns.values()) == 1


@pytest.mark.usefixtures("limited")
def test_two_queries_however_many_projects(
    world: World, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    for index in range(12):
        project(cooperation=world.cooperation, title=f"V{index:02d}", is_public=True)
    with django_assert_num_queries(2):
        columns = columns_of(world, Level.COORDINATOR)
        assert [p.field for p in columns["idea"].projects] == [None, None]


# --- What the board renders (bounded) and "weitere" ----------------------------------------------


def _board(world: World, who: object = None, query: str = "") -> str:
    path = reverse("projects:board", args=[world.cooperation.slug]) + query
    return client_for(who).get(path).content.decode()  # type: ignore[arg-type]


def _more(world: World, stage: str, query: str) -> str:
    path = reverse("projects:board_column", args=[world.cooperation.slug, stage]) + query
    response = client_for(world.coordinator).get(path, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    return response.content.decode()


def test_board_renders_at_most_twenty_cards_per_column(world: World) -> None:
    """The default bound: 25 ideas give 20 cards and one link to the other 5."""
    for index in range(25):
        project(cooperation=world.cooperation, title=f"Idee {index:02d}", is_public=True)
    page = _board(world, world.coordinator)
    assert page.count("data-project=") == 20
    assert "5 weitere Vorhaben anzeigen" in page
    assert "Idee 19" in page
    assert "Idee 20" not in page
    # One move control: a link per card to the one stage form, not a form per card.
    # the filter form, the header's search box, the log-out button and the page's one
    # confirmation dialog (ui/components/dialog.html in base.html)
    assert page.count("<form") == 4
    assert page.count("/phase/?zurueck=board") == 20


@pytest.mark.usefixtures("limited")
def test_weitere_loads_the_next_cards_of_the_column(world: World) -> None:
    for title in ("E", "A", "D", "B", "C"):
        project(cooperation=world.cooperation, title=title, is_public=True)
    move_to(project(cooperation=world.cooperation, title="AA", is_public=True), Stage.CONCEPT)
    page = _board(world)
    assert "3 weitere Vorhaben anzeigen" in page
    second = _more(world, "idea", "?ab=2")
    assert [t for t in ("A", "B", "C", "D", "E", "AA") if f">{t}</a>" in second] == ["C", "D"]
    assert "1 weiteres Vorhaben anzeigen" in second
    assert "spalte/idea/?ab=4" in second
    last = _more(world, "idea", "?ab=4")
    assert ">E</a>" in last
    assert "weitere" not in last


@pytest.mark.usefixtures("limited")
def test_weitere_keeps_filters_and_visibility(world: World) -> None:
    roads = services.field_save(cooperation=world.cooperation, name="Straßen")
    for title in ("A", "B", "C", "D"):
        project(cooperation=world.cooperation, title=title, is_public=True, field=roads)
    project(cooperation=world.cooperation, title="BB ohne Feld", is_public=True)
    project(cooperation=world.cooperation, title="CC intern", field=roads)
    page = _board(world, query=f"?feld={roads.pk}")
    assert f"spalte/idea/?ab=2&amp;feld={roads.pk}" in page
    path = reverse("projects:board_column", args=[world.cooperation.slug, "idea"])
    anonymous = client_for(None).get(f"{path}?ab=2&feld={roads.pk}").content.decode()
    assert ">C</a>" in anonymous
    assert ">D</a>" in anonymous
    assert "BB ohne Feld" not in anonymous
    assert "CC intern" not in anonymous


def test_weitere_of_an_unknown_stage_is_404(world: World, other: World) -> None:
    path = reverse("projects:board_column", args=[world.cooperation.slug, "unbekannt"])
    assert client_for(world.coordinator).get(path).status_code == 404
    project(cooperation=other.cooperation, title="Fremd", is_public=True)
    path = reverse("projects:board_column", args=[world.cooperation.slug, "idea"])
    assert "Fremd" not in client_for(other.coordinator).get(path).content.decode()
