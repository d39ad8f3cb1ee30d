"""Report periods: a month, a quarter, a half-year, a year or any range of days.

Notation (UI and CLI alike): ``2024-07`` (month), ``2024-Q3`` (quarter), ``2024-H2``
(half-year), ``2024`` (year) and ``2024-11-01..2025-10-31`` (any range, e.g. a November to
October year). A ``Period`` knows its German label, the report's default title, the heading of
the meetings section and a file name part.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from ikz.dates import MONTH_NAMES, PartialDate, format_partial_date, year_range_error

MAX_PERIOD_DAYS = 366
ROMAN = ("I", "II", "III", "IV")


class PeriodError(ValueError):
    """A period that cannot be used; the message is German and meant for the user."""


class Kind:
    MONTH = "month"
    QUARTER = "quarter"
    HALF = "half"
    YEAR = "year"
    RANGE = "range"


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    first = dt.date(year, month, 1)
    return first, first.replace(day=calendar.monthrange(year, month)[1])


def _months_bounds(year: int, first_month: int, count: int) -> tuple[dt.date, dt.date]:
    return month_bounds(year, first_month)[0], month_bounds(year, first_month + count - 1)[1]


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date

    @property
    def kind(self) -> str:
        start, end = self.start, self.end
        if not _whole_months(start, end):
            return Kind.RANGE
        months = _month_count(start, end)
        if months == 1:
            return Kind.MONTH
        if start.year == end.year:
            if months == 3 and start.month % 3 == 1:
                return Kind.QUARTER
            if months == 6 and start.month in (1, 7):
                return Kind.HALF
            if months == 12:
                return Kind.YEAR
        return Kind.RANGE

    @property
    def is_whole_months(self) -> bool:
        return _whole_months(self.start, self.end)

    @property
    def is_yearly(self) -> bool:
        """A calendar year or twelve whole months (an annual report on another year)."""
        return self.is_whole_months and _month_count(self.start, self.end) == 12

    @property
    def label(self) -> str:
        """ "Dezember 2019", "III. Quartal 2024", "2. Halbjahr 2024", "2024", "11/2024 – 10/2025".

        Any other range of days: "01.12.2019 – 15.01.2020".
        """
        start, end, kind = self.start, self.end, self.kind
        if kind == Kind.MONTH:
            return f"{MONTH_NAMES[start.month - 1]} {start.year}"
        if kind == Kind.QUARTER:
            return _("%(roman)s. Quartal %(year)s") % {
                "roman": ROMAN[(start.month - 1) // 3],
                "year": start.year,
            }
        if kind == Kind.HALF:
            return _("%(number)s. Halbjahr %(year)s") % {
                "number": 1 if start.month == 1 else 2,
                "year": start.year,
            }
        if kind == Kind.YEAR:
            return str(start.year)
        if self.is_whole_months:
            first, last = (
                PartialDate.month(start.year, start.month),
                PartialDate.month(end.year, end.month),
            )
            return f"{first} – {last}"
        return (
            f"{format_partial_date(PartialDate(start))} – {format_partial_date(PartialDate(end))}"
        )

    @property
    def title(self) -> str:
        """The default title: "Statusbericht Dezember", "Statusbericht III. Quartal 2024",
        "Jahresbericht 2024", "Jahresbericht 11/2024 – 10/2025"."""
        if self.kind == Kind.MONTH:
            return _("Statusbericht %(month)s") % {"month": MONTH_NAMES[self.start.month - 1]}
        if self.is_yearly:
            return _("Jahresbericht %(label)s") % {"label": self.label}
        return _("Statusbericht %(label)s") % {"label": self.label}

    @property
    def meetings_heading(self) -> str:
        kind = self.kind
        if kind == Kind.MONTH:
            return _("Projektstatus im Monat %(label)s") % {"label": self.label}
        if kind in (Kind.QUARTER, Kind.HALF):
            return _("Projektstatus im %(label)s") % {"label": self.label}
        if kind == Kind.YEAR:
            return _("Projektstatus im Jahr %(label)s") % {"label": self.label}
        return _("Projektstatus %(label)s") % {"label": self.label}

    @property
    def notation(self) -> str:
        """The period as typed: 2024-07, 2024-Q3, 2024-H2, 2024 or 2024-11-01..2025-10-31."""
        start, kind = self.start, self.kind
        if kind == Kind.MONTH:
            return f"{start:%Y-%m}"
        if kind == Kind.QUARTER:
            return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
        if kind == Kind.HALF:
            return f"{start.year}-H{1 if start.month == 1 else 2}"
        if kind == Kind.YEAR:
            return str(start.year)
        return f"{self.start.isoformat()}..{self.end.isoformat()}"

    @property
    def file_stem(self) -> str:
        """ "statusbericht-2024-07", "statusbericht-2024-q3", "jahresbericht-2024", …"""
        prefix = "jahresbericht" if self.is_yearly else "statusbericht"
        return f"{prefix}-{self.notation.replace('..', '-').lower()}"


def _whole_months(start: dt.date, end: dt.date) -> bool:
    return start.day == 1 and end == month_bounds(end.year, end.month)[1]


def _month_count(start: dt.date, end: dt.date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month + 1


def _year(text: str, original: str) -> int:
    year = int(text)
    if error := year_range_error(year):
        raise PeriodError(f"„{original}“: {error}")
    return year


_HELP = "2024-07, 2024-Q3, 2024-H2, 2024 oder 2024-11-01..2025-10-31"


def parse_period(text: str) -> Period:
    """A period from its notation; PeriodError with a German message for anything else."""
    original = (text or "").strip()
    value = original.upper().replace(" ", "")
    if not value:
        raise PeriodError(
            _("Bitte einen Berichtszeitraum angeben, z. B. %(examples)s.") % {"examples": _HELP}
        )
    if match := re.fullmatch(r"(\d{4})-(\d{1,2})", value, re.ASCII):
        year, month = _year(match[1], original), int(match[2])
        if not 1 <= month <= 12:
            raise PeriodError(
                _("„%(text)s“ ist kein gültiger Monat (01 bis 12).") % {"text": original}
            )
        return Period(*month_bounds(year, month))
    if match := re.fullmatch(r"(\d{4})-Q(\d)", value, re.ASCII):
        year, quarter = _year(match[1], original), int(match[2])
        if not 1 <= quarter <= 4:
            raise PeriodError(_("„%(text)s“: ein Quartal ist Q1 bis Q4.") % {"text": original})
        return Period(*_months_bounds(year, quarter * 3 - 2, 3))
    if match := re.fullmatch(r"(\d{4})-H(\d)", value, re.ASCII):
        year, half = _year(match[1], original), int(match[2])
        if half not in (1, 2):
            raise PeriodError(_("„%(text)s“: ein Halbjahr ist H1 oder H2.") % {"text": original})
        return Period(*_months_bounds(year, 1 if half == 1 else 7, 6))
    if re.fullmatch(r"\d{4}", value, re.ASCII):
        return Period(*_months_bounds(_year(value, original), 1, 12))
    if match := re.fullmatch(r"(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})", value, re.ASCII):
        try:
            start, end = dt.date.fromisoformat(match[1]), dt.date.fromisoformat(match[2])
        except ValueError:
            raise PeriodError(
                _("„%(text)s“ enthält ein ungültiges Datum.") % {"text": original}
            ) from None
        return checked(start, end)
    raise PeriodError(
        _("„%(text)s“ ist kein Berichtszeitraum. Möglich sind: %(examples)s.")
        % {"text": original, "examples": _HELP}
    )


def checked(start: dt.date, end: dt.date) -> Period:
    """The period from ``start`` to ``end`` if a report may cover it."""
    for day in (start, end):
        if error := year_range_error(day.year):
            raise PeriodError(error)
    if end < start:
        raise PeriodError(_("Das Ende des Zeitraums liegt vor seinem Beginn."))
    if (end - start).days >= MAX_PERIOD_DAYS:
        raise PeriodError(_("Ein Bericht umfasst höchstens ein Jahr."))
    return Period(start, end)


def previous_month(today: dt.date) -> tuple[dt.date, dt.date]:
    last = today.replace(day=1) - dt.timedelta(days=1)
    return month_bounds(last.year, last.month)


def presets(today: dt.date) -> list[Period]:
    """The periods a coordinator most likely reports on next: the last month, quarter,
    half-year and year that ended before ``today``."""
    last_month = Period(*previous_month(today))
    quarter_start = dt.date(today.year, (today.month - 1) // 3 * 3 + 1, 1)
    previous_quarter_end = quarter_start - dt.timedelta(days=1)
    q_first = (previous_quarter_end.month - 1) // 3 * 3 + 1
    half_start = dt.date(today.year, 1 if today.month <= 6 else 7, 1)
    previous_half_end = half_start - dt.timedelta(days=1)
    h_first = 1 if previous_half_end.month <= 6 else 7
    return [
        last_month,
        Period(*_months_bounds(previous_quarter_end.year, q_first, 3)),
        Period(*_months_bounds(previous_half_end.year, h_first, 6)),
        Period(*_months_bounds(today.year - 1, 1, 12)),
    ]


def default_issued_on(end: dt.date, today: dt.date) -> dt.date:
    """The "Stand" of a report: the period's last day once it is over, else today."""
    return min(end, today)


def period_label(start: dt.date, end: dt.date) -> str:
    """ "Dezember 2019" for a whole month, "III. Quartal 2024", else "01.12.2019 – 15.01.2020"."""
    return Period(start, end).label


def add_months(day: dt.date, months: int) -> dt.date:
    """The last day of the month ``months`` after ``day``'s month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return month_bounds(year, month + 1)[1]
