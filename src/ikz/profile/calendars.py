"""The "Kalender-Abos" section of "Mein Konto", filled by the app that serves the feeds.

The profile app sits below the meetings app in the layering (docs/architecture.md), so it may
not import the calendar tokens. The meetings app registers its two functions here in
``MeetingsConfig.ready()``, the way apps name their panels on the AppConfig; without a
registered feed the section lists the cooperations without an address and renewing is 404.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from ikz.accounts.access import Access


class FeedPath(Protocol):
    def __call__(self, *, access: Access) -> str | None: ...


class FeedRenew(Protocol):
    def __call__(self, *, access: Access) -> object: ...


@dataclass(frozen=True)
class CalendarFeed:
    # The path of the user's private feed in the access's cooperation, None without a token.
    path: FeedPath
    # Create or replace the token (the old address stops working).
    renew: FeedRenew


_FEEDS: list[CalendarFeed] = []


def register(feed: CalendarFeed) -> None:
    # One provider: a second ready() (tests re-running app set-up) replaces, never doubles.
    _FEEDS[:] = [feed]


def registered() -> CalendarFeed | None:
    return _FEEDS[0] if _FEEDS else None
