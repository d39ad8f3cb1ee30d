"""A cost statement as PDF through Typst: the data goes in as JSON, never parsed as markup.

Fonts and the offline compiler as for the status report (``ikz.reports.renderers.typst_pdf``):
Source Sans Pro from the ``font-source-sans-pro`` wheel, no system fonts, no @preview packages.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import typst

from ikz.agreements.document import StatementDocument

TEMPLATE = Path(__file__).resolve().parent / "statement.typ"


@cache
def _font_paths() -> list[str]:
    import font_source_sans_pro

    return [str(Path(font_source_sans_pro.__file__).resolve().parent / "files")]


@cache
def _compiler() -> typst.Compiler:
    return typst.Compiler(str(TEMPLATE), font_paths=_font_paths(), ignore_system_fonts=True)


def render(document: StatementDocument, *, municipality_id: int | None = None) -> bytes:
    data = json.dumps(document.as_data(municipality_id), ensure_ascii=False)
    result = _compiler().compile(format="pdf", sys_inputs={"data": data})
    assert isinstance(result, bytes)
    return result
