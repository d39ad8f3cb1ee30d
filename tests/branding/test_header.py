"""The cooperation's logo and accent colour in the pages' header: on every page of that
cooperation and for every role, never on another cooperation's pages; the colour through a
stylesheet (the CSP forbids inline style), its text readable after WCAG AA."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ikz.branding.colours import contrast_ratio, text_colour_on
from ikz.branding.services import branding_save
from tests.branding.test_branding import _png
from tests.conftest import World, client_for
from tests.markup import squash

pytestmark = pytest.mark.django_db
ROLES = ("anonymous", "outsider", "member", "coordinator")


@pytest.fixture(autouse=True)
def media(tmp_path: Path) -> Any:
    with override_settings(MEDIA_ROOT=str(tmp_path / "media")):
        yield


def _brand(world: World, *, accent: str = "#ffd700", logo_alt: str = "Wappen mit Mulde") -> None:
    branding_save(
        cooperation=world.cooperation,
        organisation="",
        address="",
        accent=accent,
        logo_alt=logo_alt,
        files={"logo": SimpleUploadedFile("wappen.png", _png())},
    )


def _client(world: World, role: str) -> Any:
    return client_for(None if role == "anonymous" else getattr(world, role))


def _pages(slug: str) -> list[str]:
    return [
        reverse("cooperation:dashboard", args=[slug]),
        reverse("cooperation:body_list", args=[slug]),
        reverse("portal:home", args=[slug]),
    ]


@pytest.mark.parametrize("role", ROLES)
def test_the_logo_and_the_stylesheet_are_in_every_header_of_the_cooperation(
    world: World, other: World, role: str
) -> None:
    _brand(world)
    slug = world.cooperation.slug
    for url in _pages(slug):
        html = _client(world, role).get(url).content.decode()
        assert re.search(
            rf'<img class="ikz-brand__logo" src="/{slug}/erscheinungsbild/logo\?v=\d+" '
            r'alt="Wappen mit Mulde">',
            squash(html),
        ), url
        assert re.search(rf'href="/{slug}/erscheinungsbild/farben\.css\?v=\d+"', html), url
    # The other cooperation's pages show neither (it has no branding of its own).
    for url in _pages(other.cooperation.slug):
        html = _client(other, role).get(url).content.decode()
        assert "ikz-brand__logo" not in html, url
        assert "farben.css" not in html, url
        assert f"/{slug}/" not in html, url


def test_without_alt_text_the_logo_is_named_after_the_cooperation(world: World) -> None:
    _brand(world, logo_alt="")
    html = client_for(None).get(reverse("portal:home", args=[world.cooperation.slug])).content
    assert f'alt="Logo von {world.cooperation.name}"' in html.decode()


@pytest.mark.parametrize(
    ("accent", "text"),
    # Hand-checked: gold and a pale grey take black, a dark blue and a dark red take white.
    [
        ("#ffd700", "#000000"),
        ("#dddddd", "#000000"),
        ("#1f4e79", "#ffffff"),
        ("#8a1538", "#ffffff"),
    ],
)
def test_the_stylesheet_carries_the_colour_and_a_readable_text_colour(
    world: World, accent: str, text: str
) -> None:
    _brand(world, accent=accent)
    url = reverse("branding:stylesheet", args=[world.cooperation.slug])
    response = client_for(None).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/css; charset=utf-8"
    css = response.content.decode()
    assert f".ikz-nav {{ background: {accent}; }}" in css
    assert f".ikz-nav__list a, .ikz-nav__list a:hover {{ color: {text}; }}" in css
    # Cached, and answered 304 while the branding is unchanged.
    assert "max-age=86400" in response["Cache-Control"]
    again = client_for(None).get(url, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    _brand(world, accent="#000080")
    changed = client_for(None).get(url, HTTP_IF_NONE_MATCH=response["ETag"])
    assert changed.status_code == 200
    assert "background: #000080" in changed.content.decode()


def test_known_contrast_ratios() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21)
    assert contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1)
    # #767676 on white is the classic lightest grey that passes AA: 4.54:1.
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(min_value=0, max_value=0xFFFFFF).map(lambda value: f"#{value:06x}"))
def test_every_accent_gets_text_of_at_least_aa_contrast(accent: str) -> None:
    assert contrast_ratio(text_colour_on(accent), accent) >= 4.5


def test_a_cooperation_without_branding_gets_an_empty_stylesheet_and_no_logo(
    world: World,
) -> None:
    slug = world.cooperation.slug
    css = client_for(None).get(reverse("branding:stylesheet", args=[slug]))
    assert (css.status_code, css.content) == (200, b"")
    assert client_for(None).get(reverse("branding:logo", args=[slug])).status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_the_logo_is_public_and_only_of_its_own_cooperation(
    world: World, other: World, role: str
) -> None:
    _brand(world)
    response = _client(world, role).get(reverse("branding:logo", args=[world.cooperation.slug]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response.content == _png()
    # Another cooperation's address never serves this logo.
    assert (
        _client(world, role)
        .get(reverse("branding:logo", args=[other.cooperation.slug]))
        .status_code
        == 404
    )
    assert client_for(None).get("/keine-kooperation/erscheinungsbild/logo").status_code == 404


@pytest.mark.parametrize("role", ["anonymous", "coordinator"])
def test_the_branding_costs_no_query_on_a_page(world: World, role: str) -> None:
    url = reverse("cooperation:dashboard", args=[world.cooperation.slug])
    _client(world, role).get(url)  # warm-up: sessions, caches
    with CaptureQueriesContext(connection) as plain:
        assert _client(world, role).get(url).status_code == 200
    _brand(world)
    _client(world, role).get(url)
    with CaptureQueriesContext(connection) as branded:
        html = _client(world, role).get(url).content.decode()
    assert "ikz-brand__logo" in html
    assert len(branded.captured_queries) == len(plain.captured_queries)
    # The branding comes with the guard's look-up of the cooperation, never in a query of its own.
    for captured in (plain, branded):
        alone = [
            q["sql"] for q in captured.captured_queries if 'FROM "branding_branding"' in q["sql"]
        ]
        assert alone == []
