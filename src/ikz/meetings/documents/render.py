"""One entry point for both formats, with the cooperation's Word template if it has one."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.utils.module_loading import import_string

from ikz.meetings.documents.content import FORMATS, MeetingDocument

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def branding(cooperation: Any) -> dict[str, Any] | None:
    """The cooperation's "Erscheinungsbild" for its documents, or None.

    ikz.branding sits above this app: it names its provider on its AppConfig
    (``meeting_document_branding``, a dotted path to ``f(*, cooperation) -> dict | None``),
    so this app imports none of it. The first provider that answers wins.
    """
    for config in apps.get_app_configs():
        path = getattr(config, "meeting_document_branding", "")
        if path:
            found: dict[str, Any] | None = import_string(path)(cooperation=cooperation)
            if found is not None:
                return found
    return None


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
