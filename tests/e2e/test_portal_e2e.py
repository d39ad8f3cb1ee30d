"""The portal as a citizen sees it: from the landing page to a published report's PDF, every
portal page without serious axe violations, at desktop width and at 390 px."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import Page, expect

from ikz.demo.loader import DemoResult
from ikz.reports import services as report_services

from .axe import assert_no_serious_axe_violations
from .helpers import fresh_demo, screenshot

pytestmark = pytest.mark.e2e

PAGES = [
    "",
    "ziele/",
    "vorhaben/",
    "termine/",
    "gremien/",
    "berichte/",
    "offene-daten/",
    "impressum/",
    "suche/?q=Grosspoesna",
]


@pytest.fixture
def demo(transactional_db: None) -> DemoResult:
    result = fresh_demo()
    report = report_services.report_create(
        cooperation=result.cooperation,
        period_start=dt.date(2019, 12, 1),
        period_end=dt.date(2019, 12, 31),
        audience="public",
    )
    report_services.report_publish(report=report, issued_on=dt.date(2020, 1, 6))
    return result


def test_citizen_walks_from_the_landing_page_to_the_report_pdf(
    live_server: object, page: Page, demo: DemoResult
) -> None:
    page.goto("/partheland/portal/")
    expect(page.get_by_role("heading", level=1, name="Region Partheland")).to_be_visible()
    expect(page.get_by_role("heading", name="Öffentliche Gremien")).to_be_visible()
    page.get_by_role("navigation", name="Portalnavigation").get_by_role(
        "link", name="Berichte"
    ).click()
    expect(page.get_by_role("heading", level=1, name="Berichtsarchiv")).to_be_visible()
    page.get_by_role("link", name="Statusbericht Dezember", exact=True).click()
    expect(page.get_by_role("heading", level=1, name="Statusbericht Dezember")).to_be_visible()
    link = page.get_by_role("link", name="Bericht als PDF herunterladen")
    href = link.get_attribute("href")
    assert href is not None
    assert href.endswith("/v1/bericht.pdf")
    response = page.request.get(href)
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")


def test_portal_search_from_the_header(live_server: object, page: Page, demo: DemoResult) -> None:
    page.goto("/partheland/portal/")
    page.get_by_role("searchbox", name="Suchbegriffe").fill("Grosspoesna")
    page.get_by_role("button", name="Suchen").first.click()
    expect(page).to_have_url(re.compile(r"/portal/suche/\?q=Grosspoesna"))
    expect(page.locator("mark", has_text="Großpösna").first).to_be_visible()


@pytest.mark.parametrize("width", [1280, 390])
def test_portal_pages_pass_axe_and_fit(
    live_server: object, page: Page, demo: DemoResult, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    for path in PAGES:
        page.goto(f"/partheland/portal/{path}")
        assert_no_serious_axe_violations(page)
        overflow = page.evaluate("document.documentElement.scrollWidth")
        assert overflow <= width, f"{path} is {overflow}px wide at {width}px"
        screenshot(page, f"portal-{width}-{path or 'start'}")
    page.goto("/partheland/suche/?q=Bauhof")
    assert_no_serious_axe_violations(page)
