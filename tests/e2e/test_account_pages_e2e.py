"""The remaining new pages in the browser: axe-core finds nothing serious, also at 390 px."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from playwright.sync_api import Page, expect

from ikz.accounts.models import CooperationRole, User
from ikz.cooperation.models import Cooperation, Person

from .axe import assert_no_serious_axe_violations
from .helpers import screenshot
from .test_foundation_e2e import log_in

pytestmark = pytest.mark.e2e
PASSWORD = "Leuchtturm-im-Nebel-2026"


@pytest.fixture
def coordinator(transactional_db: None) -> User:
    cooperation = Cooperation.objects.create(name="Allianz Seenland", slug="seenland")
    user = User.objects.create_user(
        "karla@example.org", "karla@example.org", PASSWORD, first_name="Karla", last_name="K"
    )
    user.user_permissions.add(Permission.objects.get(codename="operate_platform"))
    CooperationRole.objects.create(user=user, cooperation=cooperation, role="coordinator")
    Person.objects.create(cooperation=cooperation, given_name="Karla", family_name="K", user=user)
    Person.objects.create(cooperation=cooperation, given_name="Maria", family_name="Seemann")
    return user


@pytest.mark.parametrize("width", [1280, 390])
def test_new_pages_pass_axe(live_server: object, page: Page, coordinator: User, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, "karla@example.org", PASSWORD)
    person = Person.objects.get(family_name="Seemann")
    for path in (
        "/betrieb/",
        "/betrieb/kooperationen/neu/",
        "/seenland/zugaenge/",
        "/seenland/zugaenge/einladen/",
        "/seenland/einstellungen/",
        f"/seenland/personen/{person.pk}/",
        f"/seenland/zugaenge/personen/{person.pk}/loeschen/",
        "/konto/",
        "/konto/name/",
        "/konto/e-mail/",
        "/konto/passwort/",
        "/konto/geraete/",
        "/konto/zwei-faktor/",
        "/konto/zwei-faktor/einrichten/",
        "/konto/kalender/",
        "/konto/benachrichtigungen/",
    ):
        page.goto(path)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert_no_serious_axe_violations(page)
        # Nothing runs off the side of a phone's screen.
        overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1")
        assert not overflow, f"{path} is wider than {width} px"
    page.goto("/seenland/zugaenge/einladen/")
    page.get_by_role("button", name="Einladung senden").click()
    expect(page.locator(".kern-error").first).to_be_visible()
    assert_no_serious_axe_violations(page)
    page.goto("/seenland/zugaenge/")
    screenshot(page, f"access-page-{width}")
    page.goto("/konto/geraete/")
    screenshot(page, f"account-sessions-{width}")
