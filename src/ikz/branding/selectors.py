"""The branding as the renderers read it (plain data, files as bytes or a local path)."""

from __future__ import annotations

from typing import Any

from ikz.branding.models import Branding


def branding_of(*, cooperation: Any) -> Branding | None:
    return Branding.objects.filter(cooperation=cooperation).first()


def _read(field: Any) -> bytes:
    if not field:
        return b""
    with field.open("rb") as handle:
        content: bytes = handle.read()
    return content


def _local_path(field: Any) -> str:
    if not field:
        return ""
    try:
        path: str = field.path
        return path
    except NotImplementedError:  # S3: Typst needs a file, so the logo goes to a temp file
        import tempfile

        suffix = "." + field.name.rsplit(".", 1)[-1]
        with tempfile.NamedTemporaryFile(suffix=suffix, delete=False) as handle:
            handle.write(_read(field))
            return handle.name


def document_branding(*, cooperation: Any) -> dict[str, Any] | None:
    """organisation, address, accent ("1f4e79"), logo (bytes), logo_type, logo_path,
    docx_template and pptx_template (bytes); None without a branding."""
    row = branding_of(cooperation=cooperation)
    if row is None:
        return None
    return {
        "organisation": row.organisation or cooperation.coordinating_organisation,
        "address": row.address.strip(),
        "accent": row.accent.lstrip("#").lower(),
        "logo": _read(row.logo),
        "logo_type": (row.logo.name or "").rsplit(".", 1)[-1].lower() if row.logo else "",
        "logo_path": _local_path(row.logo),
        "docx_template": _read(row.docx_template),
        "pptx_template": _read(row.pptx_template),
    }
