"""PDF through Typst: the content goes in as JSON data, so no user text is parsed as markup.

Fonts: Source Sans Pro from the ``font-source-sans-pro`` wheel (system fonts are ignored, so
every machine renders the same). The PDF carries no creation date: the same content gives the
same bytes.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import typst

from ikz.reports.content import Report, report_to_json

TEMPLATE = Path(__file__).resolve().parent / "report.typ"


@cache
def _font_paths() -> list[str]:
    import font_source_sans_pro

    return [str(Path(font_source_sans_pro.__file__).resolve().parent / "files")]


@cache
def _compiler() -> typst.Compiler:
    return typst.Compiler(str(TEMPLATE), font_paths=_font_paths(), ignore_system_fonts=True)


def render(report: Report) -> bytes:
    data = json.dumps(report_to_json(report), ensure_ascii=False)
    result = _compiler().compile(format="pdf", sys_inputs={"data": data})
    assert isinstance(result, bytes)
    return result
