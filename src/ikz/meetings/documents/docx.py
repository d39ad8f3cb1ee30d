"""The invitation and the minutes as Word (DOCX): real headings, list levels and tables.

With a Word template of the cooperation (``template``: .docx/.dotx bytes, ikz.branding) its
styles, header and footer are used; the built-in design otherwise.
"""

from __future__ import annotations

import io

from docx.shared import Cm, Pt, RGBColor

from ikz.docx_base import (
    new_document,
    page_footer,
    styled_bullets,
)
from ikz.meetings.documents.content import DocPoint, MeetingDocument

GREY = RGBColor(0x55, 0x55, 0x55)


def _points(document, points: tuple[DocPoint, ...], level: int, lines: list) -> None:
    stack = [(point, level) for point in reversed(points)]
    while stack:
        point, depth = stack.pop()
        lines.append((point.text, depth, point.marker))
        stack.extend((child, depth + 1) for child in reversed(point.children))


def render(doc: MeetingDocument, *, template: bytes | None = None) -> bytes:
    document, accent = new_document(template=template, accent=doc.accent)
    properties = document.core_properties
    properties.title = f"{doc.title} – {doc.heading}"
    properties.author = doc.organisation or doc.cooperation
    page_footer(document, organisation=doc.organisation, address=doc.address)
    if doc.logo_path:
        document.add_picture(doc.logo_path, height=Cm(1.6))
    intro = document.add_paragraph(doc.cooperation)
    intro.runs[0].font.color.rgb = GREY
    document.add_paragraph(doc.title, style="Title")
    document.add_paragraph(doc.heading, style="Subtitle")
    facts = [("Gremium", doc.body), ("Termin", f"{doc.date}, {doc.time}" if doc.time else doc.date)]
    if doc.place:
        facts.append(("Ort", doc.place))
    if doc.kind == "protokoll":
        facts.append(("Status", doc.status if not doc.approved else f"Protokoll {doc.status}"))
    table = document.add_table(rows=0, cols=2)
    for key, value in facts:
        cells = table.add_row().cells
        cells[0].width, cells[1].width = Cm(3.2), Cm(13.2)
        cells[0].paragraphs[0].add_run(key).bold = True
        cells[1].paragraphs[0].add_run(value)
    if doc.kind == "einladung" and doc.description:
        for paragraph in doc.description.split("\n\n"):
            document.add_paragraph(paragraph.strip())
    minutes = doc.kind == "protokoll"
    if minutes and doc.attendance:
        document.add_heading("Teilnahme", level=1)
        rows = document.add_table(rows=1, cols=3)
        rows.style = "Table Grid"
        for cell, label in zip(
            rows.rows[0].cells, ("Kommune", "anwesend", "entschuldigt"), strict=True
        ):
            cell.paragraphs[0].add_run(label).bold = True
        for row in doc.attendance:
            cells = rows.add_row().cells
            cells[0].text, cells[1].text, cells[2].text = (
                row.municipality,
                ", ".join(row.present),
                ", ".join(row.excused),
            )
    if minutes and doc.general_points:
        document.add_heading("Ergebnisse", level=1)
        general: list = []
        _points(document, doc.general_points, 1, general)
        styled_bullets(document, general)
    document.add_heading("Tagesordnung", level=1)
    if not doc.agenda:
        document.add_paragraph("Die Tagesordnung folgt.")
    for item in doc.agenda:
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.left_indent = Cm(0.6 * item.depth)
        paragraph.paragraph_format.keep_with_next = True
        run = paragraph.add_run(f"{item.number}. {item.title}")
        run.bold = minutes
        if item.presenter:
            extra = paragraph.add_run(f" ({item.presenter})")
            extra.font.color.rgb = GREY
        if item.duration:
            extra = paragraph.add_run(f" · {item.duration}")
            extra.font.color.rgb = GREY
        if item.attachments:
            note = document.add_paragraph("Anlagen: " + ", ".join(item.attachments))
            note.paragraph_format.left_indent = Cm(0.6 * item.depth + 0.8)
            note.runs[0].font.size = Pt(9)
            note.runs[0].font.color.rgb = GREY
        if minutes and item.points:
            lines: list = []
            _points(document, item.points, 1, lines)
            styled_bullets(document, lines)
    if doc.attachments:
        document.add_heading("Anlagen", level=1)
        styled_bullets(document, [(title, 1, "") for title in doc.attachments])
    if minutes:
        if doc.decisions:
            document.add_heading("Beschlüsse", level=1)
            for decision in doc.decisions:
                document.add_paragraph(decision, style="List Number")
        if doc.tasks:
            document.add_heading("Aufgaben", level=1)
            tasks = document.add_table(rows=1, cols=3)
            tasks.style = "Table Grid"
            for cell, label in zip(
                tasks.rows[0].cells, ("Aufgabe", "verantwortlich", "bis"), strict=True
            ):
                cell.paragraphs[0].add_run(label).bold = True
            for task in doc.tasks:
                cells = tasks.add_row().cells
                cells[0].text, cells[1].text, cells[2].text = task.text, task.owner, task.due
        if doc.next_meeting:
            document.add_heading("Nächste Sitzung", level=1)
            document.add_paragraph(doc.next_meeting)
    del accent
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
