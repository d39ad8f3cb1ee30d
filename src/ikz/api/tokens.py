"""API tokens: create (the secret is shown once), revoke, resolve a request's token, and the
per-token rate limit.

A token is ``ikz_`` + 8 characters of prefix + ``_`` + 43 characters of secret (256 random bits);
the database keeps its SHA-256 only, so a leaked database holds no usable key.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ikz.accounts.access import Access, Level
from ikz.accounts.models import CooperationRole, User
from ikz.activity.services import record_activity
from ikz.api import events
from ikz.api.models import ApiToken
from ikz.cooperation.access import access_for
from ikz.cooperation.models import Cooperation

MAX_DAYS = 366


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@dataclass(frozen=True)
class NewToken:
    token: ApiToken
    secret: str  # shown to the user once, never stored


@transaction.atomic
def token_create(
    *,
    user: User,
    cooperation: Cooperation,
    name: str,
    scope: str,
    expires_on: dt.date,
    today: dt.date | None = None,
) -> NewToken:
    today = today or timezone.localdate()
    access = access_for(user=user, cooperation=cooperation)
    if access.level < Level.MEMBER:
        raise ValidationError(
            _("API-Schlüssel gibt es nur für Mitglieder und die Koordination der Kooperation.")
        )
    if not today < expires_on <= today + dt.timedelta(days=MAX_DAYS):
        raise ValidationError(
            {
                "expires_on": _(
                    "Der Schlüssel muss nach heute und höchstens %(days)s Tage gültig sein."
                )
                % {"days": MAX_DAYS}
            }
        )
    prefix = secrets.token_hex(4)
    secret = f"ikz_{prefix}_{secrets.token_urlsafe(32)}"
    token = ApiToken(
        cooperation=cooperation,
        user=user,
        name=name.strip(),
        scope=scope,
        expires_on=expires_on,
        prefix=prefix,
        key_hash=_hash(secret),
    )
    token.full_clean()
    token.save()
    record_activity(
        cooperation=cooperation,
        actor_id=user.pk,
        event=events.TOKEN_CREATED,
        data={"name": token.name},
    )
    return NewToken(token=token, secret=secret)


@transaction.atomic
def token_revoke(*, token: ApiToken, user: User) -> ApiToken:
    if token.user_id != user.pk:
        raise ValidationError(_("Dieser Schlüssel gehört einem anderen Konto."))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        record_activity(
            cooperation=token.cooperation,
            actor_id=user.pk,
            event=events.TOKEN_REVOKED,
            data={"name": token.name},
        )
    return token


def key_cooperations(*, user: User) -> list[Cooperation]:
    """Where the user may have keys: every cooperation with a role (superusers: all)."""
    if user.is_superuser:
        return list(Cooperation.objects.order_by("name"))
    ids = CooperationRole.objects.filter(user=user).values("cooperation_id")
    return list(Cooperation.objects.filter(pk__in=ids).order_by("name"))


def tokens_of(*, user: User, today: dt.date) -> list[ApiToken]:
    """The user's keys, each marked ``expired`` against ``today`` for the list."""
    rows = list(ApiToken.objects.filter(user=user).select_related("cooperation"))
    for token in rows:
        token.expired = token.is_expired(today)  # type: ignore[attr-defined]
    return rows


def token_get(*, user: User, pk: int) -> ApiToken | None:
    return ApiToken.objects.filter(user=user, pk=pk).select_related("cooperation").first()


@dataclass(frozen=True)
class Caller:
    """Who calls the API: the token and the access its user has in the token's cooperation."""

    token: ApiToken
    access: Access


def resolve(secret: str) -> Caller | None:
    """The live token for ``secret`` (not expired, not revoked), or None."""
    if not secret.startswith("ikz_"):
        return None
    token = (
        ApiToken.objects.filter(key_hash=_hash(secret), revoked_at__isnull=True)
        .select_related("user", "cooperation")
        .first()
    )
    if token is None or token.is_expired(timezone.localdate()) or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > dt.timedelta(minutes=5):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return Caller(token=token, access=access_for(user=token.user, cooperation=token.cooperation))


def over_limit(token: ApiToken) -> int | None:
    """Seconds to wait when the token used up its requests of this minute, else None."""
    limit: int = getattr(settings, "IKZ_API_RATE_LIMIT", 120)
    now = timezone.now()
    key = f"ikz-api-rate:{token.key_hash[:32]}:{now:%Y%m%d%H%M}"
    cache.add(key, 0, timeout=61)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=61)
        count = 1
    if count > limit:
        return 60 - now.second
    return None
