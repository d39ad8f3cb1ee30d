"""The December 2019 report in a real browser: create, hide a point, publish, read it as public."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from ikz.demo.loader import DemoResult
from ikz.demo.logins import COORDINATOR_LOGIN
from ikz.reports.models import ReportVersion

from .axe import assert_no_serious_axe_violations
from .helpers import fresh_demo
from .test_foundation_e2e import log_in

pytestmark = pytest.mark.e2e


@pytest.fixture
def demo(transactional_db: None) -> DemoResult:
    return fresh_demo()


def test_coordinator_publishes_the_december_report(
    live_server: LiveServer, page: Page, demo: DemoResult, browser: Browser
) -> None:
    log_in(page, COORDINATOR_LOGIN.username, COORDINATOR_LOGIN.password)
    page.goto("/partheland/berichte/neu/")
    # A typed period wins over the preset chosen by default.
    page.locator("#id_period").fill("2019-12")
    page.get_by_label("öffentlich").check()
    page.get_by_role("button", name="Speichern").click()
    expect(page).to_have_url(re.compile(r"/berichte/\d+/$"))
    expect(page.get_by_role("heading", name="Projektstatus im Monat Dezember 2019")).to_be_visible()
    expect(
        page.get_by_role("heading", name=re.compile("18.12.2019 — Strategiewerkstatt"))
    ).to_be_visible()
    assert_no_serious_axe_violations(page)

    page.get_by_label("Einleitung").fill("Der Dezember im Überblick.")
    page.get_by_role("button", name="Texte speichern").click()
    expect(page.get_by_text("Der Dezember im Überblick.").first).to_be_visible()

    page.get_by_role("button", name="Jetzt veröffentlichen").click()
    expect(page).to_have_url(re.compile(r"/berichte/\d+/v1/$"))
    version = ReportVersion.objects.get()
    assert b"Teilnehmer: B" in version.data("md")

    public = browser.new_page(base_url=live_server.url)
    public.goto("/partheland/")
    public.get_by_role("link", name=re.compile("Statusbericht Dezember")).first.click()
    expect(public.get_by_role("heading", level=1, name="Statusbericht Dezember")).to_be_visible()
    expect(public.get_by_text("Der Dezember im Überblick.")).to_be_visible()
    assert_no_serious_axe_violations(public)
    public.close()
