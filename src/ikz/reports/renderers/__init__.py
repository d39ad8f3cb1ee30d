"""One renderer per format; each turns a ``Report`` into bytes without touching the database."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext as _

from ikz.reports.content import Report, document_language

FORMATS = ("pdf", "docx", "pptx", "html", "md")
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "html": "text/html; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
}
LABELS = {
    "pdf": "PDF",
    "docx": "Word (DOCX)",
    "pptx": "PowerPoint (PPTX)",
    "html": "HTML",
    "md": "Markdown",
}


def renderer(fmt: str) -> Callable[[Report], bytes]:
    """The renderer of ``fmt``; imported lazily, so that a page does not load python-pptx."""
    if fmt == "md":
        from ikz.reports.renderers.markdown import render_bytes

        return render_bytes
    if fmt == "html":
        from ikz.reports.renderers.html import render_bytes as html_bytes

        return html_bytes
    if fmt == "pdf":
        from ikz.reports.renderers.typst_pdf import render as pdf

        return pdf
    if fmt == "docx":
        from ikz.reports.renderers.docx import render as docx

        return docx
    if fmt == "pptx":
        from ikz.reports.renderers.pptx import render as pptx

        return pptx
    raise ValueError(
        _("Unbekanntes Format „%(format)s“. Erlaubt: %(allowed)s.")
        % {"format": fmt, "allowed": ", ".join(FORMATS)}
    )


def render(report: Report, fmt: str, *, branding: dict[str, Any] | None = None) -> bytes:
    """``fmt`` of ``report``; Word and PowerPoint on the cooperation's own template if its
    branding (ikz.branding) has one."""
    with document_language():
        template = (branding or {}).get(f"{fmt}_template") if fmt in ("docx", "pptx") else None
        if template:
            return renderer(fmt)(report, template=template)  # type: ignore[call-arg]
        return renderer(fmt)(report)
