"""Cards that other apps contribute to the cooperation's pages, and its list on the start page.

The cooperation app sits below every other app, so it cannot import them. Instead an app names
its panel functions on its AppConfig (dotted paths), the Django way of plugging in (like
``ready()`` hooks); the mechanism is ``ikz.ui.panels``. A panel function takes keyword
arguments and returns a ``Panel``: the template to include and the context it needs. Panels
appear in the order of INSTALLED_APPS. The hooks of the cooperation's pages:

- ``dashboard_panel`` (the dashboard): ``access``, ``today``;
- ``body_panel`` (a body's page): ``access``, ``body``, ``today``;
- ``deadline_panel`` (the deadline list): ``access``, ``today``;
- ``project_panel`` (a project's page): ``access``, ``project``, ``today``;
- ``agenda_item_panel`` (a meeting's agenda, included once per item as ``item``):
  ``access``, ``meeting``, ``items``;
- ``point_panel`` (a meeting's minutes and the minutes editor, included once per point as
  ``point``): ``access``, ``meeting``, ``point_ids``.

The last two let ikz.meetings show what apps above it attach to an agenda item (the survey
evaluation) or a minutes point (the linked projects) without importing them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from typing import Any

from django.contrib.auth.models import AnonymousUser

from ikz.accounts.access import Access
from ikz.accounts.models import User
from ikz.cooperation.models import Body
from ikz.cooperation.selectors import cooperations_for_start_page
from ikz.ui.panels import Panel, collect

__all__ = [
    "Panel",
    "agenda_item_panels",
    "body_panels",
    "dashboard_panels",
    "deadline_panels",
    "point_panels",
    "project_panels",
    "start_panel",
]


def start_panel(*, user: User | AnonymousUser) -> Panel:
    """The start page's list of cooperations (the ``start_panel`` of ikz.ui), own ones first."""
    mine, others = cooperations_for_start_page(user=user)
    return Panel("cooperation/_start_panel.html", {"mine": mine, "others": others})


def dashboard_panels(*, access: Access, today: dt.date) -> tuple[list[str], dict[str, Any]]:
    return collect("dashboard_panel", access=access, today=today)


def body_panels(*, access: Access, body: Body, today: dt.date) -> tuple[list[str], dict[str, Any]]:
    return collect("body_panel", access=access, body=body, today=today)


def deadline_panels(*, access: Access, today: dt.date) -> tuple[list[str], dict[str, Any]]:
    return collect("deadline_panel", access=access, today=today)


def project_panels(
    *, access: Access, project: Any, today: dt.date
) -> tuple[list[str], dict[str, Any]]:
    return collect("project_panel", access=access, project=project, today=today)


def agenda_item_panels(
    *, access: Access, meeting: Any, items: Sequence[Any]
) -> tuple[list[str], dict[str, Any]]:
    """Included once per agenda item, with the loop's ``item`` in the context."""
    return collect("agenda_item_panel", access=access, meeting=meeting, items=items)


def point_panels(
    *, access: Access, meeting: Any, point_ids: Collection[int] | None = None
) -> tuple[list[str], dict[str, Any]]:
    """Included once per minutes point (``with point=…``). ``point_ids``: only these points are
    shown (a single saved row, or none for a point just created); None: all of the meeting."""
    return collect("point_panel", access=access, meeting=meeting, point_ids=point_ids)
