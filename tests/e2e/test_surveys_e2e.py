"""A member answers the Bauhof survey in a real browser; the coordinator sees the evaluation.
Survey, answer and evaluation pages are checked with axe-core."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import FilePayload, Page, expect

from ikz.demo.loader import DemoResult
from ikz.demo.logins import COORDINATOR_LOGIN, MEMBER_LOGIN
from ikz.surveys import services
from ikz.surveys.models import Response, Survey

from .axe import assert_no_serious_axe_violations
from .helpers import fresh_demo, screenshot
from .test_foundation_e2e import log_in

pytestmark = pytest.mark.e2e


@pytest.fixture
def demo(transactional_db: None) -> DemoResult:
    return fresh_demo()


@pytest.fixture
def survey(demo: DemoResult) -> Survey:
    body = demo.cooperation.bodies.get(name="AG Bauhof")
    survey = services.survey_from_builtin(
        cooperation=demo.cooperation,
        key="bauhof",
        fields={
            "title": "Kennzahlenabfrage Bauhof 2020",
            "deadline": dt.date(2030, 3, 31),
            "body": body,
            "evaluation_visibility": Survey.Visibility.ANONYMISED,
        },
    )
    return services.survey_open(survey=survey)


NUMBERS = {
    "Anzahl Beschäftigte Bauhof": "11",
    "Vollzeitäquivalente Bauhof": "10,5",
    "Straßennetz in km": "52,3",
    "Zu pflegende Grünflächen": "31",
    "Im Winterdienst betreute Strecke": "47",
    "Personalkosten Bauhof": "452.000",
    "Kosten Winterdienst": "96.000",
    "Kosten Grünpflege": "118.000",
}


def test_member_answers_and_coordinator_evaluates(
    live_server: object, page: Page, demo: DemoResult, survey: Survey
) -> None:
    log_in(page, MEMBER_LOGIN.username, MEMBER_LOGIN.password)
    page.goto("/partheland/")
    expect(page.get_by_role("heading", name="Offene Umfragen")).to_be_visible()
    page.get_by_role("link", name="Umfragen", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Umfragen")
    assert_no_serious_axe_violations(page)
    page.get_by_role("link", name="Kennzahlenabfrage Bauhof 2020").click()
    assert_no_serious_axe_violations(page)
    screenshot(page, "surveys-detail-member")
    page.get_by_role("link", name="Jetzt beantworten").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kennzahlenabfrage Bauhof 2020")
    expect(page.get_by_text("Antwort der Kommune Borsdorf")).to_be_visible()
    assert_no_serious_axe_violations(page)

    # A wrong number is refused with a German message, the input stays.
    page.get_by_label("Anzahl Beschäftigte Bauhof").fill("elf")
    page.get_by_role("button", name="Entwurf speichern").click()
    expect(page.get_by_text("„elf“ ist keine Zahl")).to_be_visible()
    expect(page.get_by_label("Anzahl Beschäftigte Bauhof")).to_have_value("elf")
    assert_no_serious_axe_violations(page)

    for label, value in NUMBERS.items():
        page.get_by_label(label, exact=True).fill(value)
    page.get_by_label("Traktor: Anzahl").fill("1")
    page.get_by_role("group", name=re.compile("Maschinen mit anderen Kommunen")).get_by_label(
        "Ja"
    ).check()
    page.get_by_label("vollständig durch den Bauhof").check()
    page.get_by_label("Hubsteiger").check()
    page.get_by_role("button", name="Entwurf speichern").click()  # htmx: the form only
    expect(page.get_by_text("Entwurf gespeichert.")).to_be_visible()
    expect(page.get_by_label("Personalkosten Bauhof")).to_have_value("452.000")
    screenshot(page, "surveys-answer-member")
    page.get_by_role("button", name="Abgeben").click()
    expect(page.get_by_text("Die Antwort von Borsdorf ist abgegeben.")).to_be_visible()
    expect(page.get_by_text("Änderungen sind nur möglich, wenn die Koordination")).to_be_visible()
    response = Response.objects.get(survey=survey, municipality__name="Borsdorf")
    assert response.status == Response.Status.SUBMITTED
    assert response.data[str(survey.questions.get(key="kosten_personal").pk)] == 452000
    assert response.data[str(survey.questions.get(key="vollzeit").pk)] == 10.5

    page.get_by_role("button", name="Abmelden").click()
    log_in(page, COORDINATOR_LOGIN.username, COORDINATOR_LOGIN.password)
    page.goto(f"/partheland/umfragen/{survey.pk}/")
    expect(page.get_by_text("1 abgegeben")).to_be_visible()
    assert_no_serious_axe_violations(page)
    screenshot(page, "surveys-detail-coordinator")
    page.get_by_role("link", name="Auswertung", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Auswertung")
    expect(page.get_by_text("1 von 7 Kommunen haben abgegeben")).to_be_visible()
    assert_no_serious_axe_violations(page)

    # The evaluated Kennzahlenabfrage 2019 of the demo: seven municipalities compared.
    evaluated = Survey.objects.get(
        cooperation=demo.cooperation, title="Kennzahlenabfrage Bauhof 2019"
    )
    page.goto(f"/partheland/umfragen/{evaluated.pk}/auswertung/")
    expect(page.get_by_text("7 von 7 Kommunen haben abgegeben")).to_be_visible()
    assert_no_serious_axe_violations(page)
    screenshot(page, "surveys-evaluation")
    page.get_by_role("link", name="Kosten Winterdienst je km Straße").click()
    expect(page.get_by_role("img", name=re.compile("Balkendiagramm"))).to_be_visible()
    expect(page.get_by_role("table").filter(has_text="Rang")).to_contain_text("Brandis")
    assert_no_serious_axe_violations(page)
    screenshot(page, "surveys-figure")
    page.goto(f"/partheland/umfragen/{evaluated.pk}/auswertung/beschaeftigte/?bezug=einwohner")
    expect(page.get_by_role("cell", name=re.compile(r"^\d+,\d\d$")).first).to_be_visible()
    assert_no_serious_axe_violations(page)


def test_builder_and_import_pages_pass_axe(
    live_server: object, page: Page, demo: DemoResult, survey: Survey
) -> None:
    log_in(page, COORDINATOR_LOGIN.username, COORDINATOR_LOGIN.password)
    page.goto("/partheland/umfragen/neu/")
    page.get_by_label("Fragen übernehmen aus").select_option(
        label="Mitgelieferte Vorlage: Kennzahlenabfrage Bauhof"
    )
    page.get_by_label("Frist").fill("31.05.2030")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_text("Umfrage „Kennzahlenabfrage Bauhof“ angelegt.")).to_be_visible()
    assert_no_serious_axe_violations(page)
    screenshot(page, "surveys-builder")
    table = Survey.objects.get(title="Kennzahlenabfrage Bauhof").questions.get(key="maschinen")
    page.locator(f"#frage-{table.pk}").get_by_role("link", name="Bearbeiten").click()
    expect(page.get_by_label("Tabellenspalten")).to_contain_text("Anzahl | Zahl | Stück")
    assert_no_serious_axe_violations(page)
    page.get_by_label("Tabellenspalten").fill("Anzahl | Farbe")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_text("die Art einer Spalte ist „Zahl“ oder „Text“")).to_be_visible()
    assert_no_serious_axe_violations(page)
    page.go_back()
    page.goto(f"/partheland/umfragen/{survey.pk}/kennzahlen/neu/")
    page.get_by_label("Bezeichnung").fill("Böse")
    page.get_by_label("Formel").fill("__import__('os')")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_text("Erlaubte Funktionen sind nur min, max und abs.")).to_be_visible()
    assert_no_serious_axe_violations(page)
    page.goto(f"/partheland/umfragen/{survey.pk}/import/")
    page.get_by_label("Tabelle (XLSX)").set_input_files(
        files=[
            FilePayload(
                name="kaputt.xlsx", mimeType="application/octet-stream", buffer=b"keine Tabelle"
            )
        ]
    )
    page.get_by_role("button", name="Prüfen und importieren").click()
    expect(page.get_by_text("nichts wurde importiert")).to_be_visible()
    assert_no_serious_axe_violations(page)


def test_member_sees_the_anonymised_evaluation(
    live_server: object, page: Page, demo: DemoResult
) -> None:
    evaluated = Survey.objects.get(
        cooperation=demo.cooperation, title="Kennzahlenabfrage Bauhof 2019"
    )
    log_in(page, MEMBER_LOGIN.username, MEMBER_LOGIN.password)
    page.goto(f"/partheland/umfragen/{evaluated.pk}/auswertung/strassen_km/?bezug=einwohner")
    table = page.get_by_role("table").filter(has_text="Rang")
    expect(table).to_contain_text("Borsdorf")
    expect(table).to_contain_text("Kommune ")
    expect(table).not_to_contain_text("Brandis")
    assert_no_serious_axe_violations(page)
    screenshot(page, "surveys-figure-member")
