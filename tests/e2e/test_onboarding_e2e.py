"""The whole start of a new cooperation in a real browser, mails read from Django's outbox:
operator → coordinator → mayor with two-factor log-in answering a survey. After the
superuser (``ikz createsuperuser``) nothing uses the admin or the shell."""

from __future__ import annotations

import base64
import re

import pytest
from django.core import mail
from django_otp.oath import totp
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from ikz.accounts.models import User
from ikz.surveys.models import Response

from .axe import assert_no_serious_axe_violations
from .helpers import screenshot
from .test_foundation_e2e import log_in

pytestmark = pytest.mark.e2e
PASSWORD = "Sonnenblume-am-Deich-2026"


@pytest.fixture
def operator(transactional_db: None) -> User:
    return User.objects.create_superuser("betrieb", "betrieb@example.org", PASSWORD)


def _link_in_mail(to: str) -> str:
    message = [m for m in mail.outbox if to in m.to][-1]
    match = re.search(r"https?://[^/\s]+(/konto/[^\s]+/)", str(message.body))
    assert match, message.body
    return match.group(1)


def _new_page(browser: Browser, live_server: LiveServer, width: int = 1280) -> Page:
    context = browser.new_context(
        base_url=live_server.url,
        locale="de-DE",
        timezone_id="Europe/Berlin",
        viewport={"width": width, "height": 900},
    )
    context.set_default_timeout(10_000)
    return context.new_page()


def _set_password(page: Page, link: str, given: str, family: str) -> None:
    page.goto(link)
    page.get_by_label("Vorname").fill(given)
    page.get_by_label("Nachname").fill(family)
    page.get_by_label("Passwort", exact=True).fill(PASSWORD)
    page.get_by_label("Passwort wiederholen").fill(PASSWORD)
    assert_no_serious_axe_violations(page)
    page.get_by_role("button", name="Konto anlegen").click()
    expect(page.get_by_text("Ihr Konto ist angelegt.")).to_be_visible()


def test_operator_coordinator_and_mayor_start_a_cooperation(
    live_server: LiveServer, page: Page, browser: Browser, operator: User
) -> None:
    # --- The operator creates the cooperation and invites its coordinator.
    log_in(page, "betrieb", PASSWORD)
    page.get_by_role("link", name="Betrieb").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Plattformbetrieb")
    assert_no_serious_axe_violations(page)
    page.get_by_role("link", name="Kooperation anlegen").click()
    page.get_by_label("Name", exact=True).fill("Allianz Seenland")
    page.get_by_label("Kurzname in Adressen").fill("seenland")
    page.get_by_label("Region").fill("Landkreis Seeburg")
    page.get_by_label("Koordinierende Organisation").fill("Kommunalberatung Nord")
    page.get_by_label("E-Mail der ersten Koordinatorin").fill("koordination@example.org")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_text("Kooperation „Allianz Seenland“ angelegt.")).to_be_visible()
    expect(page.get_by_role("link", name="Allianz Seenland")).to_be_visible()
    screenshot(page, "onboarding-operations")
    page.get_by_role("button", name="Abmelden").click()

    # --- The coordinator sets a password, edits the settings, builds the structure.
    _set_password(page, _link_in_mail("koordination@example.org"), "Karla", "Koordina")
    page.get_by_role("link", name="Einstellungen").click()
    page.get_by_label("Beschreibung").fill("Fünf Gemeinden am See arbeiten zusammen.")
    page.get_by_label("Website").fill("https://seenland.example.org")
    assert_no_serious_axe_violations(page)
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_text("Einstellungen gespeichert.")).to_be_visible()
    for name, ags in (("Uferdorf", "15001001"), ("Schilfheim", "15001002")):
        page.goto("/seenland/kommunen/neu/")
        page.get_by_label("Name", exact=True).fill(name)
        page.get_by_label("Amtlicher Gemeindeschlüssel").fill(ags)
        page.get_by_role("button", name="Speichern").click()
        expect(page.get_by_text(f"Kommune „{name}“ gespeichert.")).to_be_visible()
    page.goto("/seenland/gremien/neu/")
    page.get_by_label("Name", exact=True).fill("Bürgermeisterrunde")
    page.get_by_label("Art").select_option(label="Lenkungsgremium")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_text("Gremium „Bürgermeisterrunde“ gespeichert.")).to_be_visible()
    page.goto("/seenland/personen/neu/")
    page.get_by_label("Vorname").fill("Maria")
    page.get_by_label("Nachname").fill("Seemann")
    page.get_by_label("E-Mail").fill("buergermeisterin@example.org")
    page.get_by_label("Kommune").select_option(label="Uferdorf")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_text("Person „Maria Seemann“ gespeichert.")).to_be_visible()
    page.get_by_role("link", name="Zugang einladen").click()
    expect(page.get_by_label("E-Mail-Adresse")).to_have_value("buergermeisterin@example.org")
    assert_no_serious_axe_violations(page)
    page.get_by_role("button", name="Einladung senden").click()
    expect(page.get_by_text("Einladung an buergermeisterin@example.org gesendet")).to_be_visible()
    expect(page.get_by_role("heading", name="Offene Einladungen")).to_be_visible()
    assert_no_serious_axe_violations(page)
    screenshot(page, "onboarding-access")
    # A survey for the municipalities, from a template shipped with the platform.
    page.goto("/seenland/umfragen/neu/")
    page.get_by_label("Fragen übernehmen aus").select_option(
        label="Mitgelieferte Vorlage: Abfrage zu Personal-Sharing und Ausbildung in den Kommunen"
    )
    page.get_by_label("Frist").fill("31.12.2030")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_text("angelegt.")).to_be_visible()
    page.get_by_role("button", name="Versenden").click()
    page.locator("dialog#ikz-confirm").get_by_role("button", name="Bestätigen").click()
    expect(page.get_by_role("button", name="Abschließen")).to_be_visible()
    page.get_by_role("button", name="Abmelden").click()

    # --- The mayor: password, TOTP, log-in with a code, the survey for Uferdorf.
    mayor = _new_page(browser, live_server, width=390)
    _set_password(mayor, _link_in_mail("buergermeisterin@example.org"), "Maria", "Seemann")
    mayor.goto("/konto/")
    assert_no_serious_axe_violations(mayor)
    mayor.get_by_role("link", name="Zwei-Faktor-Anmeldung").first.click()
    mayor.get_by_role("link", name="Einrichten").click()
    secret = mayor.locator("#totp-secret").inner_text().strip()
    key = base64.b32decode(secret)
    assert_no_serious_axe_violations(mayor)
    mayor.get_by_label("Code").fill("000000" if totp(key) != 0 else "111111")
    mayor.get_by_role("button", name="Bestätigen").click()
    expect(mayor.get_by_text("Der Code stimmt nicht")).to_be_visible()
    mayor.get_by_label("Code").fill(f"{totp(key):06d}")
    mayor.get_by_role("button", name="Bestätigen").click()
    expect(mayor.get_by_text("Zwei-Faktor-Anmeldung eingerichtet.")).to_be_visible()
    expect(
        mayor.get_by_role("list", name="Wiederherstellungscodes").get_by_role("listitem")
    ).to_have_count(10)
    assert_no_serious_axe_violations(mayor)
    screenshot(mayor, "onboarding-totp-390")
    mayor.get_by_role("button", name="Abmelden").click()
    mayor.goto("/konto/anmelden/")
    mayor.get_by_label("Benutzername").fill("buergermeisterin@example.org")
    mayor.get_by_label("Passwort", exact=True).fill(PASSWORD)
    mayor.get_by_role("button", name="Anmelden").click()
    expect(mayor.get_by_role("heading", name="Bestätigungscode")).to_be_visible()
    expect(mayor.get_by_text("Angemeldet als")).to_have_count(0)  # not logged in yet
    mayor.get_by_label("Code").fill(f"{totp(key, drift=1):06d}")
    mayor.get_by_role("button", name="Anmelden").click()
    expect(mayor.get_by_text("Angemeldet als")).to_be_visible()

    mayor.goto("/seenland/umfragen/")
    mayor.get_by_role("link", name=re.compile("Personal-Sharing")).first.click()
    mayor.get_by_role("link", name="Jetzt beantworten").click()
    expect(mayor.get_by_text("Antwort der Kommune Uferdorf")).to_be_visible()
    mayor.get_by_label("Bibliothek").check()
    mayor.get_by_label("beides").check()
    mayor.get_by_label("Derzeit unbesetzte Stellen in der Verwaltung").fill("2")
    mayor.get_by_label("Auszubildende in der Verwaltung").fill("3")
    for group in ("gemeinsamer Ausbildung", "gemeinsamen Plattform"):
        mayor.get_by_role("group", name=re.compile(group)).get_by_label("Ja").check()
    mayor.get_by_role("button", name="Abgeben").click()
    expect(mayor.get_by_text("Die Antwort von Uferdorf ist abgegeben.")).to_be_visible()
    screenshot(mayor, "onboarding-survey-390")
    response = Response.objects.get(municipality__name="Uferdorf")
    assert response.status == Response.Status.SUBMITTED
    assert response.submitted_by == User.objects.get(email="buergermeisterin@example.org")
    mayor.context.close()
