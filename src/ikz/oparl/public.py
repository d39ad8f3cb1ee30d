"""What OParl publishes: the public view of a cooperation, through the existing selectors.

OParl is anonymous, so every query here runs with a public ``Access``: the same rules as the
public pages (public bodies, public meetings, public reports), plus the people who consented
to publication (``Person.publication_consent``) and their memberships in public bodies.
Locations are published only where a public meeting takes place.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from ikz.accounts.access import Access, Level
from ikz.attachments.models import Attachment, AttachmentVersion
from ikz.attachments.parents import PARENTS
from ikz.cooperation.models import Body, Cooperation, Location, Membership, Municipality, Person
from ikz.cooperation.selectors import visible_bodies
from ikz.meetings.models import AgendaItem, Meeting
from ikz.meetings.selectors import visible_meetings
from ikz.reports.models import ReportVersion, StatusReport
from ikz.reports.selectors import visible_reports

# The kinds of objects below a Body, with their list's path segment.
KINDS = (
    "organization",
    "person",
    "membership",
    "meeting",
    "agendaitem",
    "location",
    "paper",
    "file",
)
# OParl Files come from two sources: published report files ("file") and the public
# attachments of public meetings and their agenda items ("attachment"); both are type File and
# share the Body's file list.
FILE_KINDS = ("file", "attachment")


def public_access(cooperation: Cooperation) -> Access:
    return Access(cooperation=cooperation, level=Level.PUBLIC)


def organizations(cooperation: Cooperation) -> QuerySet[Body]:
    return visible_bodies(access=public_access(cooperation))


def people(cooperation: Cooperation) -> QuerySet[Person]:
    return Person.objects.filter(cooperation=cooperation, publication_consent=True)


def memberships(cooperation: Cooperation) -> QuerySet[Membership]:
    return Membership.objects.filter(
        cooperation=cooperation,
        person__in=people(cooperation),
        body__in=organizations(cooperation),
    )


def meetings(cooperation: Cooperation) -> QuerySet[Meeting]:
    return visible_meetings(access=public_access(cooperation))


def agenda_items(cooperation: Cooperation) -> QuerySet[AgendaItem]:
    return AgendaItem.objects.filter(cooperation=cooperation, meeting__in=meetings(cooperation))


def locations(cooperation: Cooperation) -> QuerySet[Location]:
    used = meetings(cooperation).filter(location__isnull=False).values("location_id")
    return Location.objects.filter(cooperation=cooperation, pk__in=used)


def papers(cooperation: Cooperation) -> QuerySet[StatusReport]:
    return visible_reports(access=public_access(cooperation))


def files(cooperation: Cooperation) -> QuerySet[ReportVersion]:
    """Published report files (the attachments are ``attachments``)."""
    return ReportVersion.objects.filter(
        cooperation=cooperation,
        audience=StatusReport.Audience.PUBLIC,
        report__in=papers(cooperation),
    )


def attachments(cooperation: Cooperation) -> QuerySet[Attachment]:
    """The attachments a visitor sees on public meetings and their agenda items: never one
    "nur für die Koordination". The rule of ``ikz.attachments.selectors.visible_attachments``
    for these two parents (their ``readable``), without the other parents' subqueries."""
    access = public_access(cooperation)
    stored = AttachmentVersion.objects.filter(attachment=OuterRef("pk"))
    return Attachment.objects.filter(
        Q(meeting__in=PARENTS["meeting"].readable(access).values("pk"))
        | Q(agenda_item__in=PARENTS["agenda_item"].readable(access).values("pk")),
        Exists(stored),
        cooperation=cooperation,
        is_internal=False,
    )


def attachments_of(
    cooperation: Cooperation, *, meeting_ids: list[int], item_ids: set[int] | None
) -> QuerySet[Attachment]:
    """``attachments`` of these meetings and agenda items, which the caller has read through
    ``meetings`` / ``agenda_items`` already (so their parents' subqueries are not repeated):
    the page of a list embeds its meetings' files this way. ``item_ids`` None: every agenda
    item of these meetings (a join instead of a list of hundreds of ids)."""
    stored = AttachmentVersion.objects.filter(attachment=OuterRef("pk"))
    of_items = (
        Q(agenda_item__meeting_id__in=meeting_ids)
        if item_ids is None
        else Q(agenda_item_id__in=item_ids)
    )
    return Attachment.objects.filter(
        Q(meeting_id__in=meeting_ids) | of_items,
        Exists(stored),
        cooperation=cooperation,
        is_internal=False,
    )


def municipalities(cooperation: Cooperation) -> QuerySet[Municipality]:
    return Municipality.objects.filter(cooperation=cooperation)


def cooperations() -> QuerySet[Cooperation]:
    """Every cooperation has a public page, so each is a Body."""
    return Cooperation.objects.all()


PUBLIC = {
    "body": lambda cooperation: cooperations().filter(pk=cooperation.pk),
    "municipality": municipalities,
    "organization": organizations,
    "person": people,
    "membership": memberships,
    "meeting": meetings,
    "agendaitem": agenda_items,
    "location": locations,
    "paper": papers,
    "file": files,
    "attachment": attachments,
}


def public_queryset(kind: str, cooperation: Cooperation) -> QuerySet[Any]:
    return PUBLIC[kind](cooperation)
