"""Shared building blocks of the Word documents (status report, invitation, minutes).

* ``open_template`` reads a coordinator's .docx or .dotx (a .dotx is the same package with
  another content type; python-docx opens it once that type is rewritten) and empties its
  body, keeping styles, headers and footers.
* ``new_document`` gives the template or the built-in design, with every style the renderers
  use present (a template without "List Bullet 2" gets a plain one).
* ``styled_bullets`` appends list paragraphs as markup (fast for hundreds of points);
  ``paragraph_xml``, ``run_xml`` and ``table_xml`` write other paragraphs and tables the same
  way: python-docx's object API looks a style up by scanning all styles for every paragraph
  and builds each element through several XPath calls, ten times slower for a long document.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from xml.sax.saxutils import escape

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from docx.text.paragraph import Paragraph
from lxml import etree

FONT = "Arial"
DEFAULT_ACCENT = "1f4e79"
MAX_LEVEL = 3
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_TEMPLATE_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
_DOCUMENT_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
REQUIRED_STYLES = (
    "Title",
    "Subtitle",
    "Heading 1",
    "Heading 2",
    "List Bullet",
    "List Bullet 2",
    "List Bullet 3",
    "List Number",
)


def as_document_package(data: bytes) -> bytes:
    """A .dotx as .docx package (only [Content_Types].xml differs); a .docx unchanged."""
    source = zipfile.ZipFile(io.BytesIO(data))
    types = source.read("[Content_Types].xml")
    if _TEMPLATE_TYPE not in types:
        return data
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "[Content_Types].xml":
                content = content.replace(_TEMPLATE_TYPE, _DOCUMENT_TYPE)
            target.writestr(info, content)
    return out.getvalue()


def open_template(data: bytes) -> DocxDocument:
    document = Document(io.BytesIO(as_document_package(data)))
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    return document


def _hex(color: str) -> RGBColor:
    return RGBColor.from_string((color or DEFAULT_ACCENT).upper())


def _builtin_styles(document: DocxDocument, accent: RGBColor) -> None:
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(10.5)
    normal.paragraph_format.space_after = Pt(4)
    for name, size, color in (
        ("Title", 24, accent),
        ("Subtitle", 14, None),
        ("Heading 1", 14, accent),
        ("Heading 2", 11.5, None),
    ):
        style = document.styles[name]
        style.font.name = FONT
        style.font.size = Pt(size)
        style.font.color.rgb = color or RGBColor(0x1B, 0x1B, 0x1B)
        style.font.bold = name != "Subtitle"
        style.font.italic = False
        fonts = style.element.rPr.rFonts if style.element.rPr is not None else None
        if fonts is not None:
            for attribute in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
                fonts.attrib.pop(qn(f"w:{attribute}"), None)
    for level in range(1, MAX_LEVEL + 1):
        name = "List Bullet" if level == 1 else f"List Bullet {level}"
        document.styles[name].font.name = FONT
        document.styles[name].paragraph_format.space_after = Pt(2)


def _ensure_styles(document: DocxDocument) -> None:
    names = {style.name for style in document.styles}
    for name in REQUIRED_STYLES:
        if name not in names:
            style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = document.styles["Normal"]
    if "Table Grid" not in names:
        document.styles.add_style("Table Grid", WD_STYLE_TYPE.TABLE)


def new_document(
    *, template: bytes | None = None, accent: str = ""
) -> tuple[DocxDocument, RGBColor]:
    """(document, accent colour): the coordinator's template, else the built-in design."""
    color = _hex(accent)
    if template:
        document = open_template(template)
        _ensure_styles(document)
        return document, color
    document = Document()
    _builtin_styles(document, color)
    from docx.shared import Cm

    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = Cm(2.3)
    return document, color


def field(paragraph: Paragraph, instruction: str) -> None:
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


def page_footer(document: DocxDocument, *, organisation: str, address: str = "") -> None:
    """ "Organisation · Anschrift   Seite 1 von 3" in the footer, unless a template has one."""
    footer = document.sections[0].footer
    if any(p.text.strip() for p in footer.paragraphs):
        return
    paragraph = footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
    parts = [organisation, *[line.strip() for line in address.splitlines() if line.strip()]]
    run = paragraph.add_run(" · ".join(part for part in parts if part) + "\t\tSeite ")
    run.font.size = Pt(8)
    field(paragraph, "PAGE")
    paragraph.add_run(" von ").font.size = Pt(8)
    field(paragraph, "NUMPAGES")


def _style_ids(document: DocxDocument) -> dict[int, str]:
    cached = getattr(document, "_ikz_bullet_ids", None)
    if cached is None:
        cached = {
            level: document.styles["List Bullet" if level == 1 else f"List Bullet {level}"].style_id
            for level in range(1, MAX_LEVEL + 1)
        }
        document.__dict__["_ikz_bullet_ids"] = cached
    return cached


def style_id(document: DocxDocument, name: str) -> str:
    """The id of the paragraph or table style ``name`` ("Heading 1" -> "Heading1"), cached."""
    cache: dict[str, str] = document.__dict__.setdefault("_ikz_style_ids", {})
    if name not in cache:
        cache[name] = document.styles[name].style_id
    return cache[name]


def run_xml(
    text: str, *, bold: bool = False, color: str = "", half_points: int = 0, font: str = ""
) -> str:
    """One run; ``half_points`` is Word's size unit (18 = 9 pt)."""
    properties = (
        (f'<w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:cs="{font}"/>' if font else "")
        + ("<w:b/>" if bold else "")
        + (f'<w:color w:val="{color}"/>' if color else "")
        + (f'<w:sz w:val="{half_points}"/>' if half_points else "")
    )
    head = f"<w:rPr>{properties}</w:rPr>" if properties else ""
    return f'<w:r>{head}<w:t xml:space="preserve">{escape(_CONTROL.sub("", text))}</w:t></w:r>'


def paragraph_xml(
    document: DocxDocument,
    runs: str,
    *,
    style: str = "",
    indent_twips: int = 0,
    keep_next: bool = False,
) -> str:
    """A paragraph of ``runs`` (markup from run_xml); 567 twips are 1 cm."""
    properties = (
        (f'<w:pStyle w:val="{style_id(document, style)}"/>' if style else "")
        + ("<w:keepNext/>" if keep_next else "")
        + (f'<w:ind w:left="{indent_twips}"/>' if indent_twips else "")
    )
    head = f"<w:pPr>{properties}</w:pPr>" if properties else ""
    return f"<w:p>{head}{runs}</w:p>"


def table_xml(
    document: DocxDocument,
    rows: Sequence[tuple[str, ...]],
    widths_twips: tuple[int, ...],
    *,
    style: str = "",
    bold_first_row: bool = False,
    bold_first_column: bool = False,
) -> str:
    """A table of plain-text cells (the first row or column bold if asked)."""
    style_tag = f'<w:tblStyle w:val="{style_id(document, style)}"/>' if style else ""
    grid = "".join(f'<w:gridCol w:w="{width}"/>' for width in widths_twips)
    body = []
    for r, row in enumerate(rows):
        cells = []
        for c, (text, width) in enumerate(zip(row, widths_twips, strict=True)):
            bold = (bold_first_row and r == 0) or (bold_first_column and c == 0)
            cells.append(
                f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>'
                f"<w:p>{run_xml(text, bold=bold) if text else ''}</w:p></w:tc>"
            )
        body.append(f"<w:tr>{''.join(cells)}</w:tr>")
    return (
        f'<w:tbl><w:tblPr>{style_tag}<w:tblW w:w="0" w:type="auto"/>'
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" '
        'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>{''.join(body)}</w:tbl>"
    )


def bullet_xml(document: DocxDocument, text: str, level: int, marker: str = "") -> str:
    style = _style_ids(document)[min(max(level, 1), MAX_LEVEL)]
    runs = f'<w:r><w:t xml:space="preserve">{escape(_CONTROL.sub("", text))}</w:t></w:r>'
    if marker:
        runs += (
            '<w:r><w:rPr><w:color w:val="555555"/><w:sz w:val="16"/></w:rPr>'
            f'<w:t xml:space="preserve">  [{escape(_CONTROL.sub("", marker))}]</w:t></w:r>'
        )
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{runs}</w:p>'


def append_markup(document: DocxDocument, paragraphs: list[str]) -> None:
    """Append paragraphs and tables (markup) at the end of the body, before its section
    properties: parsed in one go, however many there are."""
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


def styled_bullets(document: DocxDocument, lines: list[tuple[str, int, str]]) -> None:
    """(text, level from 1, marker) as "List Bullet"/"List Bullet 2"/… paragraphs."""
    append_markup(
        document, [bullet_xml(document, text, level, marker) for text, level, marker in lines]
    )
