"""Word (DOCX): real heading styles and list levels, so the report can be edited further."""

from __future__ import annotations

import io
import re
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _
from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.text.paragraph import Paragraph
from lxml import etree

from ikz.docx_base import paragraph_xml, run_xml
from ikz.reports.content import (
    BodyStatus,
    GoalsBlock,
    MeetingBlock,
    OutlookItem,
    PointItem,
    ProjectChange,
    ProjectStatus,
    Report,
    TextBlock,
    TitleBlock,
)

BLUE = RGBColor(0x1F, 0x4E, 0x79)
GREY = RGBColor(0x55, 0x55, 0x55)
FONT = "Arial"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
# python-docx's default template has "List Bullet" up to "List Bullet 3".
MAX_LEVEL = 3


def _field(paragraph: Paragraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word and LibreOffice fill in."""
    run = paragraph.add_run()
    for tag, text in (("begin", None), (None, instruction), ("end", None)):
        if tag:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), tag)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def _styles(document: DocxDocument, accent: str = "") -> None:
    blue = RGBColor.from_string(accent.upper()) if accent else BLUE
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(10.5)
    normal.paragraph_format.space_after = Pt(4)
    for name, size, color in (
        ("Title", 26, blue),
        ("Heading 1", 15, blue),
        ("Heading 2", 11.5, None),
    ):
        style = document.styles[name]
        style.font.name = FONT
        style.font.size = Pt(size)
        style.font.color.rgb = color or RGBColor(0x1B, 0x1B, 0x1B)
        style.font.bold = True
        # The template's headings take the theme font, which overrides the name set above.
        fonts = style.element.rPr.rFonts
        for attribute in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
            fonts.attrib.pop(qn(f"w:{attribute}"), None)
    for level in range(1, MAX_LEVEL + 1):
        name = "List Bullet" if level == 1 else f"List Bullet {level}"
        document.styles[name].font.name = FONT
        document.styles[name].paragraph_format.space_after = Pt(2)


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _bullet_xml(document: DocxDocument, text: str, level: int, marker: str = "") -> str:
    """One list paragraph as WordprocessingML, styled "List Bullet"/"List Bullet 2"/… by id.

    Markup instead of python-docx's object API: that API looks styles up by scanning all of
    them for every paragraph, which is far too slow for the hundreds of points of a month.
    """
    style = _style_ids(document)[min(level, MAX_LEVEL)]
    runs = f'<w:r><w:t xml:space="preserve">{escape(_CONTROL.sub("", text))}</w:t></w:r>'
    if marker:
        runs += (
            '<w:r><w:rPr><w:color w:val="555555"/><w:sz w:val="16"/></w:rPr>'
            f'<w:t xml:space="preserve">  [{escape(marker)}]</w:t></w:r>'
        )
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{runs}</w:p>'


def _append(document: DocxDocument, paragraphs: list[str]) -> None:
    """Append paragraphs (markup) at the end of the body, before its section properties."""
    if not paragraphs:
        return
    markup = f'<w:body xmlns:w="{_W}">{"".join(paragraphs)}</w:body>'
    body = document.element.body
    anchor = body.sectPr
    for paragraph in list(etree.fromstring(markup.encode())):
        if anchor is not None:
            anchor.addprevious(paragraph)
        else:
            body.append(paragraph)


def _bullet(document: DocxDocument, text: str, level: int, marker: str = "") -> None:
    _append(document, [_bullet_xml(document, text, level, marker)])


def _style_ids(document: DocxDocument) -> dict[int, str]:
    cached = getattr(document, "_ikz_bullet_ids", None)
    if cached is None:
        cached = {
            level: document.styles["List Bullet" if level == 1 else f"List Bullet {level}"].style_id
            for level in range(1, MAX_LEVEL + 1)
        }
        document.__dict__["_ikz_bullet_ids"] = cached
    return cached


def _heading_xml(document: DocxDocument, text: str, level: int) -> str:
    return paragraph_xml(document, run_xml(text), style=f"Heading {level}")


def _points(
    document: DocxDocument, points: tuple[PointItem, ...], level: int, into: list[str] | None = None
) -> None:
    """The points as list paragraphs, appended to the body, or to ``into`` if given."""
    markup: list[str] = [] if into is None else into
    stack = [(point, level) for point in reversed(points)]
    while stack:
        point, depth = stack.pop()
        markup.append(_bullet_xml(document, point.text, depth, point.marker))
        stack.extend((child, depth + 1) for child in reversed(point.children))
    if into is None:
        _append(document, markup)


def _status_table(document: DocxDocument, rows: list[ProjectStatus]) -> None:
    """The project overview as a real Word table, its header row repeated on every page."""
    head = (_("Vorhaben"), _("Phase"), _("Federführung"), _("Nächster Meilenstein"))
    table = document.add_table(rows=1, cols=len(head))
    if "Table Grid" in [style.name for style in document.styles]:
        table.style = document.styles["Table Grid"]
    for cell, text in zip(table.rows[0].cells, head, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    table.rows[0]._tr.get_or_add_trPr().append(repeat)
    for row in rows:
        cells = table.add_row().cells
        values = (row.project, row.stage, row.lead or "–", row.next_line)
        for cell, text in zip(cells, values, strict=True):
            cell.text = _CONTROL.sub("", text)


def render(report: Report, *, template: bytes | None = None) -> bytes:
    """The report; on the coordinator's Word template (its styles, header, footer) if given."""
    title = report.title
    if template:
        from ikz.docx_base import new_document, page_footer

        document, _accent = new_document(template=template, accent=title.accent)
        page_footer(document, organisation=title.organisation, address=title.address)
        return _body(document, report)
    document = Document()
    _styles(document, title.accent)
    properties = document.core_properties
    properties.title = f"{title.title} – {title.cooperation}"
    properties.author = title.organisation or title.cooperation
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = Cm(2.3)
    section.different_first_page_header_footer = True
    header = section.header.paragraphs[0]
    header.text = f"{title.cooperation}\t\t{title.title} · {title.period_label}"
    header.runs[0].font.size = Pt(8.5)
    header.runs[0].font.color.rgb = GREY
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if title.address:
        footer.add_run(" · ".join([title.organisation, *title.address.splitlines()]) + "    ")
    footer.add_run(_("Seite "))
    _field(footer, "PAGE")
    footer.add_run(_(" von "))
    _field(footer, "NUMPAGES")

    return _body(document, report)


def _body(document: DocxDocument, report: Report) -> bytes:
    _title_page(document, report.title)
    for part in report.sections:
        document.add_heading(part.heading, level=1)
        rows = [item for item in part.items if isinstance(item, ProjectStatus)]
        if rows:
            _status_table(document, rows)
        meetings: list[str] = []
        for item in part.items:
            if isinstance(item, MeetingBlock):
                # Markup, parsed once per section: add_heading() looks the style up among all
                # styles every time, which took seconds over the 360 meetings of a year.
                meetings.append(_heading_xml(document, item.title, 2))
                _points(document, item.points, 1, meetings)
            else:
                _item(document, item)
        _append(document, meetings)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _title_page(document: DocxDocument, title: TitleBlock) -> None:
    if title.logo_path:
        document.add_picture(title.logo_path, height=Cm(1.8))
    for _blank in range(4):
        document.add_paragraph()
    process = document.add_paragraph(title.process_title)
    process.runs[0].font.color.rgb = GREY
    process.runs[0].font.size = Pt(12)
    document.add_paragraph(title.title, style="Title")
    period = document.add_paragraph(title.shown_subtitle)
    period.runs[0].font.size = Pt(14)
    document.add_paragraph(f"{title.cooperation} · {title.audience_label}")
    for _blank in range(10):
        document.add_paragraph()
    document.add_paragraph(_("Stand: %(date)s") % {"date": title.issued_label})
    if title.organisation:
        organisation = document.add_paragraph(title.organisation)
        organisation.runs[0].bold = True
    document.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)


def _item(document: DocxDocument, item: object) -> None:
    """A section's item other than a meeting block (those are written as markup)."""
    if isinstance(item, TextBlock):
        for paragraph in item.paragraphs:
            document.add_paragraph(paragraph)
    elif isinstance(item, GoalsBlock):
        heading = document.add_paragraph(f"{item.heading}:")
        heading.runs[0].bold = True
        for goal in item.goals:
            document.add_paragraph(goal, style="List Number")
        if item.link:
            document.add_paragraph(_("weitere Informationen unter: %(link)s") % {"link": item.link})
    elif isinstance(item, BodyStatus):
        for text in (item.line, item.note):
            if text:
                _bullet(document, text, 1)
    elif isinstance(item, ProjectChange | OutlookItem):
        _bullet(document, item.line, 1)
    elif isinstance(item, PointItem):
        _points(document, (item,), 1)
