"""German money: one parser and printer for every amount (ikz.money, ui.forms.MoneyField)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ikz.money import MoneyError, format_money, parse_money
from ikz.ui.forms import KernForm, MoneyField

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("84.000", "84000.00"),
        ("84.000,00", "84000.00"),
        ("84.000 €", "84000.00"),
        ("84.000,00 €", "84000.00"),
        ("84000", "84000.00"),
        ("84000,5", "84000.50"),
        ("€ 1.250.000", "1250000.00"),
        ("1 250 000 EUR", "1250000.00"),
        ("0,99", "0.99"),
        ("999", "999.00"),
    ],
)
def test_accepted(text: str, value: str) -> None:
    assert parse_money(text) == Decimal(value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Bitte einen Betrag"),
        ("abc", "ist kein Betrag"),
        ("84.00", "Cent bitte mit Komma"),
        ("84000.50", "Cent bitte mit Komma"),
        ("84.0000", "ist kein Betrag"),
        ("84,001", "ist kein Betrag"),
        ("-5", "nicht negativ"),
        ("12345678901", "zu groß"),
    ],
)
def test_refused_in_german(text: str, message: str) -> None:
    with pytest.raises(MoneyError, match=message):
        parse_money(text)


@pytest.mark.parametrize(
    ("value", "printed"),
    [
        (Decimal("84000"), f"84.000{NBSP}€"),
        (Decimal("84000.00"), f"84.000{NBSP}€"),
        (Decimal("84000.5"), f"84.000,50{NBSP}€"),
        (Decimal("1250000"), f"1.250.000{NBSP}€"),
        (0, f"0{NBSP}€"),
        (None, ""),
    ],
)
def test_printed(value: Decimal | int | None, printed: str) -> None:
    assert format_money(value) == printed


class _Form(KernForm):
    amount = MoneyField(label="Betrag", required=False)


def test_form_field_reads_and_shows_german_amounts() -> None:
    form = _Form({"amount": "84.000,00 €"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["amount"] == Decimal("84000.00")
    bad = _Form({"amount": "84000.50"})
    assert not bad.is_valid()
    assert "Cent bitte mit Komma" in bad.errors["amount"][0]
    shown = _Form(initial={"amount": Decimal("84000.50")})
    assert 'value="84.000,50"' in str(shown["amount"])
