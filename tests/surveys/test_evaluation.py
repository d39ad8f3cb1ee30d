"""The comparison across municipalities, checked against values computed by hand."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from ikz.cooperation.models import Municipality
from ikz.surveys import evaluation as ev
from ikz.surveys import services
from ikz.surveys.models import Survey
from tests.conftest import World, client_for
from tests.factories import MunicipalityFactory
from tests.markup import squash

from .helpers import answers, bauhof, complete_values, figure_of, submit_answer, summary_of


@pytest.fixture
def scene(world: World) -> tuple[Survey, dict[str, Municipality]]:
    """Four submitted answers and one draft (which must not count).

    Beschäftigte: A-Stadt 10 (5,000 EW), A-Dorf 4 (5,000 EW), Zwergstedt 6 (2,000 EW),
    Riesenau 20 (10,000 EW).
    """
    survey = bauhof(world, evaluation_visibility=Survey.Visibility.ANONYMISED)
    small = MunicipalityFactory(
        cooperation=world.cooperation, name="Zwergstedt", population=2000, area_km2=Decimal("10")
    )
    big = MunicipalityFactory(
        cooperation=world.cooperation, name="Riesenau", population=10000, area_km2=Decimal("50")
    )
    draft = MunicipalityFactory(cooperation=world.cooperation, name="Entwurfsdorf")
    submit_answer(
        survey,
        world.municipality,
        **complete_values(
            beschaeftigte=10,
            strassen_km=60,
            kosten_winterdienst=90000,
            winterdienst_art="vollständig durch den Bauhof",
            maschinen_teilen=True,
        ),
    )
    submit_answer(
        survey,
        world.other_municipality,
        **complete_values(
            beschaeftigte=4,
            strassen_km=0,
            kosten_winterdienst=50000,
            winterdienst_art="teilweise an Firmen vergeben",
            maschinen_teilen=False,
        ),
    )
    submit_answer(
        survey,
        small,
        **complete_values(
            beschaeftigte=6, strassen_km=30, kosten_winterdienst=30000, maschinen_teilen=True
        ),
    )
    submit_answer(
        survey,
        big,
        **complete_values(
            beschaeftigte=20, strassen_km=100, kosten_winterdienst=200000, maschinen_teilen=True
        ),
    )
    services.response_save(
        survey=survey, municipality=draft, data=answers(survey, beschaeftigte=100), version=None
    )
    names = {
        "stadt": world.municipality,
        "dorf": world.other_municipality,
        "klein": small,
        "gross": big,
        "entwurf": draft,
    }
    return survey, names


def test_absolute_statistics_ranks_and_deviation(scene: tuple[Survey, dict[str, Any]]) -> None:
    survey, _ = scene
    result = ev.load_evaluation(survey=survey)
    assert result.size == 4  # the draft is not compared
    series = result.series(figure_of(result, "beschaeftigte"), "absolut")
    s = summary_of(series)
    # sorted 4, 6, 10, 20: median (6+10)/2 = 8; Q1 = 4 + 0.75*2 = 5.5; Q3 = 10 + 0.25*10 = 12.5
    assert (s.count, s.minimum, s.q1, s.median, s.q3, s.maximum) == (4, 4, 5.5, 8, 12.5, 20)
    rows = {
        r["name"]: r for r in ev.series_rows(series, result.names, result.municipality_ids, None)
    }
    assert [rows[n]["rank"] for n in ("Riesenau", "A-Stadt", "Zwergstedt", "A-Dorf")] == [
        1,
        2,
        3,
        4,
    ]
    assert rows["A-Stadt"]["deviation"] == 2
    assert rows["A-Stadt"]["deviation_pct"] == 25
    assert rows["A-Dorf"]["deviation_pct"] == -50


def test_per_inhabitant_and_per_area(scene: tuple[Survey, dict[str, Any]]) -> None:
    survey, _ = scene
    result = ev.load_evaluation(survey=survey)
    figure = figure_of(result, "beschaeftigte")
    per_1000 = result.series(figure, "einwohner")
    # 10/5 = 2, 4/5 = 0.8, 6/2 = 3, 20/10 = 2 → sorted 0.8, 2, 2, 3: median 2
    assert summary_of(per_1000).median == 2
    rows = {
        r["name"]: r for r in ev.series_rows(per_1000, result.names, result.municipality_ids, None)
    }
    assert rows["Zwergstedt"]["rank"] == 1
    assert rows["A-Stadt"]["rank"] == rows["Riesenau"]["rank"] == 2  # a tie shares the rank
    assert rows["A-Dorf"]["rank"] == 4
    per_km2 = result.series(figure, "flaeche")
    # 10/25.5, 4/25.5, 6/10, 20/50
    assert summary_of(per_km2).maximum == pytest.approx(0.6)
    assert summary_of(per_km2).minimum == pytest.approx(4 / 25.5)


def test_means_of_the_comparison(scene: tuple[Survey, dict[str, Any]]) -> None:
    survey, _ = scene
    result = ev.load_evaluation(survey=survey)
    figure = figure_of(result, "beschaeftigte")
    # (10 + 4 + 6 + 20) / 4 = 10; per 1,000 inhabitants (2 + 0.8 + 3 + 2) / 4 = 1.95
    assert summary_of(result.series(figure, "absolut")).mean == 10
    assert summary_of(result.series(figure, "einwohner")).mean == pytest.approx(1.95)
    # per km²: 10/25.5, 4/25.5, 6/10, 20/50 (A-Stadt and A-Dorf have 25.5 km²)
    expected = (10 / 25.5 + 4 / 25.5 + 0.6 + 0.4) / 4
    assert summary_of(result.series(figure, "flaeche")).mean == pytest.approx(expected)


def test_derived_indicator_with_division_by_zero(scene: tuple[Survey, dict[str, Any]]) -> None:
    survey, _ = scene
    result = ev.load_evaluation(survey=survey)
    series = result.series(figure_of(result, "winterdienst_je_km"))
    rows = {
        r["name"]: r["value"]
        for r in ev.series_rows(series, result.names, result.municipality_ids, None)
    }
    assert rows == {"A-Stadt": 1500, "A-Dorf": None, "Zwergstedt": 1000, "Riesenau": 2000}
    assert summary_of(series).count == 3
    assert summary_of(series).median == 1500


def test_choice_counts(scene: tuple[Survey, dict[str, Any]]) -> None:
    survey, _ = scene
    counts = {c.question.key: c for c in ev.load_evaluation(survey=survey).choice_counts}
    assert dict(counts["maschinen_teilen"].counts) == {"Ja": 3, "Nein": 1}
    art = dict(counts["winterdienst_art"].counts)
    assert art["vollständig durch den Bauhof"] == 3
    assert art["teilweise an Firmen vergeben"] == 1
    assert counts["bedarf_maschinen"].unanswered == 4


def test_anonymised_for_members_named_for_the_coordinator(
    world: World, scene: tuple[Survey, dict[str, Any]]
) -> None:
    survey, _ = scene
    slug = world.cooperation.slug
    member, coordinator = client_for(world.member), client_for(world.coordinator)
    pages = [
        reverse("surveys:evaluation", args=[slug, survey.pk]),
        reverse("surveys:figure", args=[slug, survey.pk, "beschaeftigte"]) + "?bezug=einwohner",
        reverse("surveys:figure", args=[slug, survey.pk, "winterdienst_je_km"]),
        reverse("surveys:evaluation_export", args=[slug, survey.pk, "csv"]),
    ]
    for url in pages:
        page = member.get(url)
        assert page.status_code == 200
        text = page.content.decode("utf-8")
        for hidden in ("A-Dorf", "Zwergstedt", "Riesenau"):
            assert hidden not in text, (url, hidden)
        if "figure" in url or "export" in url or "auswertung/" in url:
            assert "Kommune " in text
    detail = member.get(pages[1]).content.decode()
    assert "A-Stadt" in detail  # the member's own municipality keeps its name
    named = coordinator.get(pages[1]).content.decode()
    assert all(name in named for name in ("A-Stadt", "A-Dorf", "Zwergstedt", "Riesenau"))
    # the chart is inline SVG from a template, drawn with every name the table shows
    chart = named[named.index('<svg xmlns="http://www.w3.org/2000/svg" class="ikz-chart"') :]
    chart = chart[: chart.index("</svg>")]
    assert 'role="img"' in chart
    assert "<title id=" in chart
    assert all(f">{name}<" in chart for name in ("A-Stadt", "A-Dorf", "Zwergstedt", "Riesenau"))
    assert "data:image" not in named
    assert "Kommune " in detail[detail.index('class="ikz-chart"') :]  # anonymised in the chart
    workbook = load_workbook(
        io.BytesIO(
            member.get(reverse("surveys:evaluation_export", args=[slug, survey.pk, "xlsx"])).content
        )
    )
    cells = {str(c.value) for row in workbook["Werte"].iter_rows() for c in row}
    assert "A-Stadt" in cells
    assert not cells & {"A-Dorf", "Zwergstedt", "Riesenau"}


def test_anonymous_labels_do_not_follow_the_names() -> None:
    labels = ev.anonymous_labels(30, seed=7)
    assert len(set(labels)) == 30
    assert "Kommune AD" in labels  # beyond Z it goes on with two letters
    assert labels != sorted(labels)


def test_evaluation_overview_page(world: World, scene: tuple[Survey, dict[str, Any]]) -> None:
    survey, _ = scene
    page = (
        client_for(world.coordinator)
        .get(reverse("surveys:evaluation", args=[world.cooperation.slug, survey.pk]))
        .content.decode()
    )
    assert "Anzahl Beschäftigte Bauhof" in page
    assert "Kosten Winterdienst je km Straße" in page
    assert "5,50" in page  # Q1 and Q3 of the employees
    assert "12,50" in page
    assert "4 von 5 Kommunen" in page or "4 von 7 Kommunen" in page


def test_anonymous_labels_cannot_be_followed_across_figures(
    world: World, scene: tuple[Survey, dict[str, Any]]
) -> None:
    """With stable letters a member could pair "Kommune B"'s absolute value with its value per
    1,000 inhabitants and so compute (and recognise) its population."""
    survey, _ = scene
    result = ev.load_evaluation(survey=survey)
    figure = figure_of(result, "beschaeftigte")

    def labels(basis: str, key: str = "beschaeftigte") -> list[str]:
        series = result.series(figure_of(result, key), basis)
        return ev.display_names(result, anonymise=True, own_municipality_id=None, series=series)

    assert labels("absolut") == labels("absolut")  # stable for one figure and basis
    variants = {tuple(labels(b)) for b in ev.BASES} | {tuple(labels("absolut", "strassen_km"))}
    assert len(variants) > 1
    page = client_for(world.member).get(
        reverse("surveys:figure", args=[world.cooperation.slug, survey.pk, figure.key])
        + "?bezug=einwohner"
    )
    text = squash(page.content.decode())  # the text as shown: a template line may break at a space
    assert "absolut (Personen)" not in text  # no absolute column next to the per-capita one
    coordinator = client_for(world.coordinator).get(
        reverse("surveys:figure", args=[world.cooperation.slug, survey.pk, figure.key])
        + "?bezug=einwohner"
    )
    assert "absolut (Personen)" in squash(coordinator.content.decode())
