"""The demo cooperation's slug and its two demo log-ins (documented, deliberately not secret)."""

from __future__ import annotations

from dataclasses import dataclass

DEMO_SLUG = "partheland"


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str
    role_label: str


COORDINATOR_LOGIN = DemoLogin("koordination", "partheland-koordination", "Koordination")
MEMBER_LOGIN = DemoLogin("mitglied", "partheland-mitglied", "Mitglied (AG Bauhof, Borsdorf)")
LOGINS = (COORDINATOR_LOGIN, MEMBER_LOGIN)
