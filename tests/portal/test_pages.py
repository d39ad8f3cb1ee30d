"""What the portal shows, and never shows: pages, feeds, sitemap, open data, legal pages."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re

import pytest
from django.test import Client

from ikz.portal.models import PortalSettings
from ikz.projects.models import Goal, GoalProject
from tests.conftest import World, client_for
from tests.search.helpers import populate

# Words of internal things in ``populate`` (tests/search/helpers.py), each unique to one.
SECRETS = (
    "Zauberwort intern",
    "Zauberwort darunter",
    "Zauberwort Entwurf",
    "Bauhofrunde",
    "Mitgliederpunkt",
    "Verwaltungsrunde",
    "Fremdpunkt",
    "Zauberwort Geheim",
    "Aufgabe AG",
    "Aufgabe VA",
    "Bibliothek",
    "Zauberwort Umfrage",
    "Vorbereitung",
    "Bericht intern",
    "Greta",
)


# populate()'s {label: (kind, id)} of every kind of object.
Labels = dict[str, tuple[str, int]]


@pytest.fixture
def labels(world: World) -> Labels:
    return populate(world)


def get(client: Client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def assert_nothing_internal(html: str) -> None:
    found = [secret for secret in SECRETS if secret in html]
    assert found == []


PAGES = ["", "ziele/", "berichte/", "termine/", "gremien/", "vorhaben/", "offene-daten/"]


@pytest.mark.parametrize("role", ["anonymous", "member", "coordinator"])
def test_no_portal_page_shows_anything_internal(world: World, labels: Labels, role: str) -> None:
    client = client_for(None if role == "anonymous" else getattr(world, role))
    base = f"/{world.cooperation.slug}/portal/"
    goal = Goal.objects.create(cooperation=world.cooperation, title="Gemeinsam stark", rank=1)
    for key in ("project public", "project internal"):
        GoalProject.objects.create(
            cooperation=world.cooperation, goal=goal, project_id=labels[key][1]
        )
    pages = [base + page for page in PAGES]
    pages += [
        f"{base}gremien/{world.public_body.pk}/",
        f"{base}sitzungen/{labels['meeting public published'][1]}/",
        f"{base}vorhaben/{labels['project public'][1]}/",
        f"{base}suche/?q=Zauberwort",
    ]
    pages += [f"{base}feeds/{name}.atom" for name in ("berichte", "protokolle", "termine")]
    pages += [
        f"{base}offene-daten/{name}.{fmt}"
        for name in ("sitzungen", "beschluesse", "vorhaben")
        for fmt in ("csv", "json")
    ]
    pages.append("/sitemap.xml")
    for path in pages:
        assert_nothing_internal(get(client, path))
    # And the public things are there.
    assert "Zauberwort öffentlich" in get(
        client, f"{base}sitzungen/{labels['meeting public published'][1]}/"
    )
    goals = get(client, base + "ziele/")
    assert "Gemeinsam stark" in goals
    assert "Zauberwort Radweg" in goals


def test_landing_page(world: World, labels: Labels) -> None:
    html = get(client_for(None), f"/{world.cooperation.slug}/portal/")
    assert f'<h1 class="kern-heading-x-large">{world.cooperation.name}</h1>' in html
    for name in (world.municipality.name, world.other_municipality.name, world.public_body.name):
        assert name in html
    assert world.member_body.name not in html
    assert "10.000" in html  # two municipalities of 5.000 inhabitants, German notation
    assert '<meta property="og:title" content="Kooperation A">' in html
    assert '<meta name="description"' in html
    assert 'type="application/atom+xml"' in html


def test_report_archive_links_the_pdf(world: World, labels: Labels) -> None:
    from ikz.reports.models import ReportVersion

    version = ReportVersion.objects.get(pk=labels["report public"][1])
    client = client_for(None)
    archive = get(client, f"/{world.cooperation.slug}/portal/berichte/")
    assert "Zauberwort Bericht öffentlich" in archive
    pdf = f"/{world.cooperation.slug}/berichte/{version.report_id}/v1/bericht.pdf"
    assert f'href="{pdf}"' in archive
    page = get(client, f"/{world.cooperation.slug}/portal/berichte/{version.report_id}/")
    assert f'href="{pdf}"' in page
    response = client.get(pdf)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content == b"%PDF-1.4 test"


def test_body_page_lists_published_minutes_only(world: World, labels: Labels) -> None:
    html = get(
        client_for(None), f"/{world.cooperation.slug}/portal/gremien/{world.public_body.pk}/"
    )
    minutes = html.split('id="protokolle"', 1)[1]
    assert "Protokoll: Zauberwort Forum" in minutes
    assert "Zauberwort Werkstatt" not in minutes  # public, but its minutes are not published


def test_project_page_shows_stage_and_history(world: World) -> None:
    from ikz.projects import services
    from ikz.projects.models import Stage
    from tests.projects.helpers import project

    radweg = project(cooperation=world.cooperation, title="Radweg Parthe", is_public=True)
    services.project_change_stage(
        project=radweg,
        to_stage=Stage.ASSESSMENT,
        reason="Machbarkeit prüfen",
        date=dt.date(2019, 12, 10),
        actor_id=None,
    )
    html = get(client_for(None), f"/{world.cooperation.slug}/portal/vorhaben/{radweg.pk}/")
    assert "<strong>Prüfung</strong>" in html
    assert "Idee → Prüfung" in html
    assert "Machbarkeit prüfen" in html


def test_feeds_are_atom_with_public_items(world: World, labels: Labels) -> None:
    client = client_for(None)
    base = f"/{world.cooperation.slug}/portal/feeds/"
    reports = client.get(base + "berichte.atom")
    assert reports["Content-Type"].startswith("application/atom+xml")
    text = reports.content.decode()
    assert "<title>Zauberwort Bericht öffentlich</title>" in text
    assert text.count("<entry>") == 1
    minutes = client.get(base + "protokolle.atom").content.decode()
    assert "<title>Protokoll: Zauberwort Forum</title>" in minutes
    assert minutes.count("<entry>") == 1  # the only public meeting with published minutes


def test_sitemap_lists_portal_pages_and_public_objects(
    world: World, other: World, labels: Labels
) -> None:
    xml = get(client_for(None), "/sitemap.xml")
    slug = world.cooperation.slug
    assert f"http://testserver/{slug}/portal/</loc>" in xml
    assert f"/{slug}/portal/impressum/</loc>" in xml
    assert f"/{slug}/portal/vorhaben/{labels['project public'][1]}/</loc>" in xml
    assert f"/{slug}/portal/vorhaben/{labels['project internal'][1]}/</loc>" not in xml
    assert f"/{other.cooperation.slug}/portal/</loc>" in xml  # every cooperation's portal


def test_open_data_downloads(world: World, labels: Labels) -> None:
    from ikz.meetings import services
    from ikz.meetings.models import Meeting, Point

    forum = Meeting.objects.get(pk=labels["meeting public published"][1])
    services.meeting_set_state(meeting=forum, state=Meeting.State.HELD)
    services.point_add(meeting=forum, text="Beschlossen: Radweg bauen", kind=Point.Kind.DECISION)
    hidden = services.point_add(
        meeting=forum, text="Geheimbeschluss", kind=Point.Kind.DECISION, is_internal=True
    )
    services.point_add(
        meeting=forum, text="Unterbeschluss", kind=Point.Kind.DECISION, parent=hidden
    )
    services.meeting_set_state(meeting=forum, state=Meeting.State.MINUTES_PUBLISHED)
    client = client_for(None)
    base = f"/{world.cooperation.slug}/portal/offene-daten/"
    response = client.get(base + "beschluesse.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'rel="license"' in response["Link"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [row["beschluss"] for row in rows] == ["Beschlossen: Radweg bauen"]
    assert rows[0]["datum"] == "2019-12-05"
    assert rows[0]["url"].startswith("http://testserver/")
    meetings = json.loads(client.get(base + "sitzungen.json").content)
    assert meetings["lizenz"] == "dl-de/by-2-0"
    assert meetings["lizenz_url"] == "https://www.govdata.de/dl-de/by-2-0"
    assert sorted(m["titel"] for m in meetings["daten"]) == [
        "Zauberwort Forum",
        "Zauberwort Werkstatt",
    ]
    projects = json.loads(client.get(base + "vorhaben.json").content)["daten"]
    assert [p["titel"] for p in projects] == ["Zauberwort Radweg"]
    page = get(client, base)
    assert "Datenlizenz Deutschland – Namensnennung – Version 2.0" in page
    for name in ("sitzungen", "beschluesse", "vorhaben"):
        assert f'href="{base}{name}.csv"' in page
        assert f'href="{base}{name}.json"' in page


def test_coordinator_edits_legal_pages_and_licence(world: World) -> None:
    slug = world.cooperation.slug
    empty = get(client_for(None), f"/{slug}/portal/impressum/")
    assert "noch nicht hinterlegt" in empty
    coordinator = client_for(world.coordinator)
    response = coordinator.post(
        f"/{slug}/portal/einstellungen/",
        {
            "imprint": "Beratung GmbH\nMarkt 1, 04451 Borsdorf",
            "privacy": "Verantwortlich ist die Beratung GmbH.",
            "accessibility": "Dieses Portal ist weitgehend barrierefrei.",
            "licence": "cc-zero/1.0",
            "attribution": "",
        },
    )
    assert response.status_code == 302
    row = PortalSettings.objects.get(cooperation=world.cooperation)
    assert row.licence == "cc-zero/1.0"
    assert row.updated_by_id == world.coordinator.pk
    public = client_for(None)
    assert "Markt 1, 04451 Borsdorf" in get(public, f"/{slug}/portal/impressum/")
    assert "Verantwortlich ist die Beratung GmbH." in get(public, f"/{slug}/portal/datenschutz/")
    assert "weitgehend barrierefrei" in get(public, f"/{slug}/portal/barrierefreiheit/")
    data = json.loads(public.get(f"/{slug}/portal/offene-daten/vorhaben.json").content)
    assert data["lizenz"] == "cc-zero/1.0"


def test_legal_settings_refuse_bad_input(world: World) -> None:
    coordinator = client_for(world.coordinator)
    response = coordinator.post(
        f"/{world.cooperation.slug}/portal/einstellungen/", {"licence": "proprietär"}
    )
    assert response.status_code == 400
    assert re.search(r"gültige", response.content.decode())
    assert not PortalSettings.objects.exists()
    member = client_for(world.member)
    assert (
        member.post(
            f"/{world.cooperation.slug}/portal/einstellungen/", {"licence": "cc-zero/1.0"}
        ).status_code
        == 403
    )
    assert not PortalSettings.objects.exists()
