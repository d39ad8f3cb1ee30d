"""Reminders before the deadline, selected with a fixed date."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from ikz.accounts.models import CooperationRole
from ikz.surveys import services
from ikz.surveys.models import Reminder, Survey
from ikz.surveys.reminders import ReminderRecipient, select_reminder_recipients, send_reminders
from tests.conftest import World
from tests.factories import MunicipalityFactory, PersonFactory, make_role

from .helpers import bauhof, complete_values, submit_answer

DEADLINE = dt.date(2020, 1, 31)


@pytest.fixture
def survey(world: World) -> Survey:
    """A-Stadt: the member (log-in, e-mail), no answer. A-Dorf: submitted. Ohneadresse: only a
    person without log-in. Ausgetreten: left the cooperation in 2019."""
    survey = bauhof(world)
    make_role(
        cooperation=world.cooperation,
        role=CooperationRole.Role.MEMBER,
        municipality=world.other_municipality,
    )
    submit_answer(survey, world.other_municipality, **complete_values())
    without = MunicipalityFactory(cooperation=world.cooperation, name="Ohneadresse")
    PersonFactory(cooperation=world.cooperation, municipality=without, email="buero@example.org")
    left = MunicipalityFactory(
        cooperation=world.cooperation,
        name="Ausgetreten",
        joined_on=dt.date(2015, 1, 1),
        left_on=dt.date(2019, 6, 30),
    )
    make_role(cooperation=world.cooperation, role=CooperationRole.Role.MEMBER, municipality=left)
    return survey


def names(recipients: list[ReminderRecipient]) -> dict[str, list[str]]:
    return {r.municipality.name: r.emails for r in recipients}


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (dt.date(2020, 1, 23), False),  # eight days before: too early
        (dt.date(2020, 1, 24), True),  # seven days before
        (dt.date(2020, 1, 31), True),  # the last day
        (dt.date(2020, 2, 1), False),  # too late
    ],
)
def test_window_before_the_deadline(
    world: World, survey: Survey, today: dt.date, expected: bool
) -> None:
    recipients = select_reminder_recipients(survey=survey, today=today)
    assert bool(recipients) is expected


def test_who_is_reminded(world: World, survey: Survey) -> None:
    recipients = select_reminder_recipients(survey=survey, today=dt.date(2020, 1, 27))
    assert names(recipients) == {
        world.municipality.name: [world.member_person.email],
        "Ohneadresse": [],  # listed, but nobody who can log in: the command warns
    }


def test_login_address_when_the_person_has_none(world: World, survey: Survey) -> None:
    world.member_person.email = ""
    world.member_person.save()
    recipients = select_reminder_recipients(survey=survey, today=dt.date(2020, 1, 27))
    assert names(recipients)[world.municipality.name] == [world.member.email]


def test_closed_or_unsent_surveys_remind_nobody(world: World, survey: Survey) -> None:
    services.survey_close(survey=survey)
    survey.refresh_from_db()
    assert select_reminder_recipients(survey=survey, today=dt.date(2020, 1, 27)) == []


def test_sending_records_and_mails_once(
    world: World, survey: Survey, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        sent = send_reminders(survey=survey, today=dt.date(2020, 1, 27))
    assert [r.municipality for r in sent] == [world.municipality]
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [world.member_person.email]
    assert message.subject == "Erinnerung: „Kennzahlenabfrage Bauhof“ bis 31.01.2020"
    assert f"/antworten/{world.municipality.pk}/" in message.body
    assert Reminder.objects.filter(survey=survey).count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert send_reminders(survey=survey, today=dt.date(2020, 1, 28)) == []
    assert len(mail.outbox) == 1


def test_command(world: World, survey: Survey, django_capture_on_commit_callbacks) -> None:
    out, err = io.StringIO(), io.StringIO()
    call_command("survey_reminders", "--today", "27.01.2020", "--dry-run", stdout=out)
    assert "1 Person würde erinnert." in out.getvalue()
    assert not Reminder.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("survey_reminders", "--today", "27.01.2020", stdout=out, stderr=err)
    assert "keine E-Mail-Adresse für Ohneadresse" in err.getvalue()
    assert len(mail.outbox) == 1
    with pytest.raises(CommandError, match=r"TT\.MM\.JJJJ"):
        call_command("survey_reminders", "--today", "2020-13-45")
