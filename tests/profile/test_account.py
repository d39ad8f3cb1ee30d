"""Mein Konto: two-factor log-in, e-mail change, devices, mail preferences."""

from __future__ import annotations

import re

import pytest
from django.contrib.sessions.models import Session
from django.core import mail
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from ikz.accounts.models import User
from ikz.profile import services
from ikz.profile.models import LoginSession, MailPreferences
from ikz.reports.mailing import steering_group_addresses
from tests.conftest import World
from tests.factories import BodyFactory, MembershipFactory, PersonFactory, UserFactory

PASSWORD = "geheim-und-lang-2019"  # UserFactory's


def _password_login(client: Client, user: User) -> object:
    # django-axes needs the request, so the form is posted like a browser would.
    return client.post("/konto/anmelden/", {"username": user.username, "password": PASSWORD})


def _with_totp(user: User) -> tuple[TOTPDevice, list[str]]:
    device = services.totp_start(user=user)
    return services.totp_confirm(user=user, code=f"{totp(device.bin_key):06d}")


@pytest.mark.django_db
def test_password_alone_does_not_log_in_an_account_with_totp(
    world: World, settings: object
) -> None:
    # django-otp pauses a device after a wrong code (1 s, doubling); not waited for here.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # type: ignore[attr-defined]
    user = world.member
    device, codes = _with_totp(user)
    assert len(codes) == 10
    client = Client()
    response = _password_login(client, user)
    assert response["Location"] == "/konto/anmelden/code/"  # type: ignore[index]
    assert "_auth_user_id" not in client.session
    assert client.get(f"/{world.cooperation.slug}/personen/").status_code == 302  # still anonymous
    wrong = client.post("/konto/anmelden/code/", {"code": "123456"})
    assert wrong.status_code == 400
    assert "Der Code stimmt nicht" in wrong.content.decode()
    assert "_auth_user_id" not in client.session
    right = client.post("/konto/anmelden/code/", {"code": f"{totp(device.bin_key, drift=1):06d}"})
    assert right.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    assert client.get(f"/{world.cooperation.slug}/personen/").status_code == 200


@pytest.mark.django_db
def test_recovery_code_works_once(world: World) -> None:
    user = world.member
    _device, codes = _with_totp(user)
    first = Client()
    _password_login(first, user)
    assert first.post("/konto/anmelden/code/", {"code": codes[0]}).status_code == 302
    second = Client()
    _password_login(second, user)
    assert second.post("/konto/anmelden/code/", {"code": codes[0]}).status_code == 400


@pytest.mark.django_db
def test_cooperation_can_require_two_factor_for_coordinators(world: World) -> None:
    world.cooperation.require_coordinator_2fa = True
    world.cooperation.save()
    client = Client()
    client.force_login(world.coordinator)
    response = client.get(f"/{world.cooperation.slug}/")
    assert response.status_code == 302
    assert response["Location"] == "/konto/zwei-faktor/"
    # Members are not affected.
    member = Client()
    member.force_login(world.member)
    assert member.get(f"/{world.cooperation.slug}/").status_code == 200
    # Set up (the set-up verifies the session), then the pages open.
    client.get("/konto/zwei-faktor/einrichten/")
    device = TOTPDevice.objects.get(user=world.coordinator)
    done = client.post("/konto/zwei-faktor/einrichten/", {"code": f"{totp(device.bin_key):06d}"})
    assert done.status_code == 302
    assert client.get(f"/{world.cooperation.slug}/").status_code == 200


@pytest.mark.django_db(transaction=True)
def test_email_change_needs_the_link_sent_to_the_new_address(world: World) -> None:
    user = world.member
    old = user.email
    client = Client()
    client.force_login(user)
    response = client.post("/konto/e-mail/", {"email": "Neu@Example.org"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.email == old  # nothing changes before the confirmation
    (message,) = mail.outbox
    assert message.to == ["neu@example.org"]
    match = re.search(r"https?://[^/\s]+(/konto/e-mail/bestaetigen/\S+/)", str(message.body))
    assert match is not None
    link = match.group(1)
    assert client.get(link).status_code == 302
    user.refresh_from_db()
    assert user.email == "neu@example.org"
    world.member_person.refresh_from_db()
    again = client.get(link)
    assert again.status_code == 400
    assert "bereits verwendet" in again.content.decode()
    taken = client.post("/konto/e-mail/", {"email": world.coordinator.email})
    assert "gehört bereits zu einem anderen Konto" in taken.content.decode()


@pytest.mark.django_db
def test_end_all_other_sessions(world: World) -> None:
    user = world.member
    here, there = Client(), Client()
    _password_login(here, user)
    _password_login(there, user)
    assert LoginSession.objects.filter(user=user).count() == 2
    page = here.get("/konto/geraete/").content.decode()
    assert "Dieses Gerät" in page
    assert "Anderes Gerät" in page
    assert here.post("/konto/geraete/").status_code == 302
    assert there.get("/konto/").status_code == 302  # logged out there
    assert here.get("/konto/").status_code == 200  # not here
    assert Session.objects.count() == 1


@pytest.mark.django_db
def test_password_change_keeps_this_session(world: World) -> None:
    client = Client()
    _password_login(client, world.member)
    new = "ganz-neues-Passwort-2026"
    response = client.post(
        "/konto/passwort/",
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    world.member.refresh_from_db()
    assert world.member.check_password(new)
    assert client.get("/konto/").status_code == 200


@pytest.mark.django_db
def test_report_mail_honours_preferences_steering_body_and_end_dates(world: World) -> None:
    cooperation = world.cooperation
    round_table = BodyFactory(cooperation=cooperation, name="Bürgermeisterrunde")
    wants, declines, former = (
        PersonFactory(cooperation=cooperation, email=e, user=UserFactory())
        for e in ("will@example.org", "nicht@example.org", "frueher@example.org")
    )
    for person in (wants, declines):
        MembershipFactory(cooperation=cooperation, body=round_table, person=person)
    MembershipFactory(
        cooperation=cooperation,
        body=round_table,
        person=former,
        end_date=__import__("datetime").date(2020, 1, 1),
    )
    assert declines.user is not None
    MailPreferences.objects.create(user=declines.user, status_reports=False)
    cooperation.steering_body = round_table
    cooperation.report_extra_recipients = "presse@example.org"
    cooperation.save()
    assert steering_group_addresses(cooperation_id=cooperation.pk) == [
        "presse@example.org",
        "will@example.org",
    ]
