"""Charts of a figure across municipalities: the geometry here, the SVG in a Django template.

``bar_chart`` lays out one horizontal bar per municipality (up to ``MAX_BARS``) or, for more,
a histogram of how many municipalities fall into each range of values; the template
``surveys/_bar_chart.svg`` draws it as inline SVG (``role="img"``, ``<title>``, ``<desc>``),
so the page needs no image library, no script and no font of the chart's own. Every chart
stands next to a table of the values it shows (the page's table, or the histogram's ranges).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from ikz.surveys.numbers import format_german_number

MAX_BARS = 40
HISTOGRAM_BINS = 20
WIDTH = 720.0
BAR_HEIGHT = 18.0
BAR_GAP = 6.0
TOP = 8.0
AXIS_HEIGHT = 44.0  # tick labels and the axis label below the bars
RIGHT = 72.0  # room for the value written after the longest bar
CHAR_WIDTH = 7.2  # a generous average width of a 12 px Fira Sans character (labels)
MAX_LABEL_CHARS = 30


@dataclass(frozen=True)
class Bar:
    label: str  # as shown, shortened to MAX_LABEL_CHARS
    full_label: str  # the bar's <title>
    value_text: str
    highlighted: bool
    x: float
    y: float
    width: float
    label_y: float
    value_x: float
    value_anchor: str
    height: float = BAR_HEIGHT


@dataclass(frozen=True)
class Tick:
    x: float
    text: str


@dataclass(frozen=True)
class Bin:
    low: float
    high: float
    count: int

    @property
    def label(self) -> str:
        return _("%(low)s bis %(high)s") % {"low": _short(self.low), "high": _short(self.high)}


@dataclass
class BarChart:
    title: str
    axis_label: str
    kind: str  # "bars" (one per municipality) or "histogram" (municipalities per range)
    height: float
    plot_left: float
    plot_right: float
    plot_bottom: float
    zero_x: float
    bars: list[Bar] = field(default_factory=list)
    ticks: list[Tick] = field(default_factory=list)
    bins: list[Bin] = field(default_factory=list)
    median_x: float | None = None
    quartile_x: tuple[float, float] | None = None
    width: float = WIDTH

    @property
    def is_histogram(self) -> bool:
        return self.kind == "histogram"

    @property
    def label_x(self) -> float:
        return self.plot_left - 8

    @property
    def axis_label_x(self) -> float:
        return round((self.plot_left + self.plot_right) / 2, 1)

    @property
    def axis_label_y(self) -> float:
        return self.plot_bottom + AXIS_HEIGHT - 8

    @property
    def tick_label_y(self) -> float:
        return self.plot_bottom + 16

    @property
    def band_height(self) -> float:
        return self.plot_bottom - 4

    @property
    def quartile_width(self) -> float:
        return 0.0 if self.quartile_x is None else round(self.quartile_x[1] - self.quartile_x[0], 1)


def _short(value: float) -> str:
    # Tick and range labels: two decimals at most, so that 1/3 is "0,33", not "0,333333".
    return format_german_number(round(value, 2) if abs(value) < 100 else round(value))


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values (1, 2, 2.5 or 5 times a power of ten) covering low..high."""
    if high <= low:
        high = low + 1
    raw = (high - low) / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(power * m for m in (1, 2, 2.5, 5, 10) if power * m >= raw)
    first = math.floor(low / step) * step
    ticks = []
    value = first
    while value <= high + step * 1e-9:
        ticks.append(round(value, 10))
        value += step
    if ticks[-1] < high:
        ticks.append(round(value, 10))
    return ticks


def _histogram(values: list[float]) -> list[Bin]:
    low, high = min(values), max(values)
    if high == low:
        return [Bin(low=low, high=high, count=len(values))]
    size = (high - low) / HISTOGRAM_BINS
    counts = [0] * HISTOGRAM_BINS
    for value in values:
        counts[min(int((value - low) / size), HISTOGRAM_BINS - 1)] += 1
    return [
        Bin(low=low + i * size, high=low + (i + 1) * size, count=count)
        for i, count in enumerate(counts)
    ]


def bar_chart(
    *,
    names: Sequence[str],
    values: Sequence[float],
    own_index: int | None,
    median: float | None,
    quartiles: tuple[float, float] | None,
    axis_label: str,
    title: str,
) -> BarChart | None:
    """The layout of the chart, or None when no municipality has a value."""
    present = [
        (str(names[i]), values[i], i == own_index)
        for i in range(len(names))
        if not math.isnan(values[i])
    ]
    if not present:
        return None
    bins: list[Bin] = []
    if len(present) > MAX_BARS:
        bins = _histogram([value for _, value, _ in present])
        own_value = next((value for _, value, own in present if own), None)
        rows = [
            (
                bin_.label,
                float(bin_.count),
                own_value is not None
                and bin_.low <= own_value <= bin_.high
                and (own_value < bin_.high or bin_ is bins[-1]),
            )
            for bin_ in bins
        ]
        # The value axis counts municipalities: median and quartiles are in the summary.
        median, quartiles = None, None
        axis_label = _("Anzahl Kommunen")
    else:
        rows = sorted(present, key=lambda row: -row[1])
    label_chars = min(MAX_LABEL_CHARS, max(len(label) for label, _, _ in rows))
    plot_left = round(12 + label_chars * CHAR_WIDTH, 1)
    plot_right = WIDTH - RIGHT
    marks = [value for _, value, _ in rows] + [0.0]
    if median is not None:
        marks.append(median)
    if quartiles is not None:
        marks.extend(quartiles)
    ticks = nice_ticks(min(marks), max(marks))
    low, high = ticks[0], ticks[-1]

    def x_of(value: float) -> float:
        # one decimal of a pixel is plenty, and keeps the SVG short
        return round(plot_left + (value - low) / (high - low) * (plot_right - plot_left), 1)

    zero_x = x_of(0.0)
    bars = []
    for index, (label, value, highlighted) in enumerate(rows):
        y = TOP + index * (BAR_HEIGHT + BAR_GAP)
        end = x_of(value)
        negative = value < 0
        bars.append(
            Bar(
                label=label
                if len(label) <= MAX_LABEL_CHARS
                else label[: MAX_LABEL_CHARS - 1] + "…",
                full_label=label,
                value_text=(str(int(value)) if bins else format_german_number(round(value, 2))),
                highlighted=highlighted,
                x=min(zero_x, end),
                y=y,
                width=round(max(abs(end - zero_x), 0.5 if value else 0.0), 1),
                label_y=y + BAR_HEIGHT / 2,
                value_x=end - 4 if negative else end + 4,
                value_anchor="end" if negative else "start",
            )
        )
    plot_bottom = TOP + len(rows) * (BAR_HEIGHT + BAR_GAP)
    return BarChart(
        title=title,
        axis_label=axis_label,
        kind="histogram" if bins else "bars",
        height=plot_bottom + AXIS_HEIGHT,
        plot_left=plot_left,
        plot_right=plot_right,
        plot_bottom=plot_bottom,
        zero_x=zero_x,
        bars=bars,
        ticks=[Tick(x=x_of(value), text=_short(value)) for value in ticks],
        bins=bins,
        median_x=None if median is None else x_of(median),
        quartile_x=None if quartiles is None else (x_of(quartiles[0]), x_of(quartiles[1])),
    )
