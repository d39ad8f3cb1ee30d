"""Backups of a running installation and their restore into an empty one.

A backup is one ``.tar.gz`` file:

- ``manifest.json``: format version, time, database engine, applied migrations and the
  SHA-256 of every other member;
- ``database.sqlite3`` (SQLite's online backup API: a consistent copy while the site runs) or
  ``database.pgdump`` (``pg_dump --format=custom``, one consistent snapshot);
- ``media/…``: the uploaded files (``MEDIA_ROOT``, by default ``IKZ_DATA_DIR/media``), if any.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection, connections
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT = "ikz-backup"
VERSION = 1
SQLITE_MEMBER = "database.sqlite3"
PG_MEMBER = "database.pgdump"
MEDIA_PREFIX = "media/"


class BackupError(Exception):
    """A backup or restore that cannot go on; the message is German and meant for the user."""


@dataclass(frozen=True)
class BackupSummary:
    path: Path
    engine: str
    files: int
    size: int


def media_root() -> Path:
    root = getattr(settings, "MEDIA_ROOT", "") or ""
    return Path(root) if str(root) else Path(settings.DATA_DIR) / "media"


def _engine() -> str:
    return "sqlite" if connection.vendor == "sqlite" else connection.vendor


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


def _pg_env() -> dict[str, str]:
    db: dict[str, Any] = dict(settings.DATABASES["default"])
    env = dict(os.environ)
    for key, name in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")):
        if db.get(key):
            env[name] = str(db[key])
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return env


def _dump_database(target: Path) -> str:
    engine = _engine()
    if engine == "sqlite":
        source = sqlite3.connect(str(settings.DATABASES["default"]["NAME"]))
        copy = sqlite3.connect(str(target))
        try:
            # Page by page with short pauses: writers go on while the copy is made.
            source.backup(copy, pages=256, sleep=0.005)
        finally:
            copy.close()
            source.close()
        return SQLITE_MEMBER
    if engine == "postgresql":
        name = str(settings.DATABASES["default"]["NAME"])
        command = ["pg_dump", "--format=custom", "--no-owner", f"--file={target}", name]
        _run(command, "pg_dump")
        return PG_MEMBER
    raise BackupError(f"Datenbank „{engine}“ wird von ikz backup nicht unterstützt.")


def _run(command: list[str], tool: str) -> None:
    try:
        subprocess.run(command, check=True, capture_output=True, env=_pg_env(), timeout=3600)  # noqa: S603
    except FileNotFoundError as error:
        raise BackupError(
            f"„{tool}“ wurde nicht gefunden. Bitte die PostgreSQL-Client-Programme installieren."
        ) from error
    except subprocess.CalledProcessError as error:
        detail = error.stderr.decode("utf-8", "replace").strip()
        raise BackupError(f"{tool} ist fehlgeschlagen: {detail}") from error


def create_backup(output: Path) -> BackupSummary:
    """Write a backup of the database and the uploaded files to ``output``."""
    output = output.resolve()
    with tempfile.TemporaryDirectory(prefix="ikz-backup-") as work:
        workdir = Path(work)
        member = _dump_database(workdir / "database")
        files: dict[str, str] = {member: _sha256(workdir / "database")}
        media = media_root()
        media_files = sorted(p for p in media.rglob("*") if p.is_file()) if media.is_dir() else []
        for path in media_files:
            files[MEDIA_PREFIX + path.relative_to(media).as_posix()] = _sha256(path)
        manifest = {
            "format": FORMAT,
            "version": VERSION,
            "created_at": timezone.now().isoformat(),
            "engine": _engine(),
            "migrations": sorted(
                f"{app}.{name}"
                for app, name in MigrationRecorder.Migration.objects.values_list("app", "name")
            ),
            "files": files,
        }
        partial = output.with_name(output.name + ".part")
        with tarfile.open(partial, "w:gz") as archive:
            data = json.dumps(manifest, indent=2, ensure_ascii=False).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size, info.mtime = len(data), int(time.time())
            archive.addfile(info, io.BytesIO(data))
            archive.add(workdir / "database", arcname=member)
            for path in media_files:
                archive.add(path, arcname=MEDIA_PREFIX + path.relative_to(media).as_posix())
        partial.replace(output)
    return BackupSummary(output, _engine(), len(files), output.stat().st_size)


def read_manifest(archive: tarfile.TarFile) -> dict[str, Any]:
    try:
        member = archive.extractfile("manifest.json")
    except KeyError:
        member = None
    if member is None:
        raise BackupError("Die Datei ist keine Sicherung von IKZ-Cockpit (manifest.json fehlt).")
    try:
        manifest = json.loads(member.read())
    except ValueError as error:
        raise BackupError("manifest.json der Sicherung ist beschädigt.") from error
    if manifest.get("format") != FORMAT or manifest.get("version") != VERSION:
        raise BackupError("Die Datei ist keine Sicherung im Format ikz-backup, Version 1.")
    return dict(manifest)


def _check_members(archive: tarfile.TarFile, manifest: dict[str, Any], target: Path) -> None:
    """Extract every listed member into ``target`` and compare its checksum."""
    expected: dict[str, str] = manifest["files"]
    names = {m.name for m in archive.getmembers() if m.isfile()} - {"manifest.json"}
    if names != set(expected):
        raise BackupError("Die Sicherung ist unvollständig oder enthält fremde Dateien.")
    for member in archive.getmembers():
        if member.name == "manifest.json" or not member.isfile():
            continue
        archive.extract(member, target, filter="data")
        if _sha256(target / member.name) != expected[member.name]:
            raise BackupError(f"Die Prüfsumme von „{member.name}“ stimmt nicht.")


def installation_is_empty() -> bool:
    """No tables, or tables without a single cooperation or user."""
    tables = set(connection.introspection.table_names())
    if not tables:
        return True
    from ikz.accounts.models import User
    from ikz.cooperation.models import Cooperation

    for model in (Cooperation, User):
        if model._meta.db_table in tables and model.objects.exists():
            return False
    return True


def restore_backup(path: Path) -> dict[str, Any]:
    """Check ``path`` and restore it into this (empty) installation."""
    if not path.is_file():
        raise BackupError(f"Die Datei „{path}“ gibt es nicht.")
    try:
        archive = tarfile.open(path, "r:gz")  # noqa: SIM115 - closed by the with below
    except (tarfile.TarError, OSError) as error:
        raise BackupError("Die Datei ist kein lesbares Sicherungsarchiv (.tar.gz).") from error
    with archive, tempfile.TemporaryDirectory(prefix="ikz-restore-") as work:
        manifest = read_manifest(archive)
        if manifest["engine"] != _engine():
            raise BackupError(
                f"Die Sicherung stammt aus {manifest['engine']}, diese Installation nutzt "
                f"{_engine()}. Übertragen Sie Daten zwischen Datenbanken mit ikz export/import."
            )
        if not installation_is_empty():
            raise BackupError(
                "Die Installation ist nicht leer. Stellen Sie die Sicherung in eine neue "
                "Installation (leeres IKZ_DATA_DIR bzw. leere Datenbank) wieder her."
            )
        media = media_root()
        if media.is_dir() and any(media.iterdir()):
            raise BackupError(f"Das Verzeichnis für hochgeladene Dateien „{media}“ ist nicht leer.")
        workdir = Path(work)
        _check_members(archive, manifest, workdir)
        if manifest["engine"] == "sqlite":
            _restore_sqlite(workdir / SQLITE_MEMBER)
        else:
            name = str(settings.DATABASES["default"]["NAME"])
            command = ["pg_restore", "--no-owner", "--clean", "--if-exists", f"--dbname={name}"]
            _run([*command, str(workdir / PG_MEMBER)], "pg_restore")
        source_media = workdir / "media"
        if source_media.is_dir():
            media.mkdir(parents=True, exist_ok=True)
            shutil.copytree(source_media, media, dirs_exist_ok=True)
    return manifest


def _restore_sqlite(source_path: Path) -> None:
    for alias in connections:
        connections[alias].close()
    target = str(settings.DATABASES["default"]["NAME"])
    Path(target).parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(str(source_path))
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)
    finally:
        copy.close()
        source.close()
