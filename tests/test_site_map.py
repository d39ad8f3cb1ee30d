"""The site map (tests/site_map/) lists every URL of every app, and each role gets there what
the map says. One scene per test, each test walking one part of the map: a scene per URL and
role would cost minutes on CI."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import override_settings

from tests.conftest import World
from tests.hardening.scene import snapshot
from tests.site_map import ENTRIES, outcome, results, routes, structure, url_names, work
from tests.site_map.crawl import Caller, address
from tests.site_map.scene import build_site
from tests.site_map.table import REDIRECT, ROLES, Entry

# Integer arguments that are not an object of the cooperation ("body" is OParl's name for the
# cooperation itself), and URLs whose ids are not the cooperation's (each with the reason);
# every other id (see _ID) must be in the entry's ``objects``.
NOT_OBJECTS = {"year", "number", "body"}
OWN_IDS = {
    "platform:archive": "a cooperation's id, for the platform operator only",
    "platform:reactivate": "a cooperation's id, for the platform operator only",
    "api_tokens:revoke": "the user's own key; another user's is 404 (tests/api/test_tokens.py)",
}
# Rows a GET may write, by design: opening a person's data is logged (access events).
WRITTEN_BY_GET = {"access.AccessEvent"}
# <int:pk> in Django's routes, <meeting_id> in the REST API's (django-ninja types them itself).
_ID = re.compile(r"<(?:int:(\w+)|(\w+_id))>")


def test_every_url_is_in_the_site_map() -> None:
    unnamed = [route for name, route, _pattern in routes() if not name]
    assert not unnamed, f"URL patterns without a name cannot be checked: {unnamed}"
    missing = sorted(url_names() - ENTRIES.keys())
    assert not missing, f"Add these URLs to the site map (tests/site_map/<part>.py): {missing}"
    stale = sorted(ENTRIES.keys() - url_names())
    assert not stale, f"The site map lists URLs that no longer exist: {stale}"
    for name, entry in ENTRIES.items():
        assert set(entry.get) == set(ROLES), name


def test_every_object_id_of_a_url_is_marked_for_the_isolation_crawl() -> None:
    unmarked = []
    for name, route, _pattern in routes():
        if not name or name not in ENTRIES:
            continue
        ids = {a or b for a, b in _ID.findall(route)} - NOT_OBJECTS
        declared = set(ENTRIES[name].objects)
        if name in OWN_IDS:
            assert not declared, name
        elif ids != declared:
            unmarked.append(f"{name}: {sorted(ids)} in the route, {sorted(declared)} listed")
    assert not unmarked, unmarked


def test_the_site_map_modules_stay_small() -> None:
    for module in (structure, work, results):
        assert module.__file__ is not None
        assert len(Path(module.__file__).read_text().splitlines()) < 500, module.__name__


def _got(response: object) -> int | str:
    result = outcome(response)
    if result == 302:
        return REDIRECT
    return result


@pytest.mark.parametrize("part", [structure, work, results], ids=["structure", "work", "results"])
def test_every_role_gets_what_the_site_map_says(world: World, tmp_path: Path, part: object) -> None:
    entries: dict[str, Entry] = part.ENTRIES  # type: ignore[attr-defined]
    with override_settings(MEDIA_ROOT=str(tmp_path)):
        site = build_site(world)
        caller = Caller(site)
        before = snapshot()
        wrong = []
        for name, entry in sorted(entries.items()):
            url = address(name, entry, site)
            got = {role: _got(caller.call(entry, role, "get", url)) for role in ROLES}
            if got != entry.get:
                wrong.append(f"{name} {url}: {got}, expected {entry.get}")
        changed = [
            label
            for label, rows in snapshot().items()
            if rows != before[label] and label not in WRITTEN_BY_GET
        ]
    assert not wrong, "\n".join(wrong)
    assert not changed, f"a GET changed {changed}"
