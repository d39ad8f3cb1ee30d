"""Reads of meetings, minutes and tasks, always filtered by the cooperation and visibility.

Split by topic; import from here (``from ikz.meetings.selectors import X`` or
``selectors.X``), the modules are the place to read:

* ``visibility``: the visibility rules (coordinator, member, public) for meetings, minutes,
  internal points and tasks; one meeting to show or to write.
* ``meeting_page``: the meeting page: agenda numbering, the minutes as a point forest
  (``build_point_forest``, ``flatten``), unsaved drafts in the tree, attendance.
* ``lists``: meetings by month, the calendar month, a body's meetings, the next meetings;
  numbering and the upcoming meeting for services; the meetings of the iCalendar feeds and
  files; the REST API's meeting list.
* ``tasks``: task filters, the paged task list, overdue tasks, a body's open tasks, the REST
  API's task list.
* ``choices``: choices for forms (task owners, attendance candidates).
* ``editing``: the coordinator's edit pages: a chosen body, one agenda item or point, the
  neighbours of a draft or a deleted point, a section's number of top-level points.
* ``dashboard``: context for the body page and the dashboard of the cooperation app.
"""

from ikz.meetings.selectors.choices import (
    OwnerChoices,
    attendance_candidates,
    owner_choices,
    owner_get,
    owner_label,
    owner_value,
)
from ikz.meetings.selectors.dashboard import body_page_context, dashboard_context
from ikz.meetings.selectors.editing import (
    agenda_item_get,
    body_choice,
    child_count,
    point_get,
    previous_sibling,
    root_point_count,
    row_above_deleted,
)
from ikz.meetings.selectors.lists import (
    CalendarMonth,
    MonthGroup,
    _not_past,
    body_meetings,
    calendar_meeting_get,
    calendar_meetings,
    calendar_rows,
    meeting_list,
    meeting_years,
    meetings_by_month,
    month_calendar,
    next_meetings,
    next_number,
    upcoming_meeting_of,
)
from ikz.meetings.selectors.meeting_page import (
    Draft,
    MeetingDetail,
    PointNode,
    Section,
    Token,
    build_point_forest,
    flatten,
    meeting_detail,
    place_drafts,
)
from ikz.meetings.selectors.tasks import (
    TASKS_PER_PAGE,
    TaskFilter,
    _task_rows,
    body_open_tasks,
    filtered_tasks,
    mark_overdue,
    overdue_q,
    overdue_tasks,
    parse_owner,
    task_get,
    task_list,
    task_page,
    task_saved,
)
from ikz.meetings.selectors.visibility import (
    _owned_by,
    _with_relations,
    can_see_internal_points,
    can_see_minutes,
    meeting_for_write,
    meeting_get,
    visible_meetings,
    visible_tasks,
)

__all__ = [
    "TASKS_PER_PAGE",
    "CalendarMonth",
    "Draft",
    "MeetingDetail",
    "MonthGroup",
    "OwnerChoices",
    "PointNode",
    "Section",
    "TaskFilter",
    "Token",
    "_not_past",
    "_owned_by",
    "_task_rows",
    "_with_relations",
    "agenda_item_get",
    "attendance_candidates",
    "body_choice",
    "body_meetings",
    "body_open_tasks",
    "body_page_context",
    "build_point_forest",
    "calendar_meeting_get",
    "calendar_meetings",
    "calendar_rows",
    "can_see_internal_points",
    "can_see_minutes",
    "child_count",
    "dashboard_context",
    "filtered_tasks",
    "flatten",
    "mark_overdue",
    "meeting_detail",
    "meeting_for_write",
    "meeting_get",
    "meeting_list",
    "meeting_years",
    "meetings_by_month",
    "month_calendar",
    "next_meetings",
    "next_number",
    "overdue_q",
    "overdue_tasks",
    "owner_choices",
    "owner_get",
    "owner_label",
    "owner_value",
    "parse_owner",
    "place_drafts",
    "point_get",
    "previous_sibling",
    "root_point_count",
    "row_above_deleted",
    "task_get",
    "task_list",
    "task_page",
    "task_saved",
    "upcoming_meeting_of",
    "visible_meetings",
    "visible_tasks",
]
