"""Meetings with agenda and minutes, and tasks: the meetings selectors and services."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router, Status

from ikz.accounts.access import Level
from ikz.api.core import PAGE, PAGE_SIZE, access_in, paged, require, responses, writable
from ikz.api.schemas import (
    AgendaItemIn,
    AgendaItemOut,
    MeetingDetailOut,
    MeetingIn,
    MeetingOut,
    MeetingPatch,
    TaskOut,
    TaskStateIn,
    page_of,
)
from ikz.cooperation.models import Location
from ikz.cooperation.selectors import body_get
from ikz.dates import PartialDate
from ikz.meetings import selectors, services
from ikz.meetings.models import AgendaItem, Meeting, Task
from ikz.meetings.selectors import PointNode
from ikz.meetings.services_minutes import task_set_state

router = Router(tags=["Sitzungen und Aufgaben"])
MeetingPage = page_of(MeetingOut, "MeetingPage")
TaskPage = page_of(TaskOut, "TaskPage")


def _meeting(meeting: Meeting) -> dict[str, Any]:
    return {
        **{name: getattr(meeting, name) for name in MeetingOut.model_fields if name != "heading"},
        "heading": meeting.heading,
    }


@router.get("/cooperations/{slug}/meetings", response=responses(MeetingPage))
def meeting_list(
    request: HttpRequest,
    slug: str,
    body_id: int | None = None,
    page: int = PAGE,
    page_size: int = PAGE_SIZE,
) -> dict[str, Any]:
    """The meetings you may see (public ones, internal ones of your bodies), oldest first."""
    access = access_in(request, slug)
    result = paged(selectors.meeting_list(access=access, body_id=body_id), page, page_size)
    result["items"] = [_meeting(meeting) for meeting in result["items"]]
    return result


def _depth_first(roots: list[Any]) -> list[PointNode]:
    ordered: list[PointNode] = []
    stack = list(reversed(roots))
    while stack:
        node = stack.pop()
        ordered.append(node)
        stack.extend(reversed(node.children))
    return ordered


def _point(node: PointNode, agenda_item_id: int | None) -> dict[str, Any]:
    point = node.point
    return {
        "id": point.pk,
        "agenda_item_id": agenda_item_id,
        "parent_id": point.parent_id,
        "depth": node.depth,
        "kind": point.kind,
        "text": point.text,
        "is_internal": point.is_internal,
    }


def _detail(access: Any, pk: int) -> dict[str, Any]:
    detail = selectors.meeting_detail(access=access, pk=pk)
    minutes = [
        _point(node, section.item.pk if section.item else None)
        for section in detail.sections
        for node in _depth_first(section.roots)
    ]
    return {
        **_meeting(detail.meeting),
        "agenda": [
            {
                "id": item.pk,
                "number": number,
                "depth": depth,
                "title": item.title,
                "parent_id": item.parent_id,
            }
            for item, number, depth in detail.agenda
        ],
        "minutes_visible": detail.show_minutes,
        "minutes": minutes,
    }


@router.get("/cooperations/{slug}/meetings/{meeting_id}", response=responses(MeetingDetailOut))
def meeting_detail(request: HttpRequest, slug: str, meeting_id: int) -> dict[str, Any]:
    """Agenda and, once published (coordination: always), the minutes without what you may
    not see (internal points for the public)."""
    return _detail(access_in(request, slug), meeting_id)


@router.post("/cooperations/{slug}/meetings", response=responses(MeetingDetailOut, status=201))
def meeting_create(request: HttpRequest, slug: str, data: MeetingIn) -> Status[Any]:
    access = writable(request, slug)
    body = body_get(access=access, pk=data.body_id)
    location = (
        get_object_or_404(Location, cooperation=access.cooperation, pk=data.location_id)
        if data.location_id is not None
        else None
    )
    meeting = services.meeting_create(
        cooperation=access.cooperation,
        body=body,
        when=PartialDate(data.date),
        title=data.title,
        start_time=data.start_time,
        end_time=data.end_time,
        location=location,
        is_public=data.is_public,
        description=data.description,
        actor_id=access.user_id,
    )
    return Status(201, _detail(access, meeting.pk))


@router.patch("/cooperations/{slug}/meetings/{meeting_id}", response=responses(MeetingDetailOut))
def meeting_update(
    request: HttpRequest, slug: str, meeting_id: int, data: MeetingPatch
) -> dict[str, Any]:
    """Change title, visibility, notes, or the state (planned → invited → held → …)."""
    access = writable(request, slug)
    meeting = selectors.meeting_for_write(access=access, pk=meeting_id)
    fields = data.dict(exclude_unset=True, exclude={"state"})
    fields = {name: value for name, value in fields.items() if value is not None}
    if fields:
        meeting = services.meeting_update(meeting=meeting, fields=fields, actor_id=access.user_id)
    if data.state is not None and data.state != meeting.state:
        services.meeting_set_state(meeting=meeting, state=data.state, actor_id=access.user_id)
    return _detail(access, meeting_id)


@router.post(
    "/cooperations/{slug}/meetings/{meeting_id}/agenda",
    response=responses(AgendaItemOut, status=201),
)
def agenda_item_create(
    request: HttpRequest, slug: str, meeting_id: int, data: AgendaItemIn
) -> Status[dict[str, Any]]:
    access = writable(request, slug)
    meeting = selectors.meeting_for_write(access=access, pk=meeting_id)
    parent = (
        get_object_or_404(
            AgendaItem, cooperation=access.cooperation, meeting=meeting, pk=data.parent_id
        )
        if data.parent_id is not None
        else None
    )
    item = services.agenda_item_add(meeting=meeting, title=data.title, parent=parent)
    agenda = selectors.meeting_detail(access=access, pk=meeting.pk).agenda
    number, depth = next((n, d) for i, n, d in agenda if i.pk == item.pk)
    return Status(
        201,
        {
            "id": item.pk,
            "number": number,
            "depth": depth,
            "title": item.title,
            "parent_id": item.parent_id,
        },
    )


def _task(task: Task) -> dict[str, Any]:
    return {
        **{name: getattr(task, name) for name in TaskOut.model_fields if name != "meeting_id"},
        "meeting_id": task.point.meeting_id if task.point_id and task.point else None,
    }


@router.get("/cooperations/{slug}/tasks", response=responses(TaskPage))
def task_list(
    request: HttpRequest,
    slug: str,
    state: str | None = None,
    page: int = PAGE,
    page_size: int = PAGE_SIZE,
) -> dict[str, Any]:
    """Members: the tasks of their bodies and those they own; the coordination: all."""
    access = access_in(request, slug)
    require(access, Level.MEMBER)
    result = paged(selectors.task_list(access=access, state=state), page, page_size)
    result["items"] = [_task(task) for task in result["items"]]
    return result


@router.get("/cooperations/{slug}/tasks/{task_id}", response=responses(TaskOut))
def task_detail(request: HttpRequest, slug: str, task_id: int) -> dict[str, Any]:
    access = access_in(request, slug)
    require(access, Level.MEMBER)
    return _task(selectors.task_get(access=access, pk=task_id))


@router.post("/cooperations/{slug}/tasks/{task_id}/state", response=responses(TaskOut))
def task_state(request: HttpRequest, slug: str, task_id: int, data: TaskStateIn) -> dict[str, Any]:
    access = writable(request, slug)
    task = selectors.task_get(access=access, pk=task_id)
    changed = task_set_state(
        task=task, state=data.state, today=timezone.localdate(), actor_id=access.user_id
    )
    task.state, task.completed_on = changed.state, changed.completed_on
    return _task(task)
