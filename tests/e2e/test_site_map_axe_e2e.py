"""axe-core (WCAG 2.1 A/AA) on the HTML pages of the site map (tests/site_map/), in every app:
every page the anonymous visitor may open, and every page of the coordinator that names no
object (overviews, lists, create forms). No serious or critical violation. The pages come from
the map, so a new page is scanned once it is listed there."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client, override_settings
from playwright.sync_api import Page

from tests.conftest import World
from tests.site_map import ENTRIES
from tests.site_map.crawl import address
from tests.site_map.scene import build_site

from .axe import axe_violations

pytestmark = pytest.mark.e2e


# Pages that are not ours to fix here, with the reason.
NOT_SCANNED = {
    # django-ninja's Swagger UI: no lang attribute, low contrast, nested controls (vendor page).
    "api:openapi-view": "third-party Swagger UI",
}


def _log_in(page: Page, client: Client, user: Any, base_url: str) -> None:
    # A session made by Django, handed to the browser: the log-in form has its own test.
    client.force_login(user)
    cookie = client.cookies["sessionid"].value
    page.context.add_cookies([{"name": "sessionid", "value": cookie, "url": base_url}])


@pytest.mark.parametrize("role", ["anonymous", "coordinator"])
def test_axe_on_every_page_of_the_site_map(
    live_server: Any, page: Page, world: World, tmp_path: Path, role: str
) -> None:
    with override_settings(MEDIA_ROOT=str(tmp_path)):
        site = build_site(world)
        client = Client()  # the same session: to leave out files before the browser sees them
        if role != "anonymous":
            _log_in(page, client, getattr(world, role), live_server.url)
        problems: list[str] = []
        scanned = 0
        for name, entry in sorted(ENTRIES.items()):
            if entry.get[role] != 200 or entry.auth != "session":
                continue
            if role == "coordinator" and entry.objects:
                continue  # CI time: the coordinator's overviews and forms, not every object
            if name in NOT_SCANNED:
                continue
            url = address(name, entry, site)
            answer = client.get(url)
            if not answer.get("Content-Type", "").startswith("text/html"):
                continue  # feeds, files, JSON: the browser would download them
            if b"<title" not in answer.content:
                continue  # an htmx fragment (a board column, a number): scanned in its page
            response = page.goto(url)
            assert response is not None
            assert response.status == 200, f"{name} {url}: {response.status}"
            scanned += 1
            for violation in axe_violations(page):
                if violation["impact"] in {"serious", "critical"}:
                    targets = ", ".join(violation["targets"][:3])
                    problems.append(
                        f"{name} ({url}): {violation['id']} [{violation['impact']}] "
                        f"{violation['help']} -> {targets}"
                    )
    assert scanned >= 20, scanned
    assert not problems, "\n".join(problems)
