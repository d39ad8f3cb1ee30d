"""Money in whole cents, printed the German way: 84.000 €, 1.234,56 €."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal


def format_cents(cents: int | None) -> str:
    """ "84.000 €" for whole euros, "84.000,50 €" otherwise, "–" for None."""
    if cents is None:
        return "–"
    sign = "-" if cents < 0 else ""
    euros, rest = divmod(abs(int(cents)), 100)
    grouped = f"{euros:,}".replace(",", ".")
    if rest:
        return f"{sign}{grouped},{rest:02d} €"
    return f"{sign}{grouped} €"


def euros_to_cents(value: Decimal) -> int:
    return int((value * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def cents_to_euros(cents: int) -> Decimal:
    return (Decimal(int(cents)) / 100).quantize(Decimal("0.01"))
