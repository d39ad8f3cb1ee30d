"""Tasks: task points, states, overdue against a fixed day, hand-over and "Wiedervorlage"."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from ikz.cooperation.access import access_for
from ikz.dates import PartialDate
from ikz.meetings import selectors, services
from ikz.meetings.models import AgendaItem, Meeting, Point, Task
from ikz.meetings.selectors import TaskFilter
from tests.conftest import World
from tests.meetings.factories import meeting

JAN_2020 = PartialDate.month(2020, 1)
TODAY = dt.date(2020, 1, 20)


def task_point(
    of_meeting: Meeting, text: str = "Abfrage zu Personal-Sharing", **fields: Any
) -> Point:
    return services.point_add(meeting=of_meeting, text=text, kind=Point.Kind.TASK, **fields)


def test_task_point_creates_task_with_owner_and_due(world: World) -> None:
    bauhof = meeting(body=world.member_body)
    point = task_point(bauhof, owner=world.municipality, due=JAN_2020)
    task = point.task
    assert (task.title, task.body, task.owner, str(task.due_date)) == (
        "Abfrage zu Personal-Sharing",
        world.member_body,
        world.municipality,
        "01/2020",
    )
    assert task.state == Task.State.OPEN


def test_editing_the_text_renames_the_task(world: World) -> None:
    point = task_point(meeting(body=world.member_body))
    services.point_update(point=point, text="Abfrage zu Personal-Sharing und Ausbildung")
    assert Task.objects.get().title == "Abfrage zu Personal-Sharing und Ausbildung"
    services.task_update(task=Task.objects.get(), title="Abfrage verschickt")
    point.refresh_from_db()
    assert point.text == "Abfrage verschickt"


def test_owner_changes_and_at_most_one_owner(world: World) -> None:
    point = task_point(meeting(body=world.member_body), owner=world.member_person)
    services.point_update(point=point, owner=world.internal_body)
    task = Task.objects.get()
    assert (task.owner_person, task.owner_body) == (None, world.internal_body)
    services.point_update(point=point, owner=None, due=None)
    assert Task.objects.get().owner is None


def test_owner_from_another_cooperation_is_refused(world: World, other: World) -> None:
    bauhof = meeting(body=world.member_body)
    with pytest.raises(ValidationError, match="anderen Kooperation"):
        task_point(bauhof, owner=other.municipality)
    assert not Point.objects.exists()


def test_kind_change_away_from_open_untouched_task_deletes_it(world: World) -> None:
    point = task_point(meeting(body=world.member_body))
    services.point_update(point=point, kind=Point.Kind.DECISION)
    assert not Task.objects.exists()
    services.point_update(point=point, kind=Point.Kind.TASK)
    assert Task.objects.get().title == point.text


def test_kind_change_is_refused_for_done_or_followed_up_tasks(world: World) -> None:
    point = task_point(meeting(body=world.member_body))
    services.task_set_state(task=point.task, state=Task.State.DONE, today=TODAY)
    with pytest.raises(ValidationError, match="erledigt"):
        services.point_update(point=point, kind=Point.Kind.IDEA)
    point.refresh_from_db()
    assert point.kind == Point.Kind.TASK
    other_point = task_point(meeting(body=world.member_body), text="zweite")
    meeting(body=world.internal_body, when=PartialDate.day(2020, 2, 1))
    services.task_move(task=other_point.task, body=world.internal_body, today=TODAY)
    with pytest.raises(ValidationError, match="Wiedervorlage"):
        services.point_update(point=other_point, kind=Point.Kind.IDEA)


def test_task_states(world: World) -> None:
    task = task_point(meeting(body=world.member_body)).task
    task = services.task_set_state(task=task, state=Task.State.DONE, today=TODAY)
    assert (task.state, task.completed_on) == (Task.State.DONE, TODAY)
    task = services.task_set_state(task=task, state=Task.State.OPEN, today=TODAY)
    assert (task.state, task.completed_on) == (Task.State.OPEN, None)
    task = services.task_set_state(task=task, state=Task.State.DROPPED, today=TODAY)
    assert (task.state, task.completed_on) == (Task.State.DROPPED, None)
    with pytest.raises(ValidationError):
        services.task_set_state(task=task, state="vertagt")


@pytest.mark.parametrize(
    ("due", "state", "overdue"),
    [
        (PartialDate.day(2020, 1, 19), "open", True),
        (PartialDate.day(2020, 1, 20), "open", False),  # due today is not overdue yet
        (PartialDate.month(2020, 1), "open", False),  # the month runs until its last day
        (PartialDate.month(2019, 12), "open", True),
        (PartialDate.day(2019, 12, 1), "done", False),
        (PartialDate.day(2019, 12, 1), "dropped", False),
        (None, "open", False),
    ],
)
def test_overdue_against_a_fixed_day(
    world: World, due: PartialDate | None, state: str, overdue: bool
) -> None:
    task = services.task_create(
        cooperation=world.cooperation, body=world.member_body, title="Aufgabe", due=due
    )
    Task.objects.filter(pk=task.pk).update(state=state)
    task.refresh_from_db()
    assert task.is_overdue(TODAY) is overdue
    access = access_for(user=world.coordinator, cooperation=world.cooperation)
    found = selectors.filtered_tasks(
        access=access, today=TODAY, filters=TaskFilter(state="all", overdue=True)
    )
    assert (task in found) is overdue
    _rows, count = selectors.overdue_tasks(access=access, today=TODAY)
    assert count == int(overdue)


def test_move_goes_to_the_next_meeting_of_the_other_body(world: World) -> None:
    task = task_point(meeting(body=world.member_body)).task
    held = meeting(body=world.internal_body, when=PartialDate.day(2020, 1, 25))
    services.meeting_set_state(meeting=held, state=Meeting.State.HELD)
    meeting(body=world.internal_body, when=PartialDate.day(2020, 1, 10))  # already past
    later = meeting(body=world.internal_body, when=PartialDate.day(2020, 3, 3))
    january = meeting(body=world.internal_body, when=JAN_2020)  # month not over on the 20th
    moved = services.task_move(task=task, body=world.internal_body, today=TODAY)
    assert (moved.body, moved.follow_up_meeting) == (world.internal_body, january)
    services.meeting_set_state(meeting=january, state=Meeting.State.CANCELLED)
    moved = services.task_move(task=moved, body=world.internal_body, today=TODAY)
    assert moved.follow_up_meeting == later


def test_move_without_upcoming_meeting_is_refused(world: World) -> None:
    task = task_point(meeting(body=world.member_body)).task
    with pytest.raises(ValidationError) as error:
        services.task_move(task=task, body=world.public_body, today=TODAY)
    assert "keine anstehende Sitzung" in str(error.value)
    task.refresh_from_db()
    assert (task.body, task.follow_up_meeting) == (world.member_body, None)
    services.task_set_state(task=task, state=Task.State.DONE, today=TODAY)
    meeting(body=world.public_body, when=PartialDate.day(2020, 2, 26))
    with pytest.raises(ValidationError, match="Nur offene"):
        services.task_move(task=task, body=world.public_body, today=TODAY)


def test_carry_over_is_idempotent_and_collects_due_and_handed_over_tasks(world: World) -> None:
    december = meeting(body=world.member_body, when=PartialDate.day(2019, 12, 5))
    due = task_point(december, text="bis Januar", due=JAN_2020).task
    task_point(december, text="erst im März", due=PartialDate.month(2020, 3))
    task_point(december, text="ohne Frist")
    done = task_point(december, text="schon erledigt", due=JAN_2020).task
    services.task_set_state(task=done, state=Task.State.DONE, today=TODAY)
    next_session = meeting(body=world.member_body, when=PartialDate.day(2020, 2, 4))
    foreign = task_point(meeting(body=world.internal_body), text="von der AG Verwaltung").task
    services.task_move(task=foreign, body=world.member_body, today=dt.date(2020, 1, 1))

    created = services.agenda_carry_over(meeting=next_session)
    assert sorted(item.title for item in created) == ["bis Januar", "von der AG Verwaltung"]
    assert {item.carried_over_from for item in created} == {due, Task.objects.get(pk=foreign.pk)}
    parent = AgendaItem.objects.get(meeting=next_session, parent=None)
    assert parent.title == "Wiedervorlage"
    assert services.agenda_carry_over(meeting=next_session) == []
    assert AgendaItem.objects.filter(meeting=next_session).count() == 3
    # Its own tasks are never carried into the meeting they came from.
    assert services.agenda_carry_over(meeting=december) == []


def test_member_sees_tasks_of_bodies_and_owned(world: World) -> None:
    mine = services.task_create(cooperation=world.cooperation, body=world.member_body, title="A")
    owned = services.task_create(
        cooperation=world.cooperation, body=world.internal_body, title="B", owner=world.municipality
    )
    hidden = services.task_create(
        cooperation=world.cooperation, body=world.internal_body, title="C"
    )
    person = services.task_create(
        cooperation=world.cooperation,
        body=world.internal_body,
        title="D",
        owner=world.member_person,
    )
    member = access_for(user=world.member, cooperation=world.cooperation)
    assert set(selectors.visible_tasks(access=member)) == {mine, owned, person}
    assert hidden not in selectors.visible_tasks(access=member)
    mine_only = selectors.filtered_tasks(access=member, today=TODAY, filters=TaskFilter(mine=True))
    assert set(mine_only) == {owned, person}
    anonymous = access_for(user=world.outsider, cooperation=world.cooperation)
    assert not selectors.visible_tasks(access=anonymous).exists()


def test_task_page_paginates_by_fifty(world: World) -> None:
    Task.objects.bulk_create(
        Task(cooperation=world.cooperation, body=world.member_body, title=f"Aufgabe {n}")
        for n in range(120)
    )
    access = access_for(user=world.coordinator, cooperation=world.cooperation)
    page = selectors.task_page(access=access, today=TODAY, filters=TaskFilter(), page=3)
    assert page.paginator.count == 120
    assert page.paginator.num_pages == 3
    assert len(page.object_list) == 20
