"""The agreements on the dashboard, in the deadline list, on the project page and in the
status report (section and outlook)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from ikz.agreements import services
from ikz.agreements.deadlines import deadlines
from ikz.agreements.models import Agreement, State
from ikz.reports.assembly import AssemblySettings, assemble_report, audience_access
from ikz.reports.content import Report, SectionKind
from tests.agreements.scene import build
from tests.conftest import World, client_for
from tests.projects.helpers import project

pytestmark = pytest.mark.django_db


def _effective(world: World, *, title: str = "Gewerbeamt", notice_months: int = 6) -> Agreement:
    target = Agreement.objects.create(
        cooperation=world.cooperation,
        title=title,
        state=State.EFFECTIVE,
        term_end=dt.date(2026, 6, 30),
        notice_months=notice_months,
    )
    return target


def test_the_three_kinds_of_deadline(world: World) -> None:
    scene = build(world)  # two drafts: "Gewerbeamt" and "Standesamt" with missing resolutions
    _effective(world, title="Winterdienst")
    Agreement.objects.filter(pk=scene.foreign.pk).update(state=State.SIGNED)
    rows = deadlines(
        access=audience_access(cooperation=world.cooperation, audience="internal"),
        today=dt.date(2025, 12, 1),
    )
    texts = [(row.agreement.title, row.text, str(row.when) if row.when else None) for row in rows]
    names = ", ".join(sorted([world.municipality.name, world.other_municipality.name]))
    assert texts == [
        ("Winterdienst", "Kündigung spätestens zum Laufzeitende 30.06.2026", "30.12.2025"),
        ("Gewerbeamt", f"Ratsbeschluss fehlt: {names}", None),
        ("Standesamt", "Genehmigung der Rechtsaufsicht ausstehend", None),
    ]
    assert rows[0].due_soon
    assert not rows[0].overdue


def test_dashboard_card_for_coordinator_and_member_only_their_agreements(world: World) -> None:
    build(world)
    path = reverse("cooperation:dashboard", args=[world.cooperation.slug])
    coordinator = client_for(world.coordinator).get(path).content.decode()
    assert "Vereinbarungen: offene Punkte" in coordinator
    assert "Standesamt" in coordinator
    assert "Gewerbeamt" in coordinator
    member = client_for(world.member).get(path).content.decode()
    assert "Gewerbeamt" in member
    assert "Standesamt" not in member  # the member's municipality is not party to it
    assert "Vereinbarungen: offene Punkte" not in client_for(None).get(path).content.decode()


def test_deadline_list_shows_the_agreements(world: World) -> None:
    build(world)
    path = reverse("projects:deadlines", args=[world.cooperation.slug])
    page = client_for(world.coordinator).get(path).content.decode()
    assert "Fristen der Vereinbarungen" in page
    assert "Ratsbeschluss fehlt" in page
    assert "Fristen der Vereinbarungen" not in client_for(None).get(path).content.decode()


def test_the_project_page_shows_its_agreements(world: World) -> None:
    target = project(cooperation=world.cooperation, title="Personal-Sharing", is_public=True)
    agreement = services.agreement_save(
        cooperation=world.cooperation, values={"title": "Gewerbeamt", "project": target}
    )
    path = reverse("projects:detail", args=[world.cooperation.slug, target.pk])
    page = client_for(world.coordinator).get(path).content.decode()
    detail = reverse("agreements:detail", args=[world.cooperation.slug, agreement.pk])
    assert detail in page
    assert f"?vorhaben={target.pk}" in page
    # A draft is internal: the public sees the project but not the agreement.
    assert detail not in client_for(None).get(path).content.decode()
    create = reverse("agreements:create", args=[world.cooperation.slug]) + f"?vorhaben={target.pk}"
    form = client_for(world.coordinator).get(create).content.decode()
    assert 'value="Personal-Sharing"' in form


def _report(world: World, audience: str, start: dt.date, end: dt.date) -> Report:
    return assemble_report(
        access=audience_access(cooperation=world.cooperation, audience=audience),
        period_start=start,
        period_end=end,
        audience=audience,
        settings=AssemblySettings(issued_on=end),
    )


def _lines(report, kind: str) -> list[str]:
    section = report.section(kind)
    return [item.line for item in section.items] if section else []


def test_report_section_and_outlook(world: World) -> None:
    scene = build(world)
    target = scene.published
    services.partner_save(
        agreement=target,
        values={"joined_on": dt.date(2023, 1, 1)},
        partner=target.partners.get(),
    )
    services.agreement_change_state(
        agreement=target, to_state=State.EFFECTIVE, date=dt.date(2023, 1, 2), reason="wirksam"
    )
    services.partner_save(
        agreement=target,
        values={"municipality": world.municipality, "joined_on": dt.date(2023, 3, 1)},
    )
    from ikz.agreements.models import Statement

    Statement.objects.filter(pk=scene.issued.pk).update(issued_on=dt.date(2023, 1, 20))
    january = _report(world, "internal", dt.date(2023, 1, 1), dt.date(2023, 1, 31))
    other = world.other_municipality.name
    assert _lines(january, SectionKind.AGREEMENTS) == [
        f"01.01.2023: Bauhof: {other}: wirksam beigetreten",
        "02.01.2023: Bauhof: bekanntgemacht → wirksam (wirksam)",
        "20.01.2023: Gewerbeamt: Kostenabrechnung 2022 (Ist, Fassung 1) ausgestellt: "
        "10.000 € verteilt",
    ]
    outlook = _lines(january, SectionKind.OUTLOOK)
    assert f"01.03.2023: Bauhof: {world.municipality.name}: wirksam beigetreten" in outlook
    assert any("Ratsbeschluss fehlt" in line for line in outlook)
    public = _report(world, "public", dt.date(2023, 1, 1), dt.date(2023, 1, 31))
    assert _lines(public, SectionKind.AGREEMENTS) == [
        f"01.01.2023: Bauhof: {other}: wirksam beigetreten",
        "02.01.2023: Bauhof: bekanntgemacht → wirksam (wirksam)",
    ]
    assert not any("Ratsbeschluss fehlt" in line for line in _lines(public, SectionKind.OUTLOOK))
    quiet = _report(world, "internal", dt.date(2023, 6, 1), dt.date(2023, 6, 30))
    assert quiet.section(SectionKind.AGREEMENTS) is None
