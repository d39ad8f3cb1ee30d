"""Attachments in the exchange bundle: section ``attachments`` (see docs/data-exchange.md).

Layout::

    "attachments": [{"id", "parent": {"kind": "meeting", "id": 3}, "title", "description",
                     "is_internal", "created_at",
                     "versions": [{"number", "file" ("dateien/<sha256>.pdf"), "original_name",
                                   "size", "sha256", "uploaded_at"}]}]

Only the ZIP bundle carries this section (a plain JSON file cannot hold the bytes). The
importer trusts nothing in it: each file's size and SHA-256 must match, its type is read from
its bytes like an upload's, and every file stored is removed again if the import fails.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import IO, Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.utils.translation import gettext as _

from ikz.attachments.filetypes import FileTypeError, detect
from ikz.attachments.models import PARENT_FIELDS, Attachment, AttachmentVersion
from ikz.cooperation.models import Cooperation
from ikz.exchange.bundle import FILES_DIR
from ikz.exchange.fields import Record, create, records
from ikz.exchange.protocol import ExchangeError, ExportIds, ImportRefs

NAME = "attachments"
ATTACHMENT_KEYS = ("id", "parent", "title", "description", "is_internal", "created_at", "versions")
VERSION_KEYS = ("number", "file", "original_name", "size", "sha256", "uploaded_at")
# The model each parent kind refers to, by the label its own section numbers it under.
PARENT_LABELS = {
    "meeting": "meetings.Meeting",
    "agenda_item": "meetings.AgendaItem",
    "project": "projects.Project",
    "body": "cooperation.Body",
    "agreement": "agreements.Agreement",
}
assert set(PARENT_LABELS) == set(PARENT_FIELDS)


def _stamp(value: Any) -> str:
    stamp: str = value.isoformat(timespec="seconds")
    return stamp


def _opener(version: AttachmentVersion) -> Callable[[], IO[bytes]]:
    name, storage = version.file.name or "", version.file.storage
    return lambda: storage.open(name, "rb")


def export_section(*, cooperation: Cooperation, ids: ExportIds) -> list[dict[str, Any]] | None:
    if not ids.with_files:
        return None
    attachments = (
        Attachment.objects.filter(cooperation=cooperation)
        .select_related(*PARENT_FIELDS)
        .prefetch_related("versions")
        .order_by("pk")
    )
    result = []
    for attachment in attachments:
        kind = next(field for field in PARENT_FIELDS if getattr(attachment, f"{field}_id"))
        versions = []
        for version in sorted(attachment.versions.all(), key=lambda v: v.number):
            name = f"{FILES_DIR}{version.sha256}.{version.extension}"
            ids.add_file(name, _opener(version))
            versions.append(
                {
                    "number": version.number,
                    "file": name,
                    "original_name": version.original_name,
                    "size": version.size,
                    "sha256": version.sha256,
                    "uploaded_at": _stamp(version.uploaded_at),
                }
            )
        result.append(
            {
                "id": ids.of(attachment),
                "parent": {"kind": kind, "id": ids.of(getattr(attachment, kind))},
                "title": attachment.title,
                "description": attachment.description,
                "is_internal": attachment.is_internal,
                "created_at": _stamp(attachment.created_at),
                "versions": versions,
            }
        )
    return result


def import_section(*, cooperation: Cooperation, data: Any, refs: ImportRefs) -> None:
    items = records(data, NAME, keys=ATTACHMENT_KEYS)
    if items and refs.files is None:
        raise ExchangeError(
            _(
                "Die Datei enthält Anhänge, aber nicht deren Inhalt. Importieren Sie das "
                "ZIP-Paket (ikz export … -o datei.zip) statt der JSON-Datei."
            ),
            path=NAME,
        )
    for item in items:
        _import_attachment(cooperation=cooperation, item=item, refs=refs)


def _parent(item: Record, refs: ImportRefs) -> tuple[str, Any]:
    parent = Record(item.raw("parent", required=True), item.at("parent"), keys=("kind", "id"))
    kind = parent.text("kind", required=True)
    if kind not in PARENT_LABELS:
        raise ExchangeError(
            _("„%(value)s“ ist nicht erlaubt. Erlaubt sind: %(allowed)s.")
            % {"value": kind, "allowed": ", ".join(PARENT_LABELS)},
            path=parent.at("kind"),
        )
    return kind, parent.ref("id", PARENT_LABELS[kind], refs, required=True)


def _import_attachment(*, cooperation: Cooperation, item: Record, refs: ImportRefs) -> None:
    kind, parent = _parent(item, refs)
    attachment = create(
        Attachment(
            cooperation=cooperation,
            **{kind: parent},
            title=item.text("title", required=True),
            description=item.text("description"),
            is_internal=item.boolean("is_internal"),
        ),
        path=item.path,
    )
    refs.put(Attachment, item.number(), attachment, path=item.path)
    created_at = item.datetime("created_at")
    if created_at is not None:  # auto_now_add: set the original time after the insert
        Attachment.objects.filter(pk=attachment.pk).update(created_at=created_at)
    versions = records(item.raw("versions", required=True), item.at("versions"), keys=VERSION_KEYS)
    if not versions:
        raise ExchangeError(
            _("Ein Anhang braucht mindestens eine Version."), path=item.at("versions")
        )
    for version in versions:
        _import_version(attachment=attachment, record=version, refs=refs)


def _import_version(*, attachment: Attachment, record: Record, refs: ImportRefs) -> None:
    assert refs.files is not None
    data = refs.files.read(record.text("file", required=True), path=record.at("file"))
    size = record.integer("size", minimum=1, maximum=settings.IKZ_ATTACHMENT_MAX_BYTES)
    sha256 = record.text("sha256", required=True)
    if size != len(data) or sha256 != hashlib.sha256(data).hexdigest():
        raise ExchangeError(
            _("Größe oder Prüfsumme passen nicht zum Inhalt der Datei im ZIP-Paket."),
            path=record.at("file"),
        )
    original_name = record.text("original_name", required=True)
    try:
        detected = detect(data[:8192], original_name)
    except FileTypeError as error:
        raise ExchangeError(str(error), path=record.at("file")) from None
    version = AttachmentVersion(
        cooperation_id=attachment.cooperation_id,
        attachment=attachment,
        number=record.integer("number", minimum=1) or 0,
        original_name=original_name[-255:],
        extension=detected.extension,
        content_type=detected.content_type,
        size=len(data),
        sha256=sha256,
    )
    version.file.save(f"upload.{detected.extension}", ContentFile(data), save=False)
    refs.on_failure(_remover(version.file.storage, version.file.name or ""))
    create(version, path=record.path, exclude=["file"])
    uploaded_at = record.datetime("uploaded_at")
    if uploaded_at is not None:
        AttachmentVersion.objects.filter(pk=version.pk).update(uploaded_at=uploaded_at)


def _remover(storage: Storage, name: str) -> Callable[[], None]:
    return lambda: storage.delete(name)
