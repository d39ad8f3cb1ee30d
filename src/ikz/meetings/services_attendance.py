"""Writes for the attendance of a meeting (re-exported by ``ikz.meetings.services``)."""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from ikz.cooperation.models import Membership, Person
from ikz.meetings.models import Attendance, Meeting
from ikz.meetings.services_minutes import check_same_cooperation
from ikz.tracking import records as history
from ikz.tracking.versions import check_states


def _check_version(meeting: Meeting, current: dict[int, str], version: str | None) -> None:
    if not version:
        return
    names: dict[int, str] = {}

    def person(pk: int) -> str:
        if not names:  # read only when there is a conflict to describe
            for row in Person.objects.filter(cooperation=meeting.cooperation):
                names[row.pk] = row.full_name
        return names.get(pk, _("Person %(pk)s") % {"pk": pk})

    def status(value: str) -> str:
        return str(Attendance.Status(value).label) if value in Attendance.Status.values else "–"

    last = (
        Attendance.history.filter(meeting_id=meeting.pk)  # type: ignore[attr-defined]
        .select_related("history_user")
        .order_by("-history_id")
        .first()
    )
    check_states(current, version, key_label=person, state_label=status, last_change=last)


@transaction.atomic
def attendance_set(
    *, meeting: Meeting, person: Person, status: str = Attendance.Status.PRESENT
) -> Attendance:
    check_same_cooperation(meeting.cooperation, person=person)
    if status not in Attendance.Status.values:
        raise ValidationError({"status": _("Unbekannter Teilnahmestatus.")})
    attendance, _created = Attendance.objects.update_or_create(
        meeting=meeting,
        person=person,
        defaults={"status": status, "cooperation": meeting.cooperation},
    )
    return attendance


@transaction.atomic
def attendance_remove(*, meeting: Meeting, person: Person) -> None:
    Attendance.objects.filter(meeting=meeting, person=person).delete()


@transaction.atomic
def attendance_update(
    *, meeting: Meeting, statuses: Mapping[Person, str], version: str | None = None
) -> None:
    """Set many people's attendance at once; an empty status removes the entry.

    ``version`` is the token the form was shown with (``states_token`` of person id → status
    as shown): a save after
    someone else's is refused (``StaleEdit``) with each changed person's old and new status.
    """
    for person in statuses:
        check_same_cooperation(meeting.cooperation, person=person)
    unknown = {status for status in statuses.values() if status} - set(Attendance.Status.values)
    if unknown:
        raise ValidationError(_("Unbekannter Teilnahmestatus."))
    # Lock the meeting: attendance saves of one meeting run one after the other.
    Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
    current = {a.person_id: a for a in Attendance.objects.filter(meeting=meeting)}
    _check_version(meeting, {pk: entry.status for pk, entry in current.items()}, version)
    removed = [p.pk for p, status in statuses.items() if not status and p.pk in current]
    Attendance.objects.filter(meeting=meeting, person_id__in=removed).delete()
    changed = []
    for person, status in statuses.items():
        entry = current.get(person.pk)
        if status and entry is not None and entry.status != status:
            entry.status = status
            changed.append(entry)
    history.bulk_update(Attendance, changed, ["status"])
    history.bulk_create(
        Attendance,
        [
            Attendance(
                cooperation=meeting.cooperation, meeting=meeting, person=person, status=status
            )
            for person, status in statuses.items()
            if status and person.pk not in current
        ],
    )


@transaction.atomic
def attendance_from_members(*, meeting: Meeting) -> int:
    """Enter the body's current members as present (those already entered stay as they are)."""
    known = set(meeting.attendances.values_list("person_id", flat=True))
    people = (
        Membership.objects.filter(cooperation=meeting.cooperation, body=meeting.body)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=meeting.date))
        .values_list("person_id", flat=True)
        .distinct()
    )
    new = [
        Attendance(cooperation=meeting.cooperation, meeting=meeting, person_id=person_id)
        for person_id in people
        if person_id not in known
    ]
    history.bulk_create(Attendance, new)
    return len(new)
