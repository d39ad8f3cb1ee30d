"""Drafts, edits, published versions: frozen bytes, history, and who may see what."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pytest_django import DjangoAssertNumQueries

from ikz.cooperation.models import Body
from ikz.meetings.models import Point
from ikz.reports import services
from ikz.reports.models import ReportVersion, StatusReport
from ikz.reports.renderers import FORMATS
from ikz.reports.snapshot import report_from_json
from tests.conftest import World, client_for
from tests.factories import MembershipFactory, PersonFactory
from tests.reports.helpers import DEC, held_meeting, set_status

pytestmark = pytest.mark.django_db


def _draft(world: World, audience: str = "internal") -> StatusReport:
    return services.report_create(
        cooperation=world.cooperation,
        period_start=DEC[0],
        period_end=DEC[1],
        audience=audience,
        actor_id=world.coordinator.pk,
    )


def test_published_version_stays_byte_identical(world: World) -> None:
    held_meeting(world.public_body, is_public=True, points=("Erster Stand",))
    set_status(world.public_body, "Alter Stand")
    report = _draft(world)
    first = services.report_publish(report=report, issued_on=dt.date(2019, 12, 19))
    frozen = {fmt: first.data(fmt) for fmt in FORMATS}
    assert all(frozen.values())

    Point.objects.filter(text="Erster Stand").update(text="Geänderter Stand")
    set_status(world.public_body, "Neuer Stand")
    second = services.report_publish(report=report, issued_on=dt.date(2019, 12, 20))

    first.refresh_from_db()
    for fmt in FORMATS:
        assert first.data(fmt) == frozen[fmt], fmt
    assert "Erster Stand" in first.data("md").decode()
    assert "Geänderter Stand" in second.data("md").decode()
    assert [v.number for v in report.versions.order_by("number")] == [1, 2]
    assert report_from_json(first.content).title.issued_label == "19.12.2019"


def test_edits_hide_items_sections_and_reorder(world: World) -> None:
    meeting = held_meeting(world.public_body, is_public=True, points=("Sichtbar", "Versteckt"))
    set_status(world.public_body, "Stand")
    hidden = Point.objects.get(meeting=meeting, text="Versteckt")
    report = _draft(world)
    services.report_set_item_hidden(report=report, key=f"point:{hidden.pk}", hidden=True)
    services.report_set_section_hidden(report=report, kind="outlook", hidden=True)
    services.report_move_section(report=report, kind="bodies", by=-1)
    services.report_move_section(report=report, kind="bodies", by=-1)
    services.report_update_texts(
        report=report, title="", introduction="Liebe Leserinnen", remarks="Zum Schluss"
    )
    md = services.report_publish(report=report).data("md").decode()
    assert "Sichtbar" in md
    assert "Versteckt" not in md
    assert "## Ausblick" not in md
    headings = [line for line in md.splitlines() if line.startswith("## ")]
    assert headings[0] == "## Einleitung"
    assert headings.index("## Stand der Gremien") < headings.index(
        "## Projektstatus im Monat Dezember 2019"
    )
    assert headings[-1] == "## Anmerkungen"
    with pytest.raises(ValidationError):
        services.report_move_section(report=report, kind="introduction", by=-1)
    with pytest.raises(ValidationError):
        services.report_set_section_hidden(report=report, kind="unbekannt", hidden=True)


def test_period_must_be_ordered(world: World) -> None:
    with pytest.raises(ValidationError) as error:
        services.report_create(
            cooperation=world.cooperation,
            period_start=dt.date(2019, 12, 31),
            period_end=dt.date(2019, 12, 1),
        )
    assert "Ende des Zeitraums" in str(error.value)


def test_empty_report_cannot_be_published(world: World) -> None:
    with pytest.raises(ValidationError):
        services.report_publish(report=_draft(world))


def test_mail_to_steering_group_with_pdf(world: World) -> None:
    steering = Body.objects.create(
        cooperation=world.cooperation, name="Lenkungsgruppe", kind=Body.Kind.STEERING_GROUP
    )
    person = PersonFactory(cooperation=world.cooperation, email="bm@example.org")
    MembershipFactory(cooperation=world.cooperation, body=steering, person=person)
    held_meeting(world.public_body, is_public=True, points=("Punkt",))
    services.report_publish(report=_draft(world), mail_steering_group=True)
    # The task runs after the commit; the test transaction never commits, so run it here.
    from ikz.reports.mailing import send_to_steering_group

    version = StatusReport.objects.get().versions.get()
    assert send_to_steering_group(version_id=version.pk) == 1
    assert mail.outbox[-1].to == ["bm@example.org"]
    assert mail.outbox[-1].attachments[0][2] == "application/pdf"


# --- Pages -------------------------------------------------------------------------------------


def _url(world: World, suffix: str = "") -> str:
    return f"/{world.cooperation.slug}/berichte/{suffix}"


def test_coordinator_creates_edits_and_publishes(world: World) -> None:
    meeting = held_meeting(world.public_body, is_public=True, points=("Ein Ergebnis",))
    client = client_for(world.coordinator)
    assert client.get(_url(world, "neu/")).status_code == 200
    response = client.post(_url(world, "neu/"), {"period": "2019-12", "audience": "public"})
    assert response.status_code == 302
    report = StatusReport.objects.get(cooperation=world.cooperation)
    page = client.get(_url(world, f"{report.pk}/"))
    assert page.status_code == 200
    assert "Ein Ergebnis" in page.content.decode()
    point = Point.objects.get(meeting=meeting)
    client.post(_url(world, f"{report.pk}/eintrag/"), {"key": f"point:{point.pk}", "hidden": "1"})
    report.refresh_from_db()
    assert report.hidden_keys == [f"point:{point.pk}"]
    client.post(
        _url(world, f"{report.pk}/texte/"), {"title": "", "introduction": "Hallo", "remarks": ""}
    )
    client.post(_url(world, f"{report.pk}/gremium/{world.public_body.pk}/"), {"text": "Neu"})
    world.public_body.refresh_from_db()
    assert world.public_body.status_text == "Neu"
    response = client.post(_url(world, f"{report.pk}/veroeffentlichen/"), {})
    assert response.status_code == 302
    version_page = client.get(response["Location"])
    assert "Hallo" in version_page.content.decode()
    version = ReportVersion.objects.get(report=report, number=1)
    for fmt in FORMATS:
        with CaptureQueriesContext(connection) as queries:
            download = client.get(_url(world, f"{report.pk}/v1/bericht.{fmt}"))
        assert download.status_code == 200, fmt
        assert download.content == version.data(fmt), fmt
        # Only the asked format is read: the other stored formats never leave the database.
        reads = [q["sql"] for q in queries.captured_queries if "reports_reportversion" in q["sql"]]
        assert len(reads) == 1
        others = [f'"{other}"' for other in FORMATS if other != fmt]
        assert not any(column in reads[0] for column in others), (fmt, reads[0])
        # A published version never changes: a matching ETag is answered 304.
        again = client.get(
            _url(world, f"{report.pk}/v1/bericht.{fmt}"), HTTP_IF_NONE_MATCH=download["ETag"]
        )
        assert again.status_code == 304
    assert client.get(_url(world, f"{report.pk}/v1/bericht.exe")).status_code == 404
    assert client.get(_url(world, f"{report.pk}/v9/bericht.pdf")).status_code == 404


def test_create_form_keeps_input_on_error(world: World) -> None:
    client = client_for(world.coordinator)
    response = client.post(_url(world, "neu/"), {"period": "2019-13", "audience": "internal"})
    assert response.status_code == 400
    assert "2019-13" in response.content.decode()
    assert not StatusReport.objects.exists()


def test_visibility_of_reports(world: World, other: World) -> None:
    held_meeting(world.public_body, is_public=True, points=("Punkt",))
    internal = _draft(world, "internal")
    public = _draft(world, "public")
    draft_only = _draft(world, "public")
    services.report_publish(report=internal)
    services.report_publish(report=public)
    anonymous = client_for(None)
    listing = anonymous.get(_url(world)).content.decode()
    assert f"/berichte/{public.pk}/" in listing
    assert f"/berichte/{internal.pk}/" not in listing
    assert anonymous.get(_url(world, f"{internal.pk}/v1/")).status_code == 404
    assert anonymous.get(_url(world, f"{draft_only.pk}/")).status_code == 404
    assert anonymous.get(_url(world, f"{public.pk}/v1/bericht.pdf")).status_code == 200
    member = client_for(world.member)
    assert member.get(_url(world, f"{internal.pk}/v1/")).status_code == 200
    assert member.get(_url(world, f"{draft_only.pk}/")).status_code == 404
    assert member.post(_url(world, f"{internal.pk}/veroeffentlichen/")).status_code == 403
    stranger = client_for(other.coordinator)
    # In A the stranger is the public: the internal report does not exist for them.
    assert stranger.get(_url(world, f"{internal.pk}/")).status_code == 404
    assert stranger.post(_url(world, f"{internal.pk}/veroeffentlichen/")).status_code == 403
    assert stranger.get(f"/{other.cooperation.slug}/berichte/{internal.pk}/").status_code == 404
    assert (
        stranger.post(
            f"/{other.cooperation.slug}/berichte/{internal.pk}/veroeffentlichen/"
        ).status_code
        == 404
    )


def test_dashboard_links_latest_public_report(world: World) -> None:
    held_meeting(world.public_body, is_public=True, points=("Punkt",))
    internal = _draft(world, "internal")
    public = _draft(world, "public")
    services.report_publish(report=public)
    services.report_publish(report=internal)
    page = client_for(None).get(f"/{world.cooperation.slug}/").content.decode()
    assert f"/berichte/{public.pk}/v1/" in page
    assert f"/berichte/{internal.pk}/v1/" not in page
    member_page = client_for(world.member).get(f"/{world.cooperation.slug}/").content.decode()
    assert f"/berichte/{internal.pk}/v1/" in member_page


def test_report_list_queries_do_not_grow(
    world: World, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    held_meeting(world.public_body, is_public=True, points=("Punkt",))
    client = client_for(world.coordinator)

    def publish(count: int) -> None:
        for _ in range(count):
            services.report_publish(report=_draft(world, "public"))

    publish(2)
    with CaptureQueriesContext(connection) as few:
        assert client.get(_url(world)).status_code == 200
    publish(6)
    with django_assert_max_num_queries(len(few)):
        assert client.get(_url(world)).status_code == 200


def test_editor_queries_do_not_grow_with_meetings(
    world: World, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    for day in (2, 3):
        held_meeting(world.public_body, day=day, is_public=True, points=("A", "B"))
    report = _draft(world)
    client = client_for(world.coordinator)
    with CaptureQueriesContext(connection) as few:
        assert client.get(_url(world, f"{report.pk}/")).status_code == 200
    for day in range(4, 14):
        held_meeting(world.public_body, day=day, is_public=True, points=("A", "B", "C"))
    with django_assert_max_num_queries(len(few)):
        page = client.get(_url(world, f"{report.pk}/"))
    assert page.content.decode().count("ikz-report__meeting-heading") == 12
    assert f"status-new-{world.member_body.pk}" in page.content.decode()
