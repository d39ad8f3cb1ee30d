"""The secret per-user tokens of the personal calendar feeds: create, renew, resolve.

A calendar app cannot log in, so the feed URL itself is the credential: 256 random bits
(``secrets.token_urlsafe(32)``), one token per user and cooperation, stored in a unique column
and found through its index. Renewing replaces the token, so the old URL stops working at once.
The token is kept in clear text because the subscribe page shows the URL again; it grants
read access to meeting dates only, never to minutes or tasks.
"""

from __future__ import annotations

import hmac
import secrets

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from ikz.accounts.access import Access, Level
from ikz.accounts.models import User
from ikz.cooperation.access import access_for
from ikz.cooperation.models import Cooperation
from ikz.meetings.models import CalendarToken

TOKEN_BYTES = 32


def calendar_token_get(*, access: Access) -> CalendarToken | None:
    if access.user_id is None:
        return None
    return CalendarToken.objects.filter(
        cooperation=access.cooperation, user_id=access.user_id
    ).first()


def private_feed_path(*, access: Access) -> str | None:
    """The path of the user's personal feed ("Mein Konto" shows it), None without a token."""
    token = calendar_token_get(access=access)
    if token is None:
        return None
    return reverse("meetings_calendar:private_feed", args=[access.cooperation.slug, token.token])


@transaction.atomic
def calendar_token_renew(*, access: Access) -> CalendarToken:
    """Create the user's token, or replace it (the old URL is dead afterwards)."""
    if access.user_id is None or access.level < Level.MEMBER:
        raise PermissionError(
            _("Nur Mitglieder der Kooperation haben einen persönlichen Kalender.")
        )
    token, created = CalendarToken.objects.select_for_update().get_or_create(
        cooperation=access.cooperation,
        user_id=access.user_id,
        defaults={"token": secrets.token_urlsafe(TOKEN_BYTES)},
    )
    if not created:
        token.token = secrets.token_urlsafe(TOKEN_BYTES)
        token.save(update_fields=["token"])
    return token


def access_for_token(*, cooperation: Cooperation, token: str) -> Access | None:
    """What the token's owner may read in ``cooperation``, or None for an unknown token.

    None as well when the owner has left the cooperation or the account is disabled: a
    forgotten subscription must not outlive the membership.
    """
    if not token or len(token) > 64:
        return None
    row = (
        CalendarToken.objects.filter(cooperation=cooperation, token=token)
        .select_related("user")
        .first()
    )
    # The index finds the row; the constant-time compare guards against a collation that
    # matches case-insensitively or ignores trailing spaces (MySQL-style) on other databases.
    if row is None or not hmac.compare_digest(row.token.encode(), token.encode()):
        return None
    user: User = row.user
    if not user.is_active:
        return None
    access = access_for(user=user, cooperation=cooperation)
    return access if access.level >= Level.MEMBER else None
