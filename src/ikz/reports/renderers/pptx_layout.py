"""The geometry of a slide's body text: conservative line heights and pagination.

Every paragraph's height is estimated conservatively (average glyph width of 0.56 em, wider
than Arial's ~0.5 em for German text), so text never runs off a slide.
"""

from __future__ import annotations

from dataclasses import dataclass

from pptx.util import Inches, Pt

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
BODY_LEFT, BODY_TOP = Inches(0.7), Inches(1.45)
BODY_WIDTH, BODY_HEIGHT = Inches(11.9), Inches(5.45)
# Inner margins python-pptx/PowerPoint use for a text frame: 0.1" left/right, 0.05" top/bottom.
FRAME_MARGIN_X, FRAME_MARGIN_Y = Inches(0.1), Inches(0.05)
GLYPH_EM = 0.56
LINE_FACTOR = 1.2
SIZES = (18, 16, 14, 13)  # pt by level
INDENT = Inches(0.4)  # per level (python-pptx default master: 0.5" then 0.375" steps)
SPACE_BEFORE = 6  # pt
MAX_LEVEL = 3


@dataclass(frozen=True)
class Line:
    text: str
    level: int = 0
    bold: bool = False
    bullet: bool = True
    marker: str = ""


def _size(line: Line) -> int:
    return SIZES[min(line.level, len(SIZES) - 1)]


def line_height(line: Line, width: int = BODY_WIDTH) -> int:
    """Conservative height (EMU) of one paragraph in the body box."""
    size = _size(line)
    available = width - 2 * FRAME_MARGIN_X - INDENT * (line.level + 1)
    glyph = Pt(size) * GLYPH_EM
    text = line.text + (f"  [{line.marker}]" if line.marker else "")
    chars_per_line = max(1, int(available // glyph))
    # Words do not break: count wrapped lines word by word, not by characters.
    rows, used = 1, 0
    for word in text.split():
        length = len(word)
        if used and used + 1 + length <= chars_per_line:
            used += 1 + length
            continue
        if used:
            rows += 1
        while length > chars_per_line:  # a word longer than a row breaks anyway
            rows += 1
            length -= chars_per_line
        used = length
    return int(rows * Pt(size) * LINE_FACTOR + Pt(SPACE_BEFORE))


def frame_fits(lines: list[Line], height: int = BODY_HEIGHT, width: int = BODY_WIDTH) -> bool:
    return bool(sum(line_height(line, width) for line in lines) <= height - 2 * FRAME_MARGIN_Y)


def paginate(
    lines: list[Line], height: int = BODY_HEIGHT, width: int = BODY_WIDTH
) -> list[list[Line]]:
    pages: list[list[Line]] = [[]]
    used = 0
    limit = height - 2 * FRAME_MARGIN_Y
    for line in lines:
        height = line_height(line, width)
        if pages[-1] and used + height > limit:
            pages.append([])
            used = 0
        pages[-1].append(line)
        used += height
    return pages
