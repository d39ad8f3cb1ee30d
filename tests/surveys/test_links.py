"""A survey linked to a project, and its evaluation put on a meeting's agenda (issue #6)."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.http.response import HttpResponseRedirectBase
from django.test import Client
from django.urls import reverse

from ikz.accounts.access import Access, Level
from ikz.dates import PartialDate
from ikz.demo.loader import load_demo
from ikz.exchange.protocol import ExchangeError
from ikz.exchange.services import export_cooperation, import_cooperation
from ikz.meetings import services as meeting_services
from ikz.meetings.models import AgendaItem, Meeting
from ikz.projects.models import Project
from ikz.surveys import selectors, services
from ikz.surveys.models import Survey
from tests.conftest import World, client_for
from tests.exchange_support import row_counts, without_volatile
from tests.markup import squash
from tests.meetings.factories import meeting, published
from tests.projects.helpers import project

from .helpers import bauhof

pytestmark = pytest.mark.django_db


def _slug(world: World) -> str:
    return world.cooperation.slug


def _agenda_url(world: World, survey: Survey) -> str:
    return reverse("surveys:evaluation_agenda", args=[_slug(world), survey.pk])


def _meeting_url(world: World, session: Meeting) -> str:
    return reverse("meetings:detail", args=[_slug(world), session.pk])


def _sequence(session: Meeting) -> int:
    session.refresh_from_db(fields=["sequence"])
    return session.sequence


# --- Survey → project -------------------------------------------------------------------------


def test_survey_save_links_a_project_of_the_same_cooperation(world: World) -> None:
    target = project(cooperation=world.cooperation, title="Maschinenpark")
    survey = bauhof(world, send=False, project=target)
    survey.refresh_from_db()
    assert survey.project == target


def test_survey_save_refuses_a_project_of_another_cooperation(world: World, other: World) -> None:
    foreign = project(cooperation=other.cooperation, title="Fremd")
    survey = bauhof(world, send=False)
    with pytest.raises(ValidationError) as error:
        services.survey_save(
            cooperation=world.cooperation, survey=survey, fields={"project": foreign}
        )
    assert "anderen Kooperation" in str(error.value)
    survey.refresh_from_db()
    assert survey.project is None


def test_survey_form_offers_only_projects_of_the_cooperation(world: World, other: World) -> None:
    own = project(cooperation=world.cooperation, title="Eigenes Vorhaben")
    foreign = project(cooperation=other.cooperation, title="Fremdes Vorhaben")
    survey = bauhof(world, send=False)
    url = reverse("surveys:edit", args=[_slug(world), survey.pk])
    client = client_for(world.coordinator)
    page = client.get(url).content.decode()
    assert "Eigenes Vorhaben" in page
    assert "Fremdes Vorhaben" not in page
    data = {
        "title": survey.title,
        "description": "",
        "body": world.member_body.pk,
        "deadline": "31.01.2020",
        "evaluation_visibility": Survey.Visibility.MEMBERS,
    }
    refused = client.post(url, data | {"project": foreign.pk})
    assert refused.status_code == 400
    # The typed title stays in the form.
    assert survey.title in refused.content.decode()
    survey.refresh_from_db()
    assert survey.project is None
    assert client.post(url, data | {"project": own.pk}).status_code == 302
    survey.refresh_from_db()
    assert survey.project == own
    detail = client.get(reverse("surveys:detail", args=[_slug(world), survey.pk]))
    assert reverse("projects:detail", args=[_slug(world), own.pk]) in detail.content.decode()


def test_project_page_lists_sent_surveys_to_members_only(world: World) -> None:
    target = project(cooperation=world.cooperation, title="Maschinenpark", is_public=True)
    sent = bauhof(world, project=target, title="Gesendete Abfrage")
    bauhof(world, send=False, project=target, title="Entwurf der Abfrage")
    url = reverse("projects:detail", args=[_slug(world), target.pk])
    sent_url = reverse("surveys:detail", args=[_slug(world), sent.pk])

    coordinator = client_for(world.coordinator).get(url).content.decode()
    assert "Gesendete Abfrage" in coordinator
    assert "Entwurf der Abfrage" in coordinator
    member = client_for(world.member).get(url).content.decode()
    assert "Gesendete Abfrage" in member
    assert "offen, Frist 31.01.2020" in squash(member)
    assert sent_url in member
    assert "Entwurf der Abfrage" not in member
    for visitor in (Client(), client_for(world.outsider)):
        page = visitor.get(url)
        assert page.status_code == 200
        assert "Gesendete Abfrage" not in page.content.decode()
        assert sent_url not in page.content.decode()


def test_project_page_queries_do_not_grow_with_surveys(
    world: World, django_assert_max_num_queries: Callable[..., Any]
) -> None:
    target = project(cooperation=world.cooperation, title="Maschinenpark")
    url = reverse("projects:detail", args=[_slug(world), target.pk])
    client = client_for(world.member)
    bauhof(world, project=target, title="Abfrage 0")
    with django_assert_max_num_queries(40) as few:
        client.get(url)
    for index in range(1, 6):
        bauhof(world, project=target, title=f"Abfrage {index}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(url).content.decode()
    assert "Abfrage 5" in page


def test_deleting_the_project_keeps_the_survey(world: World) -> None:
    target = project(cooperation=world.cooperation, title="Maschinenpark")
    survey = bauhof(world, project=target)
    Project.objects.filter(pk=target.pk).delete()
    survey.refresh_from_db()
    assert survey.project is None


# --- Evaluation → agenda ----------------------------------------------------------------------


def test_attach_creates_one_agenda_item_and_bumps_the_sequence(world: World) -> None:
    survey = bauhof(world)
    session = meeting(body=world.member_body)
    before = _sequence(session)
    item = services.attach_evaluation_to_agenda(survey=survey, meeting=session)
    assert item.title == f"Auswertung: {survey.title}"
    assert item.survey == survey
    assert item.meeting == session
    assert _sequence(session) == before + 1
    again = services.attach_evaluation_to_agenda(survey=survey, meeting=session)
    assert again.pk == item.pk
    assert AgendaItem.objects.filter(meeting=session).count() == 1
    assert _sequence(session) == before + 1  # nothing changed, nothing to tell calendars


def test_attach_may_link_an_existing_item(world: World) -> None:
    survey = bauhof(world)
    session = meeting(body=world.member_body)
    item = meeting_services.agenda_item_add(meeting=session, title="Ergebnisse der Abfrage")
    before = _sequence(session)
    linked = services.attach_evaluation_to_agenda(survey=survey, meeting=session, item=item)
    assert linked.pk == item.pk
    assert linked.title == "Ergebnisse der Abfrage"
    assert AgendaItem.objects.get(pk=item.pk).survey == survey
    assert _sequence(session) == before + 1
    other_session = meeting(body=world.member_body, when=PartialDate.day(2020, 1, 9))
    with pytest.raises(ValidationError, match="anderen Sitzung"):
        services.attach_evaluation_to_agenda(survey=survey, meeting=other_session, item=item)


def test_attach_refuses_cross_cooperation_and_unsent_surveys(world: World, other: World) -> None:
    survey = bauhof(world)
    foreign = meeting(body=other.member_body)
    with pytest.raises(ValidationError, match="anderen Kooperation"):
        services.attach_evaluation_to_agenda(survey=survey, meeting=foreign)
    session = meeting(body=world.member_body)
    with pytest.raises(ValidationError, match="anderen Kooperation"):
        meeting_services.agenda_item_add(meeting=foreign, title="x", survey=survey)
    draft = bauhof(world, send=False, title="Entwurf")
    with pytest.raises(ValidationError, match="versendeten Umfrage"):
        services.attach_evaluation_to_agenda(survey=draft, meeting=session)
    assert not AgendaItem.objects.filter(survey__isnull=False).exists()


def test_attach_refuses_a_new_item_in_published_minutes(world: World) -> None:
    survey = bauhof(world)
    done = published(body=world.member_body)
    with pytest.raises(ValidationError, match="nicht mehr ergänzt"):
        services.attach_evaluation_to_agenda(survey=survey, meeting=done)
    assert not done.agenda_items.exists()


def test_the_same_survey_twice_in_a_meeting_is_refused_by_the_database_rule(
    world: World,
) -> None:
    survey = bauhof(world)
    session = meeting(body=world.member_body)
    services.attach_evaluation_to_agenda(survey=survey, meeting=session)
    item = meeting_services.agenda_item_add(meeting=session, title="Noch einmal")
    with pytest.raises(ValidationError, match="bereits auf der Tagesordnung"):
        meeting_services.agenda_item_set_survey(item=item, survey=survey)


def test_meeting_choices_are_not_yet_held_meetings_of_the_cooperation_body_first(
    world: World, other: World
) -> None:
    survey = bauhof(world, body=world.internal_body)
    early = meeting(body=world.member_body, when=PartialDate.day(2020, 1, 5))
    own = meeting(body=world.internal_body, when=PartialDate.day(2020, 3, 5))
    published(body=world.member_body, when=PartialDate.day(2019, 11, 5))
    meeting(body=other.member_body)
    access = Access(cooperation=world.cooperation, level=Level.COORDINATOR)
    choices = list(selectors.agenda_meeting_choices(access=access, survey=survey))
    assert choices == [own, early]


def test_only_the_coordinator_sees_the_action_and_may_post(world: World) -> None:
    survey = bauhof(world, evaluation_visibility=Survey.Visibility.MEMBERS)
    session = meeting(body=world.member_body)
    evaluation = reverse("surveys:evaluation", args=[_slug(world), survey.pk])
    url = _agenda_url(world, survey)

    page = client_for(world.coordinator).get(evaluation).content.decode()
    assert url in page
    assert "Auf die Tagesordnung setzen" in page
    member = client_for(world.member)
    assert url not in member.get(evaluation).content.decode()
    assert member.get(url).status_code == 403
    assert member.post(url, {"meeting": session.pk}).status_code == 403
    assert client_for(world.outsider).post(url, {"meeting": session.pk}).status_code == 403
    anonymous = Client().post(url, {"meeting": session.pk})
    assert anonymous.status_code == 302
    assert isinstance(anonymous, HttpResponseRedirectBase)
    assert "/konto/" in anonymous.url
    assert not AgendaItem.objects.filter(survey=survey).exists()


def test_coordinator_puts_the_evaluation_on_the_agenda(world: World) -> None:
    survey = bauhof(world)
    session = meeting(body=world.member_body)
    client = client_for(world.coordinator)
    form = client.get(_agenda_url(world, survey))
    assert form.status_code == 200
    assert session.heading in form.content.decode()
    response = client.post(_agenda_url(world, survey), {"meeting": session.pk})
    item = AgendaItem.objects.get(meeting=session, survey=survey)
    assert response.status_code == 302
    assert isinstance(response, HttpResponseRedirectBase)
    assert response.url == f"{_meeting_url(world, session)}#top-{item.pk}"
    # A second POST changes nothing.
    assert client.post(_agenda_url(world, survey), {"meeting": session.pk}).status_code == 302
    assert AgendaItem.objects.filter(meeting=session).count() == 1
    evaluation = client.get(reverse("surveys:evaluation", args=[_slug(world), survey.pk]))
    assert f"#top-{item.pk}" in evaluation.content.decode()


def test_agenda_form_refuses_bad_and_foreign_meetings(world: World, other: World) -> None:
    survey = bauhof(world)
    foreign = meeting(body=other.member_body)
    done = published(body=world.member_body)
    client = client_for(world.coordinator)
    for value in (foreign.pk, done.pk, "abc", ""):
        response = client.post(_agenda_url(world, survey), {"meeting": value})
        assert response.status_code == 400
        assert 'class="kern-error"' in response.content.decode(), value
    assert not AgendaItem.objects.exists()
    draft = bauhof(world, send=False, title="Entwurf")
    response = client.get(_agenda_url(world, draft))
    assert response.status_code == 302


def test_other_cooperation_gets_404_on_the_agenda_page(world: World, other: World) -> None:
    survey = bauhof(world)
    session = meeting(body=other.member_body)
    url = reverse("surveys:evaluation_agenda", args=[other.cooperation.slug, survey.pk])
    client = client_for(other.coordinator)
    assert client.get(url).status_code == 404
    assert client.post(url, {"meeting": session.pk}).status_code == 404
    assert not AgendaItem.objects.exists()


@pytest.mark.parametrize(
    ("visibility", "expected"),
    [
        (
            Survey.Visibility.MEMBERS,
            {"coordinator": True, "member": True, "outsider": False, "anonymous": False},
        ),
        (
            Survey.Visibility.COORDINATION,
            {"coordinator": True, "member": False, "outsider": False, "anonymous": False},
        ),
    ],
)
def test_meeting_page_links_the_evaluation_only_for_those_who_may_see_it(
    world: World, visibility: str, expected: dict[str, bool]
) -> None:
    survey = bauhof(world, evaluation_visibility=visibility)
    session = meeting(body=world.public_body, is_public=True)
    item = services.attach_evaluation_to_agenda(survey=survey, meeting=session)
    link = reverse("surveys:evaluation", args=[_slug(world), survey.pk])
    for role, sees in expected.items():
        user = None if role == "anonymous" else getattr(world, role)
        page = client_for(user).get(_meeting_url(world, session))
        assert page.status_code == 200, role
        content = page.content.decode()
        assert item.title in content, role
        assert (link in content) is sees, role


def test_meeting_page_queries_do_not_grow_with_linked_items(
    world: World, django_assert_max_num_queries: Callable[..., Any]
) -> None:
    session = meeting(body=world.member_body)
    client = client_for(world.member)
    url = _meeting_url(world, session)
    first = bauhof(world, evaluation_visibility=Survey.Visibility.MEMBERS, title="Abfrage 0")
    services.attach_evaluation_to_agenda(survey=first, meeting=session)
    with django_assert_max_num_queries(40) as few:
        client.get(url)
    for index in range(1, 6):
        survey = bauhof(
            world, evaluation_visibility=Survey.Visibility.MEMBERS, title=f"Abfrage {index}"
        )
        services.attach_evaluation_to_agenda(survey=survey, meeting=session)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(url).content.decode()
    assert page.count("Auswertung ansehen") == 6


# --- Exchange and demo ------------------------------------------------------------------------


@pytest.fixture
def linked_export(world: World) -> dict[str, Any]:
    target = project(cooperation=world.cooperation, title="Maschinenpark")
    survey = bauhof(world, project=target)
    session = meeting(body=world.member_body)
    services.attach_evaluation_to_agenda(survey=survey, meeting=session)
    later = meeting(body=world.member_body, when=PartialDate.day(2020, 2, 6))
    item = meeting_services.agenda_item_add(meeting=later, title="Ergebnisse")
    services.attach_evaluation_to_agenda(survey=survey, meeting=later, item=item)
    data = export_cooperation(cooperation=world.cooperation)
    data["cooperation"]["slug"] = "kopie"
    return data


def test_exchange_round_trip_keeps_both_links(world: World, linked_export: dict[str, Any]) -> None:
    (entry,) = linked_export["surveys"]
    assert isinstance(entry["project"], int)
    assert len(entry["agenda_items"]) == 2
    imported = import_cooperation(data=copy.deepcopy(linked_export))
    again = export_cooperation(cooperation=imported)
    assert without_volatile(again) == without_volatile(linked_export)
    survey = Survey.objects.get(cooperation=imported)
    assert survey.project is not None
    assert survey.project.cooperation_id == imported.pk
    assert survey.project.title == "Maschinenpark"
    titles = sorted(survey.agenda_items.values_list("title", flat=True))
    assert titles == ["Auswertung: " + survey.title, "Ergebnisse"]
    assert all(
        item.cooperation_id == imported.pk for item in AgendaItem.objects.filter(survey=survey)
    )


BROKEN_LINKS = [
    (lambda entry: entry.update(agenda_items=[999]), "nicht enthalten"),
    (lambda entry: entry.update(agenda_items="1"), "Erwartet wird eine Liste"),
    (lambda entry: entry.update(agenda_items=[entry["agenda_items"][0]] * 2), "bereits"),
    (lambda entry: entry.update(project=999), "nicht enthalten"),
]


@pytest.mark.parametrize(("mutate", "message"), BROKEN_LINKS)
def test_broken_links_are_refused_and_nothing_is_written(
    world: World, linked_export: dict[str, Any], mutate: Callable[..., None], message: str
) -> None:
    data = copy.deepcopy(linked_export)
    mutate(data["surveys"][0])
    before = row_counts()
    with pytest.raises(ExchangeError, match=message):
        import_cooperation(data=data)
    assert row_counts() == before


def test_demo_links_the_bauhof_survey_to_project_and_agenda() -> None:
    cooperation = load_demo().cooperation
    survey = Survey.objects.get(cooperation=cooperation, title="Kennzahlenabfrage Bauhof 2019")
    assert survey.project is not None
    assert survey.project.title == "Maschinenparkkooperation"
    (item,) = survey.agenda_items.select_related("meeting", "meeting__body")
    assert item.meeting.heading == "2. AG Verwaltung"
    assert str(item.meeting.when) == "10.12.2019"
    assert item.title == "Ergebnisse der Kennzahlenabfrage"
    other = Survey.objects.exclude(pk=survey.pk).get(cooperation=cooperation, is_template=False)
    assert other.project is None
    assert not other.agenda_items.exists()
