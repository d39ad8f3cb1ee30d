"""Load (or reset) the demo cooperation "Region Partheland" in one transaction."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from ikz.accounts.models import User
from ikz.cooperation.models import Cooperation
from ikz.demo.logins import DEMO_SLUG, LOGINS, DemoLogin
from ikz.demo.registry import DEMO_MODULES
from ikz.demo.structure import COOPERATION_FIELDS


class DemoError(Exception):
    """The demo cannot be loaded as asked; the message is German and meant for the user."""


@dataclass(frozen=True)
class DemoResult:
    cooperation: Cooperation
    logins: tuple[DemoLogin, ...]


def demo_cooperation() -> Cooperation | None:
    return Cooperation.objects.filter(slug=DEMO_SLUG).first()


def demo_logins() -> tuple[DemoLogin, ...]:
    """The demo log-ins that still exist (an administrator may have removed them)."""
    existing = set(
        User.objects.filter(username__in=[login.username for login in LOGINS]).values_list(
            "username", flat=True
        )
    )
    return tuple(login for login in LOGINS if login.username in existing)


@transaction.atomic
def load_demo(*, reset: bool = True) -> DemoResult:
    """Create the demo; with ``reset`` first delete an existing demo and the demo log-ins.

    The demo log-ins are found by user name ("koordination", "mitglied"): do not give these
    names to real accounts on an instance where ``ikz demo`` may be run.
    """
    existing = demo_cooperation()
    if existing is not None:
        if not reset:
            raise DemoError(
                _("Die Demo-Kooperation „%(name)s“ gibt es bereits.") % {"name": existing.name}
            )
        existing.delete()
    User.objects.filter(username__in=[login.username for login in LOGINS]).delete()

    cooperation = Cooperation(**COOPERATION_FIELDS)
    cooperation.full_clean()
    cooperation.save()
    refs: dict[str, Any] = {}
    for path in DEMO_MODULES:
        import_module(path).load(cooperation=cooperation, refs=refs)
    return DemoResult(cooperation=cooperation, logins=LOGINS)
