"""/healthz, the 503 answer to a busy database, maintenance mode, JSON logs."""

from __future__ import annotations

import io
import json
import logging
from pathlib import Path
from typing import Any

import pytest
from django.db import OperationalError
from django.test import Client, override_settings

from ikz.cooperation.models import Municipality
from ikz.operations import maintenance
from ikz.operations.busy import is_busy_error
from ikz.operations.logs import JsonFormatter
from tests.conftest import World, client_for


@pytest.mark.parametrize("role", ["anonymous", "outsider", "member", "coordinator"])
def test_healthz_answers_everyone_without_a_session(world: World, role: str) -> None:
    user = None if role == "anonymous" else getattr(world, role)
    response = client_for(user).get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_reports_a_broken_database(db: None, monkeypatch: pytest.MonkeyPatch) -> None:
    from ikz.operations import views

    class Broken:
        def cursor(self) -> Any:
            raise OperationalError("unable to open database file")

    monkeypatch.setattr(views, "connection", Broken())
    response = Client().get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "error"


def test_healthz_refuses_writes(db: None) -> None:
    assert Client().post("/healthz").status_code == 405


@pytest.mark.parametrize(
    ("error", "busy"),
    [
        (OperationalError("database is locked"), True),
        (OperationalError("database table is locked"), True),
        (OperationalError("no such table: x"), False),
        (ValueError("database is locked"), False),
    ],
)
def test_is_busy_error(error: Exception, busy: bool) -> None:
    assert is_busy_error(error) is busy


def test_a_lock_timeout_answers_503_in_german_never_500(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ikz.cooperation import services

    def locked(**kwargs: Any) -> None:
        raise OperationalError("database is locked")

    monkeypatch.setattr(services, "municipality_save", locked)
    client = client_for(world.coordinator)
    client.raise_request_exception = False
    response = client.post(
        f"/{world.cooperation.slug}/kommunen/neu/",
        {"name": "Neudorf", "kind": "gemeinde", "ags": "14729555"},
    )
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    html = response.content.decode()
    assert '<html lang="de">' in html
    assert "gleich noch einmal" in html
    assert not Municipality.objects.filter(name="Neudorf").exists()


def test_other_errors_stay_500(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    from ikz.cooperation import services

    def broken(**kwargs: Any) -> None:
        raise OperationalError("no such column")

    monkeypatch.setattr(services, "municipality_save", broken)
    client = client_for(world.coordinator)
    client.raise_request_exception = False
    response = client.post(
        f"/{world.cooperation.slug}/kommunen/neu/",
        {"name": "Neudorf", "kind": "gemeinde", "ags": "14729555"},
    )
    assert response.status_code == 500


def test_maintenance_mode_refuses_writes_and_keeps_pages_readable(
    world: World, tmp_path: Path
) -> None:
    client = client_for(world.coordinator)
    url = f"/{world.cooperation.slug}/kommunen/neu/"
    with override_settings(DATA_DIR=tmp_path), maintenance.maintenance("Import"):
        assert (tmp_path / "maintenance").exists()
        response = client.post(url, {"name": "Neudorf", "kind": "gemeinde", "ags": "14729555"})
        assert response.status_code == 503
        assert "Gerade werden Daten eingespielt" in response.content.decode()
        assert client.get(f"/{world.cooperation.slug}/kommunen/").status_code == 200
    assert not (tmp_path / "maintenance").exists()
    with override_settings(DATA_DIR=tmp_path):
        response = client.post(url, {"name": "Neudorf", "kind": "gemeinde", "ags": "14729555"})
    assert response.status_code == 302


def test_json_log_lines() -> None:
    record = logging.LogRecord(
        "ikz.test", logging.WARNING, __file__, 1, "Hallo %s", ("Welt",), None
    )
    record.status_code = 503
    entry = json.loads(JsonFormatter().format(record))
    assert entry["level"] == "WARNING"
    assert entry["logger"] == "ikz.test"
    assert entry["message"] == "Hallo Welt"
    assert entry["status_code"] == 503
    assert entry["time"].endswith("+00:00")


def test_ikz_import_holds_the_site_in_maintenance_mode(
    world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib

    from django.core.management import call_command

    from ikz.exchange.services import dumps, export_cooperation

    command_module = importlib.import_module("ikz.exchange.management.commands.import")

    source = tmp_path / "a.json"
    source.write_text(dumps(export_cooperation(cooperation=world.cooperation)))
    seen: list[bool] = []
    original = command_module.import_cooperation

    def watching(**kwargs: Any) -> Any:
        seen.append(maintenance.is_active())
        return original(**kwargs)

    monkeypatch.setattr(command_module, "import_cooperation", watching)
    with override_settings(DATA_DIR=tmp_path):
        call_command("import", str(source), "--slug", "kopie", stdout=io.StringIO())
        assert not maintenance.is_active()
    # Only SQLite has the single write lock that the flag protects; PostgreSQL imports live.
    from django.db import connection

    assert seen == [connection.vendor == "sqlite"]


def test_a_flag_left_by_a_killed_import_is_stale(world: World, tmp_path: Path) -> None:
    import subprocess
    import sys

    finished = subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    (tmp_path / "maintenance").write_text(f"{finished.stdout.strip()} ikz import\n")
    with override_settings(DATA_DIR=tmp_path):
        assert not maintenance.is_active()
        assert not (tmp_path / "maintenance").exists()
        response = client_for(world.coordinator).post(
            f"/{world.cooperation.slug}/kommunen/neu/",
            {"name": "Neudorf", "kind": "gemeinde", "ags": "14729555"},
        )
    assert response.status_code == 302
