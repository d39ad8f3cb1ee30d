"""German is the source language; the English catalogue proves the translation mechanism.

The .mo file is not in git (a half-translated catalogue would mix languages), so the test
compiles the committed .po into a temporary locale directory with GNU gettext's msgfmt.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

from ikz.accounts.access import Level
from ikz.cooperation.access import access_for
from ikz.reports.assembly import AssemblySettings, assemble_report, audience_access
from ikz.reports.renderers import render
from tests.conftest import World, client_for

PO_FILE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"


@pytest.fixture
def english_catalogue(tmp_path: Path, settings: Any) -> Path:
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        # `make test` installs gettext; only a bare pytest run outside CI may lack it.
        if os.environ.get("CI"):
            pytest.fail("GNU gettext (msgfmt) fehlt; `make test` installiert es.")
        pytest.skip("GNU gettext (msgfmt) is not installed; `make test` installs it")
    target = tmp_path / "locale" / "en" / "LC_MESSAGES"
    target.mkdir(parents=True)
    subprocess.run(  # noqa: S603 - fixed arguments, no shell
        [msgfmt, "--check-format", "-o", str(target / "django.mo"), str(PO_FILE)], check=True
    )
    # Changing LOCALE_PATHS resets Django's translation caches (django.test.signals).
    settings.LOCALE_PATHS = [tmp_path / "locale"]
    return target


def test_source_language_is_german() -> None:
    assert settings.LANGUAGE_CODE == "de"
    with translation.override("de"):
        assert gettext("Kommunen") == "Kommunen"


def test_english_catalogue_translates_the_navigation(english_catalogue: Path) -> None:
    with translation.override("en"):
        assert gettext("Kommunen") == "Municipalities"
        assert gettext("Gremien") == "Bodies"
    with translation.override("de"):
        assert gettext("Kommunen") == "Kommunen"


def test_page_follows_the_browser_language(english_catalogue: Path, world: World) -> None:
    client = client_for(world.coordinator)
    url = f"/{world.cooperation.slug}/kommunen/"
    english = client.get(url, headers={"accept-language": "en"}).content.decode()
    german = client.get(url, headers={"accept-language": "de"}).content.decode()
    assert ">Municipalities</a>" in english
    assert ">Kommunen</a>" in german


def test_access_role_label_is_translated(english_catalogue: Path, world: World) -> None:
    access = access_for(user=world.coordinator, cooperation=world.cooperation)
    assert access.level == Level.COORDINATOR
    with translation.override("en"):
        assert access.role_label == "Coordination"
    with translation.override("de"):
        assert access.role_label == "Koordination"


def test_report_documents_stay_german_in_an_english_request(
    english_catalogue: Path, world: World
) -> None:
    """Documents are written in LANGUAGE_CODE, whatever language the visitor browses in."""
    with translation.override("en"):
        # The catalogue is active: these very strings do have an English translation.
        assert gettext("Stand: %(date)s") == "As of: %(date)s"
        assert gettext("Statusbericht %(month)s") == "Status report %(month)s"
        report = assemble_report(
            access=audience_access(cooperation=world.cooperation, audience="internal"),
            period_start=dt.date(2019, 12, 1),
            period_end=dt.date(2019, 12, 31),
            audience="internal",
            settings=AssemblySettings(issued_on=dt.date(2020, 1, 6)),
        )
        markdown = render(report, "md").decode()
        assert translation.get_language() == "en"  # the override did not leak
    assert report.title.title == "Statusbericht Dezember"
    assert "Stand: 06.01.2020" in markdown
    assert "interne Fassung" in markdown
    assert "As of" not in markdown
