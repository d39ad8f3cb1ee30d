"""``ikz report``: formats, output, German errors."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tests.conftest import World
from tests.reports.helpers import held_meeting

pytestmark = pytest.mark.django_db


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("report", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_markdown_to_stdout_and_binary_to_file(world: World, tmp_path: Path) -> None:
    held_meeting(world.public_body, is_public=True, points=("Ein Punkt",))
    md = _run(world.cooperation.slug, "2019-12", "--audience", "public")
    assert "- Ein Punkt" in md
    target = tmp_path / "bericht.docx"
    _run(world.cooperation.slug, "2019-12", "--format", "docx", "-o", str(target))
    assert target.read_bytes()[:2] == b"PK"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("koop-a", "2019-13"), "kein gültiger Monat"),
        (("koop-a", "Dezember"), "kein Berichtszeitraum"),
        (("gibt-es-nicht", "2019-12"), "gibt es nicht"),
        (("koop-a", "2019-12", "--format", "odt"), "Unbekanntes Format"),
        (("koop-a", "2019-12", "--format", "pdf"), "Zieldatei"),
        (("koop-a", "2019-12", "--audience", "alle"), "Unbekannte Zielgruppe"),
        (("koop-a", "2019-12", "--issued", "19.12.2019"), "kein Datum"),
    ],
)
def test_german_errors(world: World, args: tuple[str, ...], message: str) -> None:
    with pytest.raises(CommandError, match=message):
        _run(*args)


def test_unwritable_output(world: World) -> None:
    with pytest.raises(CommandError, match="kann nicht geschrieben werden"):
        _run("koop-a", "2019-12", "-o", "/nonexistent-dir/x.md")
