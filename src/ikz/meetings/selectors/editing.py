"""Reads the coordinator's edit pages need: a chosen body, one agenda item or point, neighbours.

The views used to query these themselves; here every lookup is filtered by the visitor's
cooperation (and, for a body, by what the visitor may see), so an id of another cooperation
is a 404 or "nothing chosen", never a row of it.
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from ikz.accounts.access import Access
from ikz.cooperation.models import Body
from ikz.cooperation.selectors import visible_bodies
from ikz.meetings.models import AgendaItem, Meeting, Point

# What the minutes' row and the saved row show of a task.
_TASK_RELATIONS = (
    "task",
    "task__owner_person__municipality",
    "task__owner_municipality",
    "task__owner_body",
)


def body_choice(*, access: Access, pk: int | None) -> Body | None:
    """A body named by a request parameter (the create form's preselection), or None."""
    if pk is None:
        return None
    return visible_bodies(access=access).filter(pk=pk).first()


def agenda_item_get(*, access: Access, meeting: Meeting, pk: int) -> AgendaItem:
    return get_object_or_404(AgendaItem, meeting=meeting, cooperation=access.cooperation, pk=pk)


def point_get(*, access: Access, meeting: Meeting, pk: int, with_task: bool = False) -> Point:
    """One point of the meeting; ``with_task``: with what its row shows of the task."""
    points = Point.objects.filter(meeting=meeting, cooperation=access.cooperation)
    if with_task:
        # A second lookup of the same point in one request (after the save): its own line, so
        # the N+1 detector (zeal) does not take the two for a loop.
        return get_object_or_404(points.select_related(*_TASK_RELATIONS), pk=pk)
    return get_object_or_404(points, pk=pk)


def root_point_count(*, meeting: Meeting, agenda_item_id: int | None) -> int:
    """How many top-level points the section (an agenda item, or None: without one) has."""
    return Point.objects.filter(
        meeting=meeting,
        cooperation_id=meeting.cooperation_id,
        agenda_item_id=agenda_item_id,
        parent=None,
    ).count()


def previous_sibling(
    *,
    meeting: Meeting,
    agenda_item_id: int | None,
    parent_id: int | None,
    position: int,
) -> Point | None:
    """The point just above ``position`` among its siblings (for indenting a draft)."""
    return (
        Point.objects.filter(
            meeting=meeting,
            cooperation_id=meeting.cooperation_id,
            agenda_item_id=agenda_item_id,
            parent_id=parent_id,
            position__lt=position,
        )
        .order_by("-position")
        .first()
    )


def child_count(point: Point) -> int:
    return point.children.count()


def row_above_deleted(point: Point) -> str:
    """The id of the row that takes the focus when ``point`` is deleted: the row above it (the
    last descendant of the previous sibling, or the parent); for the very first point, the
    row below it, else the section's new row."""
    siblings = Point.objects.filter(
        meeting_id=point.meeting_id,
        cooperation_id=point.cooperation_id,
        agenda_item_id=point.agenda_item_id,
        parent_id=point.parent_id,
    )
    previous = siblings.filter(position=point.position - 1).first()
    while previous is not None:
        last_child = previous.children.order_by("-position").first()
        if last_child is None:
            return f"point-text-{previous.pk}"
        previous = last_child
    if point.parent_id is not None:
        return f"point-text-{point.parent_id}"
    following = siblings.filter(position=point.position + 1).first()
    if following is not None:
        return f"point-text-{following.pk}"
    return f"point-text-new-{point.agenda_item_id or 0}"
