"""The fonts of the Typst PDFs, shipped in the package: Source Sans 3 (SIL OFL 1.1, OFL.txt).

Copied unchanged from Adobe's ``source-sans`` npm package (version 3.52.0, folder TTF/): the
regular, semibold and bold weights with their italics, which is all the templates use. Typst
gets this folder as its only font path (``ignore_system_fonts=True``), so every machine renders
the same PDF, and no font package of its own is needed at run time.

IKZ Sans (``IKZSans-*.ttf``, the font of the status report and the meeting documents) is
derived from the three uprights by ``scripts/derive_fonts.py``: the same glyphs, metrics and
kerning values with the kerning in three subtables instead of seventeen: Typst shapes text in
it with 40 % fewer instructions (issue #11). The licence reserves the name "Source" for Adobe's
versions, hence the other name.
"""

from __future__ import annotations

from pathlib import Path

FONT_DIR = Path(__file__).resolve().parent
FAMILY = "Source Sans 3"


def font_paths() -> list[str]:
    return [str(FONT_DIR)]
