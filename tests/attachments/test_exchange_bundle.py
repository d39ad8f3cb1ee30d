"""Attachments travel in the exchange bundle (a ZIP with the JSON and the files): a lossless
round trip with every version's bytes, the plain JSON without them, and a refused bundle
that leaves neither rows nor files behind."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client, override_settings

from ikz.attachments import services
from ikz.attachments.models import Attachment, AttachmentVersion
from ikz.cooperation.models import Cooperation
from ikz.exchange.protocol import ExchangeError
from ikz.exchange.services import (
    dumps,
    export_bundle,
    export_cooperation,
    import_cooperation,
    read_upload,
)
from tests.attachments.test_attachments import PDF, PNG, upload
from tests.conftest import World, client_for
from tests.meetings.factories import meeting
from tests.projects.helpers import project

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(tmp_path: Path) -> Any:
    with override_settings(MEDIA_ROOT=str(tmp_path / "media")):
        yield tmp_path / "media"


def stored_files(media: Path) -> list[str]:
    return sorted(p.name for p in media.rglob("*") if p.is_file())


def _with_attachments(world: World) -> None:
    session = meeting(body=world.public_body)
    invitation = services.attachment_add(
        cooperation=world.cooperation,
        parent_kind="meeting",
        parent=session,
        title="Einladung",
        description="mit Tagesordnung",
        upload=upload("einladung.pdf", PDF),
    )
    services.attachment_replace(attachment=invitation, upload=upload("einladung-2.pdf", PDF + b"2"))
    services.attachment_add(
        cooperation=world.cooperation,
        parent_kind="project",
        parent=project(cooperation=world.cooperation),
        title="Foto",
        is_internal=True,
        upload=upload("foto.png", PNG),
    )


def bundle_of(cooperation: Cooperation) -> bytes:
    buffer = io.BytesIO()
    export_bundle(cooperation=cooperation, target=buffer)
    return buffer.getvalue()


def test_the_bundle_round_trip_keeps_every_attachment_version_and_byte(world: World) -> None:
    _with_attachments(world)
    raw = bundle_of(world.cooperation)
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        names = sorted(archive.namelist())
        # Hand-made expectation: the JSON and one entry per distinct content.
        assert names == sorted(
            [
                "kooperation.json",
                f"dateien/{hashlib.sha256(PDF).hexdigest()}.pdf",
                f"dateien/{hashlib.sha256(PDF + b'2').hexdigest()}.pdf",
                f"dateien/{hashlib.sha256(PNG).hexdigest()}.png",
            ]
        )
        first = json.loads(archive.read("kooperation.json"))

    data, files = read_upload(raw)
    copy = import_cooperation(data=data, slug="kopie", files=files)

    invitation = Attachment.objects.get(cooperation=copy, title="Einladung")
    assert invitation.meeting is not None
    assert invitation.meeting.cooperation_id == copy.pk
    assert invitation.description == "mit Tagesordnung"
    versions = list(invitation.versions.order_by("number"))
    assert [(v.number, v.original_name, v.file.read()) for v in versions] == [
        (1, "einladung.pdf", PDF),
        (2, "einladung-2.pdf", PDF + b"2"),
    ]
    photo = Attachment.objects.get(cooperation=copy, title="Foto")
    assert photo.is_internal
    assert photo.project is not None
    assert photo.versions.get().content_type == "image/png"

    second = json.loads(zipfile.ZipFile(io.BytesIO(bundle_of(copy))).read("kooperation.json"))
    second["cooperation"]["slug"] = first["cooperation"]["slug"]
    second["exported_at"] = first["exported_at"]
    assert dumps(second) == dumps(first)


def test_the_plain_json_leaves_attachments_out(world: World) -> None:
    _with_attachments(world)
    assert "attachments" not in export_cooperation(cooperation=world.cooperation)


def _bundle(data: dict[str, Any], files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("kooperation.json", json.dumps(data))
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _exported(world: World) -> tuple[dict[str, Any], dict[str, bytes]]:
    _with_attachments(world)
    with zipfile.ZipFile(io.BytesIO(bundle_of(world.cooperation))) as archive:
        data = json.loads(archive.read("kooperation.json"))
        files = {n: archive.read(n) for n in archive.namelist() if n.startswith("dateien/")}
    data["cooperation"]["slug"] = "kopie"
    return data, files


def _refused(raw: bytes, media: Path, message: str) -> None:
    before = stored_files(media)
    data, files = read_upload(raw)
    with pytest.raises(ExchangeError, match=message):
        import_cooperation(data=data, files=files)
    assert not Cooperation.objects.filter(slug="kopie").exists()
    assert stored_files(media) == before  # files stored before the failure are gone again


def test_a_missing_file_is_refused_and_nothing_stays(world: World, media: Path) -> None:
    data, files = _exported(world)
    missing = data["attachments"][-1]["versions"][0]["file"]
    del files[missing]
    _refused(_bundle(data, files), media, f"„{missing}“ fehlt im ZIP-Paket")


def test_changed_bytes_fail_the_checksum(world: World, media: Path) -> None:
    data, files = _exported(world)
    name = data["attachments"][-1]["versions"][0]["file"]
    files[name] = files[name][:-1] + b"X"
    _refused(_bundle(data, files), media, "Prüfsumme")


def test_a_disallowed_type_is_refused_like_an_upload(world: World, media: Path) -> None:
    data, files = _exported(world)
    html = b"<html><script>alert(1)</script></html>"
    version = data["attachments"][-1]["versions"][0]
    files["dateien/boese.html"] = html
    version.update(
        file="dateien/boese.html",
        size=len(html),
        sha256=hashlib.sha256(html).hexdigest(),
        original_name="seite.html",
    )
    _refused(_bundle(data, files), media, "nicht „.html“")


def test_an_oversized_file_is_refused_before_it_is_read(world: World, media: Path) -> None:
    data, files = _exported(world)
    with override_settings(IKZ_ATTACHMENT_MAX_BYTES=10):
        _refused(_bundle(data, files), media, "größer als die erlaubten 10 Bytes")


def test_attachments_in_a_plain_json_file_are_refused(world: World) -> None:
    data, _files = _exported(world)
    with pytest.raises(ExchangeError, match="ZIP-Paket"):
        import_cooperation(data=data)
    assert not Cooperation.objects.filter(slug="kopie").exists()


def test_a_broken_zip_is_refused(db: None) -> None:
    with pytest.raises(ExchangeError, match="beschädigt oder unvollständig"):
        read_upload(b"PK\x03\x04kaputt")


def test_a_zip_without_the_exchange_file_is_refused(db: None) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("anderes.json", "{}")
    with pytest.raises(ExchangeError, match=r"keine Austauschdatei „kooperation\.json“"):
        read_upload(buffer.getvalue())


def test_cli_writes_and_reads_the_bundle(world: World, tmp_path: Path) -> None:
    _with_attachments(world)
    target = tmp_path / "koop.zip"
    out = io.StringIO()
    call_command("export", world.cooperation.slug, "-o", str(target), stdout=out)
    assert zipfile.is_zipfile(target)
    call_command("import", str(target), "--slug", "kopie", stdout=io.StringIO())
    copy = Cooperation.objects.get(slug="kopie")
    assert AttachmentVersion.objects.filter(cooperation=copy).count() == 3

    plain = io.StringIO()
    call_command("export", world.cooperation.slug, "-o", str(tmp_path / "k.json"), stdout=plain)
    assert "nur im ZIP-Paket" in plain.getvalue()


def test_cli_import_of_a_broken_bundle_names_the_problem(db: None, tmp_path: Path) -> None:
    target = tmp_path / "kaputt.zip"
    target.write_bytes(b"PK\x03\x04kaputt")
    with pytest.raises(CommandError, match=r"nichts gespeichert(.|\n)*ZIP-Paket ist beschädigt"):
        call_command("import", str(target), stdout=io.StringIO())


def test_only_the_coordinator_downloads_the_bundle(world: World, other: World) -> None:
    _with_attachments(world)
    url = f"/{world.cooperation.slug}/datenaustausch/export.zip"
    response = client_for(world.coordinator).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Cache-Control"] == "no-store"
    raw = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    assert zipfile.ZipFile(io.BytesIO(raw)).read("kooperation.json")
    for user in (world.member, world.outsider, other.coordinator):
        assert client_for(user).get(url).status_code == 403
    anonymous = Client().get(url)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/konto/")
    page = client_for(world.coordinator).get(f"/{world.cooperation.slug}/datenaustausch/")
    assert "ZIP-Paket mit Anhängen herunterladen" in page.content.decode()
