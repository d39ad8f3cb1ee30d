"""The evaluation's bar chart: geometry by hand, the SVG from its template, no image library."""

from __future__ import annotations

import math
import re
from typing import Any

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from ikz.surveys import charts

nan = math.nan


def _chart(**overrides: object) -> charts.BarChart:
    arguments: dict[str, Any] = {
        "names": ["A", "B", "C"],
        "values": [10.0, nan, 40.0],
        "own_index": 2,
        "median": 25.0,
        "quartiles": (17.5, 32.5),
        "axis_label": "Personen",
        "title": "Beschäftigte je Kommune",
    } | overrides
    chart = charts.bar_chart(**arguments)
    assert chart is not None
    return chart


def test_nice_ticks_by_hand() -> None:
    assert charts.nice_ticks(0, 7) == [0, 2, 4, 6, 8]  # 7 / 5 = 1.4 → step 2
    assert charts.nice_ticks(-3, 12) == [-5, 0, 5, 10, 15]  # 15 / 5 = 3 → step 5
    assert charts.nice_ticks(0, 40) == [0, 10, 20, 30, 40]  # 8 → step 10
    assert charts.nice_ticks(0, 1.2) == [0, 0.25, 0.5, 0.75, 1, 1.25]  # 0.24 → step 0.25
    assert charts.nice_ticks(0, 0) == [0, 0.2, 0.4, 0.6, 0.8, 1]  # nothing but zero: 0 to 1


def test_bars_largest_first_without_missing_values() -> None:
    chart = _chart()
    assert chart.kind == "bars"
    assert [(bar.full_label, bar.value_text, bar.highlighted) for bar in chart.bars] == [
        ("C", "40", True),
        ("A", "10", False),
    ]
    # label column 12 + 1 character * 7.2 = 19.2; plot 19.2 .. 720 - 72 = 648 for 0 .. 40
    assert (chart.plot_left, chart.plot_right) == (19.2, 648)
    assert [tick.text for tick in chart.ticks] == ["0", "10", "20", "30", "40"]
    assert chart.zero_x == 19.2
    assert chart.bars[0].width == pytest.approx(628.8)
    assert chart.bars[1].width == pytest.approx(628.8 / 4, abs=0.1)
    assert chart.median_x == pytest.approx(19.2 + 628.8 * 25 / 40, abs=0.1)
    assert chart.quartile_x == pytest.approx(
        (19.2 + 628.8 * 17.5 / 40, 19.2 + 628.8 * 32.5 / 40), abs=0.1
    )
    # two bars of 18 px with 6 px gaps below an 8 px margin, then 44 px for the axis
    assert chart.plot_bottom == 8 + 2 * 24
    assert chart.height == 8 + 2 * 24 + 44


def test_negative_values_grow_left_of_zero() -> None:
    chart = _chart(values=[-10.0, 5.0, 10.0], median=5.0, quartiles=(-2.5, 7.5))
    assert [tick.text for tick in chart.ticks] == ["-10", "-5", "0", "5", "10"]
    negative = chart.bars[-1]
    assert negative.full_label == "A"
    assert negative.x == chart.ticks[0].x  # from -10 ...
    assert negative.x + negative.width == pytest.approx(chart.zero_x, abs=0.1)  # ... to 0
    assert negative.value_anchor == "end"


def test_nothing_to_draw() -> None:
    assert (
        charts.bar_chart(
            names=["A"],
            values=[nan],
            own_index=None,
            median=None,
            quartiles=None,
            axis_label="",
            title="",
        )
        is None
    )


def test_more_than_forty_municipalities_give_a_histogram() -> None:
    # 41 values 0, 1, ..., 40: 20 ranges of width 2; the last range holds 38, 39 and 40
    names = [f"Gemeinde {i}" for i in range(41)]
    chart = _chart(names=names, values=[float(i) for i in range(41)], own_index=5)
    assert chart.kind == "histogram"
    assert [b.count for b in chart.bins] == [2] * 19 + [3]
    assert chart.bins[0].label == "0 bis 2"
    assert chart.bins[-1].label == "38 bis 40"
    assert [bar.highlighted for bar in chart.bars].index(True) == 2  # 5 lies in 4 bis 6
    assert sum(bar.highlighted for bar in chart.bars) == 1
    assert chart.median_x is None
    assert chart.axis_label == "Anzahl Kommunen"
    svg = render_to_string(
        "surveys/_bar_chart.svg", {"chart": chart, "chart_id": "h", "description": "Verteilung"}
    )
    assert "<title>0 bis 2: 2</title>" in svg
    assert "stroke-dasharray" not in svg  # no median line on a count axis


def test_svg_from_the_template_is_accessible_and_not_localised() -> None:
    with translation.override("de"):
        svg = render_to_string(
            "surveys/_bar_chart.svg",
            {
                "chart": _chart(
                    names=["Ort mit einem sehr langen Namen, länger als dreißig", "B", "Cé & Co"]
                ),
                "chart_id": "c1",
                "description": "Alle Werte in der Tabelle.",
            },
        )
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" class="ikz-chart" role="img"')
    assert 'aria-labelledby="c1-title c1-desc"' in svg
    assert '<title id="c1-title">Beschäftigte je Kommune</title>' in svg
    assert '<desc id="c1-desc">Alle Werte in der Tabelle.</desc>' in svg
    assert "Cé &amp; Co" in svg  # escaped
    assert "<title>Ort mit einem sehr langen Namen, länger als dreißig: 10</title>" in svg
    assert ">Ort mit einem sehr langen Nam…<" in svg  # shortened to 30 characters
    # coordinates with a decimal point, never the German comma
    numbers = re.findall(r'\s(?:x|y|x1|x2|y1|y2|width|height)="([^"]*)"', svg)
    assert numbers
    for number in numbers:
        float(number)
    assert 'viewBox="0 0 720.0 100.0"' in svg
    assert "stroke-dasharray" in svg  # the median
    assert 'fill="#b3541e"' in svg  # the own municipality
