"""Agreements in a real browser: from a project, the coordinator creates an agreement, records
three partners' resolutions, the approval and the publication, sets a cost key and issues a
statement; axe-core finds no serious or critical violations on the new pages."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from ikz.agreements.models import Agreement, Statement
from ikz.demo.loader import DemoResult
from ikz.demo.logins import COORDINATOR_LOGIN, MEMBER_LOGIN
from ikz.projects.models import Project

from .axe import assert_no_serious_axe_violations
from .helpers import fresh_demo, screenshot
from .test_foundation_e2e import log_in

pytestmark = pytest.mark.e2e

PARTNERS = (
    ("Brandis", "12.03.2024", "SR 31/2024"),
    ("Machern", "18.03.2024", "GR 22/2024"),
    ("Belgershain", "25.03.2024", "GR 9/2024"),
)


@pytest.fixture
def demo(transactional_db: None) -> DemoResult:
    return fresh_demo()


def _label(text: str) -> re.Pattern[str]:
    return re.compile(rf"^{re.escape(text)}", re.IGNORECASE)


def _state(page: Page, state: str, day: str, **fields: str) -> None:
    page.get_by_role("link", name="Stand ändern").click()
    page.get_by_label(_label("Neuer Stand")).select_option(label=state)
    page.get_by_label(_label("Datum")).fill(day)
    for label, value in fields.items():
        page.get_by_label(_label(label)).fill(value)
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_text(f"Stand geändert: {state}.")).to_be_visible()


def test_agreement_from_project_to_issued_statement(
    live_server: object, page: Page, demo: DemoResult
) -> None:
    slug = demo.cooperation.slug
    project = Project.objects.get(cooperation=demo.cooperation, title="Bauhof-Standorte")
    log_in(page, COORDINATOR_LOGIN.username, COORDINATOR_LOGIN.password)
    page.goto(f"/{slug}/vorhaben/{project.pk}/")
    page.get_by_role("link", name="Vereinbarung zu diesem Vorhaben anlegen").click()
    expect(page.get_by_label(_label("Titel"))).to_have_value("Bauhof-Standorte")
    page.get_by_label(_label("Titel")).fill("Bauhof Brandis")
    page.get_by_label(_label("Aufgabe")).fill("Winterdienst und Grünpflege")
    page.get_by_label(_label("erfüllende Kommune")).select_option(label="Brandis")
    page.get_by_label(_label("Kündigungsfrist in Monaten")).fill("6")
    screenshot(page, "agreements-create")
    assert_no_serious_axe_violations(page)
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bauhof Brandis")
    agreement = Agreement.objects.get(cooperation=demo.cooperation, title="Bauhof Brandis")
    assert agreement.project_id == project.pk

    for name, day, number in PARTNERS:
        page.get_by_role("link", name="Partnerkommune hinzufügen").click()
        page.get_by_label(_label("Kommune")).select_option(label=name)
        page.get_by_label(_label("Ratsbeschluss am")).fill(day)
        page.get_by_label(_label("Beschlussnummer")).fill(number)
        page.get_by_label(_label("unterzeichnet am")).fill("15.04.2024")
        page.get_by_label(_label("wirksam ab")).fill(
            "01.07.2024" if name != "Belgershain" else "01.10.2024"
        )
        page.get_by_role("button", name="Speichern").click()
        expect(page.get_by_text(f"Partnerkommune {name} gespeichert.")).to_be_visible()

    _state(page, "Ratsbeschlüsse", "01.03.2024")
    _state(page, "unterzeichnet", "15.04.2024")
    _state(
        page,
        "genehmigt",
        "10.05.2024",
        **{"Genehmigung am": "10.05.2024", "Aktenzeichen der Rechtsaufsicht": "LDS 14-77/24"},
    )
    _state(
        page,
        "bekanntgemacht",
        "24.05.2024",
        **{"Bekanntmachung am": "24.05.2024", "Bekanntmachung in": "Amtsblatt Nr. 11/2024"},
    )
    _state(page, "wirksam", "01.07.2024")
    partners = page.get_by_role("table", name="Partnerkommunen mit ihren Daten")
    expect(partners.get_by_role("row")).to_have_count(4)
    expect(partners.get_by_role("row", name=re.compile("^Machern"))).to_contain_text(
        "18.03.2024 (GR 22/2024)"
    )
    expect(page.get_by_text("10.05.2024, Az. LDS 14-77/24")).to_be_visible()
    screenshot(page, "agreements-detail")
    assert_no_serious_axe_violations(page)

    page.get_by_role("link", name="Kostenschlüssel anlegen").click()
    page.get_by_label(_label("Bezeichnung")).fill("nach Einwohnern")
    page.get_by_label(_label("Komponente 1: Art")).select_option(label="nach Einwohnern")
    page.get_by_label(_label("Komponente 1: Gewicht in %")).fill("90")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_text("Die Gewichte ergeben zusammen 90,00 %, nicht 100 %.")).to_be_visible()
    screenshot(page, "agreements-key-refused")
    assert_no_serious_axe_violations(page)
    page.get_by_label(_label("Komponente 1: Gewicht in %")).fill("100")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_text("Kostenschlüssel „nach Einwohnern“ gespeichert.")).to_be_visible()

    page.get_by_role("link", name="Kostenabrechnung anlegen").click()
    page.get_by_label(_label("Jahr")).fill("2024")
    page.get_by_label(_label("Plan oder Ist")).select_option(label="Ist")
    page.get_by_label(_label("Gesamtkosten")).fill("30000")
    page.get_by_label(_label("Einnahmen aus Gebühren")).fill("1234,56")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kostenabrechnung 2024 (Ist)")
    page.get_by_role("button", name="Ausstellen (einfrieren)").click()
    expect(page.get_by_text("Kostenabrechnung ausgestellt und eingefroren.")).to_be_visible()
    expect(page.locator("[data-total]")).to_have_text("28.765,44 €")
    screenshot(page, "agreements-statement")
    assert_no_serious_axe_violations(page)
    statement = Statement.objects.get(agreement=agreement, year=2024)
    assert statement.is_issued
    rows = statement.snapshot["rows"]  # type: ignore[index]
    assert sum(row["cents"] for row in rows) == 2_876_544
    belgershain = next(row for row in rows if row["name"] == "Belgershain")
    assert belgershain["days"] == 92  # 01.10. to 31.12.

    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "agreements-statement-390")
    page.goto(f"/{slug}/vereinbarungen/")
    expect(page.get_by_role("link", name="Bauhof Brandis")).to_be_visible()
    screenshot(page, "agreements-list-390")
    assert_no_serious_axe_violations(page)


def test_member_reads_the_demo_statement(live_server: object, page: Page, demo: DemoResult) -> None:
    slug = demo.cooperation.slug
    log_in(page, MEMBER_LOGIN.username, MEMBER_LOGIN.password)  # Borsdorf: a partner
    page.goto(f"/{slug}/vereinbarungen/")
    page.get_by_role("link", name="Gewerbeamt Partheland").click()
    page.get_by_role("link", name=re.compile(r"^102\.800 €")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kostenabrechnung 2023 (Ist)")
    expect(page.locator('[data-municipality="Borsdorf"] [data-amount]')).to_have_text("34.900,62 €")
    expect(page.get_by_role("button", name="Ausstellen (einfrieren)")).to_have_count(0)
    screenshot(page, "agreements-member-statement")
    assert_no_serious_axe_violations(page)
