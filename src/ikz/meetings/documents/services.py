"""Writes around the minutes' approval ("genehmigt") and the mail when they are published.

* ``propose_approval_item``: a new meeting of a body gets the agenda item "Genehmigung des
  Protokolls der n. Sitzung" when the body's previous meeting has unapproved minutes.
* ``minutes_approve``: the minutes are approved at a following meeting of the same body.
* ``send_minutes_published``: the mail "Protokoll veröffentlicht" with the minutes as PDF and
  DOCX to every member of the body with an e-mail address (after commit, as a task).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ikz.activity.services import record_activity
from ikz.meetings import events
from ikz.meetings.invitations import invitation_recipients
from ikz.meetings.models import AgendaItem, Meeting


def approval_title(meeting: Meeting) -> str:
    return _("Genehmigung des Protokolls der %(number)s. Sitzung") % {"number": meeting.number}


def _previous_unapproved(meeting: Meeting) -> Meeting | None:
    previous = (
        Meeting.objects.filter(
            cooperation_id=meeting.cooperation_id, body_id=meeting.body_id, date__lt=meeting.date
        )
        .filter(state__in=[Meeting.State.HELD, Meeting.State.MINUTES_PUBLISHED])
        .order_by("-date", "-number")
        .first()
    )
    if previous is None or previous.minutes_approved_on is not None:
        return None
    return previous


@transaction.atomic
def propose_approval_item(*, meeting: Meeting) -> AgendaItem | None:
    """Put the approval of the previous minutes first on the agenda (once)."""
    previous = _previous_unapproved(meeting)
    if previous is None:
        return None
    if AgendaItem.objects.filter(meeting=meeting, approves_minutes_of=previous).exists():
        return None
    from ikz.meetings.services import agenda_item_add

    item = agenda_item_add(meeting=meeting, title=approval_title(previous), position=0)
    item.approves_minutes_of = previous
    item.save(update_fields=["approves_minutes_of"])
    return item


@transaction.atomic
def minutes_approve(
    *, item: AgendaItem, on: dt.date | None = None, actor_id: int | None = None
) -> Meeting:
    """The minutes named by the agenda item ``item`` are approved at ``item``'s meeting."""
    at = Meeting.objects.select_related("body").get(pk=item.meeting_id)
    if item.approves_minutes_of_id is None:
        raise ValidationError(_("Dieser Tagesordnungspunkt genehmigt kein Protokoll."))
    minutes = Meeting.objects.select_for_update().get(
        pk=item.approves_minutes_of_id, cooperation_id=at.cooperation_id
    )
    if minutes.body_id != at.body_id or minutes.date >= at.date:
        raise ValidationError(
            _("Ein Protokoll wird in einer folgenden Sitzung desselben Gremiums genehmigt.")
        )
    if minutes.state != Meeting.State.MINUTES_PUBLISHED:
        raise ValidationError(
            _("Das Protokoll der %(number)s. Sitzung ist noch nicht veröffentlicht.")
            % {"number": minutes.number}
        )
    if minutes.minutes_approved_on is not None:
        raise ValidationError(_("Dieses Protokoll ist bereits genehmigt."))
    minutes.minutes_approved_on = on or at.date
    minutes.minutes_approved_in = at
    minutes.full_clean()
    minutes.save(update_fields=["minutes_approved_on", "minutes_approved_in", "updated_at"])
    record_activity(
        cooperation=at.cooperation,
        actor_id=actor_id,
        event=events.MINUTES_APPROVED,
        data={"minutes": minutes.heading, "at": at.heading},
        body=at.body,
    )
    return minutes


@transaction.atomic
def minutes_approval_revoke(*, meeting: Meeting, actor_id: int | None = None) -> Meeting:
    meeting = (
        Meeting.objects.select_for_update(of=("self",)).select_related("body").get(pk=meeting.pk)
    )
    meeting.minutes_approved_on = None
    meeting.minutes_approved_in = None
    meeting.save(update_fields=["minutes_approved_on", "minutes_approved_in", "updated_at"])
    record_activity(
        cooperation=meeting.cooperation,
        actor_id=actor_id,
        event=events.MINUTES_APPROVAL_WITHDRAWN,
        data={"minutes": meeting.heading},
        body=meeting.body,
    )
    return meeting


@transaction.atomic
def send_minutes_published(*, meeting: Meeting, actor_id: int | None) -> int:
    """Mail the published minutes (PDF and DOCX attached) to the body's members."""
    if meeting.state != Meeting.State.MINUTES_PUBLISHED:
        raise ValidationError(_("Das Protokoll ist noch nicht veröffentlicht."))
    recipients = invitation_recipients(meeting=meeting)
    person_ids = [recipient.person_id for recipient in recipients]
    if not person_ids:
        return 0
    meeting_id = meeting.pk

    def enqueue() -> None:
        from ikz.meetings.tasks import deliver_minutes

        deliver_minutes.enqueue(meeting_id=meeting_id, person_ids=person_ids, actor_id=actor_id)

    transaction.on_commit(enqueue)
    return len(person_ids)
