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
from bisect import bisect_right
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
    return [value for value in values if not math.isnan(value)]


def summarise(values: Sequence[float]) -> Summary | None:
    found = present(values)
    if not found:
        return None
    if len(found) == 1:  # statistics.quantiles needs two points; one value is all quartiles
        q1 = median = q3 = found[0]
    else:
        q1, median, q3 = statistics.quantiles(found, n=4, method="inclusive")
    return Summary(
        count=len(found),
        minimum=min(found),
        q1=q1,
        median=median,
        q3=q3,
        maximum=max(found),
        mean=statistics.fmean(found),
    )


def ranks(values: Sequence[float]) -> Values:
    """Competition ranks from the largest value; NaN stays NaN."""
    ordered = sorted(present(values))
    return [
        nan if math.isnan(value) else float(len(ordered) - bisect_right(ordered, value) + 1)
        for value in values
    ]


def deviations(values: Sequence[float], median: float) -> tuple[Values, Values]:
    """Absolute and percentage deviation from the median (percentage NaN for median 0)."""
    absolute = [value - median for value in values]
    if median == 0:
        return absolute, [nan] * len(absolute)
    return absolute, [value / abs(median) * 100.0 for value in absolute]


def divide(numerator: float, denominator: float) -> float:
    """numerator / denominator, NaN for a zero divisor or a result that is not finite."""
    if denominator == 0 or math.isnan(denominator):
        return nan
    result = numerator / denominator
    return result if math.isfinite(result) else nan


def per_basis(values: Sequence[float], basis: Sequence[float], factor: float = 1.0) -> Values:
    """values / basis * factor, NaN where the basis is missing or zero."""
    result = []
    for value, base in zip(values, basis, strict=True):
        quotient = divide(value, base) * factor
        result.append(quotient if math.isfinite(quotient) else nan)
    return result
