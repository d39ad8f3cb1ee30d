"""The invitation and the minutes as PDF through Typst (data as JSON, fonts from ``ikz.fonts``)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import typst

from ikz.fonts import font_paths
from ikz.meetings.documents.content import MeetingDocument

TEMPLATE = Path(__file__).resolve().parent / "meeting.typ"


def render(document: MeetingDocument) -> bytes:
    payload = document.as_json()
    root = str(TEMPLATE.parent)
    if document.logo_path:
        # Typst reads files only below its root: the logo's folder becomes the root, and the
        # template (read before) is not affected. The name goes in as "/logo.png".
        logo = Path(document.logo_path)
        root, payload["logo_path"] = str(logo.parent), "/" + logo.name
    data = json.dumps(payload, ensure_ascii=False)
    # A logo's compiler is not cached: a replaced logo must not come from Typst's file cache.
    own = root == str(TEMPLATE.parent)
    compiler = _compiler(root) if own else _compiler.__wrapped__(root)
    result = compiler.compile(format="pdf", sys_inputs={"data": data})
    assert isinstance(result, bytes)
    return result


@cache
def _compiler(root: str) -> typst.Compiler:
    # With a logo the template goes in as bytes: Typst's root is then the logo's folder.
    own = root == str(TEMPLATE.parent)
    source: str | bytes = str(TEMPLATE) if own else TEMPLATE.read_bytes()
    return typst.Compiler(  # type: ignore[misc]
        source,
        root=root,
        font_paths=font_paths(),
        ignore_system_fonts=True,
    )
