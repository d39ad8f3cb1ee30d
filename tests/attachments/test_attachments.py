"""Attachments: types by their bytes, the size limit, versions, and who may download what."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from ikz.accounts.access import Access, Level
from ikz.attachments import services
from ikz.attachments.filetypes import FileTypeError, detect
from ikz.attachments.models import Attachment, AttachmentVersion
from ikz.meetings.documents import content
from tests.conftest import World, client_for
from tests.meetings.factories import meeting

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _docx() -> bytes:
    import docx

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    return buffer.getvalue()


def _pptx() -> bytes:
    from pptx import Presentation

    buffer = io.BytesIO()
    Presentation().save(buffer)
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def media(tmp_path: Path) -> Any:
    with override_settings(MEDIA_ROOT=str(tmp_path / "media")):
        yield tmp_path / "media"


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


@pytest.mark.parametrize(
    ("name", "data", "extension", "mime"),
    [
        ("Einladung.pdf", PDF, "pdf", "application/pdf"),
        ("foto.PNG", PNG, "png", "image/png"),
        ("Entwurf Beschluss.docx", None, "docx", "wordprocessingml"),
        ("Praesentation.pptx", "pptx", "pptx", "presentationml"),
        ("notiz.txt", "Grüße aus Naunhof\n".encode(), "txt", "text/plain"),
    ],
)
def test_allowed_types_are_recognised_by_their_bytes(
    name: str, data: Any, extension: str, mime: str
) -> None:
    payload = _docx() if data is None else _pptx() if data == "pptx" else data
    detected = detect(payload[:8192], name)
    assert detected.extension == extension
    assert mime in detected.content_type


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("rechnung.pdf", PNG, "dem Inhalt nach eine PNG-Datei"),
        ("programm.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 60, "keinen erlaubten Dateityp"),
        ("skript.txt", b"\x7fELF\x02\x01\x01" + b"\x00" * 60, "keinen erlaubten Dateityp"),
        ("archiv.zip", b"PK\x03\x04" + b"\x00" * 60, "keinen erlaubten Dateityp"),
        ("seite.html", b"<html><script>alert(1)</script></html>", "nicht „.html“"),
    ],
)
def test_bytes_that_do_not_match_an_allowed_type_are_refused(
    name: str, data: bytes, message: str
) -> None:
    with pytest.raises(FileTypeError, match=message):
        detect(data, name)


def test_add_replace_keeps_versions_and_refuses_without_a_trace(world: World, media: Path) -> None:
    session = meeting(body=world.member_body)
    attachment = services.attachment_add(
        cooperation=world.cooperation,
        parent_kind="meeting",
        parent=session,
        title="Einladung",
        upload=upload("einladung.pdf", PDF),
    )
    version = services.attachment_replace(
        attachment=attachment, upload=upload("neu.pdf", PDF + b"x")
    )
    assert version.number == 2
    assert list(attachment.versions.order_by("number").values_list("number", flat=True)) == [1, 2]
    first = attachment.versions.get(number=1)
    assert first.file.name is not None
    assert first.file.read() == PDF
    assert first.file.name.startswith(f"attachments/{world.cooperation.pk}/")
    assert "einladung" not in first.file.name  # never the user's name in the path
    files_before = sorted(p.name for p in media.rglob("*") if p.is_file())
    with pytest.raises(ValidationError, match="dem Inhalt nach"):
        services.attachment_replace(attachment=attachment, upload=upload("x.pdf", PNG))
    with (
        override_settings(IKZ_ATTACHMENT_MAX_BYTES=10),
        pytest.raises(ValidationError, match="höchstens 0,0 MB"),
    ):
        services.attachment_replace(attachment=attachment, upload=upload("y.pdf", PDF))
    assert attachment.versions.count() == 2
    assert sorted(p.name for p in media.rglob("*") if p.is_file()) == files_before


def test_another_cooperations_parent_is_refused(world: World, other: World) -> None:
    theirs = meeting(body=other.member_body)
    with pytest.raises(ValidationError, match="anderen Kooperation"):
        services.attachment_add(
            cooperation=world.cooperation,
            parent_kind="meeting",
            parent=theirs,
            title="x",
            upload=upload("a.pdf", PDF),
        )


def _attach(world: World, *, internal: bool, public: bool = True) -> Attachment:
    body = world.public_body if public else world.internal_body
    session = meeting(body=body, is_public=public)
    return services.attachment_add(
        cooperation=world.cooperation,
        parent_kind="meeting",
        parent=session,
        title="Intern" if internal else "Offen",
        upload=upload("a.pdf", PDF),
        is_internal=internal,
    )


ROLES = ("anonymous", "outsider", "member", "coordinator")


def _client(world: World, role: str) -> Any:
    return client_for(None if role == "anonymous" else getattr(world, role))


@pytest.mark.parametrize(
    ("internal", "public", "expected"),
    [
        # an open attachment of a public meeting: everyone
        (False, True, {"anonymous": 200, "outsider": 200, "member": 200, "coordinator": 200}),
        # "nur für die Koordination": a member cannot download it
        (True, True, {"anonymous": 404, "outsider": 404, "member": 404, "coordinator": 200}),
        # an open attachment of a meeting of an internal body the member is not in
        (False, False, {"anonymous": 404, "outsider": 404, "member": 404, "coordinator": 200}),
    ],
)
def test_download_matrix(
    world: World, internal: bool, public: bool, expected: dict[str, int]
) -> None:
    attachment = _attach(world, internal=internal, public=public)
    for url in (
        reverse("attachments:download", args=[world.cooperation.slug, attachment.pk]),
        reverse("attachments:download_version", args=[world.cooperation.slug, attachment.pk, 1]),
    ):
        for role in ROLES:
            response = _client(world, role).get(url)
            assert response.status_code == expected[role], (url, role)
            if response.status_code == 200:
                assert b"".join(response.streaming_content) == PDF
                assert response["Content-Type"] == "application/pdf"
                assert response["X-Content-Type-Options"] == "nosniff"
                assert response["Content-Disposition"].startswith("attachment;")


def test_write_pages_role_matrix(world: World) -> None:
    attachment = _attach(world, internal=False)
    session = attachment.meeting
    assert session is not None
    slug = world.cooperation.slug
    pages = [
        reverse("attachments:create", args=[slug]) + f"?sitzung={session.pk}",
        reverse("attachments:replace", args=[slug, attachment.pk]),
        reverse("attachments:delete", args=[slug, attachment.pk]),
    ]
    expected = {"anonymous": 302, "outsider": 403, "member": 403, "coordinator": 200}
    for url in pages:
        for role in ROLES:
            assert _client(world, role).get(url).status_code == expected[role], (url, role)
            if role != "coordinator":
                response = _client(world, role).post(url, {"file": upload("b.pdf", PDF)})
                assert response.status_code == expected[role]
    assert AttachmentVersion.objects.filter(attachment=attachment).count() == 1
    assert Attachment.objects.filter(pk=attachment.pk).exists()


def test_coordinator_uploads_replaces_and_deletes_through_the_pages(world: World) -> None:
    session = meeting(body=world.member_body)
    item = __import__("ikz.meetings.services", fromlist=["x"]).agenda_item_add(
        meeting=session, title="Bauhof"
    )
    client = client_for(world.coordinator)
    slug = world.cooperation.slug
    create = reverse("attachments:create", args=[slug]) + f"?top={item.pk}"
    response = client.post(create, {"title": "Beschlussvorlage", "file": upload("v.docx", _docx())})
    assert response.status_code == 302
    attachment = Attachment.objects.get(cooperation=world.cooperation)
    assert attachment.agenda_item_id == item.pk
    page = client.get(reverse("meetings:detail", args=[slug, session.pk])).content.decode()
    assert "Beschlussvorlage" in page
    # The invitation lists the attachment under its agenda item.
    doc = content.build(
        access=Access(cooperation=world.cooperation, level=Level.COORDINATOR),
        meeting_pk=session.pk,
        kind=content.INVITATION,
    )
    assert doc.agenda[0].attachments == ("Beschlussvorlage",)
    bad = client.post(create, {"title": "Foto", "file": upload("foto.pdf", PNG)})
    assert bad.status_code == 400
    assert "dem Inhalt nach eine PNG-Datei" in bad.content.decode()
    replace = reverse("attachments:replace", args=[slug, attachment.pk])
    assert client.post(replace, {"file": upload("v2.docx", _docx())}).status_code == 302
    assert attachment.versions.count() == 2
    delete = reverse("attachments:delete", args=[slug, attachment.pk])
    assert client.post(delete).status_code == 302
    assert not Attachment.objects.filter(pk=attachment.pk).exists()


def test_another_cooperations_attachment_is_404(world: World, other: World) -> None:
    theirs = _attach(other, internal=False)
    client = client_for(world.coordinator)
    slug = world.cooperation.slug
    for url in (
        reverse("attachments:download", args=[slug, theirs.pk]),
        reverse("attachments:download_version", args=[slug, theirs.pk, 1]),
        reverse("attachments:replace", args=[slug, theirs.pk]),
        reverse("attachments:delete", args=[slug, theirs.pk]),
        reverse("attachments:create", args=[slug]) + f"?sitzung={theirs.meeting_id}",
    ):
        assert client.get(url).status_code == 404, url
        if "/v1/" not in url and not url.endswith(f"/{theirs.pk}/"):
            assert client.post(url, {"file": upload("b.pdf", PDF)}).status_code == 404, url
    assert Attachment.objects.filter(pk=theirs.pk).exists()


@override_settings(IKZ_SENDFILE="x-accel", IKZ_SENDFILE_PREFIX="/geschuetzt/")
def test_x_accel_redirect_hands_the_file_to_the_web_server(world: World) -> None:
    attachment = _attach(world, internal=False)
    version = attachment.versions.get()
    assert version.file.name is not None
    response = client_for(world.coordinator).get(
        reverse("attachments:download", args=[world.cooperation.slug, attachment.pk])
    )
    assert response["X-Accel-Redirect"] == "/geschuetzt/" + version.file.name
    assert response.content == b""


def test_body_and_project_pages_list_their_attachments(world: World) -> None:
    from tests.projects.helpers import project

    target = project(cooperation=world.cooperation, title="Bauhof", is_public=True)
    for kind, parent, title in (
        ("body", world.public_body, "Geschäftsordnung"),
        ("project", target, "Konzept Bauhof"),
    ):
        services.attachment_add(
            cooperation=world.cooperation,
            parent_kind=kind,
            parent=parent,
            title=title,
            upload=upload("a.pdf", PDF),
        )
    slug = world.cooperation.slug
    anonymous = client_for(None)
    body_page = anonymous.get(reverse("cooperation:body_detail", args=[slug, world.public_body.pk]))
    assert "Geschäftsordnung" in body_page.content.decode()
    project_page = anonymous.get(reverse("projects:detail", args=[slug, target.pk]))
    assert "Konzept Bauhof" in project_page.content.decode()
    assert "Anhang hinzufügen" not in project_page.content.decode()
