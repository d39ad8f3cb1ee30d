"""Small helpers for browser tests."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Page

REPO_ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT_DIR = REPO_ROOT / "var" / "screenshots"


def screenshot(page: Page, name: str, *, full_page: bool = True) -> Path:
    """Save the page as var/screenshots/NAME.png and return the path (handy for looking)."""
    safe_name = re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("_") or "page"
    path = SCREENSHOT_DIR / f"{safe_name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=full_page)
    return path
