"""Reads of the platform operation: every cooperation with its size and last activity."""

from __future__ import annotations

from django.db.models import Count, Max, OuterRef, QuerySet, Subquery

from ikz.accounts.models import CooperationRole
from ikz.activity.models import ActivityEntry
from ikz.cooperation.models import Cooperation, Municipality, Person


def _count(model: type, **filters: object) -> Subquery:
    rows = (
        model.objects.filter(cooperation=OuterRef("pk"), **filters)  # type: ignore[attr-defined]
        .order_by()
        .values("cooperation")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Subquery(rows)


def cooperation_overview() -> QuerySet[Cooperation]:
    last = (
        ActivityEntry.objects.filter(cooperation=OuterRef("pk"))
        .order_by()
        .values("cooperation")
        .annotate(last=Max("created_at"))
        .values("last")
    )
    return Cooperation.objects.annotate(
        municipality_count=_count(Municipality),
        person_count=_count(Person),
        login_count=_count(CooperationRole),
        last_activity=Subquery(last),
    ).order_by("archived_at", "name")
