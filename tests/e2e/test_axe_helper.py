"""Self-test of the axe helper: it must catch a real violation, pass a clean page, and work
under the app's strict Content-Security-Policy."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, Route

from .axe import assert_no_serious_axe_violations

pytestmark = pytest.mark.e2e

CLEAN_PAGE = """<!doctype html>
<html lang="de">
<head><meta charset="utf-8"><title>Sauber</title></head>
<body><main><h1>Übersicht</h1><p>Alles in Ordnung.</p>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="Ein Punkt"></main></body>
</html>"""

IMG_WITHOUT_ALT = CLEAN_PAGE.replace(' alt="Ein Punkt"', "")
# The app's policy (settings.CONTENT_SECURITY_POLICY): own origin only, no inline script.
STRICT_CSP = "default-src 'self'; script-src 'self'; img-src 'self' data:; object-src 'none'"


def test_clean_page_passes(page: Page) -> None:
    page.set_content(CLEAN_PAGE)
    assert_no_serious_axe_violations(page)


def test_image_without_alt_fails(page: Page) -> None:
    page.set_content(IMG_WITHOUT_ALT)
    with pytest.raises(AssertionError, match=r"image-alt \[critical\].*img"):
        assert_no_serious_axe_violations(page)


@pytest.mark.parametrize(("html", "finds"), [(CLEAN_PAGE, False), (IMG_WITHOUT_ALT, True)])
def test_works_under_strict_csp(page: Page, html: str, finds: bool) -> None:
    def serve(route: Route) -> None:
        route.fulfill(
            status=200,
            content_type="text/html; charset=utf-8",
            headers={"Content-Security-Policy": STRICT_CSP},
            body=html,
        )

    # Served by Playwright itself: nothing leaves the browser.
    page.route("http://ikz.test/**", serve)
    page.goto("http://ikz.test/")
    # Prove that the policy is in force: an inline script must not run.
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.inlineRan = true'; document.head.append(s); }"
    )
    assert page.evaluate("window.inlineRan === undefined")
    if finds:
        with pytest.raises(AssertionError, match="image-alt"):
            assert_no_serious_axe_violations(page)
    else:
        assert_no_serious_axe_violations(page)
