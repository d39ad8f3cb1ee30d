"""Work out a visitor's ``Access`` to one cooperation from its roles and memberships."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.utils import timezone

from ikz.accounts.access import Access, Level
from ikz.accounts.models import CooperationRole, User
from ikz.cooperation.models import Cooperation, Membership, Person


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
