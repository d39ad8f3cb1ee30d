"""PDF through Typst: the content goes in as JSON data, so no user text is parsed as markup.

Fonts: Source Sans 3, shipped in the package (``ikz.fonts``; system fonts are ignored, so
every machine renders the same). The PDF carries no creation date: the same content gives the
same bytes.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import typst
from django.utils.translation import gettext as _

from ikz.fonts import font_paths
from ikz.reports.content import Report
from ikz.reports.snapshot import report_to_json

TEMPLATE = Path(__file__).resolve().parent / "report.typ"


@cache
def _compiler(root: str = "") -> typst.Compiler:
    # With a logo the template goes in as bytes: Typst's root is then the logo's folder.
    source: str | bytes = TEMPLATE.read_bytes() if root else str(TEMPLATE)
    return typst.Compiler(  # type: ignore[misc]
        source,
        root=root or str(TEMPLATE.parent),
        font_paths=font_paths(),
        ignore_system_fonts=True,
    )


def render(report: Report) -> bytes:
    payload = report_to_json(report)
    # The table head, translated here rather than written into the template.
    payload["labels"] = {
        "project": _("Vorhaben"),
        "stage": _("Phase"),
        "lead": _("Federführung"),
        "next": _("Nächster Meilenstein"),
    }
    root = ""
    if report.title.logo_path:
        # Typst reads files only below its root: the logo's folder, the name as "/logo.png".
        logo = Path(report.title.logo_path)
        root, payload["title"]["logo"] = str(logo.parent), "/" + logo.name
    data = json.dumps(payload, ensure_ascii=False)
    # A logo's compiler is not cached: a replaced logo must not come from Typst's file cache.
    compiler = _compiler.__wrapped__(root) if root else _compiler()
    result = compiler.compile(format="pdf", sys_inputs={"data": data})
    assert isinstance(result, bytes)
    return result
