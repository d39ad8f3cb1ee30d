"""Reads of projects, their history, deadlines and goals, filtered by cooperation and role.

What is where (everything is re-exported here: ``from ikz.projects.selectors import X``):

* ``visibility``: ``visible_projects``, ``visible_stage_changes``, ``project_get``,
  ``project_for_write``, ``field_list``, ``field_get``
* ``listing``: the board (``board``, ``BoardColumn``) and the sortable list (``project_page``,
  ``SORTS``), both filtered by ``ProjectFilter``
* ``points``: which minutes points the visitor may read (``readable_points``) and the links
  between points and projects (``point_projects``, ``point_for_link``)
* ``detail``: ``project_detail`` with ``participation_matrix`` and ``timeline``
* ``deadlines``: ``deadline_list`` and the dashboard card (``dashboard_context``)
* ``plan``: the coordinator's plan pages (participation, milestone, funding application
  of one project) and the list filters' field options
* ``goals``: ``goals_ranked``, ``flatten_goals``, ``goal_get``
* ``reporting``: the reads of the monthly report, listed below

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
  visible projects; in ``goals``, the goals page uses it too)
* ``goals_changed_in_period(*, access, start, end) -> list[Goal]`` (created or edited in the
  period, or set by a meeting held in it: the demo's goals date from 18.12.2019)
* ``upcoming_milestones_and_deadlines(*, access, start, end) -> list[Deadline]`` (open
  milestones and funding deadlines of visible projects, with ``when`` as a PartialDate)

Periods are inclusive: ``start <= date <= end``. A month-precision date counts when the month
overlaps the period.

Settings such as ``BOARD_COLUMN_LIMIT`` live in their module; patch them there
(``listing.BOARD_COLUMN_LIMIT``), not here.
"""

from ikz.projects.selectors.deadlines import (
    DUE_SOON_DAYS,
    OPEN_APPLICATION_STATES,
    Deadline,
    dashboard_context,
    deadline_list,
)
from ikz.projects.selectors.detail import (
    TIMELINE_LIMIT,
    MatrixRow,
    ProjectDetail,
    TimelineEvent,
    participation_matrix,
    project_detail,
    timeline,
)
from ikz.projects.selectors.goals import GoalNode, flatten_goals, goal_get, goals_ranked
from ikz.projects.selectors.listing import (
    BOARD_COLUMN_LIMIT,
    CLOSED,
    LIFECYCLE,
    LIST_PAGE_SIZE,
    SORTS,
    BoardColumn,
    ProjectFilter,
    board,
    board_cards,
    project_page,
)
from ikz.projects.selectors.plan import (
    field_options,
    funding_application_get,
    milestone_get,
    participation_municipality,
    participation_of,
)
from ikz.projects.selectors.points import point_for_link, point_projects, readable_points
from ikz.projects.selectors.reporting import (
    COUNCIL_STATUSES,
    council_decisions_in_period,
    funding_for_report,
    goals_changed_in_period,
    new_projects_in_period,
    project_status_at,
    stage_changes_in_period,
    upcoming_milestones_and_deadlines,
)
from ikz.projects.selectors.visibility import (
    field_get,
    field_list,
    project_for_write,
    project_get,
    visible_projects,
    visible_stage_changes,
)

__all__ = [
    "BOARD_COLUMN_LIMIT",
    "CLOSED",
    "COUNCIL_STATUSES",
    "DUE_SOON_DAYS",
    "LIFECYCLE",
    "LIST_PAGE_SIZE",
    "OPEN_APPLICATION_STATES",
    "SORTS",
    "TIMELINE_LIMIT",
    "BoardColumn",
    "Deadline",
    "GoalNode",
    "MatrixRow",
    "ProjectDetail",
    "ProjectFilter",
    "TimelineEvent",
    "board",
    "board_cards",
    "council_decisions_in_period",
    "dashboard_context",
    "deadline_list",
    "field_get",
    "field_list",
    "field_options",
    "flatten_goals",
    "funding_application_get",
    "funding_for_report",
    "goal_get",
    "goals_changed_in_period",
    "goals_ranked",
    "milestone_get",
    "new_projects_in_period",
    "participation_matrix",
    "participation_municipality",
    "participation_of",
    "point_for_link",
    "point_projects",
    "project_detail",
    "project_for_write",
    "project_get",
    "project_page",
    "project_status_at",
    "readable_points",
    "stage_changes_in_period",
    "timeline",
    "upcoming_milestones_and_deadlines",
    "visible_projects",
    "visible_stage_changes",
]
