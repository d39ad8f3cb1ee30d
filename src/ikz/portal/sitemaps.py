"""sitemap.xml: the portal pages of every cooperation (only public content exists there)."""

from __future__ import annotations

from typing import Any

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from ikz.cooperation.models import Cooperation
from ikz.portal import selectors

PAGES = ("home", "goals", "reports", "events", "bodies", "projects", "open_data")
LEGAL = ("impressum", "datenschutz", "barrierefreiheit")


class PortalPages(Sitemap[str]):
    changefreq = "weekly"

    def items(self) -> list[str]:
        paths = []
        for slug in Cooperation.objects.order_by("slug").values_list("slug", flat=True):
            paths += [reverse(f"portal:{name}", args=[slug]) for name in PAGES]
            paths += [reverse("portal:legal", args=[slug, page]) for page in LEGAL]
        return paths

    def location(self, item: Any) -> str:
        return str(item)


class PortalObjects(Sitemap[Any]):
    """Public reports, bodies, meetings and projects of every cooperation."""

    changefreq = "monthly"

    def items(self) -> list[tuple[str, Any]]:
        found: list[tuple[str, Any]] = []
        for cooperation in Cooperation.objects.order_by("slug"):
            access = selectors.public_access(cooperation)
            slug = cooperation.slug
            for version in selectors.report_archive(access=access):
                found.append(
                    (reverse("portal:report", args=[slug, version.report_id]), version.published_at)
                )
            for body in selectors.public_bodies(access=access):
                found.append((reverse("portal:body", args=[slug, body.pk]), None))
            for meeting in selectors.recent_minutes(access=access, limit=1000):
                found.append(
                    (reverse("portal:meeting", args=[slug, meeting.pk]), meeting.updated_at)
                )
            for project in selectors.public_projects(access=access):
                found.append(
                    (reverse("portal:project", args=[slug, project.pk]), project.updated_at)
                )
        return found

    def location(self, item: tuple[str, Any]) -> str:
        return item[0]

    def lastmod(self, item: tuple[str, Any]) -> Any:
        return item[1]


SITEMAPS = {"portal": PortalPages, "objects": PortalObjects}
