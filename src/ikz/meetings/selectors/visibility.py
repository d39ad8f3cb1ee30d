"""Who sees which meetings, minutes and tasks: the visibility rules, in this one place.

* Coordinator: everything of the cooperation.
* Member: public meetings and the internal meetings of their bodies; the minutes of a meeting
  only once they are published. Tasks of their bodies and tasks they (their person, their
  municipality or one of their bodies) own.
* Public (anonymous, or logged in without a role): public meetings; their minutes once
  published, without internal points and their sub-points. No task lists.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from ikz.accounts.access import Access
from ikz.meetings.models import Meeting, Task


def visible_meetings(*, access: Access) -> QuerySet[Meeting]:
    meetings = Meeting.objects.filter(cooperation=access.cooperation)
    if access.is_coordinator:
        return meetings
    if access.is_member:
        return meetings.filter(Q(is_public=True) | Q(body_id__in=access.body_ids))
    return meetings.filter(is_public=True)


def _with_relations(meetings: QuerySet[Meeting]) -> QuerySet[Meeting]:
    return meetings.select_related("body", "location", "location__municipality")


def meeting_get(*, access: Access, pk: int) -> Meeting:
    return get_object_or_404(_with_relations(visible_meetings(access=access)), pk=pk)


def can_see_minutes(*, access: Access, meeting: Meeting) -> bool:
    return access.is_coordinator or meeting.state == Meeting.State.MINUTES_PUBLISHED


def can_see_internal_points(*, access: Access) -> bool:
    return access.is_member


def visible_tasks(*, access: Access) -> QuerySet[Task]:
    tasks = Task.objects.filter(cooperation=access.cooperation)
    if access.is_coordinator:
        return tasks
    if not access.is_member:
        return tasks.none()
    return tasks.filter(Q(body_id__in=access.body_ids) | _owned_by(access))


def _owned_by(access: Access) -> Q:
    """Tasks the visitor owns: as a person, through their municipality or one of their bodies."""
    owned = Q(pk__in=[])
    if access.person_id is not None:
        owned |= Q(owner_person_id=access.person_id)
    if access.municipality_id is not None:
        owned |= Q(owner_municipality_id=access.municipality_id)
    if access.body_ids:
        owned |= Q(owner_body_id__in=access.body_ids)
    return owned


def meeting_for_write(*, access: Access, pk: int) -> Meeting:
    """Coordinator writes only: the meeting in the visitor's cooperation, else 404."""
    if not access.is_coordinator:
        raise Http404
    return get_object_or_404(
        Meeting.objects.filter(cooperation=access.cooperation).select_related("body"), pk=pk
    )
