from __future__ import annotations

from django import template

from ikz.agreements.money import format_cents

register = template.Library()


@register.filter
def cents(value: int | None) -> str:
    """Cents as German money: {{ row.amount|cents }} → "84.000 €"."""
    return format_cents(value)
