"""The branding in the browser: the coordinator saves a logo and an accent colour, and every
page of the cooperation (also the public portal) shows them, at 1280 and 390 px; the CSP lets
the stylesheet and the image load; axe-core finds nothing serious."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from ikz.accounts.models import CooperationRole, User
from ikz.cooperation.models import Cooperation
from tests.branding.test_branding import _png

from .axe import assert_no_serious_axe_violations
from .helpers import screenshot
from .test_foundation_e2e import log_in

pytestmark = pytest.mark.e2e
PASSWORD = "Leuchtturm-im-Nebel-2026"


@pytest.fixture
def coordinator(transactional_db: None, tmp_path: Path, settings: object) -> User:
    settings.MEDIA_ROOT = str(tmp_path / "media")  # type: ignore[attr-defined]
    cooperation = Cooperation.objects.create(name="Allianz Seenland", slug="seenland")
    Cooperation.objects.create(name="Verbund Heide", slug="heide")
    user = User.objects.create_user(
        "karla@example.org", "karla@example.org", PASSWORD, first_name="Karla", last_name="K"
    )
    CooperationRole.objects.create(user=user, cooperation=cooperation, role="coordinator")
    return user


def _nav_colours(page: Page) -> tuple[str, str]:
    background = page.evaluate(
        "getComputedStyle(document.querySelector('.ikz-nav')).backgroundColor"
    )
    text = page.evaluate("getComputedStyle(document.querySelector('.ikz-nav__list a')).color")
    return background, text


def _logo_loaded(page: Page) -> bool:
    return bool(
        page.evaluate(
            "(() => { const img = document.querySelector('.ikz-brand__logo');"
            " return !!img && img.complete && img.naturalWidth > 0; })()"
        )
    )


@pytest.mark.parametrize("width", [1280, 390])
def test_logo_and_colour_in_the_header_of_every_page(
    live_server: object,
    page: Page,
    browser: Browser,
    coordinator: User,
    tmp_path: Path,
    width: int,
) -> None:
    blocked: list[str] = []
    page.on(
        "console",
        lambda message: blocked.append(message.text)
        if "Content Security Policy" in message.text
        else None,
    )
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, "karla@example.org", PASSWORD)
    page.goto("/seenland/erscheinungsbild/")
    assert_no_serious_axe_violations(page)
    logo = tmp_path / "wappen.png"
    logo.write_bytes(_png())
    page.locator("input[name=accent]").fill("#ffd700")
    page.locator("input[name=logo]").set_input_files(str(logo))
    page.locator("input[name=logo_alt]").fill("Wappen der Allianz Seenland")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_text("Das Erscheinungsbild ist gespeichert.")).to_be_visible()
    assert_no_serious_axe_violations(page)

    for path in ("/seenland/", "/seenland/gremien/", "/seenland/einstellungen/"):
        page.goto(path)
        expect(page.get_by_role("img", name="Wappen der Allianz Seenland")).to_be_visible()
        assert _logo_loaded(page), path
        # Gold takes black text (21:1 would be black on white; here about 14:1).
        assert _nav_colours(page) == ("rgb(255, 215, 0)", "rgb(0, 0, 0)"), path
        assert_no_serious_axe_violations(page)
        overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1")
        assert not overflow, f"{path} is wider than {width} px"
    page.goto("/seenland/")
    screenshot(page, f"branding-header-{width}", full_page=False)

    # The public sees it too, on the portal; another cooperation shows nothing of it.
    visitor = browser.new_context(
        base_url=page.url.split("/seenland/")[0], viewport={"width": width, "height": 900}
    ).new_page()
    for path in ("/seenland/portal/", "/seenland/"):
        visitor.goto(path)
        expect(visitor.get_by_role("img", name="Wappen der Allianz Seenland")).to_be_visible()
        assert _logo_loaded(visitor), path
        assert_no_serious_axe_violations(visitor)
    visitor.goto("/seenland/portal/")
    screenshot(visitor, f"branding-portal-{width}", full_page=False)
    visitor.goto("/heide/")
    expect(visitor.get_by_role("heading", level=1)).to_be_visible()
    assert visitor.locator(".ikz-brand__logo").count() == 0
    assert _nav_colours(visitor)[0] != "rgb(255, 215, 0)"
    visitor.context.close()
    assert blocked == []
