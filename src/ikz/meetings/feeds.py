"""Calendar feeds that cost one small query when nothing changed.

A feed covers the meetings of the last ``FEED_MONTHS_BACK`` months and all future ones, so that
its size does not grow with the history of the cooperation. Before anything is rendered, one
aggregate over exactly the meetings the feed would contain (their number, ids, last change and
the sum of their iCalendar sequences, which every agenda change raises) and the newest activity
entry of the cooperation (renamed bodies and places) make a fingerprint:

- it is the feed's ``ETag`` (and the last change its ``Last-Modified``), so a calendar app that
  sends ``If-None-Match`` gets ``304 Not Modified`` without any rendering;
- it is the key of the rendered bytes in Django's cache, so the feed is rendered once per
  (scope, last change) and then served from memory.

The personal feed's scope is its token; its fingerprint is taken over what the token's owner may
read, so a changed role or membership changes it as well.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable

from django.core.cache import cache
from django.db.models import Count, Max, QuerySet, Sum
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.utils.translation import get_language

from ikz.activity.models import ActivityEntry
from ikz.cooperation.models import Cooperation
from ikz.meetings.models import Meeting

FEED_MONTHS_BACK = 12
CACHE_SECONDS = 24 * 3600  # a fingerprint that is not asked for again simply expires


def _today() -> dt.date:
    return timezone.localdate()


def window_start(today: dt.date | None = None) -> dt.date:
    """The first day a feed covers: the same day ``FEED_MONTHS_BACK`` months ago."""
    today = today or _today()
    months = today.year * 12 + today.month - 1 - FEED_MONTHS_BACK
    year, month = divmod(months, 12)
    day = today.day
    while True:  # 29.02. -> 28.02. of a year without a leap day
        try:
            return dt.date(year, month + 1, day)
        except ValueError:
            day -= 1


def in_window(meetings: QuerySet[Meeting], today: dt.date | None = None) -> QuerySet[Meeting]:
    return meetings.filter(date__gte=window_start(today))


def fingerprint(
    meetings: QuerySet[Meeting], *, cooperation: Cooperation, scope: str
) -> tuple[str, dt.datetime | None]:
    """``(etag, last_modified)`` of a feed of ``meetings`` (already windowed): two queries."""
    stamp = meetings.order_by().aggregate(
        count=Count("pk"),
        ids=Sum("pk"),
        changed=Max("updated_at"),
        sequences=Sum("sequence"),
        places=Sum("location_id"),
    )
    latest = (
        ActivityEntry.objects.filter(cooperation=cooperation)
        .order_by("-created_at", "-pk")
        .values_list("pk", "created_at")
        .first()
    )
    parts = [scope, str(cooperation.pk), cooperation.name, get_language() or "", repr(stamp)]
    parts.append(repr(latest))
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]
    moments = [moment for moment in (stamp["changed"], latest and latest[1]) if moment]
    return f'"{digest}"', max(moments) if moments else None


def feed_response(
    request: HttpRequest,
    *,
    meetings: QuerySet[Meeting],
    cooperation: Cooperation,
    scope: str,
    render: Callable[[QuerySet[Meeting]], bytes],
    filename: str,
    private: bool,
) -> HttpResponse:
    """The feed of ``meetings`` (windowed here), answered 304 or from the cache when it can be."""
    meetings = in_window(meetings)
    etag, last_modified = fingerprint(meetings, cooperation=cooperation, scope=scope)
    modified = int(last_modified.timestamp()) if last_modified is not None else None
    not_modified = get_conditional_response(request, etag=etag, last_modified=modified)
    if not_modified is None:
        key = f"ikz-feed:{etag.strip(chr(34))}"
        data = cache.get(key)
        if data is None:
            data = render(meetings)
            cache.set(key, data, CACHE_SECONDS)
        response = HttpResponse(data, content_type="text/calendar; charset=utf-8")
    else:
        response = not_modified
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["ETag"] = etag
    if last_modified is not None:
        response["Last-Modified"] = http_date(modified)
    if private:
        patch_cache_control(response, private=True, no_store=True)
    else:
        patch_cache_control(response, public=True, max_age=600)
    response["X-Robots-Tag"] = "noindex"
    return response
