"""Cards that other apps contribute to the dashboard and to a body's page.

The cooperation app sits below every other app, so it cannot import them. Instead an app names
its panel functions on its AppConfig (``dashboard_panel``, ``body_panel``, ``deadline_panel`` for
the deadline list and ``project_panel`` for a project's page; dotted paths), the
Django way of plugging in (like ``ready()`` hooks). A panel function takes keyword arguments
(``access``, ``today`` and, for the body page, ``body``; for the project page, ``project``) and
returns a ``Panel``: the template to include and the context it needs. Panels appear in the
order of INSTALLED_APPS.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
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
