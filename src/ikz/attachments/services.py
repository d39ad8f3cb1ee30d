"""Writes of attachments: add (first version), replace the file (a new version), delete."""

from __future__ import annotations

import hashlib
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from ikz.activity.services import record_activity
from ikz.attachments import events
from ikz.attachments.filetypes import FileTypeError, detect
from ikz.attachments.models import Attachment, AttachmentVersion
from ikz.attachments.parents import PARENTS

HEAD = 8192


def _size_label(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".replace(".", ",") + " MB"


def _check_file(upload: UploadedFile[bytes]) -> tuple[str, str, str]:
    """(extension, content type, sha256) of an allowed file, else ValidationError."""
    limit = settings.IKZ_ATTACHMENT_MAX_BYTES
    if upload.size is None or upload.size == 0:
        raise ValidationError({"file": _("Die Datei ist leer.")})
    if upload.size > limit:
        raise ValidationError(
            {
                "file": _("Die Datei ist %(size)s groß; erlaubt sind höchstens %(limit)s.")
                % {"size": _size_label(upload.size), "limit": _size_label(limit)}
            }
        )
    upload.seek(0)
    head = upload.read(HEAD)
    try:
        detected = detect(head, upload.name or "")
    except FileTypeError as error:
        raise ValidationError({"file": str(error)}) from None
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return detected.extension, detected.content_type, digest.hexdigest()


def _store(
    attachment: Attachment, upload: UploadedFile[bytes], actor_id: int | None
) -> AttachmentVersion:
    extension, content_type, sha256 = _check_file(upload)
    highest = attachment.versions.aggregate(highest=Max("number"))["highest"] or 0
    version = AttachmentVersion(
        cooperation_id=attachment.cooperation_id,
        attachment=attachment,
        number=highest + 1,
        original_name=(upload.name or "datei")[-255:],
        extension=extension,
        content_type=content_type,
        size=upload.size or 0,
        sha256=sha256,
        uploaded_by_id=actor_id,
    )
    version.file.save(f"upload.{extension}", upload, save=False)
    stored = version.file.name or ""
    # If the database refuses the row, the stored file must not stay behind.
    try:
        version.full_clean(exclude=["file"])
        version.save()
    except Exception:
        version.file.storage.delete(stored)
        raise
    return version


@transaction.atomic
def attachment_add(
    *,
    cooperation: Any,
    parent_kind: str,
    parent: Any,
    title: str,
    upload: UploadedFile[bytes],
    description: str = "",
    is_internal: bool = False,
    actor_id: int | None = None,
) -> Attachment:
    if parent_kind not in PARENTS:
        raise ValidationError(_("An dieses Objekt kann nichts angehängt werden."))
    if parent.cooperation_id != cooperation.pk:
        raise ValidationError(_("Dieses Objekt gehört zu einer anderen Kooperation."))
    title = (title or "").strip() or (upload.name or "").rsplit(".", 1)[0][:200]
    attachment = Attachment(
        cooperation=cooperation,
        title=title,
        description=(description or "").strip(),
        is_internal=is_internal,
        created_by_id=actor_id,
        **{parent_kind: parent},
    )
    attachment.full_clean()
    attachment.save()
    _store(attachment, upload, actor_id)
    record_activity(
        cooperation=cooperation,
        actor_id=actor_id,
        event=events.ATTACHMENT_ADDED,
        data={"title": attachment.title},
    )
    return attachment


@transaction.atomic
def attachment_replace(
    *, attachment: Attachment, upload: UploadedFile[bytes], actor_id: int | None = None
) -> AttachmentVersion:
    """A new version; the earlier ones stay downloadable."""
    locked = Attachment.objects.select_for_update().get(pk=attachment.pk)
    version = _store(locked, upload, actor_id)
    record_activity(
        cooperation=locked.cooperation,
        actor_id=actor_id,
        event=events.ATTACHMENT_REPLACED,
        data={"title": locked.title, "number": version.number},
    )
    return version


@transaction.atomic
def attachment_delete(*, attachment: Attachment, actor_id: int | None = None) -> None:
    names = list(attachment.versions.values_list("file", flat=True))
    title, cooperation = attachment.title, attachment.cooperation
    attachment.delete()
    storage = AttachmentVersion._meta.get_field("file").storage

    def remove_files() -> None:
        for name in names:
            storage.delete(name)

    transaction.on_commit(remove_files)
    record_activity(
        cooperation=cooperation,
        actor_id=actor_id,
        event=events.ATTACHMENT_DELETED,
        data={"title": title},
    )
