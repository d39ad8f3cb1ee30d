"""Renderers on their own: JSON round trip, hostile text, levels, slide overflow."""

from __future__ import annotations

import datetime as dt
import io

from hypothesis import given, settings
from hypothesis import strategies as st

from ikz.dates import PartialDate
from ikz.reports.content import (
    BodyStatus,
    MeetingBlock,
    OutlookItem,
    PointItem,
    Report,
    Section,
    TitleBlock,
)
from ikz.reports.renderers import docx as docx_renderer
from ikz.reports.renderers import markdown, pptx, typst_pdf
from ikz.reports.renderers.pptx_layout import Line
from ikz.reports.snapshot import report_from_json, report_to_json
from tests.reports.helpers import pdf_fonts, pdf_struct_types

HOSTILE = "#set text(red) $x^2$ *fett* _kursiv_ @ref <label> [a] \\ `code` = Titel // nicht"


def _report(texts: list[str]) -> Report:
    points = tuple(
        PointItem(
            key=f"point:{i}", text=text, kind="decision", children=(PointItem(f"c{i}", text),)
        )
        for i, text in enumerate(texts)
    )
    return Report(
        title=TitleBlock(
            cooperation="Koop",
            process_title="Prozess",
            title="Statusbericht Dezember",
            period_label="Dezember 2019",
            issued_on=dt.date(2019, 12, 19),
            organisation="Büro",
        ),
        sections=(
            Section(
                "meetings",
                "Projektstatus",
                (MeetingBlock("meeting:1", PartialDate.day(2019, 12, 5), "2. AG", "Ort", points),),
            ),
            Section("bodies", "Stand", (BodyStatus("body:1", "AG", "läuft", "ab 01/2020: x"),)),
            Section(
                "outlook",
                "Ausblick",
                (OutlookItem("o", PartialDate.month(2020, 1), "W"), OutlookItem("p", None, "Q")),
            ),
        ),
    )


text_strategy = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=60
).filter(lambda s: s.strip())


@given(st.lists(text_strategy, min_size=1, max_size=4))
@settings(max_examples=40, deadline=None)
def test_json_round_trip(texts: list[str]) -> None:
    report = _report(texts)
    assert report_from_json(report_to_json(report)) == report


@given(text_strategy)
@settings(max_examples=60, deadline=None)
def test_markdown_escapes_markup(text: str) -> None:
    line = markdown.escape(text)
    # No unescaped emphasis, link, HTML or code characters are left.
    for char in "*_[]<>`":
        index = line.find(char)
        while index >= 0:
            assert line[index - 1] == "\\", (text, line)
            index = line.find(char, index + 1)


def test_typst_takes_hostile_text_literally() -> None:
    from pypdf import PdfReader

    data = typst_pdf.render(_report([HOSTILE]))
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    for fragment in ("#set text(red)", "$x^2$", "*fett*", "_kursiv_", "<label>", "[a]", "`code`"):
        assert fragment in text


def test_typst_pdf_uses_the_shipped_ikz_sans_only() -> None:
    # regular, semibold (headings) and bold (title): each IKZ Sans from ikz/fonts (Source Sans 3
    # with faster kerning, tests/reports/test_pdf_fonts.py), no fallback font
    fonts = pdf_fonts(typst_pdf.render(_report(["**fett** und normal"])))
    assert fonts, fonts
    assert {name.split("-")[0] for name in fonts} == {"IKZSans"}, fonts
    assert {"IKZSans-Regular", "IKZSans-Semibold", "IKZSans-Bold"} <= fonts


def test_typst_pdf_is_deterministic() -> None:
    report = _report(["a", "b"])
    assert typst_pdf.render(report) == typst_pdf.render(report)


def test_typst_pdf_tags_the_points_as_nested_lists() -> None:
    # Drawn markers (report.typ) must leave the list structure to screen readers. Counted by
    # hand from _report: two points with a sub-point each (3 lists, 4 items), the two body
    # lines (1 list, 2 items) and the two outlook lines (1 list, 2 items).
    types = pdf_struct_types(typst_pdf.render(_report(["Erster Punkt", "Zweiter Punkt"])))
    assert {kind: types.count(kind) for kind in ("/L", "/LI", "/Lbl", "/LBody", "/H2")} == {
        "/L": 5,
        "/LI": 8,
        "/Lbl": 8,
        "/LBody": 8,
        "/H2": 1,
    }


def test_docx_list_levels() -> None:
    import docx

    document = docx.Document(io.BytesIO(docx_renderer.render(_report(["Oben"]))))
    styles = [
        (p.style.name if p.style else None, p.text)
        for p in document.paragraphs
        if p.text.startswith("Oben")
    ]
    assert styles[0][0] == "List Bullet"
    assert styles[1][0] == "List Bullet 2"


def test_pptx_long_section_continues_without_overflow() -> None:
    from pptx import Presentation

    long = ["Ein sehr langer Punkt mit vielen Wörtern " * 6] * 25
    prs = Presentation(io.BytesIO(pptx.render(_report(long))))
    titles = [slide.shapes[0].text_frame.text for slide in prs.slides]
    assert any("(Fortsetzung)" in title for title in titles)
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_text_frame and len(shape.text_frame.paragraphs) > 1:
                lines = [Line(p.text, p.level) for p in shape.text_frame.paragraphs]
                assert pptx.frame_fits(lines, shape.height)


def test_pptx_measure_is_conservative() -> None:
    """A row of 'M'-free German text needs at least as many rows as characters suggest."""
    short = pptx.line_height(Line("kurz", 0))
    long = pptx.line_height(Line("Wort " * 200, 0))
    assert long > 5 * short
