"""Cards that other apps contribute to the dashboard and to a body's page.

The cooperation app sits below every other app, so it cannot import them. Instead an app names
its panel functions on its AppConfig (dotted paths), the Django way of plugging in (like
``ready()`` hooks). A panel function takes keyword arguments and returns a ``Panel``: the
template to include and the context it needs. Panels appear in the order of INSTALLED_APPS.

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
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from django.apps import apps
from django.utils.module_loading import import_string

from ikz.accounts.access import Access
from ikz.cooperation.models import Body


@dataclass(frozen=True)
class Panel:
    template: str
    context: dict[str, Any] = field(default_factory=dict)


@cache
def _providers(hook: str) -> tuple[Callable[..., Panel], ...]:
    return tuple(
        import_string(getattr(config, hook))
        for config in apps.get_app_configs()
        if getattr(config, hook, None)
    )


def _collect(hook: str, **arguments: Any) -> tuple[list[str], dict[str, Any]]:
    templates: list[str] = []
    context: dict[str, Any] = {}
    for provider in _providers(hook):
        panel = provider(**arguments)
        templates.append(panel.template)
        context.update(panel.context)
    return templates, context


def dashboard_panels(*, access: Access, today: dt.date) -> tuple[list[str], dict[str, Any]]:
    return _collect("dashboard_panel", access=access, today=today)


def body_panels(*, access: Access, body: Body, today: dt.date) -> tuple[list[str], dict[str, Any]]:
    return _collect("body_panel", access=access, body=body, today=today)


def deadline_panels(*, access: Access, today: dt.date) -> tuple[list[str], dict[str, Any]]:
    return _collect("deadline_panel", access=access, today=today)


def project_panels(
    *, access: Access, project: Any, today: dt.date
) -> tuple[list[str], dict[str, Any]]:
    return _collect("project_panel", access=access, project=project, today=today)


def agenda_item_panels(
    *, access: Access, meeting: Any, items: Sequence[Any]
) -> tuple[list[str], dict[str, Any]]:
    """Included once per agenda item, with the loop's ``item`` in the context."""
    return _collect("agenda_item_panel", access=access, meeting=meeting, items=items)


def point_panels(
    *, access: Access, meeting: Any, point_ids: Collection[int] | None = None
) -> tuple[list[str], dict[str, Any]]:
    """Included once per minutes point (``with point=…``). ``point_ids``: only these points are
    shown (a single saved row, or none for a point just created); None: all of the meeting."""
    return _collect("point_panel", access=access, meeting=meeting, point_ids=point_ids)
