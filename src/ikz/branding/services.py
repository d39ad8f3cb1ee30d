"""Writes of the branding: the texts, the logo and the Office templates, each checked."""

from __future__ import annotations

import io
import zipfile
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from ikz.activity.services import record_activity
from ikz.attachments.filetypes import FileTypeError, detect
from ikz.branding import events
from ikz.branding.models import Branding

MAX_LOGO = 2 * 1024 * 1024
MAX_TEMPLATE = 15 * 1024 * 1024
_TYPES = {
    "pptx_template": (
        ("pptx", "potx"),
        b"presentationml",
        _("eine PowerPoint-Datei (.pptx oder .potx)"),
    ),
    "docx_template": (
        ("docx", "dotx"),
        b"wordprocessingml",
        _("eine Word-Datei (.docx oder .dotx)"),
    ),
}


def _check_logo(upload: UploadedFile[bytes]) -> None:
    if (upload.size or 0) > MAX_LOGO:
        raise ValidationError({"logo": _("Das Logo darf höchstens 2 MB groß sein.")})
    try:
        detected = detect(upload.read(8192), upload.name or "")
    except FileTypeError as error:
        raise ValidationError({"logo": str(error)}) from None
    finally:
        upload.seek(0)
    if detected.extension not in ("png", "jpg", "jpeg"):
        raise ValidationError({"logo": _("Das Logo muss ein PNG- oder JPEG-Bild sein.")})


def _check_template(field: str, upload: UploadedFile[bytes]) -> None:
    suffixes, marker, label = _TYPES[field]
    name = (upload.name or "").lower()
    problem = ValidationError(
        {field: _("„%(name)s“ ist nicht %(kind)s.") % {"name": upload.name, "kind": label}}
    )
    if (upload.size or 0) > MAX_TEMPLATE:
        raise ValidationError({field: _("Die Vorlage darf höchstens 15 MB groß sein.")})
    if name.rsplit(".", 1)[-1] not in suffixes:
        raise problem
    data = upload.read()
    upload.seek(0)
    try:
        types = zipfile.ZipFile(io.BytesIO(data)).read("[Content_Types].xml")
    except (zipfile.BadZipFile, KeyError):
        raise problem from None
    if marker not in types:
        raise problem
    # It must open: python-pptx / python-docx read it as the renderers will.
    try:
        if field == "pptx_template":
            from ikz.branding.presentation import open_presentation

            open_presentation(data)
        else:
            from ikz.docx_base import open_template

            open_template(data)
    except Exception:
        raise ValidationError(
            {field: _("Die Vorlage „%(name)s“ lässt sich nicht öffnen.") % {"name": upload.name}}
        ) from None


def check_upload(field: str, upload: UploadedFile[bytes]) -> None:
    """The checks of an uploaded logo or Office template (also the exchange import's)."""
    _check_logo(upload) if field == "logo" else _check_template(field, upload)


@transaction.atomic
def branding_save(
    *,
    cooperation: Any,
    organisation: str,
    address: str,
    accent: str,
    files: dict[str, UploadedFile[bytes] | None],
    logo_alt: str = "",
    clear: set[str] | frozenset[str] = frozenset(),
    actor_id: int | None = None,
) -> Branding:
    """Texts as given; each file replaced when uploaded, removed when named in ``clear``."""
    row, _created = Branding.objects.select_for_update().get_or_create(cooperation=cooperation)
    row.organisation = (organisation or "").strip()
    row.address = (address or "").strip()
    row.accent = (accent or "").strip().lower()
    row.logo_alt = (logo_alt or "").strip()
    row.full_clean(exclude=["logo", "pptx_template", "docx_template"])
    for field in ("logo", "pptx_template", "docx_template"):
        upload = files.get(field)
        if upload is not None:
            check_upload(field, upload)
    for field in ("logo", "pptx_template", "docx_template"):
        upload = files.get(field)
        current = getattr(row, field)
        if upload is not None:
            if current:
                current.delete(save=False)
            current.save(upload.name, upload, save=False)
        elif field in clear and current:
            current.delete(save=False)
    row.save()
    record_activity(cooperation=cooperation, actor_id=actor_id, event=events.BRANDING_SAVED)
    return row
