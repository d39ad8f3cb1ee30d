"""Statistics of one figure across municipalities, standard library only; NaN means "no value".

A figure is a plain list of floats, one per municipality, with ``math.nan`` where a
municipality gave no answer (or a per-basis value cannot be computed).
Quartiles use linear interpolation between the closest ranks
(``statistics.quantiles(data, n=4, method="inclusive")``, the same as Excel's QUARTILE.INKL):
for 1, 2, 3, 4 the quartiles are 1.75, 2.5, 3.25.
Ranks count from the largest value (rank 1); equal values share the best rank (1, 2, 2, 4).
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

Values = list[float]  # one per municipality; math.nan where there is no value

nan = math.nan


@dataclass(frozen=True)
class Summary:
    count: int
    minimum: float
    q1: float
    median: float
    q3: float
    maximum: float
    mean: float


def present(values: Sequence[float]) -> list[float]:
    # NaN is the one float not equal to itself; ``v == v`` is about twice as fast as isnan().
    return [value for value in values if value == value]


def summarise(values: Sequence[float]) -> Summary | None:
    # Sorted once here: quantiles() sorts again, which for sorted data is a single pass.
    found = sorted(present(values))
    if not found:
        return None
    if len(found) == 1:  # statistics.quantiles needs two points; one value is all quartiles
        q1 = median = q3 = found[0]
    else:
        q1, median, q3 = statistics.quantiles(found, n=4, method="inclusive")
    return Summary(
        count=len(found),
        minimum=found[0],
        q1=q1,
        median=median,
        q3=q3,
        maximum=found[-1],
        mean=statistics.fmean(found),
    )


def ranks(values: Sequence[float]) -> Values:
    """Competition ranks from the largest value; NaN stays NaN."""
    # From the smallest value (position n) to the largest (position 1): for equal values the
    # last, smallest position wins, which is the shared better rank. NaN is never a key.
    ordered = sorted(present(values))
    rank_of = dict(zip(ordered, range(len(ordered), 0, -1), strict=True))
    get = rank_of.get
    return [get(value, nan) for value in values]


def deviations(values: Sequence[float], median: float) -> tuple[Values, Values]:
    """Absolute and percentage deviation from the median (percentage NaN for median 0)."""
    absolute = [value - median for value in values]
    if median == 0:
        return absolute, [nan] * len(absolute)
    divisor = abs(median)
    return absolute, [value / divisor * 100.0 for value in absolute]


def divide(numerator: float, denominator: float) -> float:
    """numerator / denominator, NaN for a zero divisor or a result that is not finite."""
    if denominator == 0 or math.isnan(denominator):
        return nan
    result = numerator / denominator
    return result if math.isfinite(result) else nan


def per_basis(values: Sequence[float], basis: Sequence[float], factor: float = 1.0) -> Values:
    """values / basis * factor, NaN where the basis is missing or zero (or the result is not
    finite). Written out rather than through divide(): this runs for every municipality."""
    result = [
        value / base * factor if base and base == base else nan
        for value, base in zip(values, basis, strict=True)
    ]
    return [value if math.isfinite(value) else nan for value in result]
