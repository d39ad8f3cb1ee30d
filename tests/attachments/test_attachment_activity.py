"""Attachment writes are recorded as structured activity events, worded when shown."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from ikz.activity.models import ActivityEntry
from ikz.attachments import services
from tests.conftest import World

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(tmp_path: Path) -> Any:
    with override_settings(MEDIA_ROOT=str(tmp_path / "media")):
        yield


def test_add_replace_delete_are_events(world: World) -> None:
    attachment = services.attachment_add(
        cooperation=world.cooperation,
        parent_kind="body",
        parent=world.public_body,
        title="Geschäftsordnung",
        upload=SimpleUploadedFile("go.pdf", PDF),
    )
    services.attachment_replace(attachment=attachment, upload=SimpleUploadedFile("go2.pdf", PDF))
    services.attachment_delete(attachment=attachment)
    entries = list(ActivityEntry.objects.filter(cooperation=world.cooperation).order_by("pk"))
    assert [(e.kind, e.data, e.summary) for e in entries] == [
        ("attachments.attachment_added", {"title": "Geschäftsordnung"}, ""),
        ("attachments.attachment_replaced", {"title": "Geschäftsordnung", "number": 2}, ""),
        ("attachments.attachment_deleted", {"title": "Geschäftsordnung"}, ""),
    ]
    assert [e.text for e in entries] == [
        "Anhang „Geschäftsordnung“ hinzugefügt",
        "Anhang „Geschäftsordnung“ ersetzt (Version 2)",
        "Anhang „Geschäftsordnung“ gelöscht",
    ]
