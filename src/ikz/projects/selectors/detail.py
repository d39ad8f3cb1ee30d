"""The project page: participation matrix, timeline and the assembled ``project_detail``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ikz.accounts.access import Access
from ikz.cooperation.models import Municipality
from ikz.dates import PartialDate
from ikz.meetings.models import Meeting
from ikz.meetings.selectors import visible_tasks
from ikz.projects.models import (
    FundingApplication,
    Goal,
    Milestone,
    Participation,
    Project,
    ProjectReference,
    Stage,
    StageChange,
)
from ikz.projects.selectors.points import _hide_unreadable_points, readable_points
from ikz.projects.selectors.visibility import project_get, visible_stage_changes

TIMELINE_LIMIT = 200


@dataclass
class TimelineEvent:
    date: dt.date
    kind: str  # "stage", "point", "milestone", "task"
    title: str
    when: PartialDate | None = None
    detail: str = ""
    meeting: Meeting | None = None
    url: str = ""
    change: StageChange | None = None
    sort_key: tuple[Any, ...] = ()


@dataclass
class MatrixRow:
    municipality: Municipality
    participation: Participation | None

    @property
    def status(self) -> str:
        return (
            self.participation.status if self.participation else Participation.Status.NOT_INVOLVED
        )

    @property
    def status_label(self) -> str:
        return str(Participation.Status(self.status).label)

    @property
    def has_left(self) -> bool:
        return self.municipality.left_on is not None


def participation_matrix(*, access: Access, project: Project) -> list[MatrixRow]:
    """Every municipality of the cooperation with its participation (two queries)."""
    rows = {
        row.municipality_id: row
        for row in Participation.objects.filter(cooperation=access.cooperation, project=project)
    }
    municipalities = Municipality.objects.filter(cooperation=access.cooperation).order_by(
        "left_on", "name"
    )
    return [MatrixRow(municipality=m, participation=rows.get(m.pk)) for m in municipalities]


def _meeting_url(meeting: Meeting, point_id: int | None = None) -> str:
    url = reverse("meetings:detail", args=[meeting.cooperation.slug, meeting.pk])
    return f"{url}#point-{point_id}" if point_id else url


def timeline(
    *, access: Access, project: Project, limit: int = TIMELINE_LIMIT
) -> tuple[list[TimelineEvent], bool]:
    """Newest first: stage changes, linked minutes points, milestones and tasks.

    Each source is read newest first and cut at ``limit`` (five to seven queries in all, however
    long the history); returns the events and whether older ones were left out.
    """
    changes = list(
        visible_stage_changes(access=access)
        .filter(project=project)
        .select_related("meeting", "meeting__body", "meeting__cooperation", "point", "author")
        .order_by("-date", "-pk")[: limit + 1]
    )
    _hide_unreadable_points(access, changes)
    references = list(
        ProjectReference.objects.filter(project=project, point__isnull=False)
        .select_related("point", "point__meeting", "point__meeting__body")
        .order_by("-point__meeting__date", "-pk")[: limit + 1]
    )
    points = [r.point for r in references if r.point is not None]
    readable = readable_points(access, points)
    point_ids = [p.pk for p in points if p.pk in readable]
    tasks = list(
        visible_tasks(access=access)
        .filter(
            Q(point_id__in=point_ids)
            | Q(pk__in=ProjectReference.objects.filter(project=project).values("task_id"))
        )
        .select_related("body", "point")
        .order_by("-created_at", "-pk")[: limit + 1]
    )
    milestones = list(
        Milestone.objects.filter(project=project).order_by("-date", "-pk")[: limit + 1]
    )
    cooperation = access.cooperation
    events: list[TimelineEvent] = []
    for change in changes:
        label = (
            f"{Stage(change.from_stage).label} → {change.get_to_stage_display()}"
            if change.from_stage
            else _("angelegt als %(stage)s") % {"stage": change.get_to_stage_display()}
        )
        meeting = change.meeting
        if meeting is not None:
            meeting.cooperation = cooperation
        events.append(
            TimelineEvent(
                date=change.date,
                kind="stage",
                title=label,
                detail=change.reason,
                meeting=meeting,
                url=_meeting_url(meeting, change.point.pk if change.point else None)
                if meeting
                else "",
                change=change,
                sort_key=(change.date, 3, change.pk),
            )
        )
    for point in points:
        if point.pk not in readable:
            continue
        meeting = point.meeting
        meeting.cooperation = cooperation
        events.append(
            TimelineEvent(
                date=meeting.date,
                when=meeting.when,
                kind="point",
                title=point.text,
                detail=point.get_kind_display(),
                meeting=meeting,
                url=_meeting_url(meeting, point.pk),
                sort_key=(meeting.date, 1, point.pk),
            )
        )
    for milestone in milestones:
        events.append(
            TimelineEvent(
                date=milestone.date,
                when=milestone.when,
                kind="milestone",
                title=milestone.title,
                detail=_("erledigt")
                if milestone.done
                else (_("Frist") if milestone.is_deadline else ""),
                sort_key=(milestone.date, 0, milestone.pk),
            )
        )
    for task in tasks:
        day = task.due or timezone.localdate(task.created_at)
        events.append(
            TimelineEvent(
                date=day,
                when=task.due_date,
                kind="task",
                title=task.title,
                detail=f"{task.get_state_display()} · {task.body.label}",
                url=reverse("tasks:list", args=[cooperation.slug]),
                sort_key=(day, 2, task.pk),
            )
        )
    events.sort(key=lambda event: event.sort_key, reverse=True)
    more = len(events) > limit or any(
        len(rows) > limit for rows in (changes, references, tasks, milestones)
    )
    return events[:limit], more


@dataclass
class ProjectDetail:
    project: Project
    matrix: list[MatrixRow]
    milestones: list[Milestone]
    applications: list[FundingApplication]
    goals: list[Goal]
    events: list[TimelineEvent]
    more_events: bool


def project_detail(
    *, access: Access, pk: int, today: dt.date, limit: int = TIMELINE_LIMIT
) -> ProjectDetail:
    """The project page; each milestone carries ``overdue`` (``Milestone.is_overdue``)."""
    project = project_get(access=access, pk=pk)
    events, more = timeline(access=access, project=project, limit=limit)
    milestones = list(Milestone.objects.filter(project=project).order_by("date", "pk"))
    for milestone in milestones:
        milestone.overdue = milestone.is_overdue(today)  # type: ignore[attr-defined]
    return ProjectDetail(
        project=project,
        matrix=participation_matrix(access=access, project=project),
        milestones=milestones,
        applications=list(
            FundingApplication.objects.filter(project=project).select_related("programme")
        ),
        goals=list(project.goals.filter(cooperation=access.cooperation).order_by("rank", "title")),
        events=events,
        more_events=more,
    )
