"""Template filters for the German way of printing dates and numbers."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django import template
from django.utils import timezone

from ikz.dates import PartialDate, format_month_long, format_partial_date

register = template.Library()


@register.filter
def partial_date(value: PartialDate | None, style: str = "") -> str:
    """05.12.2019 or 01/2020; with style "long" a month reads "Januar 2020"."""
    return format_partial_date(value, long_month=style == "long")


@register.filter
def de_date(value: dt.date | dt.datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return value.strftime("%d.%m.%Y, %H:%M Uhr")
    return value.strftime("%d.%m.%Y")


@register.filter
def month_long(value: dt.date | None) -> str:
    return format_month_long(value) if value else ""


@register.filter
def money(value: int | float | Decimal | None) -> str:
    """84000 → "84.000 €" (see ikz.money); nothing given → "–"."""
    from ikz.money import format_money

    return format_money(value) if value is not None and value != "" else "–"


@register.filter
def de_number(value: int | float | Decimal | None, decimals: int = 0) -> str:
    """1234.5 → "1.234,5" with the given number of decimals."""
    if value is None or value == "":
        return "–"
    text = f"{float(value):,.{int(decimals)}f}"
    return text.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")
