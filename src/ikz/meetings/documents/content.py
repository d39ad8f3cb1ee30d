"""A meeting's invitation and minutes as plain data: what both renderers read.

Built through the meeting page's selector (``meeting_detail``), so a document shows exactly
what its reader may see: the public get no internal points and no names of attendees.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any

from django.apps import apps
from django.http import Http404
from django.utils import translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from ikz.accounts.access import Access
from ikz.dates import PartialDate, format_partial_date
from ikz.meetings import selectors
from ikz.meetings.ical import location_text
from ikz.meetings.invitations import WEEKDAYS, time_text
from ikz.meetings.models import Attendance, Meeting, Point

INVITATION = "einladung"
MINUTES = "protokoll"
KINDS = (INVITATION, MINUTES)
FORMATS = ("pdf", "docx")


@dataclass(frozen=True)
class DocPoint:
    text: str
    marker: str = ""
    children: tuple[DocPoint, ...] = ()


@dataclass(frozen=True)
class DocAgendaItem:
    number: str
    depth: int
    title: str
    presenter: str = ""
    duration: str = ""
    attachments: tuple[str, ...] = ()
    points: tuple[DocPoint, ...] = ()


@dataclass(frozen=True)
class DocAttendance:
    municipality: str
    present: tuple[str, ...] = ()
    excused: tuple[str, ...] = ()


@dataclass(frozen=True)
class DocTask:
    text: str
    owner: str = ""
    due: str = ""


@dataclass(frozen=True)
class MeetingDocument:
    kind: str  # "einladung" or "protokoll"
    title: str  # "Einladung" / "Ergebnisprotokoll"
    cooperation: str
    organisation: str
    body: str
    heading: str  # "5. Lenkungsgruppensitzung"
    date: str  # "Dienstag, 14.01.2020"
    time: str  # "10:00–12:00 Uhr"
    place: str  # "Rathaus Großpösna, Im Rittergut 1, 04463 Großpösna"
    description: str = ""
    status: str = ""  # minutes: "Entwurf" or "genehmigt am … in der …"
    approved: bool = False
    general_points: tuple[DocPoint, ...] = ()
    agenda: tuple[DocAgendaItem, ...] = ()
    attachments: tuple[str, ...] = ()  # of the meeting itself
    attendance: tuple[DocAttendance, ...] = ()
    decisions: tuple[str, ...] = ()
    tasks: tuple[DocTask, ...] = ()
    next_meeting: str = ""
    # Branding (ikz.branding): footer address, accent colour ("1f4e79"), logo file path.
    address: str = ""
    accent: str = ""
    logo_path: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def file_stem(self) -> str:
        """ "einladung-5-lenkungsgruppe-2020-01-14"."""
        from django.utils.text import slugify

        return f"{self.kind}-{slugify(self.heading)}"[:80]

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def attachment_titles(*, access: Access, meeting: Meeting) -> dict[int | None, list[str]]:
    """Titles of the attachments the reader may see, per agenda item id (None: the meeting).

    Apps that hold files name a provider on their AppConfig (``meeting_attachment_titles``,
    a dotted path to ``f(*, access, meeting) -> dict``), so this app imports none of them.
    """
    merged: dict[int | None, list[str]] = defaultdict(list)
    for config in apps.get_app_configs():
        path = getattr(config, "meeting_attachment_titles", "")
        if path:
            for key, titles in import_string(path)(access=access, meeting=meeting).items():
                merged[key].extend(titles)
    return merged


def _owner(task: Any, access: Access) -> str:
    owner = task.owner_for(show_people=access.is_member)
    if owner is None and task.owner_person_id is not None:
        # No name for the public: the person's municipality or organisation stands in.
        person = task.owner_person
        return str(person.municipality.name if person.municipality else person.organisation)
    if owner is None:
        return ""
    if task.owner_person_id is not None:
        return str(owner.full_name)
    if task.owner_body_id is not None:
        return str(owner.label)
    return str(owner.name)


def _marker(point: Point, task: Any, access: Access) -> str:
    if point.kind == Point.Kind.INFORMATION:
        return ""
    label = str(point.get_kind_display())
    if task is None:
        return label
    details = [name for name in (_owner(task, access),) if name]
    if task.due_date:
        details.append(_("bis %(date)s") % {"date": format_partial_date(task.due_date)})
    return f"{label} – {', '.join(details)}" if details else label


def _points(
    nodes: list[Any], access: Access, decisions: list[str], tasks: list[DocTask]
) -> tuple[DocPoint, ...]:
    """The nested points; decisions and tasks collected on the way (in minutes order)."""

    def build(node: Any) -> DocPoint:
        point = node.point
        task = node.task
        if point.kind == Point.Kind.DECISION:
            decisions.append(point.text)
        if task is not None:
            tasks.append(
                DocTask(
                    text=point.text,
                    owner=_owner(task, access),
                    due=format_partial_date(task.due_date) if task.due_date else "",
                )
            )
        children = tuple(build(child) for child in node.children if not child.is_draft)
        return DocPoint(text=point.text, marker=_marker(point, task, access), children=children)

    return tuple(build(node) for node in nodes if not node.is_draft)


def _attendance(detail: selectors.MeetingDetail, access: Access) -> tuple[DocAttendance, ...]:
    groups: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for row in detail.attendances:
        person = row.person
        where = person.municipality.name if person.municipality else (person.organisation or "")
        label = person.full_name + (f" ({person.function})" if person.function else "")
        groups[where or _("weitere Teilnehmende")][row.status].append(label)
    if not access.is_member:
        # The public learn which municipalities took part, not who.
        return tuple(DocAttendance(m.name) for m in detail.municipalities)
    return tuple(
        DocAttendance(
            municipality=name,
            present=tuple(statuses.get(Attendance.Status.PRESENT, [])),
            excused=tuple(statuses.get(Attendance.Status.EXCUSED, [])),
        )
        for name, statuses in sorted(groups.items())
        if statuses.get(Attendance.Status.PRESENT) or statuses.get(Attendance.Status.EXCUSED)
    )


def _next_meeting(access: Access, meeting: Meeting) -> str:
    following = (
        selectors.visible_meetings(access=access)
        .filter(body_id=meeting.body_id, date__gt=meeting.date)
        .exclude(state=Meeting.State.CANCELLED)
        .select_related("body", "location", "location__municipality")
        .order_by("date", "start_time", "pk")
        .first()
    )
    if following is None:
        return ""
    text = f"{format_partial_date(following.when)}, {following.heading}"
    time = time_text(following)
    place = location_text(following)
    return text + (f", {time}" if time else "") + (f", {place}" if place else "")


def minutes_exist(access: Access, meeting: Meeting) -> bool:
    """Minutes to read: the meeting was held and the reader may see them."""
    return meeting.state in (
        Meeting.State.HELD,
        Meeting.State.MINUTES_PUBLISHED,
    ) and selectors.can_see_minutes(access=access, meeting=meeting)


def approval_status(meeting: Meeting) -> tuple[str, bool]:
    """ "Entwurf" or "genehmigt am 14.01.2020 in der 5. Lenkungsgruppensitzung"."""
    if meeting.minutes_approved_on is None:
        if meeting.state == Meeting.State.MINUTES_PUBLISHED:
            return _("veröffentlicht, noch nicht genehmigt"), False
        return _("Entwurf"), False
    text = _("genehmigt am %(date)s") % {
        "date": format_partial_date(PartialDate(meeting.minutes_approved_on))
    }
    if meeting.minutes_approved_in is not None:
        text += " " + _("in der Sitzung „%(heading)s“") % {
            "heading": meeting.minutes_approved_in.heading
        }
    return text, True


def build(
    *, access: Access, meeting_pk: int, kind: str, branding: dict[str, Any] | None = None
) -> MeetingDocument:
    """The invitation or the minutes of one meeting as ``access`` may read them."""
    with translation.override("de"):
        return _build(access=access, meeting_pk=meeting_pk, kind=kind, branding=branding)


def _build(
    *, access: Access, meeting_pk: int, kind: str, branding: dict[str, Any] | None
) -> MeetingDocument:
    detail = selectors.meeting_detail(access=access, pk=meeting_pk)
    meeting = detail.meeting
    if kind == MINUTES and not minutes_exist(access, meeting):
        raise Http404
    files = attachment_titles(access=access, meeting=meeting)
    minutes = kind == MINUTES
    decisions: list[str] = []
    tasks: list[DocTask] = []
    agenda = []
    general: tuple[DocPoint, ...] = ()
    for section in detail.sections:
        points = _points(section.roots, access, decisions, tasks) if minutes else ()
        if section.item is None:
            general = points
            continue
        item = section.item
        agenda.append(
            DocAgendaItem(
                number=section.number,
                depth=section.depth,
                title=item.title,
                presenter=item.presenter.full_name if item.presenter else "",
                duration=_("%(minutes)s Min.") % {"minutes": item.duration_minutes}
                if item.duration_minutes
                else "",
                attachments=tuple(files.get(item.pk, [])),
                points=points,
            )
        )
    status, approved = approval_status(meeting) if minutes else ("", False)
    branding = branding or {}
    cooperation = access.cooperation
    return MeetingDocument(
        kind=kind,
        title=_("Ergebnisprotokoll") if minutes else _("Einladung"),
        cooperation=cooperation.name,
        organisation=str(branding.get("organisation") or cooperation.coordinating_organisation),
        body=meeting.body.name,
        heading=meeting.heading,
        date=(
            f"{WEEKDAYS[meeting.date.weekday()]}, {format_partial_date(meeting.when)}"
            if not meeting.when.is_month
            else format_partial_date(meeting.when, long_month=True)
        ),
        time=time_text(meeting),
        place=location_text(meeting),
        description=meeting.description.strip(),
        status=status,
        approved=approved,
        general_points=general,
        agenda=tuple(agenda),
        attachments=tuple(files.get(None, [])),
        attendance=_attendance(detail, access) if minutes else (),
        decisions=tuple(decisions),
        tasks=tuple(tasks),
        next_meeting=_next_meeting(access, meeting) if minutes else "",
        address=str(branding.get("address", "")),
        accent=str(branding.get("accent", "")),
        logo_path=str(branding.get("logo_path", "")),
    )
