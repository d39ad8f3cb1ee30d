"""The reads of the OParl endpoints: public rows only, each filtered by its cooperation.

OParl is anonymous: the rows come from ``public`` (the public selectors) and ``kinds`` (what
each list serialises); this module holds the look-ups of the endpoints themselves, the
ledger's tombstones and the time filters of the lists.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Max, Min, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from ikz.cooperation.models import Cooperation, Municipality
from ikz.oparl import public
from ikz.oparl.kinds import KINDS, with_stamps
from ikz.oparl.models import Stamp

# The list filters of OParl 1.1 (query parameter: stamp field and lookup).
FILTERS = {
    "created_since": ("created", "gte"),
    "created_until": ("created", "lte"),
    "modified_since": ("modified", "gte"),
    "modified_until": ("modified", "lte"),
}


def in_period(*, rows: QuerySet[Any], prefix: str, bounds: dict[str, dt.datetime]) -> QuerySet[Any]:
    """``rows`` limited by the list's ``created_since`` … ``modified_until`` (``bounds`` by
    parameter name; ``prefix`` is ``oparl_`` for annotated rows, empty for stamps)."""
    conditions = {
        f"{prefix}{field}__{lookup}": bounds[name]
        for name, (field, lookup) in FILTERS.items()
        if name in bounds
    }
    return rows.filter(**conditions)


def system_span() -> tuple[dt.datetime, dt.datetime]:
    """When the system was created (its first cooperation) and last changed (a Body)."""
    first = Cooperation.objects.aggregate(first=Min("created_at"))["first"] or timezone.now()
    last = Stamp.objects.filter(kind__in=("body", "municipality")).aggregate(last=Max("modified"))
    return first, max(first, last["last"] or first)


def cooperation_get(*, pk: int) -> Cooperation:
    return get_object_or_404(Cooperation, pk=pk)


def stamped_cooperations() -> QuerySet[Cooperation]:
    """Every cooperation (each is a public Body) with its ledger stamps."""
    return with_stamps(public.cooperations(), "body")


def stamped_cooperation_get(*, pk: int) -> Cooperation:
    return get_object_or_404(stamped_cooperations(), pk=pk)


def stamped_municipalities(*, cooperation: Cooperation | None = None) -> QuerySet[Municipality]:
    """The member municipalities (of one cooperation, or all) with their ledger stamps."""
    rows = Municipality.objects.select_related("cooperation")
    if cooperation is not None:
        rows = rows.filter(cooperation=cooperation)
    return with_stamps(rows, "municipality").order_by("cooperation_id", "pk")


def municipality_get(*, cooperation: Cooperation, pk: int) -> Municipality:
    return get_object_or_404(Municipality, cooperation=cooperation, pk=pk)


def stamped_municipality(*, cooperation: Cooperation, pk: int) -> Municipality | None:
    return stamped_municipalities(cooperation=cooperation).filter(pk=pk).first()


def removed_municipalities() -> QuerySet[Stamp]:
    """Tombstones of municipalities that were published and are deleted now."""
    return (
        Stamp.objects.filter(kind="municipality", was_public=True)
        .exclude(object_id__in=Municipality.objects.values("pk"))
        .select_related("cooperation")
        .order_by("object_id")
    )


def gone(*, cooperation: Cooperation, kind: str) -> QuerySet[Stamp]:
    """Objects that were public once and are not any more: deleted, internal or withdrawn."""
    alive = public.public_queryset(kind, cooperation).values("pk")
    return Stamp.objects.filter(cooperation=cooperation, kind=kind, was_public=True).exclude(
        object_id__in=alive
    )


def gone_get(*, cooperation: Cooperation, kind: str, pk: int) -> Stamp:
    return get_object_or_404(gone(cooperation=cooperation, kind=kind), object_id=pk)


def public_row(*, cooperation: Cooperation, kind: str, pk: int) -> Any:
    """One published object of the kind, or None (then it may be a tombstone)."""
    return KINDS[kind].queryset(cooperation).filter(pk=pk).first()
