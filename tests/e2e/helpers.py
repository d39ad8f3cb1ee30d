"""Small helpers for browser tests."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection
from playwright.sync_api import Page

from ikz.demo.loader import DemoResult, demo_cooperation, load_demo
from ikz.demo.logins import LOGINS

REPO_ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT_DIR = REPO_ROOT / "var" / "screenshots"


def screenshot(page: Page, name: str, *, full_page: bool = True) -> Path:
    """Save the page as var/screenshots/NAME.png and return the path (handy for looking)."""
    safe_name = re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("_") or "page"
    path = SCREENSHOT_DIR / f"{safe_name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=full_page)
    return path


# One copy of the database with the demo per test process (SQLite), see ``fresh_demo``.
_DEMO_SNAPSHOT: list[sqlite3.Connection] = []


def fresh_demo() -> DemoResult:
    """The demo for a browser test, as ``load_demo()`` would leave it on the emptied database.

    A browser test runs against the live server, so its writes are committed and
    pytest-django empties every table after it (``transactional_db``): no rollback to share a
    load with. On SQLite the first call loads the demo and keeps a copy of the whole database
    (sqlite3's backup API, in memory); every later call writes that copy back over the
    database, every table at once, in milliseconds instead of a load of seconds. The copy is
    taken right after the load, before the test changes anything. Django's cache and the
    content types' cache are cleared: their entries may name rows of the previous test.
    Elsewhere (PostgreSQL does not run the browser tests in CI) it simply loads the demo.
    """
    if connection.vendor != "sqlite":
        return load_demo()
    connection.ensure_connection()
    live = connection.connection
    if not _DEMO_SNAPSHOT:
        result = load_demo()
        snapshot = sqlite3.connect(":memory:", check_same_thread=False)
        live.backup(snapshot)
        _DEMO_SNAPSHOT.append(snapshot)
        return result
    _DEMO_SNAPSHOT[0].backup(live)
    cache.clear()
    ContentType.objects.clear_cache()
    cooperation = demo_cooperation()
    assert cooperation is not None
    return DemoResult(cooperation=cooperation, logins=LOGINS)
