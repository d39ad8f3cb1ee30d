"""DSGVO: the export of a person (Art. 15) and the erasure (Art. 17)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.http import StreamingHttpResponse

from ikz.access.models import AccessEvent
from ikz.accounts.models import CooperationRole, User
from ikz.cooperation import services as cooperation_services
from ikz.cooperation.models import Person
from ikz.meetings import services as meeting_services
from ikz.meetings.models import Point, Task
from ikz.reports import services as report_services
from ikz.reports.models import ReportVersion
from ikz.surveys.models import Response, Survey
from tests.conftest import World, client_for
from tests.factories import MembershipFactory, UserFactory
from tests.meetings.factories import points, published
from tests.site_map import slug_only_urls

NAME = "Hildegard Zwirbelmeier"
FAMILY = "Zwirbelmeier"


def _person_with_traces(world: World) -> Person:
    user = UserFactory(first_name="Hildegard", last_name=FAMILY, email="hz@example.org")
    CooperationRole.objects.create(user=user, cooperation=world.cooperation, role="member")
    person = cooperation_services.person_save(
        cooperation=world.cooperation,
        fields={
            "given_name": "Hildegard",
            "family_name": FAMILY,
            "email": "hz@example.org",
            "municipality": world.municipality,
            "user": user,
        },
        actor_id=world.coordinator.pk,
    )
    MembershipFactory(cooperation=world.cooperation, body=world.public_body, person=person)
    session = published(body=world.public_body, is_public=True)
    meeting_services.attendance_set(meeting=session, person=person)
    points(session, f"{NAME} berichtet vom Winterdienst.", kind=Point.Kind.INFORMATION)
    points(session, "Angebote einholen", kind=Point.Kind.TASK, owner=person)
    survey = Survey.objects.create(cooperation=world.cooperation, title="Umfrage Kosten")
    Response.objects.create(
        cooperation=world.cooperation,
        survey=survey,
        municipality=world.municipality,
        data={"1": 42},
        updated_by=user,
    )
    report = report_services.report_create(
        cooperation=world.cooperation,
        period_start=dt.date(2019, 12, 1),
        period_end=dt.date(2019, 12, 31),
    )
    report_services.report_publish(report=report, issued_on=dt.date(2020, 1, 10))
    return person


@pytest.mark.django_db
def test_export_holds_what_is_stored_and_is_recorded(world: World) -> None:
    person = _person_with_traces(world)
    client = client_for(world.coordinator)
    response = client.get(f"/{world.cooperation.slug}/zugaenge/personen/{person.pk}/auskunft/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="auskunft-person-')
    data = json.loads(response.content)
    assert data["person"]["family_name"] == FAMILY
    assert data["person"]["municipality"] == world.municipality.name
    assert [m["body"] for m in data["memberships"]] == [world.public_body.name]
    assert len(data["attendance"]) == 1
    assert [t["title"] for t in data["tasks"]] == ["Angebote einholen"]
    assert data["account"]["email"] == "hz@example.org"
    assert AccessEvent.objects.filter(summary__contains="DSGVO Art. 15").count() == 1
    # Nothing of another cooperation: a member may not, another coordinator gets 404.
    assert client_for(world.member).get(response.request["PATH_INFO"]).status_code == 403


@pytest.mark.django_db
def test_erasure_leaves_no_name_in_any_page_export_or_report(world: World) -> None:
    person = _person_with_traces(world)
    version = ReportVersion.objects.get()
    assert NAME.encode() in version.data("md")  # the point is in the report before
    user_pk = person.user_id
    assert user_pk is not None
    client = client_for(world.coordinator)
    url = f"/{world.cooperation.slug}/zugaenge/personen/{person.pk}/loeschen/"
    assert "Zwirbelmeier" in client.get(url).content.decode()  # the confirmation names them
    assert client.post(url).status_code == 302

    assert not User.objects.filter(pk=user_pk).exists()
    person.refresh_from_db()
    assert person.full_name == "Gelöschte Person"
    assert person.email == ""
    # Attendance and tasks keep the placeholder; the answer stays the municipality's.
    assert person.attendances.count() == 1
    assert Task.objects.get(title="Angebote einholen").owner_person == person
    answer = Response.objects.get()
    assert answer.municipality == world.municipality
    assert answer.data == {"1": 42}
    version.refresh_from_db()
    for fmt in ("md", "html"):
        assert FAMILY.encode() not in version.data(fmt), fmt
    assert FAMILY not in json.dumps(version.content, ensure_ascii=False)
    assert "Gelöschte Person berichtet" in version.data("md").decode()
    pages = [u for _n, u in slug_only_urls(world.cooperation.slug)]
    pages += [
        f"/{world.cooperation.slug}/personen/{person.pk}/",
        f"/{world.cooperation.slug}/gremien/{world.public_body.pk}/",
        f"/{world.cooperation.slug}/zugaenge/personen/{person.pk}/auskunft/",
        f"/{world.cooperation.slug}/berichte/{version.report_id}/",
    ]
    for page in pages:
        response = client.get(page)
        if response.status_code != 200:
            continue
        body = (
            b"".join(response.streaming_content)
            if isinstance(response, StreamingHttpResponse)
            else response.content
        )
        assert FAMILY.encode() not in body, page
        assert b"hz@example.org" not in body, page
    events = list(AccessEvent.objects.values_list("summary", flat=True))
    assert any("DSGVO Art. 17" in e for e in events)
    assert not any(FAMILY in e for e in events)


@pytest.mark.django_db
def test_erasure_keeps_a_login_that_belongs_to_another_cooperation(
    world: World, other: World
) -> None:
    # A's coordinator may not delete what B's log-in is in B.
    user = other.member
    CooperationRole.objects.create(user=user, cooperation=world.cooperation, role="member")
    person = Person.objects.create(
        cooperation=world.cooperation, given_name="Doppel", family_name="Rolle", user=user
    )
    url = f"/{world.cooperation.slug}/zugaenge/personen/{person.pk}/loeschen/"
    assert client_for(world.coordinator).post(url).status_code == 302
    assert User.objects.filter(pk=user.pk).exists()
    assert not CooperationRole.objects.filter(user=user, cooperation=world.cooperation).exists()
    assert CooperationRole.objects.filter(user=user, cooperation=other.cooperation).exists()


@pytest.mark.django_db
def test_the_last_coordinator_cannot_be_erased(world: World, other: World) -> None:
    url = f"/{world.cooperation.slug}/zugaenge/personen/{world.coordinator_person.pk}/loeschen/"
    response = client_for(world.coordinator).post(url, follow=True)
    assert "letzte Person mit der Rolle Koordination" in response.content.decode()
    assert User.objects.filter(pk=world.coordinator.pk).exists()
    # Another cooperation's person id: 404, nothing happens.
    foreign = f"/{world.cooperation.slug}/zugaenge/personen/{other.member_person.pk}/loeschen/"
    assert client_for(world.coordinator).post(foreign).status_code == 404
    other.member_person.refresh_from_db()
    assert other.member_person.user_id == other.member.pk
