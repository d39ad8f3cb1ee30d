"""The invitation and the minutes as Word (DOCX): real headings, list levels and tables.

With a Word template of the cooperation (``template``: .docx/.dotx bytes, ikz.branding) its
styles, header and footer are used; the built-in design otherwise.

The body is written as WordprocessingML markup and parsed once (ikz.docx_base): through
python-docx's object API the minutes of 200 points took a second, mostly style look-ups.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from docx.document import Document as DocxDocument
from docx.shared import Cm

from ikz.docx_base import (
    append_markup,
    bullet_xml,
    new_document,
    page_footer,
    paragraph_xml,
    run_xml,
    table_xml,
)
from ikz.meetings.documents.content import DocPoint, MeetingDocument

GREY = "555555"
CM = 567  # twips
# The text width of the built-in page: 21 cm less 2 × 2.3 cm margins.
TEXT_WIDTH = int(16.4 * CM)


def _points(
    document: DocxDocument, points: tuple[DocPoint, ...], level: int, markup: list[str]
) -> None:
    stack = [(point, level) for point in reversed(points)]
    while stack:
        point, depth = stack.pop()
        markup.append(bullet_xml(document, point.text, depth, point.marker))
        stack.extend((child, depth + 1) for child in reversed(point.children))


def _heading(document: DocxDocument, text: str) -> str:
    return paragraph_xml(document, run_xml(text), style="Heading 1")


def _grid(
    document: DocxDocument,
    head: tuple[str, ...],
    rows: Sequence[tuple[str, ...]],
    widths: tuple[int, ...],
) -> str:
    return table_xml(document, [head, *rows], widths, style="Table Grid", bold_first_row=True)


def render(doc: MeetingDocument, *, template: bytes | None = None) -> bytes:
    document, _accent = new_document(template=template, accent=doc.accent)
    properties = document.core_properties
    properties.title = f"{doc.title} – {doc.heading}"
    properties.author = doc.organisation or doc.cooperation
    page_footer(document, organisation=doc.organisation, address=doc.address)
    if doc.logo_path:
        document.add_picture(doc.logo_path, height=Cm(1.6))
    minutes = doc.kind == "protokoll"
    out = _head(document, doc, minutes=minutes)
    if minutes and doc.attendance:
        out.append(_heading(document, "Teilnahme"))
        rows = [
            (a.municipality, ", ".join(a.present), ", ".join(a.excused)) for a in doc.attendance
        ]
        third = TEXT_WIDTH // 3
        out.append(_grid(document, ("Kommune", "anwesend", "entschuldigt"), rows, (third,) * 3))
    if minutes and doc.general_points:
        out.append(_heading(document, "Ergebnisse"))
        _points(document, doc.general_points, 1, out)
    _agenda(document, doc, out, minutes=minutes)
    if doc.attachments:
        out.append(_heading(document, "Anlagen"))
        out += [bullet_xml(document, title, 1) for title in doc.attachments]
    if minutes:
        _results(document, doc, out)
    append_markup(document, out)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _head(document: DocxDocument, doc: MeetingDocument, *, minutes: bool) -> list[str]:
    """Cooperation, title, the meeting's facts and (in the invitation) its description."""
    out = [
        paragraph_xml(document, run_xml(doc.cooperation, color=GREY)),
        paragraph_xml(document, run_xml(doc.title), style="Title"),
        paragraph_xml(document, run_xml(doc.heading), style="Subtitle"),
    ]
    facts = [("Gremium", doc.body), ("Termin", f"{doc.date}, {doc.time}" if doc.time else doc.date)]
    if doc.place:
        facts.append(("Ort", doc.place))
    if minutes:
        facts.append(("Status", doc.status if not doc.approved else f"Protokoll {doc.status}"))
    out.append(table_xml(document, facts, (int(3.2 * CM), int(13.2 * CM)), bold_first_column=True))
    if not minutes and doc.description:
        for paragraph in doc.description.split("\n\n"):
            out.append(paragraph_xml(document, run_xml(paragraph.strip())))
    return out


def _agenda(document: DocxDocument, doc: MeetingDocument, out: list[str], *, minutes: bool) -> None:
    out.append(_heading(document, "Tagesordnung"))
    if not doc.agenda:
        out.append(paragraph_xml(document, run_xml("Die Tagesordnung folgt.")))
    for item in doc.agenda:
        runs = run_xml(f"{item.number}. {item.title}", bold=minutes)
        if item.presenter:
            runs += run_xml(f" ({item.presenter})", color=GREY)
        if item.duration:
            runs += run_xml(f" · {item.duration}", color=GREY)
        indent = int(0.6 * CM * item.depth)
        out.append(paragraph_xml(document, runs, indent_twips=indent, keep_next=True))
        if item.attachments:
            note = run_xml("Anlagen: " + ", ".join(item.attachments), color=GREY, half_points=18)
            out.append(paragraph_xml(document, note, indent_twips=indent + int(0.8 * CM)))
        if minutes and item.points:
            _points(document, item.points, 1, out)


def _results(document: DocxDocument, doc: MeetingDocument, out: list[str]) -> None:
    """The minutes' closing sections: decisions, tasks, the next meeting."""
    if doc.decisions:
        out.append(_heading(document, "Beschlüsse"))
        out += [
            paragraph_xml(document, run_xml(decision), style="List Number")
            for decision in doc.decisions
        ]
    if doc.tasks:
        out.append(_heading(document, "Aufgaben"))
        rows = [(task.text, task.owner, task.due) for task in doc.tasks]
        widths = (TEXT_WIDTH - int(6.6 * CM), 4 * CM, int(2.6 * CM))
        out.append(_grid(document, ("Aufgabe", "verantwortlich", "bis"), rows, widths))
    if doc.next_meeting:
        out.append(_heading(document, "Nächste Sitzung"))
        out.append(paragraph_xml(document, run_xml(doc.next_meeting)))
