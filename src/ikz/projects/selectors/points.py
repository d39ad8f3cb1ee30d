"""Visibility of minutes points, and the links between points and projects."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable

from django.shortcuts import get_object_or_404

from ikz.accounts.access import Access
from ikz.meetings.models import Meeting, Point
from ikz.meetings.selectors import visible_meetings
from ikz.projects.models import Project, ProjectReference, StageChange
from ikz.projects.selectors.visibility import visible_projects


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


def point_projects(
    *, access: Access, meeting: Meeting, point_ids: Collection[int] | None = None
) -> dict[int, list[Project]]:
    """{point id: [projects it is linked to]} for one meeting's minutes, in one query.

    ``point_ids``: only these points (no query for none); None: every point of the meeting.
    """
    result: dict[int, list[Project]] = defaultdict(list)
    if point_ids is not None and not point_ids:
        return {}
    references = ProjectReference.objects.filter(
        cooperation=access.cooperation,
        point__meeting=meeting,
        project__in=visible_projects(access=access),
    )
    if point_ids is not None:
        references = references.filter(point_id__in=point_ids)
    references = references.select_related("project").order_by("project__title")
    for reference in references:
        result[reference.point_id].append(reference.project)  # type: ignore[index]
    return dict(result)


def point_for_link(*, access: Access, pk: int) -> Point:
    return get_object_or_404(
        Point.objects.select_related("meeting", "meeting__body"),
        cooperation=access.cooperation,
        pk=pk,
    )
