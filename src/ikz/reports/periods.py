"""Report periods: a calendar month by default, any date range possible."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from django.utils.translation import gettext as _

from ikz.dates import MONTH_NAMES, PartialDate, format_partial_date, year_range_error


class PeriodError(ValueError):
    """A period that cannot be used; the message is German and meant for the user."""


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    first = dt.date(year, month, 1)
    return first, first.replace(day=calendar.monthrange(year, month)[1])


def parse_month(text: str) -> tuple[dt.date, dt.date]:
    """ "2019-12" -> (01.12.2019, 31.12.2019); German error for anything else."""
    match = re.fullmatch(r"\s*([0-9]{4})-([0-9]{1,2})\s*", text or "")
    if not match:
        raise PeriodError(
            _("„%(text)s“ ist kein Monat. Bitte als JJJJ-MM angeben, z. B. 2019-12.")
            % {"text": text}
        )
    year, month = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= 12:
        raise PeriodError(_("„%(text)s“ ist kein gültiger Monat.") % {"text": text})
    if error := year_range_error(year):
        raise PeriodError(error)
    return month_bounds(year, month)


def previous_month(today: dt.date) -> tuple[dt.date, dt.date]:
    last = today.replace(day=1) - dt.timedelta(days=1)
    return month_bounds(last.year, last.month)


def previous_quarter(today: dt.date) -> tuple[dt.date, dt.date]:
    """The calendar quarter before the one ``today`` lies in."""
    first_month = (today.month - 1) // 3 * 3 + 1
    end = dt.date(today.year, first_month, 1) - dt.timedelta(days=1)
    return dt.date(end.year, end.month - 2, 1), end


def is_whole_month(start: dt.date, end: dt.date) -> bool:
    return start.day == 1 and (start, end) == month_bounds(start.year, start.month)


def period_label(start: dt.date, end: dt.date) -> str:
    """ "Dezember 2019" for a whole month, else "01.12.2019 – 15.01.2020"."""
    if is_whole_month(start, end):
        return f"{MONTH_NAMES[start.month - 1]} {start.year}"
    return f"{format_partial_date(PartialDate(start))} – {format_partial_date(PartialDate(end))}"


def add_months(day: dt.date, months: int) -> dt.date:
    """The last day of the month ``months`` after ``day``'s month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return month_bounds(year, month + 1)[1]
