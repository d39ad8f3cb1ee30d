"""Background work of the meetings app (django-tasks; immediate in development and tests)."""

from __future__ import annotations

from django_tasks import task

from ikz.meetings import invitations


@task()
def deliver_invitation(*, meeting_id: int, person_ids: list[int], actor_id: int | None) -> int:
    """Send the invitation mails of one meeting; enqueued after the invitation was committed."""
    return invitations.deliver(meeting_id=meeting_id, person_ids=person_ids, actor_id=actor_id)


@task()
def deliver_minutes(*, meeting_id: int, person_ids: list[int], actor_id: int | None) -> int:
    """Send the mail "Protokoll veröffentlicht" with the minutes as PDF and DOCX."""
    from ikz.meetings.documents.mail import deliver_minutes as deliver

    return deliver(meeting_id=meeting_id, person_ids=person_ids, actor_id=actor_id)
