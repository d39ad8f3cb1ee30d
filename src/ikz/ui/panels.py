"""How apps put content on pages of apps below them: panels named on the AppConfig.

A lower app may not import a higher one (the layers in docs/architecture.md). Where its page
shows what a higher app holds, the higher app names a panel function on its AppConfig under the
page's hook name (a dotted path), and the page collects them here, in the order of
INSTALLED_APPS. A panel function takes the page's keyword arguments and returns a ``Panel``:
the template to include and the context it needs. The page shell's own hook is
``start_panel`` (the start page, argument ``user``); the cooperation's pages have theirs in
``ikz.cooperation.panels``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from django.apps import apps
from django.utils.module_loading import import_string


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


def collect(hook: str, **arguments: Any) -> tuple[list[str], dict[str, Any]]:
    """The templates of every panel of ``hook`` and their merged context."""
    templates: list[str] = []
    context: dict[str, Any] = {}
    for provider in _providers(hook):
        panel = provider(**arguments)
        templates.append(panel.template)
        context.update(panel.context)
    return templates, context
