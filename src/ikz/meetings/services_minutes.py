"""Writes for the minutes (nested, typed points) and the tasks that follow from them.

Import these from ``ikz.meetings.services``, which re-exports them.

A point of kind "task" carries a ``Task`` (owner, due date, state). Changing such a point to
another kind deletes its task only while the task is still open and has not been followed up
(not handed over to a meeting, not on an agenda); otherwise the change is refused, because the
task is then part of the record. Editing the text of a task point renames its task.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ikz.activity.events import Event
from ikz.activity.services import record_activity
from ikz.cooperation.models import Body, Cooperation, Municipality, Person
from ikz.dates import PartialDate, Precision
from ikz.meetings import events, tree
from ikz.meetings.models import (
    POINT_TEXT_MAX,
    POINT_TEXT_TOO_LONG,
    AgendaItem,
    Meeting,
    Point,
    Task,
)
from ikz.meetings.selectors import upcoming_meeting_of
from ikz.tracking.versions import check_version


class Keep(enum.Enum):
    """Marker for "leave this value as it is" in update services."""

    KEEP = "keep"


KEEP = Keep.KEEP
Owner = Person | Municipality | Body
TASK_TITLE_LENGTH = 500


def check_same_cooperation(cooperation: Cooperation, **references: models.Model | None) -> None:
    """Refuse any reference into another cooperation (a forged form value, a bad import)."""
    for name, value in references.items():
        if value is not None and getattr(value, "cooperation_id", None) != cooperation.pk:
            raise ValidationError({name: _("Dieser Eintrag gehört zu einer anderen Kooperation.")})


def owner_fields(owner: Owner | None) -> dict[str, Any]:
    fields: dict[str, Any] = {"owner_person": None, "owner_municipality": None, "owner_body": None}
    if owner is None:
        return fields
    if isinstance(owner, Person):
        fields["owner_person"] = owner
    elif isinstance(owner, Municipality):
        fields["owner_municipality"] = owner
    elif isinstance(owner, Body):
        fields["owner_body"] = owner
    else:
        raise ValidationError(
            {"owner": _("Verantwortlich sein kann eine Person, Kommune oder ein Gremium.")}
        )
    return fields


def _clean_text(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Bitte einen Text für den Punkt eingeben.")})
    # The model's limit (Point.text's validator, which the importer's full_clean applies); the
    # services insert points without full_clean, so they ask here.
    if len(text) > POINT_TEXT_MAX:
        raise ValidationError({"text": POINT_TEXT_TOO_LONG})
    return text


def _clean_kind(kind: str) -> str:
    if kind not in Point.Kind.values:
        raise ValidationError({"kind": _("Unbekannte Art des Punkts.")})
    return kind


def _task_title(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= TASK_TITLE_LENGTH:
        return text
    return text[: TASK_TITLE_LENGTH - 1] + "…"


def _apply_task_values(
    task: Task, *, owner: Owner | None | Keep, due: PartialDate | None | Keep
) -> None:
    if not isinstance(owner, Keep):
        check_same_cooperation(task.cooperation, owner=owner)
        for name, value in owner_fields(owner).items():
            setattr(task, name, value)
    if not isinstance(due, Keep):
        if due is not None and not isinstance(due, PartialDate):
            raise ValidationError(
                {"due": _("Bitte ein Datum als TT.MM.JJJJ oder MM/JJJJ angeben.")}
            )
        task.due = due.value if due else None
        task.due_precision = due.precision if due else Precision.DAY


def _ensure_minutes_open(meeting: Meeting) -> None:
    if meeting.state == Meeting.State.CANCELLED:
        raise ValidationError(_("Eine abgesagte Sitzung hat kein Protokoll."))


# --- Points ------------------------------------------------------------------------------------


@transaction.atomic
def point_add(
    *,
    meeting: Meeting,
    text: str,
    kind: str = Point.Kind.INFORMATION,
    agenda_item: AgendaItem | None = None,
    parent: Point | None = None,
    after: Point | None = None,
    position: int | None = None,
    is_internal: bool = False,
    owner: Owner | None = None,
    due: PartialDate | None = None,
) -> Point:
    """A new point: right after ``after`` (same level), or as child number ``position`` of
    ``parent`` (None: the last), or at ``position`` on the top level of ``agenda_item`` or the
    meeting. Where ``after`` is given it decides parent and agenda item."""
    _ensure_minutes_open(meeting)
    for name, node in (("after", after), ("parent", parent), ("agenda_item", agenda_item)):
        if node is not None and node.meeting_id != meeting.pk:
            raise ValidationError({name: _("Dieser Eintrag gehört zu einer anderen Sitzung.")})
    if after is not None:
        parent = Point.objects.get(pk=after.parent_id) if after.parent_id else None
        agenda_item_id = after.agenda_item_id
        position = after.position + 1
    elif parent is not None:
        if agenda_item is not None and agenda_item.pk != parent.agenda_item_id:
            raise ValidationError(
                {"parent": _("Der übergeordnete Punkt steht unter einem anderen TOP.")}
            )
        agenda_item_id = parent.agenda_item_id
    else:
        agenda_item_id = agenda_item.pk if agenda_item else None
    point = Point(
        cooperation=meeting.cooperation,
        meeting=meeting,
        agenda_item_id=agenda_item_id,
        text=_clean_text(text),
        kind=_clean_kind(kind),
        is_internal=bool(is_internal),
    )
    tree.insert(point, parent=parent, position=position)
    if point.kind == Point.Kind.TASK:
        _create_task_for(point, owner=owner, due=due)
    return point


def _create_task_for(
    point: Point, *, owner: Owner | None | Keep, due: PartialDate | None | Keep
) -> Task:
    meeting = point.meeting
    task = Task(
        cooperation=meeting.cooperation,
        point=point,
        title=_task_title(point.text),
        body_id=meeting.body_id,
    )
    _apply_task_values(
        task,
        owner=None if isinstance(owner, Keep) else owner,
        due=None if isinstance(due, Keep) else due,
    )
    task.full_clean()
    task.save()
    return task


def _task_of(point: Point) -> Task | None:
    return Task.objects.filter(point=point).first()


@transaction.atomic
def point_update(
    *,
    point: Point,
    text: str | Keep = KEEP,
    kind: str | Keep = KEEP,
    is_internal: bool | Keep = KEEP,
    owner: Owner | None | Keep = KEEP,
    due: PartialDate | None | Keep = KEEP,
    version: str | None = None,
) -> Point:
    """Change a point; ``owner`` and ``due`` apply to its task when it is (or becomes) a task.

    ``version`` is the token the editor row was shown with: a save over someone else's newer
    save is refused (``ikz.tracking.versions.StaleEdit``)."""
    point = Point.objects.select_for_update(of=("self",)).select_related("meeting").get(pk=point.pk)
    check_version(point, version)
    _ensure_minutes_open(point.meeting)
    if not isinstance(text, Keep):
        point.text = _clean_text(text)
    if not isinstance(is_internal, Keep):
        point.is_internal = bool(is_internal)
    old_kind = point.kind
    if not isinstance(kind, Keep):
        point.kind = _clean_kind(kind)
    task = _task_of(point)
    if point.kind == Point.Kind.TASK:
        if task is None:
            _create_task_for(point, owner=owner, due=due)
        else:
            task.title = _task_title(point.text)
            _apply_task_values(task, owner=owner, due=due)
            task.full_clean()
            task.save()
    elif old_kind == Point.Kind.TASK and task is not None:
        _drop_task_of_point(task)
    point.save(update_fields=["text", "kind", "is_internal"])
    return point


def _drop_task_of_point(task: Task) -> None:
    if task.state != Task.State.OPEN:
        raise ValidationError(
            {
                "kind": _("Die Aufgabe ist bereits „%(state)s“ und bleibt deshalb eine Aufgabe.")
                % {"state": task.get_state_display()}
            }
        )
    if task.follow_up_meeting_id is not None or task.agenda_items.exists():
        raise ValidationError(
            {
                "kind": _(
                    "Die Aufgabe steht schon zur Wiedervorlage an. Setzen Sie sie "
                    "stattdessen auf „verworfen“."
                )
            }
        )
    task.delete()


def _point_op(point: Point, op: Any) -> Point:
    point = Point.objects.select_related("meeting").get(pk=point.pk)
    _ensure_minutes_open(point.meeting)
    result: Point = op(point)
    return result


@transaction.atomic
def point_indent(*, point: Point) -> Point:
    """The point becomes the last child of its previous sibling."""
    return _point_op(point, tree.indent)


@transaction.atomic
def point_outdent(*, point: Point) -> Point:
    """The point becomes the next sibling of its parent; its following siblings stay."""
    return _point_op(point, tree.outdent)


@transaction.atomic
def point_move_up(*, point: Point) -> Point:
    return _point_op(point, lambda node: tree.move(node, by=-1))


@transaction.atomic
def point_move_down(*, point: Point) -> Point:
    return _point_op(point, lambda node: tree.move(node, by=1))


@transaction.atomic
def point_delete(*, point: Point, actor_id: int | None = None) -> None:
    """Delete the point with its sub-points; the tasks of these points go with them."""

    def delete(node: Point) -> Point:
        tree.delete(node)
        return node

    deleted = _point_op(point, delete)
    meeting = deleted.meeting
    record_activity(
        cooperation=meeting.cooperation,
        actor_id=actor_id,
        event=events.POINT_DELETED,
        data={"text": _short(deleted.text), "heading": meeting.heading},
        body=meeting.body,
        # Minutes are the coordination's draft until published, and a point may be internal.
        coordinators_only=True,
    )


def _short(text: str, length: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1] + "…"


# --- Tasks -------------------------------------------------------------------------------------


def _log_task(task: Task, event: Event, actor_id: int | None, **data: Any) -> None:
    record_activity(
        cooperation=task.cooperation,
        actor_id=actor_id,
        event=event,
        data={"title": task.title, **data},
        url=reverse("tasks:list", args=[task.cooperation.slug]) + f"?gremium={task.body_id}",
        body=task.body,
    )


@transaction.atomic
def task_create(
    *,
    cooperation: Cooperation,
    body: Body,
    title: str,
    owner: Owner | None = None,
    due: PartialDate | None = None,
    follow_up_meeting: Meeting | None = None,
    actor_id: int | None = None,
) -> Task:
    """A task without a minutes point, e.g. from the outlook of a status report."""
    check_same_cooperation(cooperation, body=body, follow_up_meeting=follow_up_meeting)
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": _("Bitte die Aufgabe beschreiben.")})
    task = Task(
        cooperation=cooperation,
        body=body,
        title=_task_title(title),
        follow_up_meeting=follow_up_meeting,
    )
    _apply_task_values(task, owner=owner, due=due)
    task.full_clean()
    task.save()
    _log_task(task, events.TASK_CREATED, actor_id)
    return task


@transaction.atomic
def task_update(
    *,
    task: Task,
    title: str | Keep = KEEP,
    owner: Owner | None | Keep = KEEP,
    due: PartialDate | None | Keep = KEEP,
) -> Task:
    """Change a task; the title of a task point is the point's text, so both change."""
    task = Task.objects.select_for_update().get(pk=task.pk)
    if not isinstance(title, Keep):
        if task.point_id is not None:
            point_update(point=Point(pk=task.point_id), text=title)
            task.refresh_from_db()
        else:
            cleaned = (title or "").strip()
            if not cleaned:
                raise ValidationError({"title": _("Bitte die Aufgabe beschreiben.")})
            task.title = _task_title(cleaned)
    _apply_task_values(task, owner=owner, due=due)
    task.full_clean()
    task.save()
    return task


@transaction.atomic
def task_set_state(
    *, task: Task, state: str, today: dt.date | None = None, actor_id: int | None = None
) -> Task:
    """open, done or dropped; "done" records today as the day of completion."""
    if state not in Task.State.values:
        raise ValidationError({"state": _("Unbekannter Status der Aufgabe.")})
    task = (
        Task.objects.select_for_update(of=("self",))
        .select_related("cooperation", "body")
        .get(pk=task.pk)
    )
    if task.state == state:
        return task
    task.state = state
    task.completed_on = (today or timezone.localdate()) if state == Task.State.DONE else None
    task.save(update_fields=["state", "completed_on"])
    _log_task(task, events.TASK_STATE, actor_id, state=task.state)
    return task


@transaction.atomic
def task_move(
    *, task: Task, body: Body, today: dt.date | None = None, actor_id: int | None = None
) -> Task:
    """Hand an open task to another body: it follows it up at that body's next meeting."""
    task = (
        Task.objects.select_for_update(of=("self",)).select_related("cooperation").get(pk=task.pk)
    )
    check_same_cooperation(task.cooperation, body=body)
    if task.state != Task.State.OPEN:
        raise ValidationError(_("Nur offene Aufgaben können übergeben werden."))
    meeting = upcoming_meeting_of(body=body, today=today or timezone.localdate())
    if meeting is None:
        raise ValidationError(
            {
                "body": _(
                    "„%(body)s“ hat keine anstehende Sitzung. Bitte legen Sie zuerst "
                    "eine Sitzung an."
                )
                % {"body": body.name}
            }
        )
    task.body = body
    task.follow_up_meeting = meeting
    task.save(update_fields=["body", "follow_up_meeting"])
    _log_task(task, events.TASK_HANDED_OVER, actor_id, heading=meeting.heading)
    return task
