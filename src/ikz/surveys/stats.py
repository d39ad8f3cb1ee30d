"""Statistics of one figure across municipalities: vectorised, NaN meaning "no value".

Quartiles use linear interpolation between the closest ranks (numpy's default
``method="linear"``, the same as ``statistics.quantiles(data, n=4, method="inclusive")`` and
Excel's QUARTILE.INKL): for 1, 2, 3, 4 the quartiles are 1.75, 2.5, 3.25.
Ranks count from the largest value (rank 1); equal values share the best rank (1, 2, 2, 4).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Summary:
    count: int
    minimum: float
    q1: float
    median: float
    q3: float
    maximum: float
    mean: float


def summarise(values: np.ndarray) -> Summary | None:
    present = values[~np.isnan(values)]
    if present.size == 0:
        return None
    q1, median, q3 = np.percentile(present, [25, 50, 75], method="linear")
    return Summary(
        count=int(present.size),
        minimum=float(present.min()),
        q1=float(q1),
        median=float(median),
        q3=float(q3),
        maximum=float(present.max()),
        mean=float(present.mean()),
    )


def ranks(values: np.ndarray) -> np.ndarray:
    """Competition ranks from the largest value; NaN stays NaN."""
    result = np.full(values.shape, np.nan)
    mask = ~np.isnan(values)
    present = np.sort(values[mask])
    greater = present.size - np.searchsorted(present, values[mask], side="right")
    result[mask] = greater + 1
    return result


def deviations(values: np.ndarray, median: float) -> tuple[np.ndarray, np.ndarray]:
    """Absolute and percentage deviation from the median (percentage NaN for median 0)."""
    absolute = values - median
    if median == 0:
        return absolute, np.full(values.shape, np.nan)
    return absolute, absolute / abs(median) * 100.0


def per_basis(values: np.ndarray, basis: np.ndarray, factor: float = 1.0) -> np.ndarray:
    """values / basis * factor, NaN where the basis is missing or zero."""
    with np.errstate(divide="ignore", invalid="ignore"):
        result = values / basis * factor
    result[~np.isfinite(result)] = np.nan
    return result
