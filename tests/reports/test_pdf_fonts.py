"""IKZ Sans, the report PDF's font, is Source Sans 3 with its kerning in fewer subtables
(scripts/derive_fonts.py, issue #11): same glyphs, same metrics, same kerning, other name."""

from __future__ import annotations

import pytest
import typst
from fontTools.ttLib import TTFont

from ikz.fonts import FONT_DIR, font_paths

WEIGHTS = ("Regular", "Semibold", "Bold")
# German letters, digits and the punctuation of minutes and dates: every pair of them is set
# side by side, so a kerning that differs anywhere moves a glyph on the page.
CHARS = "AÄBCDEFGHIJKLMNOÖPQRSTUÜVWXYZaäbcdefghijklmnoöpqrsßtuüvwxyz0123456789.,:;-–—/()[]»«„“\"'&§"


def _page(family: str, weight: str) -> list[bytes]:
    pairs = " ".join(a + b for a in CHARS for b in CHARS)
    source = (
        f'#set page(width: 16cm, height: 12cm, margin: 0.5cm)\n#set text(font: "{family}", '
        f'weight: "{weight.lower()}", size: 14pt, lang: "de")\n#sys.inputs.text\n'
    )
    compiler = typst.Compiler(  # type: ignore[misc]
        source.encode(), font_paths=font_paths(), ignore_system_fonts=True
    )
    pages = compiler.compile(format="png", ppi=72, sys_inputs={"text": pairs})
    assert isinstance(pages, list)  # a PNG per page
    return pages


@pytest.mark.parametrize("weight", WEIGHTS)
def test_ikz_sans_sets_every_pair_exactly_as_source_sans_3(weight: str) -> None:
    original = _page("Source Sans 3", weight)
    derived = _page("IKZ Sans", weight)
    assert len(original) > 1  # the pairs fill several pages: the text was set
    assert derived == original


@pytest.mark.parametrize("weight", WEIGHTS)
def test_ikz_sans_changes_only_kerning_and_name(weight: str) -> None:
    original = TTFont(FONT_DIR / f"SourceSans3-{weight}.ttf")
    derived = TTFont(FONT_DIR / f"IKZSans-{weight}.ttf")
    # Outlines, metrics, character map, substitutions and the rest byte for byte.
    assert set(original.keys()) - set(derived.keys()) == {"DSIG"}
    for tag in sorted(set(original.keys()) - {"GPOS", "name", "DSIG", "GlyphOrder", "head"}):
        assert original.reader[tag] == derived.reader[tag], tag
    # The kerning lookup: the single pairs and the classes in three subtables, not seventeen.
    kern = derived["GPOS"].table.LookupList.Lookup[8]
    assert original["GPOS"].table.LookupList.Lookup[8].SubTableCount == 17
    assert kern.SubTableCount == 3
    # The reserved name "Source" is not used by the modified font (SIL OFL 1.1, section 3).
    names = {record.nameID: record.toUnicode() for record in derived["name"].names}
    assert names[1].startswith("IKZ Sans")
    assert names[6] == f"IKZSans-{weight}"
    assert not any("Source Sans" in names[i] for i in (1, 3, 4, 6, 16, 17) if i in names)
