"""Report periods: every notation, its label, title and file name (a literal table)."""

# ruff: noqa: E501

from __future__ import annotations

import datetime as dt

import pytest

from ikz.reports.periods import PeriodError, default_issued_on, parse_period, presets

D = dt.date

# notation → (start, end, label, title, file stem)
TABLE = [
    ("2024-07", D(2024, 7, 1), D(2024, 7, 31), "Juli 2024", "Statusbericht Juli", "statusbericht-2024-07"),
    ("2019-12", D(2019, 12, 1), D(2019, 12, 31), "Dezember 2019", "Statusbericht Dezember", "statusbericht-2019-12"),
    ("2024-Q3", D(2024, 7, 1), D(2024, 9, 30), "III. Quartal 2024", "Statusbericht III. Quartal 2024", "statusbericht-2024-q3"),
    ("2024-q1", D(2024, 1, 1), D(2024, 3, 31), "I. Quartal 2024", "Statusbericht I. Quartal 2024", "statusbericht-2024-q1"),
    ("2024-H2", D(2024, 7, 1), D(2024, 12, 31), "2. Halbjahr 2024", "Statusbericht 2. Halbjahr 2024", "statusbericht-2024-h2"),
    ("2024-H1", D(2024, 1, 1), D(2024, 6, 30), "1. Halbjahr 2024", "Statusbericht 1. Halbjahr 2024", "statusbericht-2024-h1"),
    ("2024", D(2024, 1, 1), D(2024, 12, 31), "2024", "Jahresbericht 2024", "jahresbericht-2024"),
    (
        "2024-11-01..2025-10-31",
        D(2024, 11, 1),
        D(2025, 10, 31),
        "11/2024 – 10/2025",
        "Jahresbericht 11/2024 – 10/2025",
        "jahresbericht-2024-11-01-2025-10-31",
    ),
    (
        "2019-12-15..2020-01-15",
        D(2019, 12, 15),
        D(2020, 1, 15),
        "15.12.2019 – 15.01.2020",
        "Statusbericht 15.12.2019 – 15.01.2020",
        "statusbericht-2019-12-15-2020-01-15",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("text", "start", "end", "label", "title", "stem"), TABLE)
def test_notation(
    text: str, start: dt.date, end: dt.date, label: str, title: str, stem: str
) -> None:
    period = parse_period(text)
    assert (period.start, period.end) == (start, end)
    assert period.label == label
    assert period.title == title
    assert period.file_stem == stem
    assert parse_period(period.notation) == period


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2024-13", "kein gültiger Monat"),
        ("2024-Q5", "Q1 bis Q4"),
        ("2024-H3", "H1 oder H2"),
        ("Juli", "kein Berichtszeitraum"),
        ("", "Bitte einen Berichtszeitraum"),
        ("2024-02-30..2024-03-31", "ungültiges Datum"),
        ("2024-05-01..2024-04-01", "vor seinem Beginn"),
        ("2024-01-01..2025-01-01", "höchstens ein Jahr"),
        ("0999", "außerhalb des erlaubten Bereichs"),
    ],
)
def test_bad_periods_get_german_messages(text: str, message: str) -> None:
    with pytest.raises(PeriodError, match=message):
        parse_period(text)


def test_issue_date_defaults_to_the_last_day_of_a_past_period() -> None:
    assert default_issued_on(D(2024, 9, 30), D(2024, 11, 5)) == D(2024, 9, 30)
    assert default_issued_on(D(2024, 12, 31), D(2024, 11, 5)) == D(2024, 11, 5)


def test_presets_are_the_periods_that_ended_last() -> None:
    got = [p.notation for p in presets(D(2024, 11, 5))]
    assert got == ["2024-10", "2024-Q3", "2024-H1", "2023"]
    assert [p.notation for p in presets(D(2025, 1, 2))] == ["2024-12", "2024-Q4", "2024-H2", "2024"]
