"""Invitations: one German mail per member of the meeting's body, with the .ics attached.

``send_invitation`` validates and records in one transaction; the mails leave only after the
commit, through the django-tasks task ``ikz.meetings.tasks.deliver_invitation`` (immediate in
development and tests, the database queue in production), so a rolled-back invitation never
reaches anybody's inbox.
"""

from __future__ import annotations

from dataclasses import dataclass
from email.mime.text import MIMEText
from email.utils import parseaddr

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ikz.activity.services import record_activity
from ikz.cooperation.models import Membership, Person
from ikz.dates import Precision, format_partial_date
from ikz.meetings import events, ical, services
from ikz.meetings.models import INVITABLE_STATES, Meeting
from ikz.profile.preferences import opted_out_user_ids

WEEKDAYS = (
    gettext_lazy("Montag"),
    gettext_lazy("Dienstag"),
    gettext_lazy("Mittwoch"),
    gettext_lazy("Donnerstag"),
    gettext_lazy("Freitag"),
    gettext_lazy("Samstag"),
    gettext_lazy("Sonntag"),
)


@dataclass(frozen=True)
class Recipient:
    person_id: int
    name: str
    email: str


def invitation_recipients(*, meeting: Meeting) -> list[Recipient]:
    """Members of the body on the meeting day who have an e-mail address, each address once."""
    memberships = (
        Membership.objects.filter(cooperation_id=meeting.cooperation_id, body_id=meeting.body_id)
        .filter(Q(start_date__isnull=True) | Q(start_date__lte=meeting.date))
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=meeting.date))
        .exclude(person__email="")
        .select_related("person")
        .order_by("person__family_name", "person__given_name", "person__pk")
    )
    seen: set[str] = set()
    recipients = []
    for membership in memberships:
        person = membership.person
        key = person.email.strip().lower()
        if key in seen:
            continue
        seen.add(key)
        recipients.append(Recipient(person.pk, person.full_name, person.email.strip()))
    return recipients


def invitation_problem(*, meeting: Meeting) -> str:
    """Why this meeting cannot be invited to (German), or "" if it can (recipients aside)."""
    if meeting.state == Meeting.State.CANCELLED:
        return _("Zu einer abgesagten Sitzung kann nicht eingeladen werden.")
    if meeting.state not in INVITABLE_STATES:  # the rule: Meeting.may_invite
        return _("Die Sitzung hat bereits stattgefunden; eine Einladung ist nicht mehr möglich.")
    if meeting.date_precision != Precision.DAY:
        return _(
            "Die Sitzung ist nur auf den Monat genau geplant. "
            "Bitte zuerst den Tag festlegen, dann einladen."
        )
    return ""


@transaction.atomic
def send_invitation(*, meeting: Meeting, actor_id: int | None) -> int:
    """Invite the body's members; returns the number of mails that will be sent."""
    # Lock the row: two coordinators clicking at once must not both move the state.
    meeting = (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("body", "cooperation")
        .get(pk=meeting.pk, cooperation_id=meeting.cooperation_id)
    )
    problem = invitation_problem(meeting=meeting)
    if problem:
        raise ValidationError(problem)
    recipients = invitation_recipients(meeting=meeting)
    if not recipients:
        raise ValidationError(
            _(
                "Im Gremium „%(body)s“ hat niemand eine E-Mail-Adresse. "
                "Bitte zuerst bei den Mitgliedern E-Mail-Adressen eintragen."
            )
            % {"body": meeting.body.name}
        )
    if meeting.state == Meeting.State.PLANNED:
        # The state service also raises SEQUENCE: the event turns TENTATIVE → CONFIRMED.
        meeting = services.meeting_set_state(
            meeting=meeting, state=Meeting.State.INVITED, actor_id=actor_id
        )
    record_activity(
        cooperation=meeting.cooperation,
        actor_id=actor_id,
        event=events.INVITATION_SENT,
        data={"heading": meeting.heading, "count": len(recipients)},
        url=_meeting_path(meeting),
        body=meeting.body,
    )
    person_ids = [recipient.person_id for recipient in recipients]
    meeting_id = meeting.pk

    def enqueue() -> None:
        from ikz.meetings.tasks import deliver_invitation

        deliver_invitation.enqueue(meeting_id=meeting_id, person_ids=person_ids, actor_id=actor_id)

    transaction.on_commit(enqueue)
    return len(recipients)


def _meeting_path(meeting: Meeting) -> str:
    return reverse("meetings:detail", args=[meeting.cooperation.slug, meeting.pk])


# --- The mails -------------------------------------------------------------------------------


def place_name(meeting: Meeting) -> str:
    """ "Großpösna": the host municipality, else the place's name."""
    location = meeting.location
    if location is None:
        return ""
    if location.municipality_id is not None and location.municipality is not None:
        return location.municipality.name
    return location.name


def date_text(meeting: Meeting) -> str:
    return format_partial_date(meeting.when)


def time_text(meeting: Meeting) -> str:
    if meeting.start_time is None:
        return ""
    start = meeting.start_time.strftime("%H:%M")
    if meeting.end_time is None:
        return _("ab %(start)s Uhr") % {"start": start}
    return _("%(start)s–%(end)s Uhr") % {"start": start, "end": meeting.end_time.strftime("%H:%M")}


def subject_for(meeting: Meeting) -> str:
    """ "Einladung: 5. Lenkungsgruppensitzung am 14.01.2020 in Großpösna"."""
    subject = _("Einladung: %(heading)s am %(date)s") % {
        "heading": meeting.heading,
        "date": date_text(meeting),
    }
    place = place_name(meeting)
    return (
        _("%(subject)s in %(place)s") % {"subject": subject, "place": place} if place else subject
    )


def _sender(meeting: Meeting, actor_email: str) -> tuple[str, str]:
    name = meeting.cooperation.coordinating_organisation or meeting.cooperation.name
    address = actor_email or parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    return name, address


def build_invitation(
    *, meeting: Meeting, person: Person, actor_email: str = "", site_url: str | None = None
) -> EmailMessage:
    """The mail to one person (not sent). ``meeting`` needs its relations loaded."""
    site_url = site_url or settings.SITE_URL
    url = ical.meeting_url(meeting, site_url=site_url)
    organiser_name, organiser_email = _sender(meeting, actor_email)
    context = {
        "meeting": meeting,
        "person": person,
        "weekday": WEEKDAYS[meeting.date.weekday()],
        "date": date_text(meeting),
        "time": time_text(meeting),
        "location": ical.location_text(meeting),
        "agenda": ical.agenda_lines(meeting.agenda_items.all()),
        "url": url,
        "sender": organiser_name,
    }
    body = render_to_string("meetings/mail/invitation.txt", context)
    message = EmailMessage(
        subject=subject_for(meeting),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[person.email.strip()],
        reply_to=[actor_email] if actor_email else None,
    )
    calendar = ical.invitation_calendar(
        meeting,
        site_url=site_url,
        organizer_email=organiser_email,
        organizer_name=organiser_name,
        attendee_email=person.email.strip(),
        attendee_name=person.full_name,
    )
    part = MIMEText(calendar.decode("utf-8"), "calendar", "utf-8")
    part.set_param("method", "REQUEST")
    part.add_header("Content-Disposition", "attachment", filename="einladung.ics")
    message.attach(part)
    return message


def deliver(*, meeting_id: int, person_ids: list[int], actor_id: int | None) -> int:
    """Send the mails (the task's body). Returns the number sent."""
    from ikz.accounts.models import User

    meeting = (
        Meeting.objects.select_related("body", "cooperation", "location__municipality")
        .prefetch_related("agenda_items")
        .get(pk=meeting_id)
    )
    people = list(
        Person.objects.filter(cooperation_id=meeting.cooperation_id, pk__in=person_ids)
        .exclude(email="")
        .exclude(user_id__in=opted_out_user_ids("meeting_invitations"))
        .order_by("family_name", "given_name", "pk")
    )
    actor_email = ""
    if actor_id is not None:
        actor_email = User.objects.filter(pk=actor_id).values_list("email", flat=True).first() or ""
    # Recipients get the cooperation's language, not that of whoever clicked "invite" (the
    # immediate task backend runs inside that request, with its negotiated language).
    with translation.override(settings.LANGUAGE_CODE):
        messages = [
            build_invitation(meeting=meeting, person=p, actor_email=actor_email) for p in people
        ]
        # The invitation with the agenda as PDF (ikz.meetings.documents), once for all.
        from ikz.meetings.documents.content import INVITATION
        from ikz.meetings.documents.mail import attach_invitation, document_files

        files = document_files(meeting, INVITATION, ("pdf",)) if messages else []
        for message in messages:
            attach_invitation(message, files)
    with get_connection() as connection:
        return connection.send_messages(messages) or 0
