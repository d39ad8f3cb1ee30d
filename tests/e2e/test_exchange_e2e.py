"""The "Datenaustausch" page in a real browser: reached by the keyboard from the page header,
free of axe violations, and its button downloads the export file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from ikz.demo.loader import DemoResult
from ikz.demo.logins import COORDINATOR_LOGIN

from .axe import axe_violations
from .helpers import fresh_demo, screenshot
from .test_foundation_e2e import log_in

pytestmark = pytest.mark.e2e


@pytest.fixture
def demo(transactional_db: None) -> DemoResult:
    return fresh_demo()


def test_coordinator_downloads_the_export(
    live_server: object, page: Page, demo: DemoResult, tmp_path: Path
) -> None:
    log_in(page, COORDINATOR_LOGIN.username, COORDINATOR_LOGIN.password)
    page.goto(f"/{demo.cooperation.slug}/")
    # A coordinator's tool: in the page header next to the account, not in the main navigation.
    link = page.get_by_role("banner").get_by_role("link", name="Datenaustausch")
    link.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Datenaustausch")

    blocking = [v for v in axe_violations(page) if v["impact"] in {"serious", "critical"}]
    screenshot(page, "exchange-page")
    assert not blocking, blocking

    button = page.get_by_role("link", name="Export herunterladen")
    button.focus()
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    download = info.value
    assert download.suggested_filename == f"partheland-{timezone.localdate().isoformat()}.json"
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["cooperation"]["name"] == "Region Partheland"
    assert len(data["structure"]["municipalities"]) == 7
