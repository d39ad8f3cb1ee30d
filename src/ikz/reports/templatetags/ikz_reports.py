"""The report's nested points as markup, written in Python for the read-only report.

The same markup as ``reports/_points.html``, which the editable page still includes (it adds
a hide/show form per point): the template included itself once per point, and a year of
7,200 points took seconds to render that way.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from ikz.reports.content import PointItem

register = template.Library()


def points_markup(points: Iterable[PointItem], hidden: Iterable[str] = ()) -> SafeString:
    hidden = frozenset(hidden)
    out: list[str] = []

    def write(items: tuple[PointItem, ...]) -> None:
        if not items:
            return
        out.append('<ul class="ikz-report__points">')
        for point in items:
            state = " ikz-report--hidden" if point.key in hidden else ""
            out.append(
                f'<li class="ikz-report__point ikz-report__point--{escape(point.kind)}{state}">'
                f"{escape(point.text)}"
            )
            marker = point.marker
            if marker:
                out.append(f' <span class="ikz-report__marker">{escape(marker)}</span>')
            write(point.children)
            out.append("</li>")
        out.append("</ul>")

    write(tuple(points))
    return mark_safe("".join(out))  # noqa: S308 - every text above is escaped


@register.simple_tag(takes_context=True)
def report_points(context: Any, points: tuple[PointItem, ...]) -> SafeString:
    return points_markup(points, context.get("hidden_keys") or ())
