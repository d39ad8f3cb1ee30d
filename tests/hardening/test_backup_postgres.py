"""``ikz backup`` / ``ikz restore`` on PostgreSQL (pg_dump / pg_restore): back up the demo,
change data, restore into the emptied database, and the old data is back, export byte for byte.

Runs only against PostgreSQL (``make test-postgres``, scripts/with-postgres.sh); on SQLite the
round trip is covered by test_backup.py. The installation under test gets a database of its
own on the same server (the ``ikz`` role may create databases), not pytest's test database.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

IKZ = str(Path(sys.executable).parent / "ikz")
URL = os.environ.get("DATABASE_URL", "")

pytestmark = pytest.mark.skipif(
    not URL.startswith(("postgres://", "postgresql://")),
    reason="PostgreSQL only (make test-postgres)",
)


def _admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(URL, autocommit=True) as connection:
        connection.execute(sql)


def _recreate(name: str) -> None:
    _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    _admin(f'CREATE DATABASE "{name}"')


@pytest.fixture
def database() -> Iterator[str]:
    """A fresh, empty database on the test server; its DATABASE_URL."""
    name = f"ikz_backup_{secrets.token_hex(4)}"
    _admin(f'CREATE DATABASE "{name}"')
    parts = urlsplit(URL)
    yield urlunsplit(parts._replace(path=f"/{name}"))
    _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run(
    database_url: str, data_dir: Path, *args: str, check: bool = True
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("IKZ_SQLITE")}
    env |= {
        "IKZ_DEV": "1",
        "IKZ_DATA_DIR": str(data_dir),
        "IKZ_FAST_PASSWORD_HASHER": "1",
        "DATABASE_URL": database_url,
    }
    result = subprocess.run(  # noqa: S603 - our own console script
        [IKZ, *args], env=env, check=False, capture_output=True, text=True, timeout=900
    )
    if check:
        assert result.returncode == 0, f"ikz {' '.join(args)}: {result.stderr[-2000:]}"
    return result


def test_backup_change_restore_brings_the_old_data_back(database: str, tmp_path: Path) -> None:
    data = tmp_path / "data"
    run(database, data, "migrate", "--noinput")
    run(database, data, "demo")
    (data / "media" / "uploads").mkdir(parents=True)
    (data / "media" / "uploads" / "protokoll.pdf").write_bytes(b"%PDF-1.4 Beispiel")
    before = tmp_path / "before.json"
    run(database, data, "export", "partheland", "-o", str(before))
    backup = tmp_path / "ikz.tar.gz"
    result = run(database, data, "backup", "-o", str(backup))
    assert "Sicherung geschrieben" in result.stdout

    # Change data after the backup: it must not survive the restore.
    run(
        database,
        data,
        "shell",
        "-c",
        "from ikz.cooperation.models import Municipality; "
        "Municipality.objects.filter(pk=Municipality.objects.order_by('pk')[0].pk)"
        ".update(name='Nach der Sicherung')",
    )
    changed = tmp_path / "changed.json"
    run(database, data, "export", "partheland", "-o", str(changed))
    assert "Nach der Sicherung" in changed.read_text()

    # A non-empty installation is refused; an emptied one gets the backup.
    refused = run(database, data, "restore", str(backup), check=False)
    assert refused.returncode != 0
    assert "Die Installation ist nicht leer" in refused.stderr
    _recreate(urlsplit(database).path.lstrip("/"))
    shutil.rmtree(data / "media")
    result = run(database, data, "restore", str(backup))
    assert "wiederhergestellt" in result.stdout

    after = tmp_path / "after.json"
    run(database, data, "export", "partheland", "-o", str(after))
    first, second = json.loads(before.read_text()), json.loads(after.read_text())
    first.pop("exported_at", None)
    second.pop("exported_at", None)
    assert first == second
    assert "Nach der Sicherung" not in after.read_text()
    assert (data / "media" / "uploads" / "protokoll.pdf").read_bytes() == b"%PDF-1.4 Beispiel"
