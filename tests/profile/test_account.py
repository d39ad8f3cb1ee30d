"""Mein Konto: two-factor log-in, e-mail change, devices, mail preferences."""

from __future__ import annotations

import base64
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
    device = services.totp_draft(user=user, key=None)
    return services.totp_confirm(user=user, key=device.key, code=f"{totp(device.bin_key):06d}")


def _shown_secret(page: object) -> bytes:
    """The key the set-up page shows for typing in by hand (base32, as the apps take it)."""
    found = re.search(r'id="totp-secret">([A-Z2-7=]+)<', page.content.decode())  # type: ignore[attr-defined]
    assert found, "no secret on the set-up page"
    return base64.b32decode(found.group(1))


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
    key = _shown_secret(client.get("/konto/zwei-faktor/einrichten/"))
    done = client.post("/konto/zwei-faktor/einrichten/", {"code": f"{totp(key):06d}"})
    assert done.status_code == 302
    assert client.get(f"/{world.cooperation.slug}/").status_code == 200


@pytest.mark.django_db
def test_two_factor_set_up_page_writes_nothing_until_the_code_is_confirmed(world: World) -> None:
    client = Client()
    client.force_login(world.member)
    first = client.get("/konto/zwei-faktor/einrichten/")
    second = client.get("/konto/zwei-faktor/einrichten/")
    assert first.status_code == second.status_code == 200
    assert TOTPDevice.objects.count() == 0  # no device of anyone, confirmed or not
    key = _shown_secret(first)
    assert _shown_secret(second) == key  # a reload keeps the secret the app has scanned
    wrong = "000000" if totp(key) != 0 else "111111"
    refused = client.post("/konto/zwei-faktor/einrichten/", {"code": wrong})
    assert refused.status_code == 400
    assert "Der Code stimmt nicht" in refused.content.decode()
    assert TOTPDevice.objects.count() == 0
    done = client.post("/konto/zwei-faktor/einrichten/", {"code": f"{totp(key):06d}"})
    assert done.status_code == 302
    (device,) = TOTPDevice.objects.all()
    assert (device.user, device.confirmed, device.bin_key) == (world.member, True, key)
    # Set up again later: a fresh secret, and the confirmed device replaces the old one.
    again = _shown_secret(client.get("/konto/zwei-faktor/einrichten/"))
    assert again != key
    assert TOTPDevice.objects.get().bin_key == key
    client.post("/konto/zwei-faktor/einrichten/", {"code": f"{totp(again):06d}"})
    assert list(TOTPDevice.objects.values_list("confirmed", flat=True)) == [True]
    assert TOTPDevice.objects.get().bin_key == again


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


@pytest.mark.django_db
def test_calendar_section_shows_and_renews_the_personal_feed(world: World) -> None:
    """The meetings app plugs its feed into "Mein Konto" (profile/calendars.py registry)."""
    slug = world.cooperation.slug
    client = Client()
    client.force_login(world.member)
    feed = re.compile(rf"http://testserver(/{slug}/kalender/privat/[A-Za-z0-9_-]+\.ics)")
    assert not feed.search(client.get("/konto/kalender/").content.decode())
    assert client.post(f"/konto/kalender/{slug}/erneuern/").status_code == 302
    first = feed.search(client.get("/konto/kalender/").content.decode())
    assert first, "no feed address after creating it"
    assert client.get(first.group(1)).status_code == 200
    client.post(f"/konto/kalender/{slug}/erneuern/")
    second = feed.search(client.get("/konto/kalender/").content.decode())
    assert second
    assert second.group(1) != first.group(1)
    assert client.get(first.group(1)).status_code == 404  # the old address is dead
    assert client.post("/konto/kalender/gibt-es-nicht/erneuern/").status_code == 404
