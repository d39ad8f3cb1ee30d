"""What the meeting page and the minutes editor endpoints share: the page context."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import TYPE_CHECKING, Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ikz.accounts.access import Access
from ikz.cooperation.panels import agenda_item_panels, point_panels
from ikz.dates import format_partial_date
from ikz.history.selectors import changed_after_publication
from ikz.meetings import selectors
from ikz.meetings.models import Meeting, Point
from ikz.meetings.selectors import Draft, MeetingDetail, PointNode
from ikz.meetings.services import TRANSITIONS

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

STATE_ACTIONS: dict[str, StrOrPromise] = {
    Meeting.State.INVITED: _("Als eingeladen markieren"),
    Meeting.State.HELD: _("Als durchgeführt markieren"),
    Meeting.State.MINUTES_PUBLISHED: _("Protokoll veröffentlichen"),
    Meeting.State.CANCELLED: _("Absagen"),
    Meeting.State.PLANNED: _("Wieder als geplant führen"),
}
# Going back from "published" is a withdrawal; the button says so.
WITHDRAW_LABEL = _("Veröffentlichung zurückziehen")

RowErrors = dict[int, tuple[dict[str, Any], dict[str, list[str]]]]
# Labels of every editor row, looked up once instead of translated 500 times.
ROW_LABELS = {
    "text": _("Text des Punkts"),
    "kind": _("Art"),
    "owner": _("verantwortlich"),
    "due": _("fällig"),
    "internal": _("intern"),
}


def today() -> dt.date:
    return timezone.localdate()


def state_actions(meeting: Meeting) -> list[tuple[str, StrOrPromise]]:
    order = list(Meeting.State.values)
    actions = []
    for state in sorted(TRANSITIONS[meeting.state], key=order.index):
        label = STATE_ACTIONS[state]
        if meeting.state == Meeting.State.MINUTES_PUBLISHED and state == Meeting.State.HELD:
            label = WITHDRAW_LABEL
        actions.append((state, label))
    return actions


def node_values(node: PointNode) -> dict[str, Any]:
    task = node.task
    return {
        "text": node.point.text,
        "kind": node.point.kind,
        "owner": selectors.owner_value(task),
        "due": format_partial_date(task.due_date) if task else "",
        "is_internal": node.point.is_internal,
    }


def walk(nodes: list[PointNode | Draft]) -> list[PointNode]:
    found: list[PointNode] = []
    stack = list(reversed(nodes))
    while stack:
        node = stack.pop()
        if isinstance(node, PointNode):
            found.append(node)
            stack.extend(reversed(node.children))
    return found


def prepare_rows(nodes: list[PointNode], row_errors: RowErrors) -> None:
    """Each row shows the saved values, or the typed ones with their errors."""
    for node in nodes:
        values, errors = row_errors.get(node.point.pk, (node_values(node), {}))
        node.values = values  # type: ignore[attr-defined]
        node.errors = errors  # type: ignore[attr-defined]


def editor_context(
    *,
    access: Access,
    detail: MeetingDetail,
    draft: Draft | None = None,
    focus: str = "",
    row_errors: RowErrors | None = None,
    announce: str = "",
) -> dict[str, Any]:
    """What the editor template needs: form values per row, drafts, owners, focus."""
    for section in detail.sections:
        prepare_rows(walk(section.roots), row_errors or {})
    selectors.place_drafts(detail, draft)
    if focus.startswith("draft") and draft is not None:
        # "draft" or "draft:due": the key of a draft is known only once it is placed.
        field = focus.partition(":")[2] or "text"
        focus = f"point-{field}-{draft.key}"
    owners = selectors.owner_choices(access=access)
    return {
        "owners": owners,
        "owner_labels": owners.labels(),
        "kinds": Point.Kind.choices,
        "labels": {name: str(label) for name, label in ROW_LABELS.items()},
        "focus": focus,
        "announce": announce,
    }


def point_context(
    *, access: Access, meeting: Meeting, point_ids: Collection[int] | None = None
) -> dict[str, Any]:
    """The point panels (templates and context) for all points, or only ``point_ids``."""
    panels, panel_context = point_panels(access=access, meeting=meeting, point_ids=point_ids)
    return {"point_panels": panels, **panel_context}


def detail_context(
    *,
    access: Access,
    detail: MeetingDetail,
    preview: bool = False,
    editor_options: dict[str, Any] | None = None,
) -> dict[str, Any]:
    meeting = detail.meeting
    editing = access.is_coordinator and not preview and meeting.state != Meeting.State.CANCELLED
    context: dict[str, Any] = {
        "detail": detail,
        "meeting": meeting,
        "preview": preview,
        "editing": editing,
        "state_actions": state_actions(meeting) if access.is_coordinator else [],
        "today": today(),
        # Points changed after publishing (one query), marked in the minutes.
        "changed_after_publication": changed_after_publication(model=Point, meeting_id=meeting.pk),
    }
    # What apps above this one attach to the agenda items (the survey evaluation, no query) and
    # to the points (the linked projects, one query); see ikz.cooperation.panels.
    items = [item for item, _number, _depth in detail.agenda]
    panels, panel_context = agenda_item_panels(access=access, meeting=meeting, items=items)
    context.update(agenda_item_panels=panels, **panel_context)
    context.update(point_context(access=access, meeting=meeting))
    if editing:
        context.update(editor_context(access=access, detail=detail, **(editor_options or {})))
    return context
