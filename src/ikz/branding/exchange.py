"""The cooperation's "Erscheinungsbild" in the exchange file (see docs/data-exchange.md).

One object or ``null`` (no branding saved): the texts, the accent colour and each file (logo,
PowerPoint and Word template) with its name, its bytes (base64) and their SHA-256. An imported
file passes the same checks as an upload on the page.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext as _

from ikz.branding.models import Branding
from ikz.branding.services import check_upload
from ikz.cooperation.models import Cooperation
from ikz.exchange.fields import Record, create, validation_message
from ikz.exchange.protocol import ExchangeError, ExportIds, ImportRefs

NAME = "branding"
FILES = ("logo", "pptx_template", "docx_template")
KEYS = ("organisation", "address", "accent", "logo_alt", *FILES)
FILE_KEYS = ("name", "data", "sha256")


def export_section(*, cooperation: Cooperation, ids: ExportIds) -> dict[str, Any] | None:  # noqa: ARG001 - the exchange section protocol
    row = Branding.objects.filter(cooperation=cooperation).first()
    if row is None:
        return None
    data: dict[str, Any] = {
        "organisation": row.organisation,
        "address": row.address,
        "accent": row.accent,
        "logo_alt": row.logo_alt,
    }
    for field in FILES:
        data[field] = _export_file(getattr(row, field))
    return data


def _export_file(field: Any) -> dict[str, str] | None:
    if not field:
        return None
    with field.open("rb") as handle:
        content = handle.read()
    return {
        "name": field.name.rsplit("/", 1)[-1],
        "data": base64.b64encode(content).decode("ascii"),
        "sha256": hashlib.sha256(content).hexdigest(),
    }


def import_section(*, cooperation: Cooperation, data: Any, refs: ImportRefs) -> None:
    if data is None:
        return
    record = Record(data, NAME, keys=KEYS)
    row = Branding(
        cooperation=cooperation,
        organisation=record.text("organisation"),
        address=record.text("address"),
        accent=record.text("accent").lower(),
        logo_alt=record.text("logo_alt"),
    )
    uploads = {field: _import_file(record, field) for field in FILES}
    for field, upload in uploads.items():
        if upload is None:
            continue
        try:
            check_upload(field, upload)
        except ValidationError as error:
            raise validation_message(error, NAME) from None
    # Checked before a single file is written: a refused file leaves nothing in the storage.
    row.full_clean(exclude=list(FILES))
    for field, upload in uploads.items():
        if upload is not None:
            stored = getattr(row, field)
            stored.save(upload.name, upload, save=False)
            # A later failure (e.g. a wrong steering_body) rolls the row back: remove the file.
            refs.on_failure(_remover(stored.storage, stored.name or ""))
    create(row, path=NAME)


def _remover(storage: Any, name: str) -> Any:
    return lambda: storage.delete(name)


def _import_file(record: Record, field: str) -> SimpleUploadedFile | None:
    value = record.raw(field)
    if value is None:
        return None
    item = Record(value, record.at(field), keys=FILE_KEYS)
    name = item.text("name", required=True).rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    if not name or name.startswith("."):
        raise ExchangeError(_("Der Dateiname fehlt."), path=item.at("name"))
    encoded = item.text("data", required=True)
    try:
        content = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        raise ExchangeError(
            _("Die Datei ist nicht Base64-kodiert."), path=item.at("data")
        ) from None
    expected = item.text("sha256")
    if expected and hashlib.sha256(content).hexdigest() != expected:
        raise ExchangeError(_("Die Prüfsumme der Datei stimmt nicht."), path=item.at("sha256"))
    return SimpleUploadedFile(name, content)
