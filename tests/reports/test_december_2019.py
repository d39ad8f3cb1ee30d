"""The acceptance test: the demo's December 2019 report holds every fact of the seed report."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from pytest_django import DjangoDbBlocker

from ikz.reports.renderers.pptx_layout import Line, frame_fits
from tests.conftest import demo_rolled_back
from tests.reports import facts

pytestmark = pytest.mark.django_db


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def december(
    tmp_path_factory: pytest.TempPathFactory,
    django_db_setup: None,
    django_db_blocker: DjangoDbBlocker,
) -> dict[str, bytes]:
    """The report in every format, rendered once for the module from a demo rolled back at once.

    The tests only read the bytes; the database is empty again before the first of them.
    """
    with django_db_blocker.unblock(), demo_rolled_back():
        return _render(tmp_path_factory.mktemp("december"))


def _render(tmp_path: Path) -> dict[str, bytes]:
    out: dict[str, bytes] = {}
    stdout = io.StringIO()
    call_command(
        "report", "partheland", "2019-12", "--format", "md", "--issued", "2019-12-19", stdout=stdout
    )
    out["md"] = stdout.getvalue().encode()
    for fmt in ("html", "pdf", "docx", "pptx"):
        target = tmp_path / f"report.{fmt}"
        call_command(
            "report",
            "partheland",
            "2019-12",
            "--format",
            fmt,
            "--issued",
            "2019-12-19",
            "-o",
            str(target),
            stderr=io.StringIO(),
        )
        out[fmt] = target.read_bytes()
    return out


def _section(markdown: str, heading: str) -> str:
    start = markdown.index(f"## {heading}")
    rest = markdown[start + 3 :]
    end = rest.find("\n## ")
    return rest if end < 0 else rest[:end]


def test_markdown_reproduces_the_seed(december: dict[str, bytes]) -> None:
    md = december["md"].decode()
    for text in facts.TITLE_BLOCK:
        assert text in md
    meetings = _section(md, "Projektstatus im Monat Dezember 2019")
    positions = [meetings.index(f"### {title}") for title in facts.MEETINGS]
    assert positions == sorted(positions), "meetings in date order"
    for title, points in facts.POINTS.items():
        block = meetings[meetings.index(f"### {title}") :].split("\n### ")[0]
        lines = [line for line in block.splitlines() if line.lstrip().startswith("- ")]
        got = [
            ((len(line) - len(line.lstrip())) // 2, re.sub(r" _\([^)]*\)_$", "", line.strip()[2:]))
            for line in lines
        ]
        assert got == points, title
    bodies = _section(md, "Stand der Gremien")
    assert [line[2:] for line in bodies.splitlines() if line.startswith("- ")] == facts.BODIES
    outlook = _section(md, "Ausblick")
    for text in facts.OUTLOOK:
        assert text in outlook
    # The seed's order: the January items before the session of 14.01.2020.
    assert outlook.index("01/2020: Workshop Bibliothek") < outlook.index("14.01.2020: 5. Lenkungs")
    # A workshop is a planned meeting and a project milestone at once: listed once.
    entries = [line for line in outlook.splitlines() if line.startswith("- ")]
    assert entries.count("- 01/2020: Workshop Bibliothek") == 1
    assert entries.count("- 01/2020: Workshop Blühstreifen") == 1
    assert len(entries) == len(set(entries))


def test_html_holds_the_same_content(december: dict[str, bytes]) -> None:
    html = december["html"].decode()
    inline = re.sub(r"</?(time|span|a)\b[^>]*>", "", html)
    text = _normal(re.sub(r"<[^>]+>", " ", inline).replace("&amp;", "&"))
    for fact in facts.all_texts():
        assert _normal(fact) in text, fact
    assert "<script" not in html


def test_docx_has_headings_and_list_levels(december: dict[str, bytes]) -> None:
    import docx

    document = docx.Document(io.BytesIO(december["docx"]))
    paragraphs = [(p.style.name if p.style else None, p.text) for p in document.paragraphs]
    headings2 = [text for style, text in paragraphs if style == "Heading 2"]
    assert headings2 == facts.MEETINGS
    assert ("Heading 1", "Projektstatus im Monat Dezember 2019") in paragraphs
    assert ("Heading 1", "Ausblick") in paragraphs
    for points in facts.POINTS.values():
        for depth, text in points:
            style = "List Bullet" if depth == 0 else f"List Bullet {depth + 1}"
            assert any(s == style and t.startswith(text) for s, t in paragraphs), (style, text)
    full = _normal(" ".join(text for _, text in paragraphs))
    for fact in facts.all_texts():
        assert _normal(fact) in full, fact
    header = document.sections[0].header.paragraphs[0].text
    assert "Region Partheland" in header


def test_pptx_has_bullet_levels_and_no_overflow(december: dict[str, bytes]) -> None:
    from pptx import Presentation
    from pptx.util import Emu

    prs = Presentation(io.BytesIO(december["pptx"]))
    assert (prs.slide_width, prs.slide_height) == (Emu(12192000), Emu(6858000)) or abs(
        prs.slide_width / prs.slide_height - 16 / 9
    ) < 0.01
    levels: list[tuple[int, str]] = []
    texts: list[str] = []
    for slide in prs.slides:
        for shape in slide.shapes:
            if not shape.has_text_frame:
                continue
            frame_lines = []
            for paragraph in shape.text_frame.paragraphs:
                text = "".join(run.text for run in paragraph.runs)
                texts.append(text)
                levels.append((paragraph.level, text))
                size = max(
                    (run.font.size.pt for run in paragraph.runs if run.font.size), default=18
                )
                frame_lines.append((text, size, paragraph.level))
            # Re-measure each box independently of the renderer's pagination.
            lines = [Line(text, level) for text, _, level in frame_lines]
            if len(lines) > 1:
                assert frame_fits(lines, shape.height), frame_lines[0]
    for points in facts.POINTS.values():
        for depth, text in points:
            assert any(level == depth and t.startswith(text) for level, t in levels), (depth, text)
    full = _normal(" ".join(texts))
    for fact in facts.all_texts():
        assert _normal(fact) in full, fact


def test_pdf_text_holds_every_fact(december: dict[str, bytes]) -> None:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(december["pdf"]))
    raw = " ".join(page.extract_text() for page in reader.pages)
    # A line may break after a hyphen ("und -" / "ausbildung"): that is layout, not content.
    text = _normal(re.sub(r"-\n", "-", raw))
    for fact in facts.all_texts():
        assert _normal(fact) in text, fact
    assert "Seite 2 von" in text
    assert reader.pages[0].mediabox.width == pytest.approx(595.28, abs=1)
