"""Template helpers of the project pages."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def point_links(mapping: dict[int, list[Any]] | None, point_id: int) -> list[Any]:
    """The projects linked to a minutes point, from ``selectors.point_projects``."""
    if not mapping:
        return []
    return mapping.get(point_id, [])
