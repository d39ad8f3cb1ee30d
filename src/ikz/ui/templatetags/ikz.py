"""Template filters for the German way of printing dates and numbers."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django import template

from ikz.dates import PartialDate, de_date, format_month_long, format_partial_date
from ikz.numbers import de_number

register = template.Library()
# Defined in the shared modules so that code below the page shell (history's display) uses them.
register.filter("de_date", de_date)
register.filter("de_number", de_number)


@register.filter
def partial_date(value: PartialDate | None, style: str = "") -> str:
    """05.12.2019 or 01/2020; with style "long" a month reads "Januar 2020"."""
    return format_partial_date(value, long_month=style == "long")


@register.filter
def month_long(value: dt.date | None) -> str:
    return format_month_long(value) if value else ""


@register.filter
def money(value: int | float | Decimal | None) -> str:
    """84000 → "84.000 €" (see ikz.money); nothing given → "–"."""
    from ikz.money import format_money

    return format_money(value) if value is not None and value != "" else "–"
