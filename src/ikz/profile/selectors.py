"""Reads of "Mein Konto". Every read is filtered by the visitor's own user: the account pages
belong to no cooperation, so the user is the boundary (another user's rows are never found)."""

from __future__ import annotations

from django.contrib.sessions.models import Session
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticToken

from ikz.accounts.models import CooperationRole, User
from ikz.cooperation.models import Cooperation
from ikz.profile.models import LoginSession, MailPreferences


def roles_of(*, user: User) -> QuerySet[CooperationRole]:
    """The user's roles with their cooperation, by the cooperation's name."""
    return (
        CooperationRole.objects.filter(user=user)
        .select_related("cooperation")
        .order_by("cooperation__name")
    )


def role_cooperation(*, user: User, slug: str) -> Cooperation:
    """A cooperation the user has a role in (404 otherwise)."""
    return get_object_or_404(Cooperation, slug=slug, roles__user=user)


def live_sessions(*, user: User) -> list[LoginSession]:
    """The user's log-ins whose session has not expired (an ended one stays until cleared)."""
    logins = LoginSession.objects.filter(user=user)
    live = set(
        Session.objects.filter(
            session_key__in=logins.values("session_key"), expire_date__gt=timezone.now()
        ).values_list("session_key", flat=True)
    )
    return [login for login in logins if login.session_key in live]


def recovery_codes_left(*, user: User) -> int:
    left: int = StaticToken.objects.filter(device__user=user).count()  # django-otp is untyped
    return left


def mail_preferences(*, user: User) -> MailPreferences:
    """The stored wishes, or the defaults (unsaved) for a user who never changed them."""
    return MailPreferences.objects.filter(user=user).first() or MailPreferences(user=user)
