"""What the current visitor may see and do in one cooperation.

``Access`` is computed once per request (two small queries) and passed to selectors, so that
every read is filtered by cooperation and role in one place.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from ikz.accounts.models import CooperationRole, User
from ikz.cooperation.models import Cooperation, Membership, Person


class Level(enum.IntEnum):
    PUBLIC = 0
    MEMBER = 1
    COORDINATOR = 2


@dataclass(frozen=True)
class Access:
    cooperation: Cooperation
    level: Level
    user_id: int | None = None
    person_id: int | None = None
    municipality_id: int | None = None
    body_ids: frozenset[int] = field(default_factory=frozenset)

    @property
    def is_coordinator(self) -> bool:
        return self.level >= Level.COORDINATOR

    @property
    def is_member(self) -> bool:
        """A member or a coordinator: anyone who belongs to the cooperation."""
        return self.level >= Level.MEMBER

    @property
    def role_label(self) -> str:
        return {
            Level.COORDINATOR: _("Koordination"),
            Level.MEMBER: _("Mitglied"),
            Level.PUBLIC: _("Öffentlichkeit"),
        }[self.level]

    def can_read_body(self, *, body_id: int, is_public: bool) -> bool:
        return is_public or self.is_coordinator or body_id in self.body_ids


def current_memberships(
    *, cooperation: Cooperation, person_id: int, today: dt.date | None = None
) -> QuerySet[Membership]:
    """The person's memberships that hold today: begun (or without start) and not yet ended.

    A membership ending today still counts today; from tomorrow the former member reads
    the body's internal material no more.
    """
    today = today or timezone.localdate()
    return Membership.objects.filter(cooperation=cooperation, person_id=person_id).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=today),
        Q(start_date__isnull=True) | Q(start_date__lte=today),
    )


def access_for(*, user: User | AnonymousUser, cooperation: Cooperation) -> Access:
    if not user.is_authenticated:
        return Access(cooperation=cooperation, level=Level.PUBLIC)
    role = (
        CooperationRole.objects.filter(user_id=user.pk, cooperation=cooperation)
        .values_list("role", flat=True)
        .first()
    )
    if user.is_superuser or role == CooperationRole.Role.COORDINATOR:
        level = Level.COORDINATOR
    elif role == CooperationRole.Role.MEMBER:
        level = Level.MEMBER
    else:
        return Access(cooperation=cooperation, level=Level.PUBLIC, user_id=user.pk)
    person = (
        Person.objects.filter(cooperation=cooperation, user_id=user.pk)
        .values("pk", "municipality_id")
        .first()
    )
    if person is None:
        return Access(cooperation=cooperation, level=level, user_id=user.pk)
    body_ids = frozenset(
        current_memberships(cooperation=cooperation, person_id=person["pk"]).values_list(
            "body_id", flat=True
        )
    )
    return Access(
        cooperation=cooperation,
        level=level,
        user_id=user.pk,
        person_id=person["pk"],
        municipality_id=person["municipality_id"],
        body_ids=body_ids,
    )
