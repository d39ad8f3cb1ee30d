"""``ikz export`` and ``ikz import`` on the command line."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from django.core.management import ManagementUtility, call_command
from django.core.management.base import CommandError

from ikz.accounts.models import CooperationRole
from ikz.cooperation.models import Cooperation, Municipality, Person
from ikz.exchange.services import export_cooperation
from tests.conftest import World
from tests.exchange_support import row_counts, without_volatile


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def write_export(world: World, path: Path, **changes: Any) -> dict[str, Any]:
    data = export_cooperation(cooperation=world.cooperation)
    data["cooperation"].update(changes)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return data


def test_export_to_stdout_is_the_exchange_file(world: World) -> None:
    data = json.loads(run("export", world.cooperation.slug))
    assert data["format"] == "ikz-cockpit"
    assert data["cooperation"]["slug"] == world.cooperation.slug
    assert without_volatile(data) == without_volatile(
        export_cooperation(cooperation=world.cooperation)
    )
    dash = json.loads(run("export", world.cooperation.slug, "-o", "-"))
    assert without_volatile(dash) == without_volatile(data)


def test_export_to_a_file(world: World, tmp_path: Path) -> None:
    target = tmp_path / "a.json"
    output = run("export", world.cooperation.slug, "-o", str(target))
    assert "exportiert" in output
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["cooperation"]["name"] == world.cooperation.name
    assert not list(tmp_path.glob(".*.tmp"))


def test_export_of_an_unknown_cooperation_is_refused(world: World) -> None:
    with pytest.raises(CommandError, match=r"„gibt-es-nicht“ gibt es nicht\. Vorhanden: koop-a"):
        run("export", "gibt-es-nicht")


def test_export_into_a_missing_directory_is_refused(world: World, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="kann nicht geschrieben werden"):
        run("export", world.cooperation.slug, "-o", str(tmp_path / "fehlt" / "a.json"))


def test_import_creates_a_new_cooperation_and_reports_it(world: World, tmp_path: Path) -> None:
    source = tmp_path / "a.json"
    write_export(world, source, slug="kopie", name="Kopie von A")
    roles_before = CooperationRole.objects.count()

    output = run("import", str(source))

    copy = Cooperation.objects.get(slug="kopie")
    assert "Kooperation „Kopie von A“ unter dem Kurznamen „kopie“ angelegt" in output
    assert "Kommunen: 2" in output
    assert "Gremien: 3" in output
    assert Municipality.objects.filter(cooperation=copy).count() == 2
    assert not Person.objects.filter(cooperation=copy, user__isnull=False).exists()
    assert CooperationRole.objects.count() == roles_before


def test_import_under_another_slug(world: World, tmp_path: Path) -> None:
    source = tmp_path / "a.json"
    write_export(world, source)
    output = run("import", str(source), "--slug", "zweite")
    assert "„zweite“" in output
    assert Cooperation.objects.get(slug="zweite").name == world.cooperation.name


def test_import_from_stdin(world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = export_cooperation(cooperation=world.cooperation)
    data["cooperation"]["slug"] = "von-stdin"
    fake_stdin = io.TextIOWrapper(io.BytesIO(json.dumps(data).encode("utf-8")))
    monkeypatch.setattr(sys, "stdin", fake_stdin)
    run("import", "-")
    assert Cooperation.objects.filter(slug="von-stdin").exists()


def test_import_of_an_existing_slug_fails_and_writes_nothing(world: World, tmp_path: Path) -> None:
    source = tmp_path / "a.json"
    write_export(world, source)
    before = row_counts()
    with pytest.raises(CommandError) as error:
        run("import", str(source))
    assert "Import abgebrochen, es wurde nichts gespeichert." in str(error.value)
    assert f"Kurznamen „{world.cooperation.slug}“ gibt es bereits" in str(error.value)
    assert error.value.returncode == 1
    assert row_counts() == before


def test_import_of_a_missing_file(db: None, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="gibt es nicht"):
        run("import", str(tmp_path / "fehlt.json"))


def test_broken_import_exits_with_code_1_and_a_german_message(
    world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "kaputt.json"
    data = write_export(world, source, slug="kaputt")
    data["structure"]["memberships"][0]["body"] = 99
    source.write_text(json.dumps(data), encoding="utf-8")
    before = row_counts()

    # run_from_argv closes every database connection on its way out; on PostgreSQL that
    # would be the test's own connection, so it is kept open here.
    with (
        mock.patch("django.core.management.base.connections.close_all"),
        pytest.raises(SystemExit) as exit_info,
    ):
        ManagementUtility(["ikz", "import", str(source), "--skip-checks"]).execute()

    assert exit_info.value.code == 1
    stderr = capsys.readouterr().err
    assert "Import abgebrochen" in stderr
    assert "structure.memberships[0].body: Gremium 99 ist in der Datei nicht enthalten." in stderr
    assert "Traceback" not in stderr
    assert row_counts() == before
