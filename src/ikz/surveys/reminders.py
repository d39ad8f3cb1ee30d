"""Reminders before a survey's deadline to the municipalities that have not submitted.

Who is reminded: the people of a municipality (``Person.municipality``) who have a log-in with
a role in the cooperation — only they can answer. The address is the person's e-mail, else
the log-in's. Each municipality is reminded once per survey (``Reminder``), so the command
can run daily from cron: it reminds when the deadline is at most ``days_before`` days away.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from ikz.accounts.models import CooperationRole
from ikz.cooperation.models import Municipality, Person
from ikz.profile.preferences import opted_out_user_ids
from ikz.surveys.models import Reminder, Response, Survey

DEFAULT_DAYS_BEFORE = 7


@dataclass
class ReminderRecipient:
    municipality: Municipality
    people: list[tuple[str, str]] = field(default_factory=list)  # (name, e-mail)

    @property
    def emails(self) -> list[str]:
        return [email for _, email in self.people]


def select_reminder_recipients(
    *, survey: Survey, today: dt.date, days_before: int = DEFAULT_DAYS_BEFORE
) -> list[ReminderRecipient]:
    """The municipalities to remind today and whom to write to (pure selection, no side effects).

    A municipality is listed if the survey is open, the deadline lies 0 to ``days_before``
    days ahead, the municipality is still a member, has not submitted and was not reminded
    yet. A municipality without any address is listed with no people (the command warns).
    """
    if survey.status != Survey.Status.OPEN or survey.deadline is None:
        return []
    if not 0 <= (survey.deadline - today).days <= days_before:
        return []
    done = Response.objects.filter(survey=survey, status=Response.Status.SUBMITTED).values(
        "municipality_id"
    )
    reminded = Reminder.objects.filter(survey=survey).values("municipality_id")
    municipalities = list(
        Municipality.objects.filter(cooperation_id=survey.cooperation_id)
        .filter(Q(left_on__isnull=True) | Q(left_on__gt=today))
        .exclude(pk__in=done)
        .exclude(pk__in=reminded)
        .order_by("name")
    )
    with_role = CooperationRole.objects.filter(cooperation_id=survey.cooperation_id).values(
        "user_id"
    )
    people = (
        Person.objects.filter(
            cooperation_id=survey.cooperation_id,
            municipality__in=municipalities,
            user_id__in=with_role,
        )
        .exclude(user_id__in=opted_out_user_ids("survey_reminders"))
        .select_related("user")
        .order_by("family_name", "given_name")
    )
    recipients = {m.pk: ReminderRecipient(municipality=m) for m in municipalities}
    for person in people:
        email = person.email or (person.user.email if person.user else "")
        recipient = recipients[person.municipality_id]  # type: ignore[index]
        if email and email.lower() not in {e.lower() for e in recipient.emails}:
            recipient.people.append((person.full_name, email))
    return list(recipients.values())


def reminder_text(*, survey: Survey, name: str, municipality: Municipality) -> tuple[str, str]:
    url = settings.SITE_URL + reverse(
        "surveys:response", args=[survey.cooperation.slug, survey.pk, municipality.pk]
    )
    values = {
        "survey": survey.title,
        "deadline": f"{survey.deadline:%d.%m.%Y}",
        "name": name,
        "municipality": municipality.name,
        "url": url,
        "cooperation": survey.cooperation.name,
    }
    # The mail goes to the municipalities: the cooperation's language, whoever triggered it.
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Erinnerung: „%(survey)s“ bis %(deadline)s") % values
        body = (
            _(
                "Guten Tag %(name)s,\n\n"
                "die Antwort der Kommune %(municipality)s auf die Umfrage „%(survey)s“ "
                "ist noch nicht abgegeben. Die Frist endet am %(deadline)s.\n\n"
                "Zur Antwort: %(url)s\n\n"
                "Mehrere Personen Ihrer Kommune können gemeinsam am Entwurf arbeiten; "
                "bitte geben Sie die Antwort ab, wenn sie vollständig ist.\n\n"
                "Mit freundlichen Grüßen\nIhre Koordination – %(cooperation)s\n"
            )
            % values
        )
    return subject, body


@transaction.atomic
def send_reminders(
    *, survey: Survey, today: dt.date, days_before: int = DEFAULT_DAYS_BEFORE
) -> list[ReminderRecipient]:
    """Record the reminders and send the mails once the records are committed."""
    from ikz.surveys.tasks import send_reminder_mail

    recipients = [
        r
        for r in select_reminder_recipients(survey=survey, today=today, days_before=days_before)
        if r.people
    ]
    mails = []
    for recipient in recipients:
        Reminder.objects.create(
            cooperation_id=survey.cooperation_id,
            survey=survey,
            municipality=recipient.municipality,
            sent_on=today,
            recipients=", ".join(recipient.emails),
        )
        for name, email in recipient.people:
            subject, body = reminder_text(
                survey=survey, name=name, municipality=recipient.municipality
            )
            mails.append({"subject": subject, "body": body, "to": email})

    def enqueue() -> None:
        for mail in mails:
            send_reminder_mail.enqueue(**mail)

    transaction.on_commit(enqueue)
    return recipients
