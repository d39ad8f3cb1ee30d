"""The foundation in a real browser: log in as the demo coordinator, create a body, find it in
the list; and an axe-core scan of the main pages (no serious or critical violations)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from ikz.cooperation.models import Body, Location, Municipality, Person
from ikz.demo.loader import DemoResult
from ikz.demo.logins import COORDINATOR_LOGIN

from .axe import axe_violations
from .helpers import fresh_demo, screenshot

pytestmark = pytest.mark.e2e


@pytest.fixture
def demo(transactional_db: None) -> DemoResult:
    return fresh_demo()


def log_in(page: Page, username: str, password: str) -> None:
    """Through the form, with the keyboard: type, Tab to the password, Enter submits."""
    page.goto("/konto/anmelden/")
    page.get_by_label("Benutzername").fill(username)
    page.keyboard.press("Tab")
    expect(page.get_by_label("Passwort", exact=True)).to_be_focused()
    page.keyboard.type(password)
    page.keyboard.press("Enter")
    expect(page.get_by_text("Angemeldet als")).to_be_visible()


def test_coordinator_creates_a_body_and_sees_it_listed(
    live_server: object, page: Page, demo: DemoResult
) -> None:
    log_in(page, COORDINATOR_LOGIN.username, COORDINATOR_LOGIN.password)
    expect(page).to_have_url(re.compile(r"/$"))
    page.get_by_role("link", name="Region Partheland").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Region Partheland")

    navigation = page.get_by_role("navigation", name="Hauptnavigation")
    navigation.get_by_role("link", name="Gremien").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gremien")
    page.get_by_role("link", name="Gremium anlegen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gremium anlegen")

    # First an invalid period: the form comes back with a German message and keeps the input.
    page.get_by_label("Name", exact=True).fill("AG Digitalisierung")
    page.get_by_label("Kurzname").fill("AG Digital")
    page.get_by_label("Art").select_option(label="Arbeitsgruppe")
    page.get_by_label("aktiv ab").fill("Jan. 2020")
    page.get_by_label("aktiv bis").fill("12/2019")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_text("„aktiv bis“ kann nicht vor „aktiv ab“ liegen.")).to_be_visible()
    expect(page.get_by_label("Name", exact=True)).to_have_value("AG Digitalisierung")
    expect(page.get_by_label("aktiv bis")).to_have_value("12/2019")

    # Corrected with the keyboard only: focus the field, clear it, submit with Enter.
    page.get_by_label("aktiv bis").focus()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.get_by_label("Kurzname").focus()
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("AG Digitalisierung")
    expect(page.get_by_text("Gremium „AG Digitalisierung“ gespeichert.")).to_be_visible()
    expect(page.get_by_text("seit 01/2020")).to_be_visible()

    page.get_by_role("navigation", name="Brotkrümelnavigation").get_by_role(
        "link", name="Gremien"
    ).click()
    row = page.get_by_role("row").filter(has_text="AG Digitalisierung")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Arbeitsgruppe")
    expect(row).to_contain_text("intern")
    expect(row).to_contain_text("seit 01/2020")
    screenshot(page, "foundation-body-list-after-create")

    body = Body.objects.get(cooperation=demo.cooperation, name="AG Digitalisierung")
    assert body.kind == Body.Kind.WORKING_GROUP
    assert str(body.active_from_date) == "01/2020"
    assert body.active_until is None


# --- Accessibility -------------------------------------------------------------------------


def coordinator_pages(demo: DemoResult) -> dict[str, str]:
    cooperation = demo.cooperation
    slug = cooperation.slug
    municipality = Municipality.objects.filter(cooperation=cooperation).order_by("name")[0]
    body = Body.objects.get(cooperation=cooperation, name="AG Bauhof")
    person = Person.objects.filter(cooperation=cooperation, memberships__isnull=False)[0]
    location = Location.objects.filter(cooperation=cooperation).order_by("name")[0]
    return {
        "start": "/",
        "dashboard": f"/{slug}/",
        "municipality-list": f"/{slug}/kommunen/",
        "municipality-detail": f"/{slug}/kommunen/{municipality.pk}/",
        "body-list": f"/{slug}/gremien/",
        "body-detail": f"/{slug}/gremien/{body.pk}/",
        "person-list": f"/{slug}/personen/",
        "person-detail": f"/{slug}/personen/{person.pk}/",
        "location-list": f"/{slug}/orte/",
        "location-detail": f"/{slug}/orte/{location.pk}/",
        "person-form": f"/{slug}/personen/neu/",
        "membership-form": f"/{slug}/gremien/{body.pk}/mitglieder/neu/",
        "delete-confirmation": f"/{slug}/orte/{location.pk}/loeschen/",
        "accessibility-statement": "/barrierefreiheit/",
    }


def anonymous_pages(demo: DemoResult) -> dict[str, str]:
    cooperation = demo.cooperation
    slug = cooperation.slug
    municipality = Municipality.objects.filter(cooperation=cooperation).order_by("name")[0]
    body = Body.objects.filter(cooperation=cooperation, is_public=True).order_by("name")[0]
    return {
        "start": "/",
        "dashboard": f"/{slug}/",
        "municipality-list": f"/{slug}/kommunen/",
        "municipality-detail": f"/{slug}/kommunen/{municipality.pk}/",
        "body-list": f"/{slug}/gremien/",
        "body-detail-public": f"/{slug}/gremien/{body.pk}/",
        "login": "/konto/anmelden/",
        "password-reset": "/konto/passwort-vergessen/",
        "accessibility-statement": "/barrierefreiheit/",
        "not-found": "/gibt-es-nicht/",
    }


def scan(page: Page, name: str, problems: list[str], *, full_page: bool = True) -> None:
    blocking = [v for v in axe_violations(page) if v["impact"] in {"serious", "critical"}]
    for violation in blocking:
        targets = ", ".join(violation["targets"][:3])
        problems.append(
            f"{name} ({page.url}): {violation['id']} [{violation['impact']}] "
            f"{violation['help']} -> {targets}"
        )
    screenshot(page, f"foundation-{name}", full_page=full_page)


def scan_all(page: Page, pages: dict[str, str], prefix: str) -> list[str]:
    problems: list[str] = []
    for name, url in pages.items():
        response = page.goto(url)
        assert response is not None
        expected = 404 if name == "not-found" else 200
        assert response.status == expected, f"{url}: {response.status}"
        scan(page, f"{prefix}-{name}", problems)
    return problems


def test_axe_pages_as_coordinator(live_server: object, page: Page, demo: DemoResult) -> None:
    log_in(page, COORDINATOR_LOGIN.username, COORDINATOR_LOGIN.password)
    problems = scan_all(page, coordinator_pages(demo), "coordinator")

    # A create form with its validation errors shown.
    page.goto(f"/{demo.cooperation.slug}/kommunen/neu/")
    page.get_by_label("Amtlicher Gemeindeschlüssel (AGS)").fill("1472")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_text("besteht aus genau 8 Ziffern")).to_be_visible()
    expect(page.get_by_text("Dieses Feld ist zwingend erforderlich.")).to_be_visible()
    scan(page, "coordinator-municipality-form-errors", problems)

    # The narrow layout, as on a phone.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"/{demo.cooperation.slug}/kommunen/")
    scan(page, "coordinator-municipality-list-narrow", problems, full_page=False)
    assert not problems, "\n".join(problems)


def test_axe_pages_anonymous(live_server: object, page: Page, demo: DemoResult) -> None:
    problems = scan_all(page, anonymous_pages(demo), "anonymous")

    page.goto("/konto/anmelden/")
    page.get_by_role("button", name="Anmelden").click()
    expect(page.get_by_text("Dieses Feld ist zwingend erforderlich.").first).to_be_visible()
    scan(page, "anonymous-login-errors", problems)
    assert not problems, "\n".join(problems)


def test_skip_link_and_keyboard_focus(live_server: object, page: Page, demo: DemoResult) -> None:
    page.goto(f"/{demo.cooperation.slug}/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Zum Inhalt springen")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main#inhalt")).to_be_focused()
