"""Rate limits of the password-reset page: per address and per account, in the database.

The database (not a per-process cache) so that the limit holds across all gunicorn workers.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ikz.security.models import LoginFailure, ResetRequest

WINDOW = dt.timedelta(hours=1)


@dataclass(frozen=True)
class ResetDecision:
    allowed_for_address: bool
    send_mail: bool


def account_key(email: str) -> str:
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()


@transaction.atomic
def register_reset_request(*, address: str, email: str) -> ResetDecision:
    """Count one request; an address over its limit is refused outright (the page says so),
    an account over its limit gets no further mail (the page does not say so, which would
    tell a stranger that the address has an account)."""
    now = timezone.now()
    ResetRequest.objects.filter(requested_at__lt=now - dt.timedelta(days=1)).delete()
    recent = ResetRequest.objects.filter(requested_at__gte=now - WINDOW)
    by_address = recent.filter(address=address).count()
    if by_address >= settings.IKZ_RESET_LIMIT_PER_ADDRESS:
        return ResetDecision(allowed_for_address=False, send_mail=False)
    key = account_key(email)
    by_account = recent.filter(account=key).count()
    ResetRequest.objects.create(address=address, account=key)
    return ResetDecision(
        allowed_for_address=True, send_mail=by_account < settings.IKZ_RESET_LIMIT_PER_ACCOUNT
    )


def cooloff() -> dt.timedelta:
    return dt.timedelta(hours=float(settings.AXES_COOLOFF_TIME))


def record_login_failure(*, address: str) -> None:
    now = timezone.now()
    LoginFailure.objects.filter(attempted_at__lt=now - dt.timedelta(days=1)).delete()
    LoginFailure.objects.create(address=address)


def address_is_blocked(*, address: str) -> bool:
    """True once this address failed IKZ_LOGIN_FAILURE_LIMIT_PER_ADDRESS times within the
    cool-off time, on any accounts (password spraying)."""
    since = timezone.now() - cooloff()
    failures = LoginFailure.objects.filter(address=address, attempted_at__gte=since).count()
    return failures >= settings.IKZ_LOGIN_FAILURE_LIMIT_PER_ADDRESS
