"""One entry point for both formats, with the cooperation's Word template if it has one."""

from __future__ import annotations

from typing import Any

from ikz.meetings.documents.content import FORMATS, MeetingDocument

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def branding(cooperation: Any) -> dict[str, Any] | None:
    """The cooperation's "Erscheinungsbild" if ikz.branding is installed (it sits above)."""
    from django.apps import apps

    if not apps.is_installed("ikz.branding"):
        return None
    from ikz.branding.selectors import document_branding

    return document_branding(cooperation=cooperation)


def render(document: MeetingDocument, fmt: str, *, cooperation: Any = None) -> bytes:
    if fmt not in FORMATS:
        raise ValueError(fmt)
    if fmt == "pdf":
        from ikz.meetings.documents.pdf import render as pdf

        return pdf(document)
    from ikz.meetings.documents.docx import render as docx

    template = None
    brand = branding(cooperation) if cooperation is not None else None
    if brand:
        template = brand.get("docx_template") or None
    return docx(document, template=template)
