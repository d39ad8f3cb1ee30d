"""Atom feeds of the portal: published public reports, published minutes, upcoming events."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from ikz.accounts.access import Access
from ikz.cooperation.guards import public
from ikz.cooperation.models import Cooperation
from ikz.dates import format_partial_date
from ikz.meetings.models import BERLIN, Meeting
from ikz.portal import selectors
from ikz.reports.models import ReportVersion


class _PortalFeed(Feed[Any, Any]):
    feed_type = Atom1Feed

    slug = ""

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Cooperation:  # noqa: ARG002 - Django's syndication Feed signature
        cooperation: Cooperation = kwargs["cooperation"]
        self.slug = cooperation.slug
        return cooperation

    def link(self, obj: Cooperation) -> str:
        return reverse("portal:home", args=[obj.slug])

    def author_name(self, obj: Cooperation) -> str:
        return obj.coordinating_organisation or obj.name


class ReportsFeed(_PortalFeed):
    def title(self, obj: Cooperation) -> str:
        return _("%(name)s: Statusberichte") % {"name": obj.name}

    def subtitle(self, obj: Cooperation) -> str:  # noqa: ARG002 - Django's syndication Feed signature
        return _("Veröffentlichte öffentliche Statusberichte")

    def items(self, obj: Cooperation) -> list[ReportVersion]:
        versions = selectors.report_archive(access=selectors.public_access(obj))
        return versions[: selectors.FEED_LIMIT]

    def item_title(self, item: ReportVersion) -> str:
        return item.title

    def item_description(self, item: ReportVersion) -> str:
        return _("%(period)s, Version %(number)s") % {
            "period": item.report.period_label,
            "number": item.number,
        }

    def item_link(self, item: ReportVersion) -> str:
        return reverse("portal:report", args=[self.slug, item.report_id])

    def item_guid(self, item: ReportVersion) -> str:
        return f"report-version-{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: ReportVersion) -> dt.datetime:
        return item.published_at

    def item_updateddate(self, item: ReportVersion) -> dt.datetime:
        return item.published_at


class MinutesFeed(_PortalFeed):
    def title(self, obj: Cooperation) -> str:
        return _("%(name)s: Protokolle") % {"name": obj.name}

    def subtitle(self, obj: Cooperation) -> str:  # noqa: ARG002 - Django's syndication Feed signature
        return _("Veröffentlichte Protokolle öffentlicher Sitzungen")

    def items(self, obj: Cooperation) -> list[Meeting]:
        return selectors.recent_minutes(access=selectors.public_access(obj))

    def item_title(self, item: Meeting) -> str:
        return _("Protokoll: %(heading)s") % {"heading": item.heading}

    def item_description(self, item: Meeting) -> str:
        return f"{format_partial_date(item.when)} · {item.body.name}"

    def item_link(self, item: Meeting) -> str:
        return reverse("portal:meeting", args=[self.slug, item.pk])

    def item_guid(self, item: Meeting) -> str:
        return f"minutes-{item.uid}"

    item_guid_is_permalink = False

    def item_updateddate(self, item: Meeting) -> dt.datetime:
        return item.updated_at


class EventsFeed(_PortalFeed):
    def title(self, obj: Cooperation) -> str:
        return _("%(name)s: Termine") % {"name": obj.name}

    def subtitle(self, obj: Cooperation) -> str:  # noqa: ARG002 - Django's syndication Feed signature
        return _("Anstehende öffentliche Sitzungen und Veranstaltungen")

    def items(self, obj: Cooperation) -> list[Meeting]:
        months = selectors.upcoming_events(
            access=selectors.public_access(obj), today=timezone.localdate()
        )
        return [m for month in months for m in month.meetings][: selectors.FEED_LIMIT]

    def item_title(self, item: Meeting) -> str:
        return f"{item.heading} – {format_partial_date(item.when)}"

    def item_description(self, item: Meeting) -> str:
        parts = [item.body.name]
        if item.location:
            parts.append(item.location.name)
        if item.description:
            parts.append(item.description)
        return " · ".join(parts)

    def item_link(self, item: Meeting) -> str:
        return reverse("portal:meeting", args=[self.slug, item.pk])

    def item_guid(self, item: Meeting) -> str:
        return f"event-{item.uid}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: Meeting) -> dt.datetime:
        return item.starts_at or dt.datetime.combine(item.date, dt.time(0, 0), tzinfo=BERLIN)

    def item_updateddate(self, item: Meeting) -> dt.datetime:
        return item.updated_at


FEEDS: dict[str, type[_PortalFeed]] = {
    "berichte": ReportsFeed,
    "protokolle": MinutesFeed,
    "termine": EventsFeed,
}


@public
@require_GET
def feed(request: HttpRequest, access: Access, name: str) -> HttpResponse:
    from django.http import Http404

    if name not in FEEDS:
        raise Http404
    return FEEDS[name]()(request, cooperation=access.cooperation)
