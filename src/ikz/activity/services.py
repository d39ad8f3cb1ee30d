from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet

from ikz.accounts.access import Access
from ikz.activity.events import Event
from ikz.activity.models import ActivityEntry

if TYPE_CHECKING:
    # Names for the signature only: an entry refers to its cooperation and body by foreign key
    # ("cooperation.Cooperation"), and this module runs no code of that app (it sits above).
    from ikz.cooperation.models import Body, Cooperation


def record_activity(
    *,
    cooperation: Cooperation,
    actor_id: int | None,
    event: Event | None = None,
    data: dict[str, Any] | None = None,
    summary: str = "",
    url: str = "",
    body: Body | None = None,
    coordinators_only: bool = False,
) -> ActivityEntry:
    """Record ``event`` with its ``data`` (JSON values: names, codes, ISO dates).

    ``summary`` (a finished sentence) is only for code not yet moved to events: it cannot be
    translated when shown.
    """
    return ActivityEntry.objects.create(
        cooperation=cooperation,
        actor_id=actor_id,
        kind=event.kind if event else "",
        data=data or {},
        summary=summary[:300],
        url=url,
        body=body,
        coordinators_only=coordinators_only,
    )


def recent_activity(*, access: Access, limit: int = 10) -> QuerySet[ActivityEntry]:
    if not access.is_member:
        return ActivityEntry.objects.none()
    entries = ActivityEntry.objects.filter(cooperation=access.cooperation)
    if not access.is_coordinator:
        entries = entries.filter(coordinators_only=False).filter(
            Q(body__isnull=True) | Q(body__is_public=True) | Q(body_id__in=access.body_ids)
        )
    return entries.select_related("actor").order_by("-created_at", "-pk")[:limit]
