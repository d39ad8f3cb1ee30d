"""``ikz backup`` / ``ikz restore``: the demo survives a round trip, export byte for byte."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

IKZ = str(Path(sys.executable).parent / "ikz")


def run(data_dir: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("IKZ_SQLITE", "DATABASE_URL"))}
    env |= {"IKZ_DEV": "1", "IKZ_DATA_DIR": str(data_dir), "IKZ_FAST_PASSWORD_HASHER": "1"}
    return subprocess.run(  # noqa: S603 - our own console script
        [IKZ, *args], env=env, check=check, capture_output=True, text=True, timeout=600
    )


@pytest.fixture(scope="module")
def demo_backup(
    tmp_path_factory: pytest.TempPathFactory, migrated_sqlite: Path
) -> tuple[Path, Path, Path]:
    source = tmp_path_factory.mktemp("source")
    # A copy of the run's freshly migrated file (tests/hardening/conftest.py) is what
    # ``ikz migrate`` would leave in a new data directory: the installation to back up.
    shutil.copyfile(migrated_sqlite, source / "ikz.sqlite3")
    run(source, "demo")
    (source / "media" / "uploads").mkdir(parents=True)
    (source / "media" / "uploads" / "protokoll.pdf").write_bytes(b"%PDF-1.4 Beispiel")
    before = source / "before.json"
    run(source, "export", "partheland", "-o", str(before))
    backup = source / "ikz.tar.gz"
    result = run(source, "backup", "-o", str(backup))
    assert "Sicherung geschrieben" in result.stdout
    return source, backup, before


def test_backup_and_restore_round_trip(
    demo_backup: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    _source, backup, before = demo_backup
    target = tmp_path / "target"
    result = run(target, "restore", str(backup))
    assert "wiederhergestellt" in result.stdout
    after = tmp_path / "after.json"
    run(target, "export", "partheland", "-o", str(after))
    first, second = json.loads(before.read_text()), json.loads(after.read_text())
    first.pop("exported_at", None)
    second.pop("exported_at", None)
    assert first == second
    assert (target / "media" / "uploads" / "protokoll.pdf").read_bytes() == b"%PDF-1.4 Beispiel"


def test_the_archive_lists_checksums(demo_backup: tuple[Path, Path, Path]) -> None:
    _source, backup, _before = demo_backup
    with tarfile.open(backup) as archive:
        manifest = json.loads(archive.extractfile("manifest.json").read())  # type: ignore[union-attr]
        names = set(archive.getnames())
    assert manifest["format"] == "ikz-backup"
    assert manifest["engine"] == "sqlite"
    assert set(manifest["files"]) == {"database.sqlite3", "media/uploads/protokoll.pdf"}
    assert names == {"manifest.json", *manifest["files"]}
    assert "cooperation.0001_initial" in manifest["migrations"]


def test_restore_refuses_a_non_empty_installation(demo_backup: tuple[Path, Path, Path]) -> None:
    source, backup, _before = demo_backup
    result = run(source, "restore", str(backup), check=False)
    assert result.returncode != 0
    assert "Die Installation ist nicht leer" in result.stderr


def test_restore_refuses_a_damaged_file(
    demo_backup: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    _source, backup, _before = demo_backup
    damaged = tmp_path / "kaputt.tar.gz"
    with tarfile.open(backup) as original, tarfile.open(damaged, "w:gz") as copy:
        for member in original.getmembers():
            data = original.extractfile(member)
            if member.name == "media/uploads/protokoll.pdf":
                content = b"veraendert"
                member.size = len(content)
                copy.addfile(member, io.BytesIO(content))
            else:
                copy.addfile(member, data)
    result = run(tmp_path / "leer", "restore", str(damaged), check=False)
    assert result.returncode != 0
    assert "Prüfsumme" in result.stderr
    not_a_backup = tmp_path / "x.tar.gz"
    not_a_backup.write_bytes(b"kein archiv")
    result = run(tmp_path / "leer2", "restore", str(not_a_backup), check=False)
    assert "kein lesbares Sicherungsarchiv" in result.stderr
