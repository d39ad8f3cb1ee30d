"""Reads of projects, their history, deadlines and goals, filtered by cooperation and role.

Visibility, in this one place:

* Coordinator: everything of the cooperation.
* Member: every project of the cooperation (internal ones too: the mayors steer all of them)
  and its whole stage history; minutes points in a timeline only where the meetings'
  visibility lets the member read them (``ikz.meetings.selectors``).
* Public: public projects only, their public stage changes only, and minutes points only of
  public meetings with published minutes that are not internal (nor below an internal point).

Functions for the monthly report (issue #5); all take ``access`` and return plain rows:

* ``stage_changes_in_period(*, access, start, end) -> list[StageChange]`` (project, meeting,
  point, author loaded; ``point`` is None where the visitor may not read it)
* ``new_projects_in_period(*, access, start, end) -> list[Project]`` (first history entry
  in the period)
* ``council_decisions_in_period(*, access, start, end) -> list[Participation]`` (current
  status "Ratsbeschluss …" dated in the period; the status itself has no history)
* ``goals_ranked(*, access) -> list[GoalNode]`` (ranked roots with nested children and
  visible projects)
* ``goals_changed_in_period(*, access, start, end) -> list[Goal]`` (created or edited in the
  period, or set by a meeting held in it: the demo's goals date from 18.12.2019)
* ``upcoming_milestones_and_deadlines(*, access, start, end) -> list[Deadline]`` (open
  milestones and funding deadlines of visible projects, with ``when`` as a PartialDate)

Periods are inclusive: ``start <= date <= end``. A month-precision date counts when the month
overlaps the period.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Concat
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from ikz.accounts.access import Access
from ikz.cooperation.models import Municipality
from ikz.dates import PartialDate, Precision
from ikz.meetings.models import Meeting, Point
from ikz.meetings.selectors import visible_meetings, visible_tasks
from ikz.projects.models import (
    Field,
    FundingApplication,
    Goal,
    Milestone,
    Participation,
    Project,
    ProjectReference,
    Stage,
    StageChange,
)

DUE_SOON_DAYS = 14
LIST_PAGE_SIZE = 50
TIMELINE_LIMIT = 200
BOARD_COLUMN_LIMIT = 100
LIFECYCLE = [
    Stage.IDEA,
    Stage.ASSESSMENT,
    Stage.CONCEPT,
    Stage.DECIDED,
    Stage.IMPLEMENTATION,
    Stage.ESTABLISHED,
]
CLOSED = [Stage.NOT_PURSUED, Stage.BILATERAL]
COUNCIL_STATUSES = [
    Participation.Status.COUNCIL_PENDING,
    Participation.Status.COUNCIL_APPROVED,
    Participation.Status.COUNCIL_DECLINED,
]


# --- Projects ----------------------------------------------------------------------------------


def visible_projects(*, access: Access) -> QuerySet[Project]:
    projects = Project.objects.filter(cooperation=access.cooperation)
    if access.is_member:
        return projects
    return projects.filter(is_public=True)


def visible_stage_changes(*, access: Access) -> QuerySet[StageChange]:
    changes = StageChange.objects.filter(cooperation=access.cooperation)
    if access.is_member:
        return changes
    return changes.filter(is_public=True, project__is_public=True)


def project_get(*, access: Access, pk: int) -> Project:
    return get_object_or_404(
        visible_projects(access=access).select_related(
            "field", "lead_body", "lead_municipality", "contact_person"
        ),
        pk=pk,
    )


def project_for_write(*, access: Access, pk: int) -> Project:
    """For coordinator pages: the project of this cooperation, or 404."""
    return get_object_or_404(Project, cooperation=access.cooperation, pk=pk)


def field_list(*, access: Access) -> QuerySet[Field]:
    return Field.objects.filter(cooperation=access.cooperation).annotate(
        project_count=Count("projects")
    )


def field_get(*, access: Access, pk: int) -> Field:
    return get_object_or_404(Field, cooperation=access.cooperation, pk=pk)


@dataclass(frozen=True)
class ProjectFilter:
    field_id: int | None = None
    body_id: int | None = None
    municipality_id: int | None = None
    stage: str = ""

    def apply(self, projects: QuerySet[Project]) -> QuerySet[Project]:
        if self.stage in Stage.values:
            projects = projects.filter(stage=self.stage)
        if self.field_id:
            projects = projects.filter(field_id=self.field_id)
        if self.body_id:
            projects = projects.filter(lead_body_id=self.body_id)
        if self.municipality_id:
            # Led by the municipality, or the municipality takes part in any way.
            involved = Participation.objects.filter(municipality_id=self.municipality_id).exclude(
                status=Participation.Status.NOT_INVOLVED
            )
            projects = projects.filter(
                Q(lead_municipality_id=self.municipality_id)
                | Q(pk__in=involved.values("project_id"))
            )
        return projects

    @property
    def active(self) -> bool:
        return bool(self.field_id or self.body_id or self.municipality_id or self.stage)


def _card_rows(projects: QuerySet[Project]) -> QuerySet[Project]:
    return projects.select_related("field", "lead_municipality", "lead_body").annotate(
        participating_count=Count(
            "participations",
            filter=Q(
                participations__status__in=[
                    Participation.Status.PARTICIPATING,
                    Participation.Status.COUNCIL_PENDING,
                    Participation.Status.COUNCIL_APPROVED,
                ]
            ),
            distinct=True,
        ),
        interested_count=Count(
            "participations",
            filter=Q(participations__status=Participation.Status.INTERESTED),
            distinct=True,
        ),
    )


@dataclass
class BoardColumn:
    stage: Stage
    projects: list[Project] = field(default_factory=list)
    is_closed: bool = False
    total: int = 0

    @property
    def hidden(self) -> int:
        return self.total - len(self.projects)

    @property
    def label(self) -> str:
        return str(self.stage.label)


def board(*, access: Access, filters: ProjectFilter) -> list[BoardColumn]:
    """Columns by stage (the lifecycle, then the two closed stages) in one query."""
    columns = {stage: BoardColumn(stage=Stage(stage)) for stage in LIFECYCLE}
    columns.update({stage: BoardColumn(stage=Stage(stage), is_closed=True) for stage in CLOSED})
    projects = _card_rows(filters.apply(visible_projects(access=access))).order_by("title")
    for project in projects:
        column = columns[Stage(project.stage)]
        column.total += 1
        # A column shows its first cards; the rest are in the list (filtered by stage).
        if len(column.projects) < BOARD_COLUMN_LIMIT:
            column.projects.append(project)
    return list(columns.values())


SORTS = {
    "titel": ("title",),
    "-titel": ("-title",),
    "feld": ("field__position", "field__name", "title"),
    "-feld": ("-field__position", "-field__name", "title"),
    "phase": ("stage_rank", "title"),
    "-phase": ("-stage_rank", "title"),
    "federfuehrung": ("lead_municipality__name", "title"),
    "-federfuehrung": ("-lead_municipality__name", "title"),
    "aenderung": ("last_change", "title"),
    "-aenderung": ("-last_change", "title"),
}


def project_page(
    *, access: Access, filters: ProjectFilter, sort: str, page: int | str | None
) -> Page[Project]:
    """The sortable, paginated list; sorting by stage follows the lifecycle, not the alphabet."""
    order = SORTS.get(sort, SORTS["titel"])
    stage_rank = Case(
        *(When(stage=stage, then=Value(index)) for index, stage in enumerate(LIFECYCLE + CLOSED)),
        output_field=IntegerField(),
    )
    projects = (
        _card_rows(filters.apply(visible_projects(access=access)))
        .annotate(
            stage_rank=stage_rank,
            last_change=Subquery(
                StageChange.objects.filter(project=OuterRef("pk"))
                .order_by("-date")
                .values("date")[:1]
            ),
        )
        .order_by(*order, "pk")
    )
    paginator: Paginator[Project] = Paginator(projects, LIST_PAGE_SIZE)
    return paginator.get_page(page)


# --- Visibility of minutes points --------------------------------------------------------------


def _readable_meeting_ids(access: Access, meeting_ids: Iterable[int]) -> set[int]:
    """Meetings among ``meeting_ids`` whose minutes the visitor may read (one query)."""
    ids = set(meeting_ids)
    if not ids:
        return set()
    meetings = visible_meetings(access=access).filter(pk__in=ids)
    if not access.is_coordinator:
        meetings = meetings.filter(state=Meeting.State.MINUTES_PUBLISHED)
    return set(meetings.values_list("pk", flat=True))


def readable_points(access: Access, points: Iterable[Point]) -> set[int]:
    """Ids of ``points`` the visitor may read, by the meetings' rules (at most two queries)."""
    points = list(points)
    readable_meetings = _readable_meeting_ids(access, {p.meeting_id for p in points})
    candidates = [p for p in points if p.meeting_id in readable_meetings]
    if access.is_member or not candidates:
        return {p.pk for p in candidates}
    # The public never sees an internal point nor anything below one: walk up the tree.
    rows = Point.objects.filter(meeting_id__in={p.meeting_id for p in candidates}).values_list(
        "pk", "parent_id", "is_internal"
    )
    parent_of = {pk: (parent_id, internal) for pk, parent_id, internal in rows}
    visible = set()
    for point in candidates:
        current: int | None = point.pk
        hidden = False
        while current is not None:
            parent_id, internal = parent_of.get(current, (None, False))
            if internal:
                hidden = True
                break
            current = parent_id
        if not hidden:
            visible.add(point.pk)
    return visible


def _hide_unreadable_points(access: Access, changes: list[StageChange]) -> list[StageChange]:
    """Drop the point (and the meeting) of a change where the visitor may not read them."""
    readable = readable_points(access, [c.point for c in changes if c.point is not None])
    meeting_ids = {c.meeting_id for c in changes if c.meeting_id}
    listed = (
        set(visible_meetings(access=access).filter(pk__in=meeting_ids).values_list("pk", flat=True))
        if meeting_ids
        else set()
    )
    for change in changes:
        if change.point is not None and change.point.pk not in readable:
            change.point = None
        if change.meeting_id and change.meeting_id not in listed:
            change.meeting = None
    return changes


def point_projects(*, access: Access, meeting: Meeting) -> dict[int, list[Project]]:
    """{point id: [projects it is linked to]} for one meeting's minutes, in one query."""
    result: dict[int, list[Project]] = defaultdict(list)
    references = (
        ProjectReference.objects.filter(
            cooperation=access.cooperation,
            point__meeting=meeting,
            project__in=visible_projects(access=access),
        )
        .select_related("project")
        .order_by("project__title")
    )
    for reference in references:
        result[reference.point_id].append(reference.project)  # type: ignore[index]
    return dict(result)


def point_for_link(*, access: Access, pk: int) -> Point:
    return get_object_or_404(
        Point.objects.select_related("meeting", "meeting__body"),
        cooperation=access.cooperation,
        pk=pk,
    )


# --- The project page --------------------------------------------------------------------------


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


def matrix_row(*, access: Access, project: Project, municipality_id: int) -> MatrixRow:
    municipality = get_object_or_404(
        Municipality, cooperation=access.cooperation, pk=municipality_id
    )
    row = Participation.objects.filter(project=project, municipality=municipality).first()
    return MatrixRow(municipality=municipality, participation=row)


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
        day = task.due or task.created_at.date()
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


def project_detail(*, access: Access, pk: int, limit: int = TIMELINE_LIMIT) -> ProjectDetail:
    project = project_get(access=access, pk=pk)
    events, more = timeline(access=access, project=project, limit=limit)
    return ProjectDetail(
        project=project,
        matrix=participation_matrix(access=access, project=project),
        milestones=list(Milestone.objects.filter(project=project).order_by("date", "pk")),
        applications=list(
            FundingApplication.objects.filter(project=project).select_related("programme")
        ),
        goals=list(project.goals.filter(cooperation=access.cooperation).order_by("rank", "title")),
        events=events,
        more_events=more,
    )


# --- Deadlines ---------------------------------------------------------------------------------


@dataclass
class Deadline:
    kind: str  # "milestone" or "funding"
    title: str
    project: Project
    when: PartialDate
    is_deadline: bool
    done: bool
    overdue: bool = False
    due_soon: bool = False

    @property
    def kind_label(self) -> str:
        return _("Förderantrag") if self.kind == "funding" else _("Meilenstein")


def _overlaps(start: dt.date, end: dt.date, prefix: str) -> Q:
    """Day dates in [start, end], month dates whose month overlaps it."""
    return Q(**{f"{prefix}__gte": start, f"{prefix}__lte": end}) | Q(
        **{
            f"{prefix}_precision": Precision.MONTH,
            f"{prefix}__gte": start.replace(day=1),
            f"{prefix}__lte": end,
        }
    )


OPEN_APPLICATION_STATES = [
    FundingApplication.State.PLANNED,
]


def _deadline_rows(
    access: Access, *, milestone_q: Q, funding_q: Q, only_deadlines: bool
) -> list[Deadline]:
    """Open milestones and open funding deadlines of visible projects, in one UNION query
    (the dashboard has a fixed query budget)."""
    projects = visible_projects(access=access)
    columns = ("project_id", "project__title", "label", "day", "precision", "kind", "flag")
    milestones = (
        Milestone.objects.filter(
            milestone_q, cooperation=access.cooperation, project__in=projects, done=False
        )
        .annotate(
            label=F("title"),
            day=F("date"),
            precision=F("date_precision"),
            kind=Value("milestone"),
            flag=F("is_deadline"),
        )
        .values_list(*columns)
    )
    if only_deadlines:
        milestones = milestones.filter(is_deadline=True)
    applications = (
        FundingApplication.objects.filter(
            funding_q,
            cooperation=access.cooperation,
            project__in=projects,
            state__in=OPEN_APPLICATION_STATES,
            deadline__isnull=False,
        )
        .annotate(
            label=Concat(Value(_("Förderantrag") + " "), F("programme__name")),
            day=F("deadline"),
            precision=F("deadline_precision"),
            kind=Value("funding"),
            flag=Value(True),
        )
        .values_list(*columns)
    )
    rows = [
        Deadline(
            kind=kind,
            title=label,
            project=Project(pk=project_id, title=title, cooperation=access.cooperation),
            when=PartialDate(day, precision),
            is_deadline=bool(flag),
            done=False,
        )
        for project_id, title, label, day, precision, kind, flag in milestones.order_by().union(
            applications.order_by(), all=True
        )
    ]
    rows.sort(key=lambda row: (row.when.value, row.kind, row.title))
    return rows


def upcoming_milestones_and_deadlines(
    *, access: Access, start: dt.date, end: dt.date
) -> list[Deadline]:
    """Open milestones (deadlines or not) and open funding deadlines in the period."""
    return _deadline_rows(
        access,
        milestone_q=_overlaps(start, end, "date"),
        funding_q=_overlaps(start, end, "deadline"),
        only_deadlines=False,
    )


def deadline_list(*, access: Access, today: dt.date, limit: int | None = None) -> list[Deadline]:
    """Open deadlines, overdue ones first (then by date), flagged against ``today``.

    Overdue: the whole day or month lies before ``today``. Due soon: not overdue and the day
    (or the month's last day) within ``DUE_SOON_DAYS`` days from ``today``.
    """
    rows = _deadline_rows(access, milestone_q=Q(), funding_q=Q(), only_deadlines=True)
    soon = today + dt.timedelta(days=DUE_SOON_DAYS)
    for row in rows:
        row.overdue = row.when.is_past(today)
        row.due_soon = not row.overdue and row.when.first_day <= soon
    return rows[:limit] if limit is not None else rows


def dashboard_context(*, access: Access, today: dt.date) -> dict[str, Any]:
    """What the dashboard's "Fristen" card shows (projects/_dashboard_deadlines.html)."""
    rows = deadline_list(access=access, today=today)
    return {
        "project_deadlines": rows[:8],
        "project_deadline_count": len(rows),
    }


# --- For the monthly report --------------------------------------------------------------------


def stage_changes_in_period(*, access: Access, start: dt.date, end: dt.date) -> list[StageChange]:
    changes = list(
        visible_stage_changes(access=access)
        .filter(project__in=visible_projects(access=access), date__gte=start, date__lte=end)
        .exclude(from_stage="")
        .select_related("project", "project__field", "meeting", "meeting__body", "point", "author")
        .order_by("date", "pk")
    )
    return _hide_unreadable_points(access, changes)


def new_projects_in_period(*, access: Access, start: dt.date, end: dt.date) -> list[Project]:
    created = visible_stage_changes(access=access).filter(
        from_stage="", date__gte=start, date__lte=end
    )
    return list(
        visible_projects(access=access)
        .filter(pk__in=created.values("project_id"))
        .select_related("field", "lead_municipality")
        .order_by("title")
    )


def council_decisions_in_period(
    *, access: Access, start: dt.date, end: dt.date
) -> list[Participation]:
    return list(
        Participation.objects.filter(
            cooperation=access.cooperation,
            project__in=visible_projects(access=access),
            status__in=COUNCIL_STATUSES,
            date__gte=start,
            date__lte=end,
        )
        .select_related("project", "municipality")
        .order_by("date", "project__title", "municipality__name")
    )


@dataclass
class GoalNode:
    goal: Goal
    depth: int
    projects: list[Project]
    children: list[GoalNode] = field(default_factory=list)


def goals_ranked(*, access: Access) -> list[GoalNode]:
    """The goals as a ranked forest (unranked last), each with its visible projects."""
    visible = visible_projects(access=access)
    goals = list(
        Goal.objects.filter(cooperation=access.cooperation)
        .select_related("set_in_meeting", "set_in_meeting__body")
        .prefetch_related(Prefetch("projects", queryset=visible.order_by("title")))
    )
    meeting_ids = {g.set_in_meeting_id for g in goals if g.set_in_meeting_id}
    listed_meetings = (
        set(visible_meetings(access=access).filter(pk__in=meeting_ids).values_list("pk", flat=True))
        if meeting_ids
        else set()
    )
    nodes = {}
    for goal in goals:
        if goal.set_in_meeting_id and goal.set_in_meeting_id not in listed_meetings:
            goal.set_in_meeting = None
        nodes[goal.pk] = GoalNode(goal=goal, depth=0, projects=list(goal.projects.all()))
    roots: list[GoalNode] = []
    for goal in goals:
        node = nodes[goal.pk]
        (nodes[goal.parent_id].children if goal.parent_id in nodes else roots).append(node)

    def key(node: GoalNode) -> tuple[bool, int, str]:
        return (node.goal.rank is None, node.goal.rank or 0, node.goal.title)

    roots.sort(key=key)
    stack = [(node, 0) for node in roots]
    while stack:
        node, depth = stack.pop()
        node.depth = depth
        node.children.sort(key=key)
        stack.extend((child, depth + 1) for child in node.children)
    return roots


def flatten_goals(roots: list[GoalNode]) -> list[GoalNode]:
    flat: list[GoalNode] = []
    stack = list(reversed(roots))
    while stack:
        node = stack.pop()
        flat.append(node)
        stack.extend(reversed(node.children))
    return flat


def goals_changed_in_period(*, access: Access, start: dt.date, end: dt.date) -> list[Goal]:
    return list(
        Goal.objects.filter(
            Q(updated_at__date__gte=start, updated_at__date__lte=end)
            | Q(set_in_meeting__date__gte=start, set_in_meeting__date__lte=end),
            cooperation=access.cooperation,
        ).order_by("rank", "title")
    )


def goal_get(*, access: Access, pk: int) -> Goal:
    return get_object_or_404(Goal, cooperation=access.cooperation, pk=pk)
