"""Reads for the "Dokumente" box of the meeting page."""

from __future__ import annotations

from dataclasses import dataclass

from ikz.accounts.access import Access
from ikz.meetings.documents.content import approval_status, minutes_exist
from ikz.meetings.models import AgendaItem, Meeting


@dataclass(frozen=True)
class Approval:
    item: AgendaItem
    minutes: Meeting
    approved: bool


@dataclass(frozen=True)
class DocumentsBox:
    show_minutes: bool
    minutes_status: str
    minutes_approved: bool
    approvals: list[Approval]


def documents_box(
    *, access: Access, meeting: Meeting, agenda: list[AgendaItem] | None = None
) -> DocumentsBox:
    """What the box shows: the minutes' status, and for the coordinator the approvals due.

    ``agenda`` (the page's agenda items, already loaded) spares a query when no item approves
    minutes, which is the usual case.
    """
    approvals: list[Approval] = []
    wanted = agenda is None or any(item.approves_minutes_of_id for item in agenda)
    if access.is_coordinator and wanted:
        items = AgendaItem.objects.filter(
            cooperation=access.cooperation, meeting=meeting, approves_minutes_of__isnull=False
        ).select_related("approves_minutes_of", "approves_minutes_of__body")
        approvals = [
            Approval(
                item=item,
                minutes=item.approves_minutes_of,  # type: ignore[arg-type]
                approved=item.approves_minutes_of.minutes_approved_on is not None,  # type: ignore[union-attr]
            )
            for item in items
        ]
    if meeting.minutes_approved_in_id is not None:
        meeting.minutes_approved_in = Meeting.objects.select_related("body").get(
            pk=meeting.minutes_approved_in_id, cooperation=access.cooperation
        )
    status, approved = approval_status(meeting)
    return DocumentsBox(
        show_minutes=minutes_exist(access, meeting),
        minutes_status=status,
        minutes_approved=approved,
        approvals=approvals,
    )
