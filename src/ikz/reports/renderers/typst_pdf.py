"""PDF through Typst: the content goes in as JSON data, so no user text is parsed as markup.

Fonts: IKZ Sans, Source Sans 3 with its kerning in fewer subtables (the same look, 40 % less
shaping work), shipped in the package (``ikz.fonts``; system fonts are ignored, so every
machine renders the same). The PDF carries no creation date: the same content gives the same
bytes.

A report whose meetings fall into more than one month (a quarter, a half-year, a year) starts
each month on a new page under its own heading ("Projektstatus im Jahr 2023: Januar 2023").
Besides reading well, the breaks let Typst lay the months out in parallel: it splits its
layout into threads only at explicit page breaks (docs/benchmarks.md).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import typst
from django.utils.translation import gettext as _

from ikz.dates import format_month_long
from ikz.fonts import font_paths
from ikz.reports.content import MeetingBlock, PointItem, Report, SectionKind
from ikz.reports.snapshot import report_to_json

TEMPLATE = Path(__file__).resolve().parent / "report.typ"


@cache
def _compiler(root: str = "") -> typst.Compiler:
    # With a logo the template goes in as bytes: Typst's root is then the logo's folder.
    source: str | bytes = TEMPLATE.read_bytes() if root else str(TEMPLATE)
    return typst.Compiler(  # type: ignore[misc]
        source,
        root=root or str(TEMPLATE.parent),
        font_paths=font_paths(),
        ignore_system_fonts=True,
    )


def _points(points: tuple[PointItem, ...]) -> list[dict[str, Any]]:
    """A meeting's points with only what the template reads (text, marker, sub-points), and
    only when set: Typst parses the JSON on one thread before it lays anything out, and the
    snapshot's seven fields per point made that a tenth of a year's compile."""
    slim = []
    for point in points:
        entry: dict[str, Any] = {"text": point.text}
        if marker := point.marker:
            entry["marker"] = marker
        if point.children:
            entry["children"] = _points(point.children)
        slim.append(entry)
    return slim


def _meetings(report: Report, payload: dict[str, Any]) -> None:
    """The meetings section as the template reads it: slim points, and its months (heading
    and the slice of its items) if there is more than one, each of which the template starts
    on a new page."""
    for section, out in zip(report.sections, payload["sections"], strict=True):
        if section.kind != SectionKind.MEETINGS:
            continue
        months: list[dict[str, Any]] = []
        for index, item in enumerate(section.items):
            if not isinstance(item, MeetingBlock):
                continue
            out["items"][index]["points"] = _points(item.points)
            month = item.date.first_day.replace(day=1)
            if not months or months[-1]["month"] != month:
                months.append({"month": month, "start": index})
            months[-1]["end"] = index + 1
        if len(months) > 1:  # a single month is laid out as it always was
            # The heading as on the deck's month slides: "Projektstatus im Jahr 2023: Januar 2023".
            out["months"] = [
                {
                    "heading": f"{section.heading}: {format_month_long(m['month'])}",
                    "start": m["start"],
                    "end": m["end"],
                }
                for m in months
            ]


def render(report: Report) -> bytes:
    payload = report_to_json(report)
    _meetings(report, payload)
    # The table head, translated here rather than written into the template.
    payload["labels"] = {
        "project": _("Vorhaben"),
        "stage": _("Phase"),
        "lead": _("Federführung"),
        "next": _("Nächster Meilenstein"),
    }
    root = ""
    if report.title.logo_path:
        # Typst reads files only below its root: the logo's folder, the name as "/logo.png".
        logo = Path(report.title.logo_path)
        root, payload["title"]["logo"] = str(logo.parent), "/" + logo.name
    data = json.dumps(payload, ensure_ascii=False)
    # A logo's compiler is not cached: a replaced logo must not come from Typst's file cache.
    compiler = _compiler.__wrapped__(root) if root else _compiler()
    result = compiler.compile(format="pdf", sys_inputs={"data": data})
    assert isinstance(result, bytes)
    return result
