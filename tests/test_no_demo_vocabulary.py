"""No word of the demo in code: every page and document of another cooperation, with other
body and municipality names, is crawled (as its coordinator, a member and a visitor) and
must not contain a word of "Region Partheland". The demo itself is not loaded: whatever
shows up can only come from code, templates or help texts."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections import deque
from html import unescape
from urllib.parse import urldefrag, urlparse

import pytest
from django.http import StreamingHttpResponse
from django.test import Client
from pypdf import PdfReader

from ikz.accounts.models import CooperationRole
from ikz.cooperation.models import Body, Cooperation
from ikz.cooperation.services import membership_save
from ikz.dates import PartialDate
from ikz.meetings.models import Point
from ikz.reports import services as report_services
from ikz.surveys import services as survey_services
from tests.factories import (
    CooperationFactory,
    LocationFactory,
    MunicipalityFactory,
    PersonFactory,
    make_role,
)
from tests.meetings.factories import points, published
from tests.projects.helpers import project

DEMO_WORDS = (
    "Partheland",
    "Lenkungsgruppe",
    "AG Bauhof",
    "Bauhofleiter",
    "AG Verwaltung",
    "Borsdorf",
    "Brandis",
    "Großpösna",
    "Naunhof",
    "Parthenstein",
    "Belgershain",
    "Machern",
    "beratungsraum",
)
PATTERN = re.compile("|".join(re.escape(w) for w in DEMO_WORDS), re.IGNORECASE)
MAX_PAGES = 600


def _seenland() -> tuple[Cooperation, dict[str, Client]]:
    cooperation = CooperationFactory(
        name="Allianz Seenland",
        slug="seenland",
        region="Landkreis Seeburg",
        coordinating_organisation="Kommunalberatung Nord",
    )
    ufer = MunicipalityFactory(cooperation=cooperation, name="Uferdorf")
    MunicipalityFactory(cooperation=cooperation, name="Schilfheim")
    round_table = Body.objects.create(
        cooperation=cooperation,
        name="Bürgermeisterrunde",
        kind=Body.Kind.STEERING_GROUP,
        session_name="Bürgermeisterrunde",
    )
    water = Body.objects.create(cooperation=cooperation, name="Arbeitskreis Wasser", is_public=True)
    cooperation.steering_body = round_table
    cooperation.save()
    coordinator, _p = make_role(cooperation=cooperation, role=CooperationRole.Role.COORDINATOR)
    member, mayor = make_role(
        cooperation=cooperation, role=CooperationRole.Role.MEMBER, municipality=ufer
    )
    for body in (round_table, water):
        membership_save(cooperation=cooperation, fields={"person": mayor, "body": body})
    PersonFactory(cooperation=cooperation, municipality=ufer)
    LocationFactory(cooperation=cooperation, name="Gemeindesaal Uferdorf", municipality=ufer)
    session = published(body=round_table, when=PartialDate.day(2025, 3, 4))
    points(session, "Wasserversorgung gemeinsam planen", kind=Point.Kind.DECISION)
    points(session, "Angebote einholen", kind=Point.Kind.TASK, owner=mayor)
    published(body=water, is_public=True, when=PartialDate.day(2025, 3, 10))
    project(cooperation=cooperation, title="Gemeinsame Kläranlage", is_public=True)
    survey = survey_services.survey_from_builtin(
        cooperation=cooperation,
        key="personal",
        fields={"title": "Personalabfrage 2025", "deadline": dt.date(2030, 1, 31)},
    )
    survey_services.survey_open(survey=survey)
    report = report_services.report_create(
        cooperation=cooperation, period_start=dt.date(2025, 3, 1), period_end=dt.date(2025, 3, 31)
    )
    report_services.report_publish(report=report, issued_on=dt.date(2025, 4, 2))
    clients = {"anonymous": Client(), "member": Client(), "coordinator": Client()}
    clients["member"].force_login(member)
    clients["coordinator"].force_login(coordinator)
    return cooperation, clients


def _text(content: bytes, content_type: str) -> str:
    if content_type.startswith("application/pdf"):
        return " ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages)
    if content[:2] == b"PK":  # docx, pptx, xlsx: the XML parts
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return " ".join(
                archive.read(n).decode("utf-8", "replace")
                for n in archive.namelist()
                if n.endswith(".xml")
            )
    return unescape(content.decode("utf-8", "replace"))


def _links(html: str, prefixes: tuple[str, ...]) -> list[str]:
    found = []
    for href in re.findall(r'(?:href|action|hx-get)="([^"]+)"', html):
        url = urldefrag(unescape(href))[0]
        if urlparse(url).netloc or not url.startswith(prefixes):
            continue
        found.append(url)
    return found


def _crawl(client: Client, start: list[str], prefixes: tuple[str, ...]) -> dict[str, str]:
    """Every page reachable by GET from ``start``: url -> text."""
    seen: dict[str, str] = {}
    queue = deque(start)
    while queue and len(seen) < MAX_PAGES:
        url = queue.popleft()
        if url in seen:
            continue
        response = client.get(url)
        if response.status_code != 200:
            seen[url] = ""
            continue
        content = (
            b"".join(response.streaming_content)
            if isinstance(response, StreamingHttpResponse)
            else response.content
        )
        text = _text(content, response.get("Content-Type", ""))
        seen[url] = text
        if "html" in response.get("Content-Type", ""):
            queue.extend(u for u in _links(text, prefixes) if u not in seen)
    return seen


@pytest.mark.django_db
def test_pages_and_documents_of_another_cooperation_carry_no_demo_word() -> None:
    cooperation, clients = _seenland()
    slug = cooperation.slug
    prefixes = (f"/{slug}/", "/konto/", "/betrieb/")
    start = [f"/{slug}/", "/", "/konto/"]
    leaks: dict[str, list[str]] = {}
    crawled = 0
    for role, client in clients.items():
        pages = _crawl(client, start, prefixes)
        crawled += len(pages)
        for url, text in pages.items():
            words = sorted(set(PATTERN.findall(text)))
            if words:
                leaks[f"{role} {url}"] = words
    assert crawled > 150, crawled  # the crawl really went through the cooperation
    assert not leaks, leaks
