"""PowerPoint (PPTX), 16:9, in the spirit of the seed deck: a title slide, then one slide per
meeting or section, nested points as bullet levels.

A report whose meetings span more than three months (a half-year, a year) gets a slide, or a
few, per month instead of one per meeting (pptx_months).

Text never overflows a slide: every paragraph's height is estimated conservatively
(pptx_layout) and a section that does not fit goes on "(Fortsetzung)" slides.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _
from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Emu, Inches, Pt

from ikz.branding.colours import text_colour_on
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
)
from ikz.reports.renderers.pptx_layout import (
    BODY_HEIGHT,
    BODY_LEFT,
    BODY_TOP,
    BODY_WIDTH,
    FRAME_MARGIN_X,
    GLYPH_EM,
    HEIGHT,
    INDENT,
    MAX_LEVEL,
    SPACE_BEFORE,
    WIDTH,
    Line,
    _size,
    paginate,
)
from ikz.reports.renderers.pptx_layout import frame_fits as frame_fits
from ikz.reports.renderers.pptx_layout import line_height as line_height
from ikz.reports.renderers.pptx_months import (
    agenda_lines,
    by_month,
    month_label,
    month_lines,
    summarised,
)

BLUE = RGBColor(0x1F, 0x4E, 0x79)
GREY = RGBColor(0x55, 0x55, 0x55)
FONT = "Arial"


def _points(points: tuple[PointItem, ...], level: int) -> list[Line]:
    lines: list[Line] = []
    stack = [(point, level) for point in reversed(points)]
    while stack:
        point, depth = stack.pop()
        lines.append(Line(point.text, min(depth, MAX_LEVEL), marker=point.marker))
        stack.extend((child, depth + 1) for child in reversed(point.children))
    return lines


@dataclass(frozen=True)
class Block:
    """A slide's heading and lines before splitting; ``rows`` for the status table (then
    ``lines`` hold the same rows as text, for a template without a table)."""

    heading: str
    lines: list[Line]
    rows: tuple[ProjectStatus, ...] = ()


def _blocks(report: Report) -> list[Block]:
    """One block per meeting (per month when summarised), else per section."""
    blocks: list[Block] = []
    monthly = summarised(report)
    for section in report.sections:
        rows = tuple(item for item in section.items if isinstance(item, ProjectStatus))
        if rows:
            blocks.append(Block(section.heading, [Line(row.line, 0) for row in rows], rows))
            continue
        if monthly and section.kind == "meetings":
            for month, meetings in by_month(section.items).items():
                blocks.append(Block(month_label(section.heading, month), month_lines(meetings)))
            continue
        lines: list[Line] = []
        for item in section.items:
            if isinstance(item, MeetingBlock):
                meeting = [Line(item.title, 0, bold=True, bullet=False), *_points(item.points, 0)]
                blocks.append(Block(section.heading, meeting))
            else:
                lines += _item_lines(item)
        if lines:
            blocks.append(Block(section.heading, lines))
    return blocks


def _item_lines(item: object) -> list[Line]:
    """The lines of a section's item other than a meeting (which gets a slide of its own)."""
    if isinstance(item, TextBlock):
        return [Line(paragraph, 0, bullet=False) for paragraph in item.paragraphs]
    if isinstance(item, GoalsBlock):
        lines = [Line(f"{item.heading}:", 0, bold=True, bullet=False)]
        lines += [Line(f"{n}. {goal}", 1) for n, goal in enumerate(item.goals, 1)]
        if item.link:
            lines.append(Line(_("weitere Informationen unter: %(link)s") % {"link": item.link}, 0))
        return lines
    if isinstance(item, BodyStatus):
        return [Line(text, 0) for text in (item.line, item.note) if text]
    if isinstance(item, ProjectChange | OutlookItem):
        return [Line(item.line, 0)]
    if isinstance(item, PointItem):
        return _points((item,), 0)
    return []


def _text_box(slide: Any, left: int, top: int, width: int, height: int) -> Any:
    box = slide.shapes.add_textbox(left, top, width, height)
    frame = box.text_frame
    # Fixed box, wrapped lines, no auto-fit: set on <a:bodyPr> directly (the property API
    # walks the whole choice group and is slow over many slides).
    body_properties = frame._txBody.bodyPr
    body_properties.set("wrap", "square")
    for child in list(body_properties):
        body_properties.remove(child)
    etree.SubElement(body_properties, f"{{{_NS}}}noAutofit")
    return frame


def _run(paragraph: Any, text: str, size: float, *, bold: bool = False, color: Any = None) -> None:
    run = paragraph.add_run()
    run.text = text
    run.font.size = Pt(size)
    run.font.name = FONT
    run.font.bold = bold
    if color is not None:
        run.font.color.rgb = color


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"


def _run_xml(text: str, size: float, *, bold: bool = False, color: str = "") -> str:
    fill = f'<a:solidFill><a:srgbClr val="{color}"/></a:solidFill>' if color else ""
    return (
        f'<a:r><a:rPr lang="de-DE" sz="{int(size * 100)}" b="{int(bold)}" dirty="0">{fill}'
        f'<a:latin typeface="{FONT}"/></a:rPr><a:t>{escape(_CONTROL.sub("", text))}</a:t></a:r>'
    )


def _paragraph_xml(line: Line, accent: str = "") -> str:
    """One paragraph as DrawingML: level, hanging indent, bullet by level, sized runs.

    Written as markup (escaped) rather than through python-pptx's object API, which is ten
    times slower for the hundreds of paragraphs of a large month.
    """
    if line.bullet:
        char = "•–·"[min(line.level, 2)]
        bullet = f'<a:buFont typeface="{FONT}"/><a:buChar char="{char}"/>'
        indent = int(-Inches(0.25))
    else:
        bullet, indent = "<a:buNone/>", 0
    # Unbulleted lines (a meeting's heading) start where the bullets of their level stand.
    left = int(INDENT * (line.level + 1) + (0 if line.bullet else -Inches(0.25)))
    runs = _run_xml(
        line.text, _size(line), bold=line.bold, color=(accent or "1F4E79") if line.bold else ""
    )
    if line.marker:
        runs += _run_xml(f"  [{line.marker}]", max(_size(line) - 5, 9), color="555555")
    return (
        f'<a:p><a:pPr marL="{left}" lvl="{line.level}" '
        f'indent="{indent}"><a:spcBef><a:spcPts val="{SPACE_BEFORE * 100}"/></a:spcBef>'
        f"{bullet}</a:pPr>{runs}</a:p>"
    )


def _fill_body(frame: Any, lines: list[Line], accent: str = "") -> None:
    body = frame._txBody
    for paragraph in body.findall(f"{{{_NS}}}p"):
        body.remove(paragraph)
    markup = "".join(_paragraph_xml(line, accent.upper()) for line in lines)
    parsed = etree.fromstring(f'<a:txBody xmlns:a="{_NS}">{markup}</a:txBody>'.encode())
    for paragraph in list(parsed):
        body.append(paragraph)


def _chrome(slide: Any, report: Report, number: int) -> None:
    title = report.title
    frame = _text_box(slide, Inches(0.7), Inches(7.0), Inches(11.9), Inches(0.35))
    paragraph = frame.paragraphs[0]
    _run(
        paragraph,
        _("%(cooperation)s · %(title)s · Stand %(date)s")
        % {"cooperation": title.cooperation, "title": title.title, "date": title.issued_label}
        + f"    {number}",
        9,
        color=GREY,
    )


def _accent(report: Report) -> RGBColor:
    return RGBColor.from_string(report.title.accent.upper()) if report.title.accent else BLUE


def _content_slide(prs: Any, report: Report, heading: str, lines: list[Line], number: int) -> None:
    accent = _accent(report)
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    # The heading is the slide's first shape (readers and tests take it as the title).
    frame = _text_box(slide, Inches(0.7), Inches(0.45), Inches(11.9), Inches(0.8))
    _run(frame.paragraphs[0], heading, 26, bold=True, color=accent)
    side = slide.shapes.add_shape(1, 0, 0, Inches(0.12), HEIGHT)
    side.fill.solid()
    side.fill.fore_color.rgb = accent
    side.line.fill.background()
    band = slide.shapes.add_shape(1, Inches(0.8), Inches(1.25), Inches(1.6), Emu(Pt(3)))
    band.fill.solid()
    band.fill.fore_color.rgb = accent
    band.line.fill.background()
    if report.title.logo_path:
        slide.shapes.add_picture(
            report.title.logo_path, Inches(11.6), Inches(0.4), height=Inches(0.6)
        )
    body = _text_box(slide, BODY_LEFT, BODY_TOP, BODY_WIDTH, BODY_HEIGHT)
    _fill_body(body, lines, report.title.accent)
    _chrome(slide, report, number)


def _agenda(report: Report) -> list[Line]:
    """The agenda slide: one line per section, a meeting's heading (a month's when
    summarised) under "Projektstatus"."""
    lines: list[Line] = []
    monthly = summarised(report)
    for section in report.sections:
        lines.append(Line(section.heading, 0))
        if section.kind == "meetings" and monthly:
            lines += agenda_lines(section.items)
        elif section.kind == "meetings":
            lines += [
                Line(item.title, 1) for item in section.items if isinstance(item, MeetingBlock)
            ]
    return lines


# The status table: at most nine rows a slide, each cell cut to two lines of 12 pt, so the
# table never runs off the slide (PowerPoint grows a row for every extra line).
TABLE_ROWS = 9
TABLE_WIDTHS = (Inches(4.2), Inches(1.9), Inches(2.5), Inches(3.3))
TABLE_CELL_PT = 12


def _readable_on(background: RGBColor) -> RGBColor:
    """Black or white, whichever contrasts more with the accent (as in the pages' header)."""
    return RGBColor.from_string(text_colour_on(f"#{background}").lstrip("#").upper())


def _clip(text: str, width: int) -> str:
    """At most two rows of ``width`` at 12 pt (same glyph estimate as the body text)."""
    limit = 2 * max(1, int((width - 2 * FRAME_MARGIN_X) // (Pt(TABLE_CELL_PT) * GLYPH_EM)))
    return text if len(text) <= limit else text[: limit - 2].rstrip() + " …"


def _table_slide(
    prs: Any, report: Report, heading: str, rows: list[ProjectStatus], number: int
) -> None:
    accent = _accent(report)
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    frame = _text_box(slide, Inches(0.7), Inches(0.45), Inches(11.9), Inches(0.8))
    _run(frame.paragraphs[0], heading, 26, bold=True, color=accent)
    shape = slide.shapes.add_table(
        len(rows) + 1, 4, BODY_LEFT, BODY_TOP, BODY_WIDTH, Inches(0.45) * (len(rows) + 1)
    )
    table = shape.table
    for column, width in zip(table.columns, TABLE_WIDTHS, strict=True):
        column.width = width
    head = (_("Vorhaben"), _("Phase"), _("Federführung"), _("Nächster Meilenstein"))
    values = [head, *((r.project, r.stage, r.lead or "–", r.next_line) for r in rows)]
    for r, texts in enumerate(values):
        for c, text in enumerate(texts):
            cell = table.cell(r, c)
            cell.text = ""
            paragraph = cell.text_frame.paragraphs[0]
            _run(
                paragraph,
                _clip(_CONTROL.sub("", text), TABLE_WIDTHS[c]),
                TABLE_CELL_PT,
                bold=r == 0,
            )
            if r == 0:
                cell.fill.solid()
                cell.fill.fore_color.rgb = accent
                paragraph.runs[0].font.color.rgb = _readable_on(accent)
    _chrome(slide, report, number)


def _timeline_slide(prs: Any, report: Report, items: list[OutlookItem], number: int) -> None:
    """The dated outlook items on a line, at most six, labels kept short enough to fit."""
    accent = _accent(report)
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    frame = _text_box(slide, Inches(0.7), Inches(0.45), Inches(11.9), Inches(0.8))
    _run(frame.paragraphs[0], _("Zeitleiste"), 26, bold=True, color=accent)
    axis = slide.shapes.add_shape(1, Inches(0.9), Inches(3.6), Inches(11.5), Emu(Pt(3)))
    axis.fill.solid()
    axis.fill.fore_color.rgb = accent
    axis.line.fill.background()
    step = Inches(11.5) // max(len(items), 1)
    for index, item in enumerate(items):
        left = Inches(0.9) + step * index
        dot = slide.shapes.add_shape(
            9, left + step // 2 - Inches(0.11), Inches(3.5), Inches(0.22), Inches(0.22)
        )
        dot.fill.solid()
        dot.fill.fore_color.rgb = accent
        dot.line.fill.background()
        when = _text_box(slide, left, Inches(2.9), step, Inches(0.5))
        when.paragraphs[0].alignment = 2  # centre
        _run(when.paragraphs[0], str(item.when), 14, bold=True)
        label = _text_box(slide, left + Inches(0.05), Inches(4.0), step - Inches(0.1), Inches(2.6))
        label.paragraphs[0].alignment = 2
        text = item.text if len(item.text) <= 90 else item.text[:87].rstrip() + " …"
        _run(label.paragraphs[0], text, 12)
    _chrome(slide, report, number)


def _title_slide(prs: Any, report: Report) -> None:
    title = report.title
    accent = _accent(report)
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    band = slide.shapes.add_shape(1, 0, 0, Inches(0.35), HEIGHT)
    band.fill.solid()
    band.fill.fore_color.rgb = accent
    band.line.fill.background()
    if title.logo_path:
        slide.shapes.add_picture(title.logo_path, Inches(10.8), Inches(0.6), height=Inches(1.0))
    frame = _text_box(slide, Inches(1.0), Inches(1.3), Inches(9.5), Inches(1.3))
    _run(frame.paragraphs[0], title.process_title, 16, color=GREY)
    frame = _text_box(slide, Inches(1.0), Inches(2.8), Inches(11.3), Inches(1.2))
    _run(frame.paragraphs[0], title.title, 40, bold=True, color=accent)
    frame = _text_box(slide, Inches(1.0), Inches(3.9), Inches(11.3), Inches(0.9))
    _run(
        frame.paragraphs[0],
        f"{title.shown_subtitle} · {title.cooperation} · {title.audience_label}",
        18,
    )
    frame = _text_box(slide, Inches(1.0), Inches(5.6), Inches(11.3), Inches(1.2))
    _run(frame.paragraphs[0], _("Stand: %(date)s") % {"date": title.issued_label}, 14, color=GREY)
    if title.organisation:
        _run(frame.add_paragraph(), title.organisation, 16, bold=True)
    if title.address:
        _run(frame.add_paragraph(), " · ".join(title.address.splitlines()), 11, color=GREY)


def _pages(block: Block) -> list[list[Line] | tuple[ProjectStatus, ...]]:
    if block.rows:
        return [block.rows[i : i + TABLE_ROWS] for i in range(0, len(block.rows), TABLE_ROWS)]
    return list(paginate(block.lines))


def render(report: Report, *, template: bytes | None = None) -> bytes:
    if template:
        from ikz.reports.renderers.pptx_on_template import render_on_template

        return render_on_template(report, template)
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    _title_slide(prs, report)
    number = 1
    agenda = _agenda(report)
    for index, page in enumerate(paginate(agenda)):
        number += 1
        label = _("Inhalt") if index == 0 else _("Inhalt (Fortsetzung)")
        _content_slide(prs, report, label, page, number)
    for block in _blocks(report):
        heading = block.heading
        for index, part in enumerate(_pages(block)):
            number += 1
            label = heading if index == 0 else _("%(heading)s (Fortsetzung)") % {"heading": heading}
            if isinstance(part, tuple):
                _table_slide(prs, report, label, list(part), number)
            else:
                _content_slide(prs, report, label, part, number)
    outlook = report.section("outlook")
    dated = [i for i in (outlook.items if outlook else ()) if isinstance(i, OutlookItem) and i.when]
    for start in range(0, len(dated), 6):
        number += 1
        _timeline_slide(prs, report, dated[start : start + 6], number)
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()
