"""Rules that used to live in a form or a template, now in the model or selector (issue 12).

Each test states the rule as a literal table and checks it where it now lives and on the page
that only displays it, so removing the rule from the model or selector fails here.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from ikz.cooperation.forms import PersonForm
from ikz.cooperation.models import Person
from ikz.dates import PartialDate, Precision
from ikz.meetings import services as meeting_services
from ikz.meetings.models import Meeting, Point, Task
from ikz.meetings.selectors import PointNode
from ikz.surveys import services as survey_services
from tests.conftest import World, client_for
from tests.markup import squash
from tests.meetings.factories import meeting, published
from tests.projects.helpers import project

BOTH = "Bitte entweder eine Kommune oder eine Organisation angeben, nicht beides."

# --- A person belongs to a municipality or an organisation, not both ---------------------------


def test_person_form_refuses_municipality_and_organisation(world: World) -> None:
    data = {
        "given_name": "Erika",
        "family_name": "Muster",
        "municipality": str(world.municipality.pk),
        "organisation": "Landratsamt",
    }
    form = PersonForm(data, cooperation=world.cooperation)
    assert not form.is_valid()
    assert BOTH in form.non_field_errors()
    # Either one alone is fine.
    for dropped in ("municipality", "organisation"):
        alone = PersonForm({**data, dropped: ""}, cooperation=world.cooperation)
        assert alone.is_valid(), alone.errors


def test_person_model_and_database_refuse_both(world: World) -> None:
    person = Person(
        cooperation=world.cooperation,
        given_name="Erika",
        family_name="Muster",
        municipality=world.municipality,
        organisation="Landratsamt",
    )
    with pytest.raises(ValidationError) as refused:
        person.full_clean()
    assert BOTH in refused.value.messages
    # The importer, the shell and the admin get the same refusal from the database.
    with pytest.raises(IntegrityError), transaction.atomic():
        person.save()


# --- Who the public sees as a task's owner, and "overdue" --------------------------------------


def _task_point(world: World, owner: object, **fields: object) -> Point:
    session = meeting(body=world.member_body)
    return meeting_services.point_add(
        meeting=session,
        text="Aufgabe",
        kind=Point.Kind.TASK,
        owner=owner,  # type: ignore[arg-type]
        **fields,  # type: ignore[arg-type]
    )


@pytest.mark.parametrize(
    ("owner_kind", "show_people", "shown"),
    [
        ("person", False, False),  # the public never sees a person's name
        ("person", True, True),
        ("municipality", False, True),
        ("municipality", True, True),
        ("body", False, True),
        ("body", True, True),
    ],
)
def test_task_owner_for_visitor(
    world: World, owner_kind: str, show_people: bool, shown: bool
) -> None:
    owner = {
        "person": world.member_person,
        "municipality": world.municipality,
        "body": world.public_body,
    }[owner_kind]
    point = _task_point(world, owner)
    task = Task.objects.get(point=point)
    assert task.owner_for(show_people=show_people) == (owner if shown else None)
    node = PointNode(point=point, depth=0, show_people=show_people)
    assert node.task_owner == (owner if shown else None)


TODAY = dt.date(2020, 1, 20)


@pytest.mark.parametrize(
    ("state", "due", "today", "overdue"),
    [
        (Task.State.OPEN, PartialDate.day(2020, 1, 19), TODAY, True),
        (Task.State.OPEN, PartialDate.day(2020, 1, 20), TODAY, False),  # due today: not yet
        (Task.State.OPEN, PartialDate.month(2020, 1), TODAY, False),  # the month is not over
        (Task.State.OPEN, PartialDate.month(2019, 12), TODAY, True),
        (Task.State.DONE, PartialDate.month(2019, 12), TODAY, False),
        (Task.State.DROPPED, PartialDate.month(2019, 12), TODAY, False),
        (Task.State.OPEN, None, TODAY, False),
        (Task.State.OPEN, PartialDate.month(2019, 12), None, False),  # the page asks for none
    ],
)
def test_point_node_overdue(
    world: World,
    state: str,
    due: PartialDate | None,
    today: dt.date | None,
    overdue: bool,
) -> None:
    point = _task_point(world, world.municipality, due=due)
    Task.objects.filter(point=point).update(state=state)
    point = Point.objects.select_related("task").get(pk=point.pk)
    assert PointNode(point=point, depth=0, today=today).task_overdue is overdue


def test_minutes_page_shows_overdue_and_owner_from_the_selector(world: World) -> None:
    session = published(body=world.public_body, is_public=True)
    meeting_services.point_add(
        meeting=session,
        text="Alt und offen",
        kind=Point.Kind.TASK,
        owner=world.member_person,
        due=PartialDate.month(2019, 12),
    )
    meeting_services.point_add(
        meeting=session,
        text="Noch Zeit",
        kind=Point.Kind.TASK,
        owner=world.municipality,
        due=PartialDate.day(2999, 1, 1),
    )
    page = f"/{world.cooperation.slug}/sitzungen/{session.pk}/"
    member = client_for(world.member).get(page).content.decode()
    assert member.count("überfällig</span>") == 1
    assert f"verantwortlich: {world.member_person.full_name}" in member
    public = client_for(None).get(page).content.decode()
    assert world.member_person.full_name not in public
    assert f"verantwortlich: {world.municipality.name}" in public


# --- Which meetings may be invited to ----------------------------------------------------------


@pytest.mark.parametrize(
    ("state", "precision", "may"),
    [
        (Meeting.State.PLANNED, Precision.DAY, True),
        (Meeting.State.INVITED, Precision.DAY, True),
        (Meeting.State.HELD, Precision.DAY, False),
        (Meeting.State.MINUTES_PUBLISHED, Precision.DAY, False),
        (Meeting.State.CANCELLED, Precision.DAY, False),
        (Meeting.State.PLANNED, Precision.MONTH, False),
    ],
)
def test_meeting_may_invite(state: str, precision: str, may: bool) -> None:
    assert Meeting(state=state, date_precision=precision).may_invite is may


def test_meeting_page_offers_invitation_only_when_allowed(world: World) -> None:
    coordinator = client_for(world.coordinator)
    planned = meeting(body=world.member_body)
    held = meeting(body=world.member_body, number=7)
    meeting_services.meeting_set_state(meeting=held, state=Meeting.State.HELD)
    link = "/einladung/"
    assert (
        link
        in coordinator.get(f"/{world.cooperation.slug}/sitzungen/{planned.pk}/").content.decode()
    )
    assert (
        link
        not in coordinator.get(f"/{world.cooperation.slug}/sitzungen/{held.pk}/").content.decode()
    )


# --- Survey states on the project page: the model's labels ------------------------------------


def test_project_page_shows_survey_state_labels_of_the_model(world: World) -> None:
    target = project(cooperation=world.cooperation)
    draft = survey_services.survey_save(
        cooperation=world.cooperation, fields={"title": "Entwurfsumfrage", "project": target}
    )
    sent = survey_services.survey_from_builtin(
        cooperation=world.cooperation,
        key="bauhof",
        fields={
            "title": "Versendete Umfrage",
            "project": target,
            "body": world.member_body,
            "deadline": dt.date(2020, 1, 31),
        },
    )
    survey_services.survey_open(survey=sent)
    html = (
        client_for(world.coordinator)
        .get(f"/{world.cooperation.slug}/vorhaben/{target.pk}/")
        .content.decode()
    )
    assert draft.title in html
    shown = squash(html)  # the status follows the link on the next template line
    assert "Entwurfsumfrage</a>“ in Vorbereitung" in shown
    assert "Versendete Umfrage</a>“ offen" in shown
