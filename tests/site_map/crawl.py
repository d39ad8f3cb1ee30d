"""Calling a site-map entry: its address in a site scene, and a request as one of the roles."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

from tests.conftest import client_for
from tests.site_map.scene import Site
from tests.site_map.table import Entry


def address(name: str, entry: Entry, site: Site, kwargs: dict[str, Any] | None = None) -> str:
    query = entry.query.format(meeting=site.meeting.pk)
    return reverse(name, kwargs=entry.kwargs(site) if kwargs is None else kwargs) + query


class Caller:
    """One client per role and site (a log-in per role, not per request)."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self._clients: dict[str, Client] = {}

    def client(self, role: str) -> Client:
        if role not in self._clients:
            world = self.site.world
            self._clients[role] = client_for(None if role == "anonymous" else getattr(world, role))
        return self._clients[role]

    def call(self, entry: Entry, role: str, method: str, url: str) -> Any:
        data = entry.data if method == "post" else None
        if entry.auth == "key":
            headers = {"Authorization": f"Bearer {key}"} if (key := self.site.keys[role]) else {}
            client = Client()  # the API ignores the session; the key is the identity
            return getattr(client, method)(
                url, data, headers=headers, content_type="application/json"
            )
        return getattr(self.client(role), method)(url, data)
