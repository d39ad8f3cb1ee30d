"""The documents as mail attachments: the invitation's PDF, and the mail "Protokoll
veröffentlicht" with the minutes as PDF and DOCX."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.utils import translation

from ikz.accounts.access import Access, Level
from ikz.cooperation.models import Person
from ikz.meetings.documents import content
from ikz.meetings.documents.render import render
from ikz.meetings.ical import meeting_url
from ikz.meetings.models import Meeting

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def recipient_access(meeting: Meeting) -> Access:
    """What a member of the meeting's body may read: the documents mailed to them."""
    return Access(
        cooperation=meeting.cooperation, level=Level.MEMBER, body_ids=frozenset({meeting.body_id})
    )


def document_files(
    meeting: Meeting, kind: str, formats: tuple[str, ...]
) -> list[tuple[str, bytes, str]]:
    """(file name, bytes, MIME type) of the meeting's document ``kind`` in ``formats``."""
    document = content.build(
        access=recipient_access(meeting), meeting_pk=meeting.pk, kind=kind, branding=None
    )
    types = {"pdf": PDF, "docx": DOCX}
    return [
        (
            f"{document.file_stem}.{fmt}",
            render(document, fmt, cooperation=meeting.cooperation),
            types[fmt],
        )
        for fmt in formats
    ]


def attach_invitation(message: EmailMessage, files: list[tuple[str, bytes, str]]) -> None:
    for name, data, mimetype in files:
        message.attach(name, data, mimetype)


def build_minutes_mail(
    *, meeting: Meeting, person: Person, files: list[tuple[str, bytes, str]], reply_to: str = ""
) -> EmailMessage:
    context = {
        "meeting": meeting,
        "person": person,
        "url": meeting_url(meeting, site_url=settings.SITE_URL),
        "sender": meeting.cooperation.coordinating_organisation or meeting.cooperation.name,
        "date": meeting.when,
    }
    message = EmailMessage(
        subject=render_to_string("meetings/mail/minutes_subject.txt", context).strip(),
        body=render_to_string("meetings/mail/minutes.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[person.email.strip()],
        reply_to=[reply_to] if reply_to else None,
    )
    for name, data, mimetype in files:
        message.attach(name, data, mimetype)
    return message


def deliver_minutes(*, meeting_id: int, person_ids: list[int], actor_id: int | None) -> int:
    from ikz.accounts.models import User

    meeting = Meeting.objects.select_related("body", "cooperation", "location__municipality").get(
        pk=meeting_id
    )
    people = list(
        Person.objects.filter(cooperation_id=meeting.cooperation_id, pk__in=person_ids)
        .exclude(email="")
        .order_by("family_name", "given_name", "pk")
    )
    reply_to = ""
    if actor_id is not None:
        reply_to = User.objects.filter(pk=actor_id).values_list("email", flat=True).first() or ""
    with translation.override(settings.LANGUAGE_CODE):
        files = document_files(meeting, content.MINUTES, ("pdf", "docx"))
        messages = [
            build_minutes_mail(meeting=meeting, person=p, files=files, reply_to=reply_to)
            for p in people
        ]
    with get_connection() as connection:
        return connection.send_messages(messages) or 0
