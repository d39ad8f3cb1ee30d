"""Fixtures for the browser tests: Playwright (sync API) driving Debian's chromium.

A test that also requests pytest-django's ``live_server`` (which brings ``transactional_db``)
gets a ``page`` whose base URL is the live server, so ``page.goto("/")`` works.
"""

from __future__ import annotations

import os
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Any

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM would then refuse
# synchronous queries (SynchronousOnlyOperation) in test code and fixtures.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
# Only Debian's chromium is used: Playwright must never try to download a browser.
os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")

from playwright.sync_api import Browser, Page, sync_playwright

from .helpers import screenshot

CHROMIUM = Path(os.environ.get("IKZ_CHROMIUM", "/usr/bin/chromium"))
# As the machine's own probe starts it: without the networking flags chromium keeps trying
# to reach Google's hosts, which this closed network refuses.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
E2E_DIR = Path(__file__).resolve().parent


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test in this folder is an e2e test, even if it forgot the marker."""
    for item in items:
        if E2E_DIR in item.path.parents:
            item.add_marker(pytest.mark.e2e)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    # Remember the outcome of each phase so that `page` can screenshot a failed test.
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.is_file():
        message = f"{CHROMIUM} is missing: `make test` installs Debian's chromium (apt-get)."
        if _in_ci():
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    options: dict[str, Any] = {
        "locale": "de-DE",
        "timezone_id": "Europe/Berlin",
        "viewport": {"width": 1280, "height": 900},
    }
    if "live_server" in request.fixturenames:
        options["base_url"] = request.getfixturevalue("live_server").url
    context = browser.new_context(**options)
    # Fail in 10 s rather than Playwright's 30 s: pages here are local and small.
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        yield page
    finally:
        report = getattr(request.node, "rep_call", None)
        if report is not None and report.failed:
            try:
                path = screenshot(page, f"failed-{request.node.name}")
                print(f"Screenshot of the failed test: {path}")
            except Exception as error:  # the page may be gone; the test failure matters more
                print(f"No screenshot of the failed test: {error}")
        context.close()
