"""The rules the audit of issue 12 found missing in the importer (docs/data-exchange.md, "Which
rules the importer keeps"): each one broken in the demo's file is refused with an
ExchangeError naming the place and the form's German message, and nothing is written.

The places are literal: the demo's file is stable (meetings by date, projects and agreements
by title), and the values changed here are those seen in it.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from ikz.agreements import services as agreement_services
from ikz.cooperation.models import Cooperation
from ikz.dates import PartialDate
from ikz.exchange.protocol import ExchangeError
from ikz.exchange.services import dumps, import_cooperation, parse
from ikz.meetings import services as meeting_services
from ikz.meetings.models import Meeting, Point
from ikz.projects import services as project_services
from ikz.projects.models import FundingApplication, FundingProgramme, Stage
from tests.agreements.helpers import agreement, cases_key
from tests.conftest import World
from tests.exchange_support import Mutation, delete_at, demo_export, row_counts, set_at
from tests.meetings.factories import meeting
from tests.projects.helpers import project


def _set(*path: Any, value: Any) -> Mutation:
    return set_at(path, value)


def _both(first: Mutation, second: Mutation) -> Mutation:
    def change(data: dict[str, Any]) -> None:
        first(data)
        second(data)

    return change


MEETINGS, TASKS = ("meetings", "meetings"), ("meetings", "tasks")
PROJECTS = ("projects", "projects")

# case: (change to the demo's file, the refusal as the importer words it)
BROKEN: dict[str, tuple[Mutation, str]] = {
    "meeting ends before it starts": (
        # The first meeting runs 17:00–19:00.
        _set(*MEETINGS, 0, "end_time", value="16:30"),
        "meetings.meetings[0].end_time: Das Ende muss nach dem Beginn liegen.",
    ),
    "meeting ends when it starts": (
        _set(*MEETINGS, 0, "end_time", value="17:00"),
        "meetings.meetings[0].end_time: Das Ende muss nach dem Beginn liegen.",
    ),
    "point text over 5000 characters": (
        _set(*MEETINGS, 0, "points", 0, "text", value="x" * 5001),
        "meetings.meetings[0].points[0].text: Der Text ist zu lang (höchstens 5.000 Zeichen).",
    ),
    "task on a point that is no task": (
        # Point 16 is an assessment ("Bewertung").
        _set(*TASKS, 0, "point", value=16),
        "meetings.tasks[0].point: Eine Aufgabe kann nur an einem Protokollpunkt der Art "
        "„Aufgabe“ hängen.",
    ),
    "granted amount without the grant": (
        # The library's application is only planned.
        _set(*PROJECTS, 1, "funding", 0, "amount_granted", value="1000.00"),
        "projects.projects[1].funding[0].amount_granted: Ein bewilligter Betrag setzt den "
        "Status „bewilligt“ voraus.",
    ),
    "stage change without reason or point": (
        _set(*PROJECTS, 0, "history", 0, "reason", value=""),
        "projects.projects[0].history[0].reason: Bitte den Phasenwechsel begründen.",
    ),
    "stage change decided by an assessment": (
        # Point 25 is an assessment of the same meeting (8) as the deciding point 30.
        _set(*PROJECTS, 1, "history", 1, "point", value=25),
        "projects.projects[1].history[1].point: Nur ein Protokollpunkt der Art „Beschluss“ "
        "oder „nicht weiterverfolgt“ kann einen Phasenwechsel begründen.",
    ),
    "stage change point of another meeting": (
        # Point 18 decides in meeting 7, the change names meeting 8.
        _set(*PROJECTS, 1, "history", 1, "point", value=18),
        "projects.projects[1].history[1].point: Der Protokollpunkt gehört zu einer anderen "
        "Sitzung.",
    ),
    "cost key weights not 100 %": (
        # 70 % cases + 30 % inhabitants becomes 60 % + 30 %.
        _set("agreements", 0, "keys", 0, "components", 0, "weight", value="60.00"),
        "agreements[0].keys[0]: Die Gewichte ergeben zusammen 90,00 %, nicht 100 %.",
    ),
    "cost key without components": (
        _set("agreements", 0, "keys", 0, "components", value=[]),
        "agreements[0].keys[0]: Ein Kostenschlüssel braucht mindestens eine Komponente.",
    ),
    "measure of a municipality that is no partner": (
        # The partners are municipalities 2, 4 and 6.
        _set("agreements", 0, "measures", 0, "municipality", value=1),
        "agreements[0].measures[0].municipality: Kennzahlen gibt es nur für Partnerkommunen.",
    ),
    "measure of a year before 1990": (
        _set("agreements", 0, "measures", 0, "year", value=1989),
        "agreements[0].measures[0].year: Bitte ein Jahr zwischen 1990 und 2200 angeben.",
    ),
    "statement with more income than costs": (
        # Costs 84,000.00 €, fees 12,500.00 €: fees of 84,000.01 € leave less than nothing.
        _set("agreements", 0, "statements", 0, "fees_cents", value=8400001),
        "agreements[0].statements[0]: Die Einnahmen übersteigen die Kosten: es gibt nichts zu "
        "verteilen.",
    ),
    "submitted answer missing a required one": (
        # The first answer of survey 2 is submitted; "offene_stellen" is a required question.
        delete_at(("surveys", 1, "responses", 0, "answers", "offene_stellen")),
        "surveys[1].responses[0].answers.offene_stellen: Bitte beantworten Sie diese Pflichtfrage.",
    ),
    "answers to a draft survey": (
        # Survey 1 is closed, with answers of every municipality.
        _set("surveys", 0, "status", value="draft"),
        "surveys[0].responses: Antworten können erst nach dem Versenden importiert werden.",
    ),
    "evaluation of a draft survey on the agenda": (
        # Without its answers, survey 1 as a draft gets as far as its agenda item 24.
        _both(
            _set("surveys", 0, "status", value="draft"),
            _set("surveys", 0, "responses", value=[]),
        ),
        "surveys[0].agenda_items: Nur die Auswertung einer versendeten Umfrage kann auf die "
        "Tagesordnung.",
    ),
    "sent survey without questions": (
        # Survey 2 is open; it has no indicators that would name its questions.
        _set("surveys", 1, "sections", value=[]),
        "surveys[1].sections: Die Umfrage hat noch keine Fragen.",
    ),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_a_file_breaking_the_rule_is_refused_at_its_place_and_nothing_is_written(
    db: None, case: str
) -> None:
    change, refusal = BROKEN[case]
    data = demo_export()
    change(data)
    before = row_counts()
    with pytest.raises(ExchangeError) as refused:
        import_cooperation(data=parse(dumps(data)), slug="regelbruch")
    assert str(refused.value) == refusal
    assert row_counts() == before
    assert not Cooperation.objects.filter(slug="regelbruch").exists()


# --- The same rules through the services (what the form shows) and the database -----------------


def test_the_services_refuse_with_the_same_messages_on_the_fields(world: World) -> None:
    session = meeting(body=world.member_body, start_time=dt.time(17), end_time=dt.time(19))
    with pytest.raises(ValidationError) as refused:
        meeting_services.meeting_update(meeting=session, fields={"end_time": dt.time(16, 30)})
    assert refused.value.message_dict == {"end_time": ["Das Ende muss nach dem Beginn liegen."]}
    with pytest.raises(ValidationError) as refused:
        meeting_services.point_add(meeting=session, text="x" * 5001)
    assert refused.value.message_dict == {
        "text": ["Der Text ist zu lang (höchstens 5.000 Zeichen)."]
    }
    target = project(cooperation=world.cooperation, title="Bibliothek")
    programme = FundingProgramme.objects.create(cooperation=world.cooperation, name="LEADER")
    with pytest.raises(ValidationError) as refused:
        project_services.funding_application_save(
            project=target, programme=programme, amount_granted=Decimal("1000.00")
        )
    assert refused.value.message_dict == {
        "amount_granted": ["Ein bewilligter Betrag setzt den Status „bewilligt“ voraus."]
    }
    with pytest.raises(ValidationError) as refused:
        project_services.project_change_stage(
            project=target, to_stage=Stage.ASSESSMENT, date=None, actor_id=None, reason=" "
        )
    assert refused.value.message_dict == {"reason": ["Bitte den Phasenwechsel begründen."]}
    assessment = meeting_services.point_add(
        meeting=session, text="Bewertung", kind=Point.Kind.ASSESSMENT
    )
    with pytest.raises(ValidationError) as refused:
        project_services.project_change_stage(
            project=target,
            to_stage=Stage.ASSESSMENT,
            date=None,
            actor_id=None,
            reason="",
            point=assessment,
        )
    assert refused.value.message_dict == {
        "point": [
            "Nur ein Protokollpunkt der Art „Beschluss“ oder „nicht weiterverfolgt“ kann einen "
            "Phasenwechsel begründen."
        ]
    }
    deal = agreement(cooperation=world.cooperation)
    with pytest.raises(ValidationError) as refused:
        agreement_services.measures_save(
            agreement=deal, year=2020, values={(world.municipality.pk, "Fälle"): Decimal(3)}
        )
    assert refused.value.messages == ["Kennzahlen gibt es nur für Partnerkommunen."]
    with pytest.raises(ValidationError) as refused:
        agreement_services.statement_save(
            agreement=deal,
            values={
                "key": cases_key(deal),
                "year": 2020,
                "basis": "actual",
                "costs_cents": 100,
                "fees_cents": 60,
                "grants_cents": 41,
            },
        )
    assert refused.value.messages == [
        "Die Einnahmen übersteigen die Kosten: es gibt nichts zu verteilen."
    ]


def test_the_database_refuses_what_bypasses_full_clean(world: World) -> None:
    session = meeting(body=world.member_body)
    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.filter(pk=session.pk).update(start_time=dt.time(17), end_time=dt.time(17))
    target = project(cooperation=world.cooperation, title="Bibliothek")
    programme = FundingProgramme.objects.create(cooperation=world.cooperation, name="LEADER")
    with pytest.raises(IntegrityError), transaction.atomic():
        FundingApplication.objects.create(
            cooperation=world.cooperation,
            project=target,
            programme=programme,
            amount_granted=Decimal("1.00"),
            state=FundingApplication.State.SUBMITTED,
        )
    granted = FundingApplication.objects.create(
        cooperation=world.cooperation,
        project=target,
        programme=programme,
        amount_granted=Decimal("1.00"),
        state=FundingApplication.State.GRANTED,
    )
    assert granted.amount_granted == Decimal("1.00")


def test_a_day_without_times_and_a_month_meeting_still_pass(world: World) -> None:
    # The times' rules refuse only what breaks them.
    assert meeting(body=world.member_body, when=PartialDate.month(2020, 1)).start_time is None
    late = meeting(body=world.member_body, start_time=dt.time(17), end_time=dt.time(17, 1))
    assert late.end_time == dt.time(17, 1)
