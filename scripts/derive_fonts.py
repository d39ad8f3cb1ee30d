"""Derive IKZ Sans from the shipped Source Sans 3: the same font with its kerning in three
subtables instead of seventeen (issue #11).

    .venv/bin/python scripts/derive_fonts.py   # writes src/ikz/fonts/IKZSans-*.ttf

Why: Typst shapes text with rustybuzz, which tries a kerning lookup's subtables one by one for
every glyph until one covers it. Source Sans 3's `kern` lookup has a subtable of single pairs
followed by sixteen class subtables (each for a part of the first glyphs); searching them was
a quarter of the work of a yearly report PDF. Here the sixteen become one class subtable with
the same values (fontTools splits it in two: a subtable's 16-bit offsets reach 64 kB), its
class tables as arrays (a lookup by index instead of a binary search), and the single pairs
stay first, as before. Glyphs, metrics and every other table are unchanged, so the text looks
exactly the same; the script checks every pair's kerning against the original before it
writes a font, and tests/reports/test_pdf_fonts.py compares rendered text of both families
pixel by pixel.

Why the new name: the licence (SIL OFL 1.1, ikz/fonts/OFL.txt) reserves the name "Source" for
Adobe's own versions; a modified font must be called something else. The copyright notice and
the licence stay.
"""

from __future__ import annotations

import copy
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from fontTools.otlLib.builder import buildPairPosClassesSubtable
from fontTools.ttLib import TTFont
from fontTools.ttLib.tables import otTables

FONTS = Path(__file__).resolve().parents[1] / "src" / "ikz" / "fonts"
# The uprights the report uses (text, headings, title); it sets no italics and its data never
# becomes markup.
WEIGHTS = ("Regular", "Semibold", "Bold")
NAME_IDS = (1, 3, 4, 6, 16, 17)  # family, unique id, full name, PostScript name, typographic

_range_format = otTables.ClassDef.preWrite


def _array_format(self: Any, font: TTFont) -> dict[str, Any]:
    """A class table marked ``array`` is written as format 1 (one entry per glyph id), which
    rustybuzz reads by index; fontTools would pick the smaller range format, a binary search."""
    if not getattr(self, "array", False):
        return _range_format(self, font)  # type: ignore[no-any-return]
    ranges = self._getClassRanges(font)
    first = ranges[0][1]
    classes = [0] * (ranges[-1][3] - first + 1)
    for cls, start, _start_name, end, _end_name in ranges:
        classes[start - first : end - first + 1] = [cls] * (end - start + 1)
    self.Format = 1
    return {"StartGlyph": ranges[0][2], "ClassValueArray": classes}


otTables.ClassDef.preWrite = _array_format


def _kern_lookup(font: TTFont) -> Any:
    table = font["GPOS"].table
    records = [r for r in table.FeatureList.FeatureRecord if r.FeatureTag == "kern"]
    (index,) = {i for r in records for i in r.Feature.LookupListIndex}
    return table.LookupList.Lookup[index]


def _subtables(lookup: Any) -> list[Any]:
    return [s.ExtSubTable if lookup.LookupType == 9 else s for s in lookup.SubTable]


def kerning(subtables: list[Any], first: str) -> dict[str, int]:
    """Every non-zero kerning after ``first`` as a shaper applies the lookup: the first
    subtable that matches the pair decides (a pair subtable matches only its listed pairs, a
    class subtable every second glyph once it covers the first)."""
    for sub in subtables:
        if first not in sub.Coverage.glyphs:
            continue
        if sub.Format == 1:
            pairs = sub.PairSet[sub.Coverage.glyphs.index(first)].PairValueRecord
            found = {r.SecondGlyph: getattr(r.Value1, "XAdvance", 0) or 0 for r in pairs}
            if found:
                # listed pairs, the rest falls through to the class subtables below
                rest = kerning(subtables[subtables.index(sub) + 1 :], first)
                return {g: v for g, v in {**rest, **found}.items() if v}
            continue
        row = sub.Class1Record[sub.ClassDef1.classDefs.get(first, 0)].Class2Record
        zero = getattr(row[0].Value1, "XAdvance", 0) or 0
        assert not zero, "class 0 of the second glyph kerns: not handled"
        values = {}
        for second, cls in sub.ClassDef2.classDefs.items():
            value = getattr(row[cls].Value1, "XAdvance", 0) or 0
            if value:
                values[second] = value
        return values
    return {}


def merge_kerning(font: TTFont) -> None:
    lookup = _kern_lookup(font)
    subtables = _subtables(lookup)
    pairs = [s for s in subtables if s.Format == 1]
    classes = [s for s in subtables if s.Format == 2]
    assert subtables == pairs + classes, "pair subtables are expected first"
    assert {(s.ValueFormat1, s.ValueFormat2) for s in subtables} == {(4, 0)}, "x advance only"
    # A first glyph belongs to the first class subtable that covers it (later ones never see it).
    owner: dict[str, int] = {}
    for i, sub in enumerate(classes):
        for glyph in sub.Coverage.glyphs:
            owner.setdefault(glyph, i)
    firsts: dict[tuple[int, int], list[str]] = defaultdict(list)
    for glyph, i in owner.items():
        firsts[(i, classes[i].ClassDef1.classDefs.get(glyph, 0))].append(glyph)
    # Second glyphs: one class per combination of their classes in the sixteen subtables.
    seconds: dict[tuple[int, ...], list[str]] = defaultdict(list)
    listed = set().union(*(s.ClassDef2.classDefs for s in classes))
    for glyph in (g for g in font.getGlyphOrder() if g in listed):  # in a fixed order
        seconds[tuple(s.ClassDef2.classDefs.get(glyph, 0) for s in classes)].append(glyph)
    # The value matrix, then first and second glyphs with equal rows (columns) in one class:
    # fewer classes keep the subtable under the 64 kB its 16-bit offsets can reach.
    columns = list(seconds.values())
    rows: dict[tuple[int, ...], list[str]] = defaultdict(list)
    for (i, cls1), first_glyphs in firsts.items():
        record = classes[i].Class1Record[cls1].Class2Record
        row = tuple(getattr(record[sig[i]].Value1, "XAdvance", 0) or 0 for sig in seconds)
        rows[row].extend(first_glyphs)
    merged_columns: dict[tuple[int, ...], list[str]] = defaultdict(list)
    for j, second_glyphs in enumerate(columns):
        merged_columns[tuple(row[j] for row in rows)].extend(second_glyphs)
    values: dict[tuple[tuple[str, ...], tuple[str, ...]], tuple[Any, None]] = {}
    for r, first_glyphs in enumerate(rows.values()):
        for column, second_glyphs in merged_columns.items():
            if column[r]:
                record = otTables.ValueRecord()
                record.XAdvance = column[r]
                values[(tuple(sorted(first_glyphs)), tuple(sorted(second_glyphs)))] = (record, None)
    glyph_ids = font.getReverseGlyphMap()
    merged = buildPairPosClassesSubtable(values, glyph_ids, valueFormat1=4, valueFormat2=0)
    # Covered first glyphs without any kerning must still stop the search, as they did, so
    # they join the coverage as class 0 with a row of zeros; the builder gave class 0 to one
    # of the kerning classes, which moves to a new class of its own.
    classes1 = merged.ClassDef1.classDefs
    for glyph in merged.Coverage.glyphs:
        classes1.setdefault(glyph, merged.Class1Count)
    moved = copy.deepcopy(merged.Class1Record[0])
    merged.Class1Record.append(moved)
    merged.Class1Count += 1
    for record in merged.Class1Record[0].Class2Record:
        record.Value1.XAdvance = 0
    merged.Coverage.glyphs = sorted(owner, key=glyph_ids.__getitem__)
    merged.ClassDef1.array = merged.ClassDef2.array = True
    new = [*pairs, merged]
    if lookup.LookupType == 9:
        wrapped = []
        for sub in new:
            extension = otTables.ExtensionPos()
            extension.Format, extension.ExtensionLookupType, extension.ExtSubTable = 1, 2, sub
            wrapped.append(extension)
        new = wrapped
    lookup.SubTable, lookup.SubTableCount = new, len(new)


def rename(font: TTFont) -> None:
    for record in font["name"].names:
        if record.nameID in NAME_IDS:
            text = record.toUnicode().replace("Source Sans 3", "IKZ Sans")
            record.string = text.replace("SourceSans3", "IKZSans")
    if "DSIG" in font:  # Adobe's signature does not hold for the changed font
        del font["DSIG"]


def derive(weight: str) -> Path:
    source = FONTS / f"SourceSans3-{weight}.ttf"
    font = TTFont(source, recalcTimestamp=False)  # the same bytes on every run
    merge_kerning(font)
    rename(font)
    target = FONTS / f"IKZSans-{weight}.ttf"
    font.save(target)
    # Read back what was written and compare every pair with the original.
    before, after = TTFont(source), TTFont(target)
    old, new = _subtables(_kern_lookup(before)), _subtables(_kern_lookup(after))
    # fontTools splits a class subtable past 64 kB: the pairs and two halves of the classes
    assert len(new) <= 3, new
    for first in before.getGlyphOrder():
        assert kerning(old, first) == kerning(new, first), (weight, first)
    return target


def main() -> int:
    for weight in WEIGHTS:
        print(derive(weight))
    return 0


if __name__ == "__main__":
    sys.exit(main())
