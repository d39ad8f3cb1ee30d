"""A cost statement as PDF through Typst: the data goes in as JSON, never parsed as markup.

Fonts and the offline compiler as for the status report (``ikz.reports.renderers.typst_pdf``):
Source Sans 3 from ``ikz.fonts``, no system fonts, no @preview packages.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import typst

from ikz.agreements.document import StatementDocument
from ikz.fonts import font_paths

TEMPLATE = Path(__file__).resolve().parent / "statement.typ"


@cache
def _compiler() -> typst.Compiler:
    return typst.Compiler(str(TEMPLATE), font_paths=font_paths(), ignore_system_fonts=True)


def render(document: StatementDocument, *, municipality_id: int | None = None) -> bytes:
    data = json.dumps(document.as_data(municipality_id), ensure_ascii=False)
    result = _compiler().compile(format="pdf", sys_inputs={"data": data})
    assert isinstance(result, bytes)
    return result
