"""The demo cooperation's slug and its two demo log-ins (documented, deliberately not secret)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise as StrPromise
from django.utils.translation import gettext_lazy as _

DEMO_SLUG = "partheland"


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str
    role_label: str | StrPromise


COORDINATOR_LOGIN = DemoLogin("koordination", "partheland-koordination", _("Koordination"))
MEMBER_LOGIN = DemoLogin("mitglied", "partheland-mitglied", _("Mitglied (AG Bauhof, Borsdorf)"))
LOGINS = (COORDINATOR_LOGIN, MEMBER_LOGIN)
