"""Every delete view passes the acting user; the deletion reaches the activity feed (issue 12).

Each case builds one row through the services, deletes it through its page as the
coordinator, and expects exactly one new entry: the coordinator as actor and the sentence
written out here by hand.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from ikz.activity.models import ActivityEntry
from ikz.cooperation.models import Membership
from ikz.dates import PartialDate
from ikz.meetings import services as meeting_services
from ikz.projects import services as project_services
from ikz.projects.models import FundingProgramme
from ikz.surveys import services as survey_services
from tests.conftest import World, client_for
from tests.factories import LocationFactory
from tests.meetings.factories import meeting
from tests.projects.helpers import project
from tests.surveys.helpers import bauhof


def _point(world: World) -> tuple[str, dict[str, str]]:
    session = meeting(body=world.member_body, title="Klausur")
    point = meeting_services.point_add(meeting=session, text="Bauhof   zusammenlegen")
    return f"sitzungen/{session.pk}/protokoll/{point.pk}/", {"op": "delete"}


def _agenda_item(world: World) -> tuple[str, dict[str, str]]:
    session = meeting(body=world.member_body, title="Klausur")
    item = meeting_services.agenda_item_add(meeting=session, title="Haushalt")
    return f"sitzungen/{session.pk}/tagesordnung/{item.pk}/loeschen/", {}


def _milestone(world: World) -> tuple[str, dict[str, str]]:
    target = project(cooperation=world.cooperation, title="Bibliothek")
    row = project_services.milestone_save(
        project=target, title="Ratsbeschluss", when=PartialDate.month(2020, 3)
    )
    return f"vorhaben/{target.pk}/meilensteine/{row.pk}/loeschen/", {}


def _funding(world: World) -> tuple[str, dict[str, str]]:
    target = project(cooperation=world.cooperation, title="Bibliothek")
    programme = FundingProgramme.objects.create(cooperation=world.cooperation, name="LEADER")
    row = project_services.funding_application_save(project=target, programme=programme)
    return f"vorhaben/{target.pk}/foerderung/{row.pk}/loeschen/", {}


def _goal(world: World) -> tuple[str, dict[str, str]]:
    goal = project_services.goal_save(cooperation=world.cooperation, title="Kitas sichern")
    return f"vorhaben/ziele/{goal.pk}/loeschen/", {}


def _field(world: World) -> tuple[str, dict[str, str]]:
    field = project_services.field_save(cooperation=world.cooperation, name="Mobilität")
    return f"vorhaben/handlungsfelder/{field.pk}/loeschen/", {}


def _section(world: World) -> tuple[str, dict[str, str]]:
    survey = bauhof(world, send=False, title="Bauhof 2020")
    section = survey.sections.order_by("position").first()
    assert section is not None
    return f"umfragen/{survey.pk}/abschnitte/{section.pk}/loeschen/", {}


def _question(world: World) -> tuple[str, dict[str, str]]:
    survey = bauhof(world, send=False, title="Bauhof 2020")
    question = survey.questions.get(key="beschaeftigte")
    return f"umfragen/{survey.pk}/fragen/{question.pk}/loeschen/", {}


def _indicator(world: World) -> tuple[str, dict[str, str]]:
    survey = bauhof(world, send=False, title="Bauhof 2020")
    indicator = survey_services.indicator_save(
        survey=survey,
        fields={"key": "je_km", "name": "Kosten je km", "formula": "kosten_personal / strassen_km"},
    )
    return f"umfragen/{survey.pk}/kennzahlen/{indicator.pk}/loeschen/", {}


def _membership(world: World) -> tuple[str, dict[str, str]]:
    membership = Membership.objects.get(person=world.member_person, body=world.member_body)
    return f"gremien/{world.member_body.pk}/mitglieder/{membership.pk}/entfernen/", {}


def _location(world: World) -> tuple[str, dict[str, str]]:
    location = LocationFactory(cooperation=world.cooperation, name="Rathaus Borsdorf")
    return f"orte/{location.pk}/loeschen/", {}


CASES: dict[str, tuple[Callable[[World], tuple[str, dict[str, str]]], str | None]] = {
    "point": (_point, "Protokollpunkt „Bauhof zusammenlegen“ aus „Klausur“ gelöscht"),
    "agenda item": (_agenda_item, "Tagesordnungspunkt „Haushalt“ aus „Klausur“ gelöscht"),
    "milestone": (_milestone, "Meilenstein „Ratsbeschluss“ im Vorhaben „Bibliothek“ gelöscht"),
    "funding": (_funding, "Förderantrag „LEADER“ im Vorhaben „Bibliothek“ gelöscht"),
    "goal": (_goal, "Zielstellung „Kitas sichern“ gelöscht"),
    "field": (_field, "Handlungsfeld „Mobilität“ gelöscht"),
    "section": (_section, None),  # the title of the builtin's first section, read below
    "question": (_question, None),
    "membership": (_membership, None),  # the member's name, read below
    "location": (_location, "Ort „Rathaus Borsdorf“ gelöscht"),
    "indicator": (_indicator, "Kennzahl „Kosten je km“ der Umfrage „Bauhof 2020“ gelöscht"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_delete_as_coordinator_records_the_deletion(world: World, case: str) -> None:
    build, expected = CASES[case]
    path, data = build(world)
    if case == "section":
        from ikz.surveys.models import Section

        section = Section.objects.get(pk=int(path.rstrip("/").split("/")[-2]))
        expected = f"Abschnitt „{section.title}“ der Umfrage „Bauhof 2020“ gelöscht"
    if case == "question":
        from ikz.surveys.models import Question

        question = Question.objects.get(pk=int(path.rstrip("/").split("/")[-2]))
        expected = f"Frage „{question.text}“ der Umfrage „Bauhof 2020“ gelöscht"
    if case == "membership":
        expected = f"{world.member_person.full_name} nicht mehr in „{world.member_body.name}“"
    before = set(ActivityEntry.objects.values_list("pk", flat=True))
    response = client_for(world.coordinator).post(f"/{world.cooperation.slug}/{path}", data)
    assert response.status_code in (200, 302), response.content.decode()[:500]
    new = list(ActivityEntry.objects.exclude(pk__in=before))
    assert [entry.text for entry in new] == [expected]
    assert new[0].actor_id == world.coordinator.pk
