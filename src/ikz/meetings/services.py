"""Writes for meetings, their agenda and attendance. Minutes and tasks: ``services_minutes``.

Every service runs in one transaction, validates completely (German messages) and refuses
references into another cooperation. All names of ``services_minutes`` and
``services_attendance`` are re-exported here, so callers import every meetings service from
this module.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from ikz.activity.events import Event
from ikz.activity.services import record_activity
from ikz.cooperation.models import Body, Cooperation, Location, Person
from ikz.dates import PartialDate
from ikz.meetings import events, tree
from ikz.meetings.models import AgendaItem, Meeting, Task
from ikz.meetings.selectors import next_number
from ikz.meetings.services_attendance import (
    attendance_from_members,
    attendance_remove,
    attendance_set,
    attendance_update,
)
from ikz.meetings.services_minutes import (
    KEEP,
    Keep,
    Owner,
    check_same_cooperation,
    point_add,
    point_delete,
    point_indent,
    point_move_down,
    point_move_up,
    point_outdent,
    point_update,
    task_create,
    task_move,
    task_set_state,
    task_update,
)

if TYPE_CHECKING:
    from ikz.surveys.models import Survey

__all__ = [
    "KEEP",
    "MEETING_FIELDS",
    "TRANSITIONS",
    "Keep",
    "Owner",
    "agenda_carry_over",
    "agenda_item_add",
    "agenda_item_delete",
    "agenda_item_indent",
    "agenda_item_move_down",
    "agenda_item_move_up",
    "agenda_item_outdent",
    "agenda_item_set_survey",
    "agenda_item_update",
    "attendance_from_members",
    "attendance_remove",
    "attendance_set",
    "attendance_update",
    "meeting_create",
    "meeting_delete",
    "meeting_set_state",
    "meeting_update",
    "point_add",
    "point_delete",
    "point_indent",
    "point_move_down",
    "point_move_up",
    "point_outdent",
    "point_update",
    "task_create",
    "task_move",
    "task_set_state",
    "task_update",
]

State = Meeting.State
TRANSITIONS: dict[str, frozenset[str]] = {
    State.PLANNED: frozenset({State.INVITED, State.HELD, State.CANCELLED}),
    State.INVITED: frozenset({State.HELD, State.CANCELLED}),
    State.HELD: frozenset({State.MINUTES_PUBLISHED}),
    State.MINUTES_PUBLISHED: frozenset({State.HELD}),
    State.CANCELLED: frozenset({State.PLANNED}),
}
# What meeting_update accepts; "when" is a PartialDate and fills date + date_precision.
MEETING_FIELDS = frozenset(
    {
        "body",
        "number",
        "title",
        "when",
        "start_time",
        "end_time",
        "location",
        "is_public",
        "description",
    }
)


def meeting_url(meeting: Meeting) -> str:
    return reverse("meetings:detail", args=[meeting.cooperation.slug, meeting.pk])


def _log(meeting: Meeting, event: Event, actor_id: int | None, **data: Any) -> None:
    record_activity(
        cooperation=meeting.cooperation,
        actor_id=actor_id,
        event=event,
        data={"heading": meeting.heading, **data},
        url=meeting_url(meeting),
        body=meeting.body,
    )


def _bump_sequence(meeting: Meeting) -> None:
    """Calendar clients replace an event only when its SEQUENCE grows (RFC 5545, 3.8.7.4)."""
    Meeting.objects.filter(pk=meeting.pk).update(sequence=F("sequence") + 1)
    meeting.refresh_from_db(fields=["sequence", "updated_at"])


def _validate_meeting(meeting: Meeting) -> None:
    errors: dict[str, list[str]] = {}
    if meeting.body_id is not None:
        taken = Meeting.objects.filter(body_id=meeting.body_id, number=meeting.number)
        if meeting.pk is not None:
            taken = taken.exclude(pk=meeting.pk)
        if meeting.number is not None and taken.exists():
            errors["number"] = [
                _(
                    "Die Nummer %(number)s ist für das Gremium bereits vergeben "
                    "(nächste freie Nummer: %(next)s)."
                )
                % {"number": meeting.number, "next": next_number(body=meeting.body)}
            ]
    if errors:
        raise ValidationError(errors)
    # The times (a day, an end after the start) are Meeting.clean's and its constraints'.
    meeting.full_clean(exclude=["uid", "sequence"])


def _apply_when(meeting: Meeting, when: PartialDate) -> None:
    if not isinstance(when, PartialDate):
        raise ValidationError({"date": _("Bitte ein Datum als TT.MM.JJJJ oder MM/JJJJ angeben.")})
    meeting.date = when.value
    meeting.date_precision = when.precision


@transaction.atomic
def meeting_create(
    *,
    cooperation: Cooperation,
    body: Body,
    when: PartialDate,
    number: int | None = None,
    title: str = "",
    start_time: dt.time | None = None,
    end_time: dt.time | None = None,
    location: Location | None = None,
    is_public: bool = False,
    description: str = "",
    state: str = State.PLANNED,
    actor_id: int | None = None,
) -> Meeting:
    """A new meeting; without ``number`` it gets the body's next one ("3. AG Bauhof")."""
    check_same_cooperation(cooperation, body=body, location=location)
    # Serialise numbering per body: PostgreSQL locks the body row; SQLite's IMMEDIATE
    # transactions already hold the database's write lock from BEGIN on.
    Body.objects.select_for_update().filter(pk=body.pk).first()
    if state not in State.values:
        raise ValidationError({"state": _("Unbekannter Status.")})
    meeting = Meeting(
        cooperation=cooperation,
        body=body,
        number=number if number is not None else next_number(body=body),
        title=title.strip(),
        start_time=start_time,
        end_time=end_time,
        location=location,
        is_public=is_public,
        description=description,
        state=state,
    )
    _apply_when(meeting, when)
    _validate_meeting(meeting)
    meeting.save()
    _log(meeting, events.MEETING_CREATED, actor_id, when=str(meeting.when))
    return meeting


@transaction.atomic
def meeting_update(
    *, meeting: Meeting, fields: Mapping[str, Any], actor_id: int | None = None
) -> Meeting:
    """Change the given fields; every real change increments the calendar SEQUENCE by one."""
    unknown = set(fields) - MEETING_FIELDS
    if unknown:
        raise ValidationError(
            _("Unbekannte Felder: %(fields)s") % {"fields": ", ".join(sorted(unknown))}
        )
    meeting = (
        Meeting.objects.select_for_update(of=("self",)).select_related("body").get(pk=meeting.pk)
    )
    before = _snapshot(meeting)
    for name, value in fields.items():
        if name == "when":
            _apply_when(meeting, value)
        elif name == "title" and isinstance(value, str):
            meeting.title = value.strip()
        else:
            setattr(meeting, name, value)
    check_same_cooperation(meeting.cooperation, body=meeting.body, location=meeting.location)
    _validate_meeting(meeting)
    if _snapshot(meeting) == before:
        return meeting
    meeting.save()
    _bump_sequence(meeting)
    _log(meeting, events.MEETING_CHANGED, actor_id)
    return meeting


def _snapshot(meeting: Meeting) -> tuple[Any, ...]:
    return tuple(
        getattr(meeting, name)
        for name in (
            "body_id",
            "number",
            "title",
            "date",
            "date_precision",
            "start_time",
            "end_time",
            "location_id",
            "is_public",
            "description",
        )
    )


@transaction.atomic
def meeting_set_state(*, meeting: Meeting, state: str, actor_id: int | None = None) -> Meeting:
    meeting = (
        Meeting.objects.select_for_update(of=("self",)).select_related("body").get(pk=meeting.pk)
    )
    if state not in State.values:
        raise ValidationError(_("Unbekannter Status."))
    if state not in TRANSITIONS[meeting.state]:
        raise ValidationError(
            _("Eine Sitzung im Status „%(current)s“ kann nicht auf „%(target)s“ gesetzt werden.")
            % {"current": meeting.get_state_display(), "target": State(state).label}
        )
    meeting.state = state
    meeting.save(update_fields=["state", "updated_at"])
    _bump_sequence(meeting)
    _log(meeting, events.MEETING_STATE, actor_id, state=meeting.state)
    return meeting


@transaction.atomic
def meeting_delete(*, meeting: Meeting, actor_id: int | None = None) -> None:
    """Only a meeting without minutes: one with minutes is history and gets cancelled instead."""
    if meeting.points.exists():
        raise ValidationError(
            _(
                "Die Sitzung hat ein Protokoll und kann nicht gelöscht werden. "
                "Setzen Sie sie stattdessen auf „abgesagt“."
            )
        )
    heading = meeting.heading
    body = meeting.body
    meeting.delete()
    record_activity(
        cooperation=body.cooperation,
        actor_id=actor_id,
        event=events.MEETING_DELETED,
        data={"heading": heading},
        body=body,
    )


# --- Agenda ------------------------------------------------------------------------------------


def _check_agenda_refs(meeting: Meeting, presenter: Person | None, task: Task | None) -> None:
    check_same_cooperation(meeting.cooperation, presenter=presenter, carried_over_from=task)


def _clean_title(title: str) -> str:
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": _("Bitte einen Titel für den Tagesordnungspunkt angeben.")})
    if len(title) > 300:
        raise ValidationError({"title": _("Der Titel ist zu lang (höchstens 300 Zeichen).")})
    return title


@transaction.atomic
def agenda_item_add(
    *,
    meeting: Meeting,
    title: str,
    parent: AgendaItem | None = None,
    position: int | None = None,
    presenter: Person | None = None,
    duration_minutes: int | None = None,
    carried_over_from: Task | None = None,
    survey: Survey | None = None,
) -> AgendaItem:
    """A new item at ``position`` under ``parent`` (None: at the end)."""
    _check_agenda_refs(meeting, presenter, carried_over_from)
    check_same_cooperation(meeting.cooperation, survey=survey)
    if parent is not None and parent.meeting_id != meeting.pk:
        raise ValidationError(
            {"parent": _("Dieser Tagesordnungspunkt gehört zu einer anderen Sitzung.")}
        )
    item = AgendaItem(
        cooperation=meeting.cooperation,
        meeting=meeting,
        title=_clean_title(title),
        presenter=presenter,
        duration_minutes=duration_minutes,
        carried_over_from=carried_over_from,
        survey=survey,
    )
    item.full_clean(exclude=["parent", "position"])
    tree.insert(item, parent=parent, position=position)
    _bump_sequence(meeting)
    return item


@transaction.atomic
def agenda_item_update(
    *,
    item: AgendaItem,
    title: str,
    presenter: Person | None = None,
    duration_minutes: int | None = None,
) -> AgendaItem:
    _check_agenda_refs(item.meeting, presenter, None)
    item.title = _clean_title(title)
    item.presenter = presenter
    item.duration_minutes = duration_minutes
    item.full_clean()
    item.save(update_fields=["title", "presenter", "duration_minutes"])
    _bump_sequence(item.meeting)
    return item


@transaction.atomic
def agenda_item_set_survey(*, item: AgendaItem, survey: Survey | None) -> AgendaItem:
    """Link an existing item to the survey whose evaluation it discusses (None: unlink)."""
    item = (
        AgendaItem.objects.select_for_update(of=("self",)).select_related("meeting").get(pk=item.pk)
    )
    check_same_cooperation(item.meeting.cooperation, survey=survey)
    if item.survey_id == (survey.pk if survey else None):
        return item
    item.survey = survey
    item.full_clean()
    item.save(update_fields=["survey"])
    _bump_sequence(item.meeting)
    return item


def _agenda_op(item: AgendaItem, op: Callable[[AgendaItem], AgendaItem]) -> AgendaItem:
    item = AgendaItem.objects.select_related("meeting").get(pk=item.pk)
    result = op(item)
    _bump_sequence(item.meeting)
    return result


@transaction.atomic
def agenda_item_indent(*, item: AgendaItem) -> AgendaItem:
    return _agenda_op(item, tree.indent)


@transaction.atomic
def agenda_item_outdent(*, item: AgendaItem) -> AgendaItem:
    return _agenda_op(item, tree.outdent)


@transaction.atomic
def agenda_item_move_up(*, item: AgendaItem) -> AgendaItem:
    return _agenda_op(item, lambda node: tree.move(node, by=-1))


@transaction.atomic
def agenda_item_move_down(*, item: AgendaItem) -> AgendaItem:
    return _agenda_op(item, lambda node: tree.move(node, by=1))


@transaction.atomic
def agenda_item_delete(*, item: AgendaItem, actor_id: int | None = None) -> None:
    """Delete the item, its sub-items and the minutes points recorded under them."""
    item = AgendaItem.objects.select_related("meeting", "meeting__body").get(pk=item.pk)
    meeting, title = item.meeting, item.title
    tree.delete(item)
    _bump_sequence(meeting)
    record_activity(
        cooperation=meeting.cooperation,
        actor_id=actor_id,
        event=events.AGENDA_ITEM_DELETED,
        data={"title": title, "heading": meeting.heading},
        body=meeting.body,
        # The agenda of an internal meeting is for its body; the feed filters by ``body``.
    )


CARRY_OVER_TITLE = "Wiedervorlage"


@transaction.atomic
def agenda_carry_over(*, meeting: Meeting, actor_id: int | None = None) -> list[AgendaItem]:
    """ "Wiedervorlage": put the body's open tasks that are due by this meeting, and the tasks
    handed over to this meeting, on its agenda, under one item "Wiedervorlage".

    Idempotent: a task that already has an agenda item in this meeting is skipped.
    """
    if meeting.state in (State.CANCELLED, State.MINUTES_PUBLISHED):
        raise ValidationError(_("Die Tagesordnung dieser Sitzung kann nicht mehr ergänzt werden."))
    due_by = meeting.when.last_day
    candidates = (
        Task.objects.filter(cooperation=meeting.cooperation, state=Task.State.OPEN)
        .filter(Q(body=meeting.body, due__lte=due_by) | Q(follow_up_meeting=meeting))
        .exclude(point__meeting=meeting)
        .exclude(agenda_items__meeting=meeting)
        .order_by("due", "pk")
    )
    tasks = list(candidates)
    if not tasks:
        return []
    parent = AgendaItem.objects.filter(
        meeting=meeting, parent=None, title=CARRY_OVER_TITLE
    ).first() or agenda_item_add(meeting=meeting, title=CARRY_OVER_TITLE)
    created = [
        agenda_item_add(
            meeting=meeting, title=task.title[:300], parent=parent, carried_over_from=task
        )
        for task in tasks
    ]
    _log(meeting, events.FOLLOW_UP, actor_id, count=len(created))
    return created
