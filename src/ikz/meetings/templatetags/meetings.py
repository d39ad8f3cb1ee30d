"""Template helpers of the meetings pages."""

from __future__ import annotations

from typing import Any

from django import template
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from ikz.meetings.models import Meeting, Point
from ikz.meetings.selectors import OwnerChoices

register = template.Library()

STATE_BADGES = {
    "planned": "info",
    "invited": "info",
    "held": "warning",
    "minutes_published": "success",
    "cancelled": "danger",
}


@register.filter
def state_badge(state: str) -> str:
    return STATE_BADGES.get(state, "info")


@register.simple_tag
def owner_options(
    owners: OwnerChoices, selected: str, empty_label: str | None = None
) -> SafeString:
    """The <option>s of an owner select; built once per request and reused for every row."""
    empty_label = empty_label or _("– niemand –")
    cache = owners.__dict__.setdefault("_options_cache", {})
    if cache.get("empty_label") != empty_label:
        cache.clear()
        cache["empty_label"] = empty_label
    if "html" not in cache:
        groups = []
        for label, entries in owners.as_choices()[1:]:
            options = format_html_join("", '<option value="{}">{}</option>', entries)
            groups.append(format_html('<optgroup label="{}">{}</optgroup>', label, options))
        cache["html"] = str(format_html('<option value="">{}</option>', empty_label)) + "".join(
            groups
        )
    html: str = cache["html"]
    if selected:
        marker = format_html('value="{}"', selected)
        html = html.replace(marker, f"{marker} selected", 1)
    return SafeString(html)


@register.simple_tag(takes_context=True)
def current_owner_option(context: template.Context, selected: str) -> SafeString:
    """The options an editor row's owner select carries itself: "niemand" and the chosen one.

    The full list goes out once per editor (``<template id="minutes-owner-options">``) and
    minutes.js copies it into a select when it gets the focus; 650 options in every task row
    were most of the page.
    """
    labels: dict[str, str] = context.get("owner_labels") or {}
    html = format_html('<option value="">{}</option>', _("– niemand –"))
    if selected:
        label = labels.get(selected, selected)
        html += format_html('<option value="{}" selected>{}</option>', selected, label)
    return SafeString(html)


# The minutes editor repeats the same markup in every row; with 500 points, rendering it once
# per request instead of once per row halves the page's render time.


def _per_render(context: template.Context) -> dict[str, Any]:
    # The render context is a stack per included template; its root lives for the whole render.
    root: Any = context.render_context.dicts[0]
    cache: dict[str, Any] = root.setdefault("meetings_once", {})
    return cache


@register.simple_tag(takes_context=True)
def once(context: template.Context, template_name: str) -> SafeString:
    """A fragment that is the same in every row, rendered once per request."""
    cache = _per_render(context)
    if template_name not in cache:
        cache[template_name] = mark_safe(render_to_string(template_name))  # noqa: S308
    fragment: SafeString = cache[template_name]
    return fragment


@register.simple_tag(takes_context=True)
def kind_options(context: template.Context, selected: str) -> SafeString:
    cache = _per_render(context)
    if "kinds" not in cache:
        cache["kinds"] = "".join(
            str(format_html('<option value="{}">{}</option>', value, label))
            for value, label in Point.Kind.choices
        )
    html: str = cache["kinds"]
    marker = str(format_html('value="{}"', selected))
    return SafeString(html.replace(marker, f"{marker} selected", 1))


@register.simple_tag(takes_context=True)
def minutes_url(context: template.Context, meeting: Meeting) -> str:
    """The editor's base address; a point's own endpoint is this plus "<id>/"."""
    cache = _per_render(context)
    key = f"minutes_url_{meeting.pk}"
    if key not in cache:
        access = context.get("access")
        slug = access.cooperation.slug if access else meeting.cooperation.slug
        cache[key] = reverse("meetings:minutes", args=[slug, meeting.pk])
    address: str = cache[key]
    return address
