"""Charts of a figure across municipalities as SVG (matplotlib, no display, no web fonts).

The SVG is embedded as a data: image, which the page's Content-Security-Policy allows
(img-src data:), and each chart is accompanied by a data table for screen readers.
Up to 40 municipalities get one bar each; more get a histogram.
"""

from __future__ import annotations

import base64
import io

import matplotlib
from django.utils.translation import gettext as _

matplotlib.use("Agg")

import numpy as np
from matplotlib.figure import Figure

from ikz.surveys.numbers import format_german_number

MAX_BARS = 40
BAR_COLOUR = "#1e5aa0"
OWN_COLOUR = "#b3541e"
MEDIAN_COLOUR = "#1a1a1a"

matplotlib.rcParams.update(
    {
        "svg.fonttype": "path",  # text as paths: the chart needs no font on the viewer's side
        "svg.hashsalt": "ikz",  # stable element ids: the same data gives the same file
        "font.family": "DejaVu Sans",
        "font.size": 9,
    }
)


def _german_axis(axis: matplotlib.axis.Axis) -> None:
    axis.set_major_formatter(
        matplotlib.ticker.FuncFormatter(lambda value, _pos: format_german_number(round(value, 6)))
    )


def bar_chart_svg(
    *,
    names: list[str],
    values: np.ndarray,
    own_index: int | None,
    median: float | None,
    quartiles: tuple[float, float] | None,
    axis_label: str,
) -> str:
    present = [(names[i], float(values[i]), i == own_index) for i in range(len(names))]
    present = [item for item in present if not np.isnan(item[1])]
    figure = Figure(figsize=(7.5, 0.6 + 0.32 * max(len(present), 3)) if present else (7.5, 2))
    ax = figure.subplots()
    if len(present) > MAX_BARS:
        figure.set_size_inches(7.5, 4)
        ax.hist([value for _, value, _ in present], bins=30, color=BAR_COLOUR)
        ax.set_xlabel(axis_label)
        ax.set_ylabel(_("Anzahl Kommunen"))
        _german_axis(ax.xaxis)
    else:
        present.sort(key=lambda item: item[1])
        labels = [name for name, _, _ in present]
        ax.barh(
            labels,
            [value for _, value, _ in present],
            color=[OWN_COLOUR if own else BAR_COLOUR for _, _, own in present],
        )
        ax.set_xlabel(axis_label)
        _german_axis(ax.xaxis)
    if quartiles is not None:
        ax.axvspan(quartiles[0], quartiles[1], color="#999999", alpha=0.2, label=_("Q1 bis Q3"))
    if median is not None:
        ax.axvline(median, color=MEDIAN_COLOUR, linestyle="--", linewidth=1.2, label=_("Median"))
    if median is not None or quartiles is not None:
        ax.legend(loc="lower right", fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    figure.tight_layout()
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


def svg_data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")
