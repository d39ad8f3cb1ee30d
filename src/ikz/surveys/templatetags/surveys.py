"""German numbers for the evaluation pages."""

from __future__ import annotations

from django import template

from ikz.surveys.numbers import format_german_number

register = template.Library()


@register.filter
def de_figure(value: float | int | str | None, decimals: int = 1) -> str:
    """1234.5678 → "1.234,6"; nothing → "–"."""
    if value is None or value == "":
        return "–"
    if isinstance(value, float) and value != value:
        return "–"
    rounded = round(float(value), int(decimals))
    # Whole numbers (counts, euros) without ",00"; fractions with the fixed places.
    return format_german_number(rounded, 0 if rounded.is_integer() else int(decimals))


@register.filter
def de_signed(value: float | None, decimals: int = 1) -> str:
    if value is None:
        return "–"
    text = de_figure(value, decimals)
    return f"+{text}" if value > 0 else text
