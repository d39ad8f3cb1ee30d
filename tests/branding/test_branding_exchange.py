"""The branding in the exchange file: texts and files travel byte for byte, bad files are
refused like an upload on the page, and nothing stays written."""

from __future__ import annotations

import base64
import copy
import hashlib
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from ikz.branding.models import Branding
from ikz.branding.services import branding_save
from ikz.exchange import ExchangeError
from ikz.exchange.services import dumps, export_cooperation, import_cooperation, parse
from tests.branding.test_branding import _docx_template, _png
from tests.conftest import World
from tests.exchange_support import row_counts

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(tmp_path: Path) -> Any:
    with override_settings(MEDIA_ROOT=str(tmp_path / "media")):
        yield tmp_path / "media"


@pytest.fixture
def branded(world: World) -> dict[str, bytes]:
    files = {"logo": _png(), "docx_template": _docx_template()}
    branding_save(
        cooperation=world.cooperation,
        organisation="Planungsbüro Mulde",
        address="Markt 1\n04668 Grimma",
        accent="#FFD700",
        logo_alt="Wappen mit Mulde",
        files={
            "logo": SimpleUploadedFile("wappen.png", files["logo"]),
            "docx_template": SimpleUploadedFile("vorlage.docx", files["docx_template"]),
        },
    )
    return files


def test_round_trip_keeps_texts_and_files_byte_for_byte(
    world: World, branded: dict[str, bytes]
) -> None:
    first = export_cooperation(cooperation=world.cooperation)
    section = first["branding"]
    assert (section["accent"], section["logo_alt"]) == ("#ffd700", "Wappen mit Mulde")
    assert section["logo"]["name"] == "wappen.png"
    assert base64.b64decode(section["logo"]["data"]) == branded["logo"]
    assert section["logo"]["sha256"] == hashlib.sha256(branded["logo"]).hexdigest()
    assert section["pptx_template"] is None

    imported = import_cooperation(data=parse(dumps(first)), slug="kopie")
    row = Branding.objects.get(cooperation=imported)
    with row.logo.open("rb") as handle:
        assert handle.read() == branded["logo"]
    with row.docx_template.open("rb") as handle:
        assert handle.read() == branded["docx_template"]
    assert row.logo.name == f"branding/{imported.pk}/wappen.png"

    second = export_cooperation(cooperation=imported)
    second["cooperation"]["slug"] = first["cooperation"]["slug"]
    second["exported_at"] = first["exported_at"]
    assert dumps(second) == dumps(first)


def _broken_logo(data: dict[str, Any]) -> None:
    text = b"kein Bild, nur Text"
    data["branding"]["logo"] = {
        "name": "logo.png",
        "data": base64.b64encode(text).decode("ascii"),
        "sha256": hashlib.sha256(text).hexdigest(),
    }


def _wrong_checksum(data: dict[str, Any]) -> None:
    data["branding"]["logo"]["sha256"] = "0" * 64


def _not_base64(data: dict[str, Any]) -> None:
    data["branding"]["docx_template"]["data"] = "ä-kein-base64"


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (_broken_logo, "branding.logo:"),
        (_wrong_checksum, "branding.logo.sha256: Die Prüfsumme der Datei stimmt nicht."),
        (_not_base64, "branding.docx_template.data: Die Datei ist nicht Base64-kodiert."),
    ],
)
def test_a_bad_file_is_refused_and_nothing_is_written(
    world: World, branded: dict[str, bytes], media: Path, mutate: Any, message: str
) -> None:
    data = export_cooperation(cooperation=world.cooperation)
    broken = copy.deepcopy(data)
    mutate(broken)
    files_before = sorted(path for path in media.rglob("*") if path.is_file())
    before = row_counts()
    with pytest.raises(ExchangeError) as error:
        import_cooperation(data=broken, slug="kaputt")
    assert message in str(error.value)
    assert row_counts() == before
    assert sorted(path for path in media.rglob("*") if path.is_file()) == files_before
