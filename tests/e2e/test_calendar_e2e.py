"""Invitation and calendar subscription in a real browser, keyboard only, checked with axe."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import Page, expect

from ikz.demo.loader import DemoResult
from ikz.demo.logins import COORDINATOR_LOGIN, MEMBER_LOGIN
from ikz.meetings import feeds
from ikz.meetings.models import CalendarToken, Meeting

from .axe import assert_no_serious_axe_violations
from .helpers import fresh_demo
from .test_foundation_e2e import log_in

pytestmark = pytest.mark.e2e


@pytest.fixture
def demo(transactional_db: None) -> DemoResult:
    return fresh_demo()


def press_until_focused(page: Page, name: str, *, limit: int = 80) -> None:
    """Tab through the page until the link or button called ``name`` has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        label = page.evaluate("document.activeElement && document.activeElement.innerText")
        if label and label.strip() == name:
            return
    raise AssertionError(f"„{name}“ is not reachable with Tab")


def test_coordinator_invites_with_the_keyboard(
    live_server: object, page: Page, demo: DemoResult
) -> None:
    log_in(page, COORDINATOR_LOGIN.username, COORDINATOR_LOGIN.password)
    meeting = next(
        m
        for m in Meeting.objects.filter(cooperation=demo.cooperation).select_related("body")
        if m.heading == "5. Lenkungsgruppensitzung"
    )
    page.goto(f"/partheland/sitzungen/{meeting.pk}/")
    press_until_focused(page, "Einladung versenden")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Einladung versenden")
    subject = "Einladung: 5. Lenkungsgruppensitzung am 14.01.2020 in Großpösna"
    expect(page.get_by_text(subject)).to_be_visible()
    assert_no_serious_axe_violations(page)

    press_until_focused(page, "Einladung an 13 Personen versenden")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(rf"/sitzungen/{meeting.pk}/$"))
    expect(page.get_by_text("Die Einladung wird an 13 Personen versendet.")).to_be_visible()
    meeting.refresh_from_db()
    assert meeting.state == Meeting.State.INVITED


def test_member_subscribes_with_the_keyboard(
    live_server: object, page: Page, demo: DemoResult, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Feeds cover the last 12 months and the future; the demo's meetings are of 2019/2020.
    monkeypatch.setattr(feeds, "_today", lambda: dt.date(2020, 1, 1))
    log_in(page, MEMBER_LOGIN.username, MEMBER_LOGIN.password)
    page.goto("/partheland/kalender/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kalender abonnieren")
    assert_no_serious_axe_violations(page)
    press_until_focused(page, "Persönliche Kalenderadresse anlegen")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Ihre persönliche Kalenderadresse wurde angelegt.")).to_be_visible()
    token = CalendarToken.objects.get(user__username=MEMBER_LOGIN.username).token
    expect(page.get_by_label("Persönliche Kalenderadresse")).to_have_value(
        re.compile(rf"/partheland/kalender/privat/{token}\.ics$")
    )
    assert_no_serious_axe_violations(page)

    response = page.request.get(f"/partheland/kalender/privat/{token}.ics")
    assert response.status == 200
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    body = response.text()
    assert "SUMMARY:2. AG Bauhof" in body  # internal, but the member's body
    assert "SUMMARY:2. AG Verwaltung" not in body
