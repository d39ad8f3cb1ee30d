"""Writes of "Mein Konto": name, e-mail (confirmed by mail), sessions, two-factor, mail wishes."""

from __future__ import annotations

from typing import Any

from django.contrib.sessions.models import Session
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from ikz.accounts.models import User
from ikz.cooperation.models import Person
from ikz.profile.models import LoginSession, MailPreferences

EMAIL_SALT = "ikz.profile.email-change"
EMAIL_MAX_AGE = 60 * 60 * 24 * 3  # three days
RECOVERY_CODES = 10


@transaction.atomic
def name_save(*, user: User, first_name: str, last_name: str) -> User:
    user.first_name, user.last_name = first_name.strip(), last_name.strip()
    user.full_clean()
    user.save(update_fields=["first_name", "last_name"])
    return user


def email_change_token(*, user: User, new_email: str) -> str:
    # Bound to the current address: once changed, older links stop working.
    return signing.dumps(
        {"u": user.pk, "new": new_email, "old": user.email.lower()}, salt=EMAIL_SALT
    )


@transaction.atomic
def email_change_request(*, user: User, new_email: str) -> str:
    """Validate the new address and mail it a confirmation link (after the commit)."""
    new_email = (new_email or "").strip().lower()
    try:
        validate_email(new_email)
    except ValidationError as error:
        raise ValidationError({"email": _("Bitte eine gültige E-Mail-Adresse angeben.")}) from error
    if new_email == user.email.lower():
        raise ValidationError({"email": _("Das ist bereits Ihre E-Mail-Adresse.")})
    taken = User.objects.exclude(pk=user.pk).filter(email__iexact=new_email).exists()
    if taken or User.objects.exclude(pk=user.pk).filter(username__iexact=new_email).exists():
        raise ValidationError({"email": _("Diese Adresse gehört bereits zu einem anderen Konto.")})
    token = email_change_token(user=user, new_email=new_email)
    from ikz.profile.tasks import send_email_change_mail

    user_id = user.pk
    transaction.on_commit(
        lambda: send_email_change_mail.enqueue(user_id=user_id, new_email=new_email, token=token)
    )
    return token


@transaction.atomic
def email_change_confirm(*, user: User, token: str) -> User:
    try:
        data = signing.loads(token, salt=EMAIL_SALT, max_age=EMAIL_MAX_AGE)
    except signing.SignatureExpired as error:
        raise ValidationError(_("Der Bestätigungslink ist abgelaufen.")) from error
    except signing.BadSignature as error:
        raise ValidationError(_("Der Bestätigungslink ist ungültig.")) from error
    user = User.objects.select_for_update().get(pk=user.pk)
    if data.get("u") != user.pk:
        raise ValidationError(_("Dieser Link gehört zu einem anderen Konto."))
    if data.get("old") != user.email.lower():
        raise ValidationError(_("Dieser Link wurde bereits verwendet oder ist veraltet."))
    new_email = str(data["new"])
    if User.objects.exclude(pk=user.pk).filter(email__iexact=new_email).exists():
        raise ValidationError(_("Diese Adresse gehört inzwischen zu einem anderen Konto."))
    old = user.email
    if user.username.lower() == old.lower():
        user.username = new_email
    user.email = new_email
    user.full_clean()
    user.save(update_fields=["email", "username"])
    if old:
        Person.objects.filter(user=user, email__iexact=old).update(email=new_email)
    return user


@transaction.atomic
def sessions_end_others(*, user: User, keep_session_key: str | None) -> int:
    """Log the user out on every other device. Returns how many sessions ended."""
    keys = list(
        LoginSession.objects.filter(user=user)
        .exclude(session_key=keep_session_key or "")
        .values_list("session_key", flat=True)
    )
    Session.objects.filter(session_key__in=keys).delete()
    LoginSession.objects.filter(session_key__in=keys).delete()
    return len(keys)


def confirmed_totp(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def totp_draft(*, user: User, key: str | None) -> TOTPDevice:
    """The device the set-up page shows, unsaved: its secret is ``key`` (kept in the visitor's
    session between the GET and the POST), a new random one without. Writes nothing, so
    opening the page twice leaves no half-set-up devices behind."""
    device = TOTPDevice(user=user, name=_("Authenticator-App"), confirmed=False)
    if key:
        device.key = key
    return device


@transaction.atomic
def totp_confirm(*, user: User, key: str, code: str) -> tuple[TOTPDevice, list[str]]:
    """Check the first code from the app against the secret the page showed; on success the
    device is stored (replacing any earlier one) and recovery codes are issued (shown once)."""
    if not key:
        raise ValidationError(_("Bitte starten Sie die Einrichtung erneut."))
    TOTPDevice.objects.filter(user=user).delete()
    device = totp_draft(user=user, key=key)
    # verify_token saves the device (its last used time step, or the failure count): on a
    # wrong code the ValidationError rolls that back, so nothing stays.
    if not device.verify_token(_digits(code)):
        raise ValidationError(
            {"code": _("Der Code stimmt nicht. Bitte den aktuellen Code eingeben.")}
        )
    device.confirmed = True
    device.save()
    return device, recovery_codes_new(user=user)


def _digits(code: str) -> str:
    return "".join((code or "").split())


@transaction.atomic
def recovery_codes_new(*, user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=_("Wiederherstellungscodes"))
    codes = [StaticToken.random_token() for _n in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=c) for c in codes])
    return codes


@transaction.atomic
def two_factor_disable(*, user: User, password: str) -> None:
    if not user.check_password(password):
        raise ValidationError({"password": _("Das Passwort stimmt nicht.")})
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()


@transaction.atomic
def preferences_save(*, user: User, fields: dict[str, Any]) -> MailPreferences:
    allowed = {"meeting_invitations", "survey_reminders", "status_reports"}
    preferences, _created = MailPreferences.objects.get_or_create(user=user)
    for name, value in fields.items():
        if name in allowed:
            setattr(preferences, name, bool(value))
    preferences.full_clean()
    preferences.save()
    return preferences
