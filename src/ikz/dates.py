"""Dates of day or month precision, as plans are recorded ("05.12.2019", "01/2020").

A partial date is stored in two columns: the date (the first of the month for month precision)
and its precision. Sorting by the date column puts "01/2020" before "14.01.2020", which is the
order in which the seed report's outlook lists them.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MONTH_NAMES = (
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
)


class Precision(models.TextChoices):
    DAY = "day", _("Tag")
    MONTH = "month", _("Monat")


@dataclass(frozen=True, order=True)
class PartialDate:
    value: dt.date
    precision: str = Precision.DAY

    def __post_init__(self) -> None:
        if self.precision == Precision.MONTH and self.value.day != 1:
            object.__setattr__(self, "value", self.value.replace(day=1))

    @classmethod
    def day(cls, year: int, month: int, day: int) -> PartialDate:
        return cls(dt.date(year, month, day), Precision.DAY)

    @classmethod
    def month(cls, year: int, month: int) -> PartialDate:
        return cls(dt.date(year, month, 1), Precision.MONTH)

    @classmethod
    def from_fields(cls, value: dt.date | None, precision: str | None) -> PartialDate | None:
        if value is None:
            return None
        return cls(value, precision or Precision.DAY)

    @property
    def is_month(self) -> bool:
        return self.precision == Precision.MONTH

    @property
    def first_day(self) -> dt.date:
        return self.value

    @property
    def last_day(self) -> dt.date:
        if not self.is_month:
            return self.value
        last = calendar.monthrange(self.value.year, self.value.month)[1]
        return self.value.replace(day=last)

    def is_past(self, today: dt.date) -> bool:
        """True once the whole period lies before ``today`` (a month is past after its end)."""
        return self.last_day < today

    def __str__(self) -> str:
        return format_partial_date(self)

    def iso(self) -> str:
        if self.is_month:
            return f"{self.value.year:04d}-{self.value.month:02d}"
        return self.value.isoformat()

    @classmethod
    def from_iso(cls, text: str) -> PartialDate:
        if re.fullmatch(r"[0-9]{4}-[0-9]{2}", text):
            year, month = (int(part) for part in text.split("-"))
            return cls.month(year, month)
        return cls(dt.date.fromisoformat(text), Precision.DAY)


def format_partial_date(value: PartialDate | None, *, long_month: bool = False) -> str:
    """German notation: 05.12.2019 for a day, 01/2020 (or "Januar 2020") for a month."""
    if value is None:
        return ""
    if value.is_month:
        if long_month:
            return f"{MONTH_NAMES[value.value.month - 1]} {value.value.year}"
        return f"{value.value.month:02d}/{value.value.year:04d}"
    # Not strftime: it does not pad years before 1000, which would then not parse back.
    day = value.value
    return f"{day.day:02d}.{day.month:02d}.{day.year:04d}"


def format_month_long(value: dt.date) -> str:
    return f"{MONTH_NAMES[value.month - 1]} {value.year}"


_MONTH_LOOKUP = {name.lower(): index for index, name in enumerate(MONTH_NAMES, start=1)}
_MONTH_LOOKUP.update({name[:3].lower(): index for index, name in enumerate(MONTH_NAMES, start=1)})
_MONTH_LOOKUP["maerz"] = 3
_MONTH_LOOKUP["mrz"] = 3
_MONTH_LOOKUP["sept"] = 9  # "Sept. 2020" is as common as "Sep. 2020"

# [0-9], not \d: \d also matches other scripts' digits ("٢٠١٩"), which must not count.
_DAY_GERMAN = re.compile(r"([0-9]{1,2})\.\s*([0-9]{1,2})\.\s*([0-9]{4})")
_DAY_ISO = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
_MONTH_SLASH = re.compile(r"([0-9]{1,2})\s*/\s*([0-9]{4})")
_MONTH_ISO = re.compile(r"([0-9]{4})-([0-9]{1,2})")
_MONTH_DOT = re.compile(r"([0-9]{1,2})\.\s*([0-9]{4})")
_MONTH_WORD = re.compile(r"([A-Za-zÄÖÜäöüß]+)\.?\s+([0-9]{4})")

# Every date typed or imported lies in these years: a meeting on 31.12.9999 would break every
# calendar feed (no "next day") and a year 0001 every date calculation.
MIN_YEAR = 1900
MAX_YEAR = 2100


class PartialDateError(ValueError):
    """Raised with a German message that can be shown to the user as it is."""


def year_range_error(year: int) -> str | None:
    """The German message for a year outside MIN_YEAR … MAX_YEAR, else None."""
    if MIN_YEAR <= year <= MAX_YEAR:
        return None
    return str(
        _("Das Jahr %(year)s liegt außerhalb des erlaubten Bereichs %(low)s bis %(high)s.")
        % {"year": year, "low": MIN_YEAR, "high": MAX_YEAR}
    )


def check_year(value: PartialDate) -> PartialDate:
    if error := year_range_error(value.value.year):
        raise PartialDateError(error)
    return value


def parse_partial_date(text: str) -> PartialDate:
    """Read "05.12.2019", "2019-12-05", "12/2019", "2019-12", "12.2019" or "Dezember 2019".

    Only years MIN_YEAR … MAX_YEAR are accepted.
    """
    return check_year(_parse_partial_date(text))


def _parse_partial_date(text: str) -> PartialDate:
    cleaned = text.strip()
    try:
        if match := _DAY_GERMAN.fullmatch(cleaned):
            day, month, year = (int(group) for group in match.groups())
            return PartialDate.day(year, month, day)
        if match := _DAY_ISO.fullmatch(cleaned):
            year, month, day = (int(group) for group in match.groups())
            return PartialDate.day(year, month, day)
        if match := _MONTH_SLASH.fullmatch(cleaned) or _MONTH_DOT.fullmatch(cleaned):
            month, year = (int(group) for group in match.groups())
            return PartialDate.month(year, month)
        if match := _MONTH_ISO.fullmatch(cleaned):
            year, month = (int(group) for group in match.groups())
            return PartialDate.month(year, month)
        if match := _MONTH_WORD.fullmatch(cleaned):
            name, year_text = match.groups()
            month_number = _MONTH_LOOKUP.get(name.lower())
            if month_number is None:
                raise PartialDateError(f"„{name}“ ist kein Monatsname.")
            return PartialDate.month(int(year_text), month_number)
    except PartialDateError:
        raise
    except ValueError as error:
        raise PartialDateError(f"„{cleaned}“ ist kein gültiges Datum.") from error
    raise PartialDateError(
        f"„{cleaned}“ ist kein Datum. Erlaubt sind ein Tag (TT.MM.JJJJ) oder ein Monat (MM/JJJJ)."
    )


def de_date(value: dt.date | dt.datetime | None) -> str:
    """05.12.2019, or with a time "05.12.2019, 18:30 Uhr" (local time); nothing → ""."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return value.strftime("%d.%m.%Y, %H:%M Uhr")
    return value.strftime("%d.%m.%Y")
