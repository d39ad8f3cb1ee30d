"""Statistics across municipalities, against values computed by hand."""

from __future__ import annotations

import math
import statistics

import pytest

from ikz.surveys import stats

nan = math.nan


def test_summary_by_hand() -> None:
    # 2, 4, 4, 5, 7, 9, 10: median 5; inclusive quartiles at positions 1.5 and 4.5
    # (0-based): Q1 = 4 + 0.5 * (4 - 4) = 4, Q3 = 7 + 0.5 * (9 - 7) = 8.
    values = [9, 2, nan, 4, 10, 4, 7, 5]
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
    summary = stats.summarise(data)
    assert summary is not None
    assert [summary.q1, summary.median, summary.q3] == [1.75, 2.5, 3.25]
    assert [summary.q1, summary.median, summary.q3] == statistics.quantiles(
        data, n=4, method="inclusive"
    )


def test_single_value_and_nothing() -> None:
    single = stats.summarise([nan, 3.0])
    assert single is not None
    assert (single.q1, single.median, single.q3) == (3, 3, 3)
    assert stats.summarise([nan, nan]) is None


def test_ranks_from_the_largest_with_ties() -> None:
    ranks = stats.ranks([5, 9, nan, 5, 1])
    assert ranks[0] == 2  # tie shares the better rank
    assert ranks[3] == 2
    assert ranks[1] == 1
    assert ranks[4] == 4  # competition ranking: 1, 2, 2, 4
    assert math.isnan(ranks[2])


def test_deviation_from_median() -> None:
    absolute, percent = stats.deviations([4.0, 5.0, 10.0], 5.0)
    assert list(absolute) == [-1, 0, 5]
    assert list(percent) == [-20, 0, 100]
    _, none = stats.deviations([1.0], 0.0)
    assert math.isnan(none[0])


def test_per_basis() -> None:
    # 30 km for 6,000 inhabitants = 5 km per 1,000; missing or zero basis gives no value
    result = stats.per_basis([30.0, 10.0, 5.0], [6000.0, 0.0, nan], 1000)
    assert result[0] == 5
    assert math.isnan(result[1])
    assert math.isnan(result[2])


def test_median_quartiles_and_mean_odd_count_by_hand() -> None:
    # 1, 3, 8, 10, 20: positions (n - 1) * p = 1, 2, 3 fall on values: Q1 3, median 8, Q3 10;
    # mean 42 / 5 = 8.4
    summary = stats.summarise([20.0, 1.0, 8.0, nan, 10.0, 3.0])
    assert summary == stats.Summary(
        count=5,
        minimum=1,
        q1=3,
        median=8,
        q3=10,
        maximum=20,
        mean=pytest.approx(8.4),  # type: ignore[arg-type]  # pytest's approx, equal to a float
    )


def test_median_quartiles_and_mean_even_count_by_hand() -> None:
    # 2, 6, 7, 15, 30, 40: positions 1.25, 2.5, 3.75
    # Q1 = 6 + 0.25 * (7 - 6) = 6.25; median = 7 + 0.5 * (15 - 7) = 11;
    # Q3 = 15 + 0.75 * (30 - 15) = 26.25; mean = 100 / 6
    summary = stats.summarise([40.0, 2.0, 30.0, 6.0, 15.0, 7.0])
    assert summary is not None
    assert (summary.q1, summary.median, summary.q3) == (6.25, 11, 26.25)
    assert summary.mean == pytest.approx(100 / 6)


def test_empty_figures() -> None:
    assert stats.summarise([]) is None
    assert stats.ranks([]) == []
    assert stats.per_basis([], []) == []
    assert stats.deviations([], 0.0) == ([], [])


def test_ranks_all_equal_and_negative() -> None:
    assert stats.ranks([4.0, 4.0, 4.0]) == [1, 1, 1]
    assert stats.ranks([-1.0, -5.0, 0.0]) == [2, 3, 1]


def test_deviation_from_a_negative_median() -> None:
    # median -4: -2 lies 2 above (+50 % of |-4|), -8 lies 4 below (-100 %)
    absolute, percent = stats.deviations([-2.0, -4.0, -8.0, nan], -4.0)
    assert absolute[:3] == [2, 0, -4]
    assert percent[:3] == [50, 0, -100]
    assert math.isnan(absolute[3])
    assert math.isnan(percent[3])


def test_division_by_zero_and_overflow_give_no_value() -> None:
    assert math.isnan(stats.divide(5.0, 0.0))
    assert math.isnan(stats.divide(0.0, 0.0))
    assert math.isnan(stats.divide(nan, 2.0))
    assert math.isnan(stats.divide(1e308, 1e-308))  # would be inf
    assert stats.divide(-9.0, 3.0) == -3
    # a value per 1,000 inhabitants that overflows is no value, not inf
    result = stats.per_basis([1e308, -12.0], [0.5, 4000.0], 1000)
    assert math.isnan(result[0])
    assert result[1] == -3
