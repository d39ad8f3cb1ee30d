"""Fixtures of the hardening tests: one freshly migrated SQLite file per test run."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
from pathlib import Path

import pytest


def _migrate(path: Path) -> None:
    """``ikz migrate`` on a new SQLite file at ``path``, the way an installation starts."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("IKZ_SQLITE", "DATABASE_URL"))}
    env.update(IKZ_DEV="1", IKZ_SQLITE_PATH=str(path), IKZ_DATA_DIR=str(path.parent))
    subprocess.run(  # noqa: S603 (our own interpreter and command)
        [sys.executable, "-m", "ikz.manage", "migrate", "--noinput", "-v0"],
        check=True,
        env=env,
        timeout=600,
    )


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    """A new SQLite file after ``ikz migrate``, migrated once for the whole run.

    Replaying the migrations takes half a minute of CPU; the migrations test compares its
    schema and the backup test starts an installation from a copy of it. The xdist workers
    of one run share the base temporary directory's parent: the first to arrive migrates
    under a lock, the others wait and use its file. Read it or copy it, never change it.
    """
    base = tmp_path_factory.getbasetemp()
    root = base if worker_id == "master" else base.parent
    target = root / "migrated" / "ikz.sqlite3"
    target.parent.mkdir(exist_ok=True)
    with (root / "migrated.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not target.is_file():
            scratch = root / "migrating" / "ikz.sqlite3"
            scratch.parent.mkdir(exist_ok=True)
            scratch.unlink(missing_ok=True)
            _migrate(scratch)
            scratch.replace(target)  # only a complete file under the shared name
    return target
