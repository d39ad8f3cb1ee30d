"""Writes to projects, their history, fields and goals (participation, milestones and funding:
``services_plan``, re-exported here).

``project_change_stage`` is the only code that changes ``Project.stage``: it checks the move
against ``TRANSITIONS`` and writes the ``StageChange`` in the same transaction, so the history
explains every state. Forms have no stage field; the board's move goes through this service.

A stage change may cite the minutes point that decided it. Such a point must belong to the
same cooperation and be of kind "Beschluss" (decision) or "nicht weiterverfolgt"; the change's
meeting is the point's meeting, and its date defaults to the meeting's date.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from ikz.activity.services import record_activity
from ikz.cooperation.models import Cooperation
from ikz.meetings.models import Meeting, Point, Task
from ikz.projects import events
from ikz.projects.models import (
    DECIDING_POINT_KINDS,
    Field,
    Goal,
    GoalProject,
    Project,
    ProjectReference,
    Stage,
    StageChange,
)
from ikz.projects.services_common import (
    OTHER_COOPERATION,
    _check_refs,
    _log,
    _save,
    _today,
)

# Participation, milestones and funding live in services_plan; their names stay importable
# from here.
from ikz.projects.services_plan import (
    funding_application_delete,
    funding_application_save,
    funding_programme_save,
    milestone_delete,
    milestone_save,
    milestone_set_done,
    participation_set,
)
from ikz.tracking import records as history

S = Stage
# The lifecycle in one table: from each stage, the stages a project may move to.
TRANSITIONS: dict[str, frozenset[str]] = {
    S.IDEA: frozenset({S.ASSESSMENT, S.NOT_PURSUED, S.BILATERAL}),
    S.ASSESSMENT: frozenset({S.CONCEPT, S.NOT_PURSUED, S.BILATERAL, S.IDEA}),
    S.CONCEPT: frozenset({S.DECIDED, S.NOT_PURSUED, S.BILATERAL, S.ASSESSMENT}),
    S.DECIDED: frozenset({S.IMPLEMENTATION, S.NOT_PURSUED, S.BILATERAL, S.CONCEPT}),
    S.IMPLEMENTATION: frozenset({S.ESTABLISHED, S.NOT_PURSUED, S.BILATERAL}),
    S.ESTABLISHED: frozenset({S.IMPLEMENTATION}),
    S.NOT_PURSUED: frozenset({S.IDEA}),
    S.BILATERAL: frozenset({S.IDEA, S.NOT_PURSUED}),
}
# Where a new project may start: an idea, or a project taken over from earlier work.
INITIAL_STAGES = frozenset(Stage.values)
PROJECT_FIELDS = frozenset(
    {
        "title",
        "description",
        "field",
        "lead_body",
        "lead_municipality",
        "contact_person",
        "is_public",
    }
)


def allowed_targets(stage: str) -> list[str]:
    """The stages reachable from ``stage``, in lifecycle order."""
    targets = TRANSITIONS.get(stage, frozenset())
    return [value for value in Stage.values if value in targets]


# --- Fields ------------------------------------------------------------------------------------


@transaction.atomic
def field_save(
    *, cooperation: Cooperation, name: str, description: str = "", field: Field | None = None
) -> Field:
    if field is not None and field.cooperation_id != cooperation.pk:
        raise ValidationError(OTHER_COOPERATION)
    instance = field or Field(cooperation=cooperation)
    if instance.pk is None:
        instance.position = Field.objects.filter(cooperation=cooperation).count()
    instance.name = (name or "").strip()
    instance.description = description or ""
    _save(instance)
    return instance


@transaction.atomic
def field_delete(*, field: Field, actor_id: int | None = None) -> None:
    # Projects keep existing without a field (SET_NULL).
    cooperation, name = field.cooperation, field.name
    field.delete()
    record_activity(
        cooperation=cooperation,
        actor_id=actor_id,
        event=events.FIELD_DELETED,
        data={"name": name},
    )


# --- Projects ----------------------------------------------------------------------------------


def _check_point(project: Project, point: Point | None) -> Meeting | None:
    if point is None:
        return None
    if point.cooperation_id != project.cooperation_id:
        raise ValidationError({"point": OTHER_COOPERATION})
    # Its kind ("Beschluss", "nicht weiterverfolgt") is StageChange.clean's, via _save.
    return Meeting.objects.select_related("body").get(pk=point.meeting_id)


def _record(
    *,
    project: Project,
    from_stage: str,
    to_stage: str,
    date: dt.date | None,
    actor_id: int | None,
    reason: str,
    point: Point | None,
    is_public: bool,
    meeting: Meeting | None = None,
) -> StageChange:
    """Write one history entry; ``meeting`` is the point's, when the caller already has it."""
    if meeting is None:
        meeting = _check_point(project, point)
    if date is None:
        date = meeting.date if meeting is not None else _today()
    change = StageChange(
        cooperation=project.cooperation,
        project=project,
        from_stage=from_stage,
        to_stage=to_stage,
        date=date,
        author_id=actor_id,  # the model's field: who recorded the change
        reason=(reason or "").strip(),
        meeting=meeting,
        point=point,
        is_public=is_public,
    )
    _save(change)
    return change


def _apply_project_fields(project: Project, fields: dict[str, Any]) -> None:
    unknown = set(fields) - PROJECT_FIELDS
    if unknown:
        # "stage" in particular: it changes only through project_change_stage.
        raise ValidationError(
            _("Nicht änderbare Felder: %(fields)s.") % {"fields": ", ".join(sorted(unknown))}
        )
    for name, value in fields.items():
        setattr(project, name, value.strip() if isinstance(value, str) else value)
    _check_refs(
        project.cooperation,
        field=project.field,
        lead_body=project.lead_body,
        lead_municipality=project.lead_municipality,
        contact_person=project.contact_person,
    )


@transaction.atomic
def project_create(
    *,
    cooperation: Cooperation,
    fields: dict[str, Any],
    stage: str = Stage.IDEA,
    date: dt.date | None = None,
    actor_id: int | None = None,
    reason: str = "",
    point: Point | None = None,
) -> Project:
    """A new project and its first history entry ("" → ``stage``)."""
    if stage not in INITIAL_STAGES:
        raise ValidationError({"stage": _("Diese Phase gibt es nicht.")})
    project = Project(cooperation=cooperation, stage=stage)
    _apply_project_fields(project, fields)
    _save(project)
    _record(
        project=project,
        from_stage="",
        to_stage=stage,
        date=date,
        actor_id=actor_id,
        reason=reason or _("Vorhaben angelegt"),
        point=point,
        is_public=True,
    )
    _log(project, events.PROJECT_CREATED, actor_id)
    return project


@transaction.atomic
def project_update(
    *, project: Project, fields: dict[str, Any], actor_id: int | None = None
) -> Project:
    _apply_project_fields(project, fields)
    _save(project)
    _log(project, events.PROJECT_CHANGED, actor_id)
    return project


@transaction.atomic
def project_delete(*, project: Project, actor_id: int | None = None) -> None:
    cooperation, title = project.cooperation, project.title
    project.delete()
    record_activity(
        cooperation=cooperation,
        actor_id=actor_id,
        event=events.PROJECT_DELETED,
        data={"title": title},
    )


@transaction.atomic
def project_change_stage(
    *,
    project: Project,
    to_stage: str,
    date: dt.date | None,
    actor_id: int | None,
    reason: str,
    point: Point | None = None,
    is_public: bool = True,
) -> StageChange:
    """The only way to change a project's stage: checked against ``TRANSITIONS``, recorded."""
    # Lock and re-read: two coordinators moving the same card must not skip a check.
    current = Project.objects.select_for_update().get(pk=project.pk)
    if to_stage not in Stage.values:
        raise ValidationError({"to_stage": _("Diese Phase gibt es nicht.")})
    if to_stage not in TRANSITIONS[current.stage]:
        raise ValidationError(
            {
                "to_stage": _(
                    "Von „%(current)s“ kann ein Vorhaben nicht nach „%(target)s“ wechseln."
                )
                % {"current": Stage(current.stage).label, "target": Stage(to_stage).label}
            }
        )
    # A reason or a deciding point: StageChange.clean, when _record saves the change.
    meeting = _check_point(current, point)
    day = date or (meeting.date if meeting is not None else _today())
    latest = StageChange.objects.filter(project=current).order_by("-date").first()
    if latest is not None and day < latest.date:
        raise ValidationError(
            {
                "date": _(
                    "Der Phasenwechsel kann nicht vor dem letzten Eintrag der Historie "
                    "(%(date)s) liegen."
                )
                % {"date": f"{latest.date:%d.%m.%Y}"}
            }
        )
    change = _record(
        project=current,
        from_stage=current.stage,
        to_stage=to_stage,
        date=day,
        actor_id=actor_id,
        reason=reason,
        point=point,
        is_public=is_public,
        meeting=meeting,
    )
    previous_stage = current.stage
    current.stage = to_stage
    current.save(update_fields=["stage", "updated_at"])  # a save, so the history sees it
    project.stage = to_stage
    _log(project, events.PROJECT_STAGE, actor_id, current=previous_stage, target=to_stage)
    return change


# --- References from minutes and tasks ---------------------------------------------------------


@transaction.atomic
def link_point_to_project(
    *,
    point: Point,
    project: Project,
    to_stage: str | None = None,
    actor_id: int | None,
    reason: str = "",
    date: dt.date | None = None,
) -> ProjectReference:
    """Link a minutes point to a project and, if ``to_stage`` is given, move the project."""
    if point.cooperation_id != project.cooperation_id:
        raise ValidationError({"project": OTHER_COOPERATION})
    reference, _created = ProjectReference.objects.get_or_create(
        cooperation=project.cooperation, project=project, point=point
    )
    if to_stage:
        project_change_stage(
            project=project,
            to_stage=to_stage,
            date=date,
            actor_id=actor_id,
            reason=reason or point.text,
            point=point,
        )
    return reference


@transaction.atomic
def unlink_point(*, point: Point, project: Project) -> None:
    ProjectReference.objects.filter(project=project, point=point).delete()


@transaction.atomic
def link_task_to_project(*, task: Task, project: Project) -> ProjectReference:
    if task.cooperation_id != project.cooperation_id:
        raise ValidationError({"task": OTHER_COOPERATION})
    reference, _created = ProjectReference.objects.get_or_create(
        cooperation=project.cooperation, project=project, task=task
    )
    return reference


# --- Goals -------------------------------------------------------------------------------------


def _check_goal_parent(goal: Goal) -> None:
    seen = {goal.pk} if goal.pk else set()
    parent = goal.parent
    while parent is not None:
        if parent.pk in seen:
            raise ValidationError({"parent": _("Ein Ziel kann nicht unter sich selbst stehen.")})
        seen.add(parent.pk)
        parent = parent.parent


@transaction.atomic
def goal_save(
    *,
    cooperation: Cooperation,
    title: str,
    description: str = "",
    rank: int | None = None,
    parent: Goal | None = None,
    set_in_meeting: Meeting | None = None,
    projects: list[Project] | None = None,
    goal: Goal | None = None,
    actor_id: int | None = None,
) -> Goal:
    if goal is not None and goal.cooperation_id != cooperation.pk:
        raise ValidationError(OTHER_COOPERATION)
    _check_refs(cooperation, parent=parent, set_in_meeting=set_in_meeting)
    for project in projects or []:
        _check_refs(cooperation, projects=project)
    row = goal or Goal(cooperation=cooperation)
    row.title, row.description = (title or "").strip(), description or ""
    row.rank, row.parent, row.set_in_meeting = rank, parent, set_in_meeting
    _check_goal_parent(row)
    _save(row)
    if projects is not None:
        wanted = {project.pk for project in projects}
        GoalProject.objects.filter(goal=row).exclude(project_id__in=wanted).delete()
        present = set(GoalProject.objects.filter(goal=row).values_list("project_id", flat=True))
        history.bulk_create(
            GoalProject,
            [
                GoalProject(cooperation=cooperation, goal=row, project_id=pk)
                for pk in sorted(wanted - present)
            ],
        )
    record_activity(
        cooperation=cooperation,
        actor_id=actor_id,
        event=events.GOAL_SAVED,
        data={"title": row.title},
        url=reverse("projects:goals", args=[cooperation.slug]),
    )
    return row


@transaction.atomic
def goal_delete(*, goal: Goal, actor_id: int | None = None) -> None:
    cooperation, title = goal.cooperation, goal.title
    goal.delete()
    record_activity(
        cooperation=cooperation,
        actor_id=actor_id,
        event=events.GOAL_DELETED,
        data={"title": title},
    )


@transaction.atomic
def link_point_to_new_project(
    *,
    point: Point,
    title: str,
    to_stage: str | None = None,
    actor_id: int | None,
    reason: str = "",
) -> ProjectReference:
    """A new project born from a minutes point: it starts in ``to_stage`` (else as an idea),
    and its first history entry cites the point where the point decided it."""
    deciding = point.kind in DECIDING_POINT_KINDS
    meeting = Meeting.objects.get(pk=point.meeting_id)
    project = project_create(
        cooperation=point.cooperation,
        fields={"title": title, "description": point.text},
        stage=to_stage or Stage.IDEA,
        date=meeting.date,
        actor_id=actor_id,
        reason=reason or point.text,
        point=point if deciding else None,
    )
    reference, _created = ProjectReference.objects.get_or_create(
        cooperation=project.cooperation, project=project, point=point
    )
    return reference


__all__ = [
    "DECIDING_POINT_KINDS",
    "INITIAL_STAGES",
    "OTHER_COOPERATION",
    "PROJECT_FIELDS",
    "TRANSITIONS",
    "allowed_targets",
    "field_delete",
    "field_save",
    "funding_application_delete",
    "funding_application_save",
    "funding_programme_save",
    "goal_delete",
    "goal_save",
    "link_point_to_new_project",
    "link_point_to_project",
    "link_task_to_project",
    "milestone_delete",
    "milestone_save",
    "milestone_set_done",
    "participation_set",
    "project_change_stage",
    "project_create",
    "project_delete",
    "project_update",
    "unlink_point",
]
