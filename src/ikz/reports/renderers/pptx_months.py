"""The meetings of a long report (more than a quarter) per month, for the deck.

One slide, at most ``MONTH_PAGES``, per month instead of one per meeting: each meeting with
its counts, and its decisions, tasks and other marked points if they fit; otherwise one line
per meeting; beyond that the first meetings and how many more the report holds. The points
themselves stay in the PDF, Word and HTML report. A year of 360 meetings made 400 slides.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ikz.dates import PartialDate, format_partial_date
from ikz.reports.content import MeetingBlock, PointItem, Report
from ikz.reports.renderers.pptx_layout import Line, paginate

SUMMARY_AFTER_MONTHS = 3  # a quarter still gets a slide per meeting
MONTH_PAGES = 3  # slides per month at most in a summarised deck


def by_month(items: Iterable[object]) -> dict[PartialDate, list[MeetingBlock]]:
    months: dict[PartialDate, list[MeetingBlock]] = {}
    for item in items:
        if isinstance(item, MeetingBlock):
            when = item.date.first_day
            months.setdefault(PartialDate.month(when.year, when.month), []).append(item)
    return months


def summarised(report: Report) -> bool:
    """Whether the deck summarises the meetings per month (they span more than a quarter)."""
    section = report.section("meetings")
    return section is not None and len(by_month(section.items)) > SUMMARY_AFTER_MONTHS


def _flat(points: Iterable[PointItem]) -> Iterator[PointItem]:
    for point in points:
        yield point
        yield from _flat(point.children)


def _counts(meeting: MeetingBlock) -> str:
    """ "20 Ergebnisse, davon 5 Beschlüsse und 2 Aufgaben"."""
    points = list(_flat(meeting.points))
    text = ngettext("%(count)s Ergebnis", "%(count)s Ergebnisse", len(points)) % {
        "count": len(points)
    }
    parts = []
    for kind, singular, plural in (
        ("decision", "%(count)s Beschluss", "%(count)s Beschlüsse"),
        ("task", "%(count)s Aufgabe", "%(count)s Aufgaben"),
    ):
        count = sum(point.kind == kind for point in points)
        if count:
            parts.append(ngettext(singular, plural, count) % {"count": count})
    if not parts:
        return text
    return _("%(points)s, davon %(details)s") % {"points": text, "details": _(" und ").join(parts)}


def month_lines(meetings: list[MeetingBlock]) -> list[Line]:
    """A month's meetings with their marked points; if more than MONTH_PAGES slides, one line
    per meeting; if still more, the first meetings and how many more the report holds."""
    detailed: list[Line] = []
    for meeting in meetings:
        detailed.append(Line(meeting.title, 0, bold=True, bullet=False, marker=_counts(meeting)))
        detailed += [Line(p.text, 1, marker=p.marker) for p in _flat(meeting.points) if p.marker]
    if len(paginate(detailed)) <= MONTH_PAGES:
        return detailed
    compact = [Line(meeting.title, 1, marker=_counts(meeting)) for meeting in meetings]
    pages = paginate(compact)
    if len(pages) <= MONTH_PAGES:
        return compact
    shown = sum(len(page) for page in pages[:MONTH_PAGES])
    while True:
        shown -= 1
        rest = len(meetings) - shown
        more = ngettext(
            "… und %(count)s weitere Sitzung: alle Ergebnisse im Bericht (PDF, Word, HTML)",
            "… und %(count)s weitere Sitzungen: alle Ergebnisse im Bericht (PDF, Word, HTML)",
            rest,
        ) % {"count": rest}
        lines = [*compact[:shown], Line(more, 1, bullet=False)]
        if len(paginate(lines)) <= MONTH_PAGES:
            return lines


def month_label(heading: str, month: PartialDate) -> str:
    return f"{heading}: {format_partial_date(month, long_month=True)}"


def agenda_lines(items: Iterable[object]) -> list[Line]:
    """The agenda's entries under the meetings section: "Januar 2023: 30 Sitzungen"."""
    return [
        Line(
            ngettext("%(month)s: %(count)s Sitzung", "%(month)s: %(count)s Sitzungen", len(group))
            % {"month": format_partial_date(month, long_month=True), "count": len(group)},
            1,
        )
        for month, group in by_month(items).items()
    ]
