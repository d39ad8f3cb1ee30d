"""Projects in a real browser: a decision in the minutes moves a project to "Konzept", which
then shows on the board and in the project's timeline with the link back to the meeting; and
axe-core finds no serious or critical violations on board, list, project and goals pages."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from ikz.demo.loader import DemoResult
from ikz.demo.logins import COORDINATOR_LOGIN
from ikz.meetings.models import Meeting
from ikz.projects.models import Project, StageChange

from .axe import assert_no_serious_axe_violations
from .helpers import fresh_demo, screenshot
from .test_foundation_e2e import log_in

pytestmark = pytest.mark.e2e


@pytest.fixture
def demo(transactional_db: None) -> DemoResult:
    return fresh_demo()


def test_decision_in_minutes_moves_project_to_concept(
    live_server: object, page: Page, demo: DemoResult
) -> None:
    slug = demo.cooperation.slug
    meeting = Meeting.objects.get(cooperation=demo.cooperation, body__name="AG Bauhof", number=2)
    log_in(page, COORDINATOR_LOGIN.username, COORDINATOR_LOGIN.password)
    page.goto(f"/{slug}/sitzungen/{meeting.pk}/")
    # Screen readers hear which point the link is for (visually hidden text).
    page.get_by_role(
        "link", name=re.compile(r"^Vorhaben verknüpfen\s*: gemeinsame Projekte:$")
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Protokollpunkt mit Vorhaben verknüpfen"
    )
    page.get_by_role("combobox", name=re.compile(r"^Vorhaben")).select_option(
        label="Klimaanpassungsstrategien"
    )
    page.get_by_role("combobox", name=re.compile(r"^Phase ändern")).select_option(label="Konzept")
    expect(page.get_by_label("Begründung")).to_have_value("gemeinsame Projekte:")
    page.get_by_label("Begründung").fill("Konzept für Gießmanagement und Pflanzungen erstellen")
    screenshot(page, "projects-point-link")
    page.get_by_role("button", name="Verknüpfen").click()
    expect(page.get_by_text("Phase jetzt „Konzept“")).to_be_visible()
    expect(page).to_have_url(re.compile(rf"/sitzungen/{meeting.pk}/#point-\d+$"))

    change = StageChange.objects.get(project__title="Klimaanpassungsstrategien", to_stage="concept")
    assert change.meeting_id == meeting.pk
    assert change.point is not None
    assert change.point.text == "gemeinsame Projekte:"

    navigation = page.get_by_role("navigation", name="Hauptnavigation")
    navigation.get_by_role("link", name="Vorhaben", exact=True).click()
    concept = page.get_by_role("region", name=re.compile(r"^Konzept"))
    card_link = concept.get_by_role("link", name="Klimaanpassungsstrategien", exact=True)
    expect(card_link).to_be_visible()
    screenshot(page, "projects-board")
    assert_no_serious_axe_violations(page)

    concept.get_by_role("link", name="Klimaanpassungsstrategien", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Klimaanpassungsstrategien")
    timeline = page.locator("#verlauf + p + ol")
    expect(timeline.get_by_text("Prüfung → Konzept")).to_be_visible()
    back = timeline.get_by_role("link", name="2. AG Bauhof (05.12.2019)").first
    expect(back).to_be_visible()
    screenshot(page, "projects-detail")
    assert_no_serious_axe_violations(page)
    back.click()
    expect(page).to_have_url(re.compile(rf"/sitzungen/{meeting.pk}/#point-\d+$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("2. AG Bauhof")


@pytest.mark.parametrize("role", ["coordinator", "anonymous"])
def test_axe_on_project_pages(live_server: object, page: Page, demo: DemoResult, role: str) -> None:
    slug = demo.cooperation.slug
    if role == "coordinator":
        log_in(page, COORDINATOR_LOGIN.username, COORDINATOR_LOGIN.password)
    library = Project.objects.get(cooperation=demo.cooperation, title="Bibliothek")
    for name, path in [
        ("board", f"/{slug}/vorhaben/"),
        ("list", f"/{slug}/vorhaben/liste/?sort=phase"),
        ("project", f"/{slug}/vorhaben/{library.pk}/"),
        ("goals", f"/{slug}/vorhaben/ziele/"),
        ("deadlines", f"/{slug}/vorhaben/fristen/"),
    ]:
        page.goto(path)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        screenshot(page, f"projects-{role}-{name}")
        assert_no_serious_axe_violations(page)


def test_keyboard_move_on_board(live_server: object, page: Page, demo: DemoResult) -> None:
    slug = demo.cooperation.slug
    log_in(page, COORDINATOR_LOGIN.username, COORDINATOR_LOGIN.password)
    page.goto(f"/{slug}/vorhaben/")
    page.get_by_role("link", name=re.compile(r"^Phase ändern\s*: Co-Working-Spaces$")).focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Phase ändern: Co-Working-Spaces")
    page.get_by_label("Neue Phase").select_option(label="Prüfung")
    page.get_by_label("Begründung").fill("Bedarf in den Kommunen prüfen")
    page.get_by_role("button", name="Speichern").click()
    assessment = page.get_by_role("region", name=re.compile(r"^Prüfung"))
    expect(assessment.get_by_role("link", name="Co-Working-Spaces", exact=True)).to_be_visible()
    assert Project.objects.get(title="Co-Working-Spaces").stage_changes.count() == 2
