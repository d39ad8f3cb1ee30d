"""Statistics across municipalities, against values computed by hand."""

from __future__ import annotations

import statistics

import numpy as np
import pytest

from ikz.surveys import stats

nan = np.nan


def test_summary_by_hand() -> None:
    # 2, 4, 4, 5, 7, 9, 10: median 5; inclusive quartiles at positions 1.5 and 4.5
    # (0-based): Q1 = 4 + 0.5 * (4 - 4) = 4, Q3 = 7 + 0.5 * (9 - 7) = 8.
    values = np.array([9, 2, nan, 4, 10, 4, 7, 5], dtype=float)
    summary = stats.summarise(values)
    assert summary is not None
    assert summary.count == 7
    assert (summary.minimum, summary.q1, summary.median, summary.q3, summary.maximum) == (
        2,
        4,
        5,
        8,
        10,
    )
    assert summary.mean == pytest.approx(41 / 7)


def test_quartiles_match_statistics_inclusive() -> None:
    data = [1.0, 2.0, 3.0, 4.0]
    summary = stats.summarise(np.array(data))
    assert summary is not None
    assert [summary.q1, summary.median, summary.q3] == [1.75, 2.5, 3.25]
    assert [summary.q1, summary.median, summary.q3] == statistics.quantiles(
        data, n=4, method="inclusive"
    )


def test_single_value_and_nothing() -> None:
    single = stats.summarise(np.array([nan, 3.0]))
    assert single is not None
    assert (single.q1, single.median, single.q3) == (3, 3, 3)
    assert stats.summarise(np.array([nan, nan])) is None


def test_ranks_from_the_largest_with_ties() -> None:
    ranks = stats.ranks(np.array([5, 9, nan, 5, 1], dtype=float))
    assert ranks[0] == 2  # tie shares the better rank
    assert ranks[3] == 2
    assert ranks[1] == 1
    assert ranks[4] == 4  # competition ranking: 1, 2, 2, 4
    assert np.isnan(ranks[2])


def test_deviation_from_median() -> None:
    absolute, percent = stats.deviations(np.array([4.0, 5.0, 10.0]), 5.0)
    assert list(absolute) == [-1, 0, 5]
    assert list(percent) == [-20, 0, 100]
    _, none = stats.deviations(np.array([1.0]), 0.0)
    assert np.isnan(none[0])


def test_per_basis() -> None:
    # 30 km for 6,000 inhabitants = 5 km per 1,000; missing or zero basis gives no value
    result = stats.per_basis(np.array([30.0, 10.0, 5.0]), np.array([6000.0, 0.0, nan]), 1000)
    assert result[0] == 5
    assert np.isnan(result[1])
    assert np.isnan(result[2])
