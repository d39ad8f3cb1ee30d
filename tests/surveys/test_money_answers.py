"""Survey answers in euros take German money as typed on an invoice ("84.000 €")."""

from __future__ import annotations

import pytest

from ikz.surveys.answers import AnswerError, parse_cell, without_currency


@pytest.mark.parametrize(
    ("text", "unit", "expected"),
    [
        ("84.000 €", "€", "84.000"),
        ("€ 84.000,50", "€", "84.000,50"),
        ("1.250 EUR", "€/km", "1.250"),
        ("84.000 €", "km", "84.000 €"),  # not a money question: the text stays as it is
    ],
)
def test_without_currency(text: str, unit: str, expected: str) -> None:
    assert without_currency(text, unit) == expected


def test_a_euro_cell_takes_german_money() -> None:
    assert parse_cell({"kind": "number", "unit": "€"}, "84.000,00 €") == 84000
    with pytest.raises(AnswerError):
        parse_cell({"kind": "number", "unit": "km"}, "84.000 €")
