"""``{% version_input obj %}`` (an edit row's hidden version), ``{% history_link obj %}``."""

from __future__ import annotations

from typing import Any

from django import template
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from ikz.tracking.records import tracked
from ikz.tracking.versions import VERSION_FIELD, version_token

register = template.Library()


@register.simple_tag
def version_input(instance: models.Model) -> SafeString:
    return format_html(
        '<input type="hidden" name="{}" value="{}">', VERSION_FIELD, version_token(instance)
    )


@register.simple_tag
def after_publication_mark(changes: dict[int, Any], pk: int) -> SafeString:
    """ "geändert nach Veröffentlichung (date)" for a point in ``changes``."""
    when = changes.get(pk) if changes else None
    if when is None:
        return SafeString("")
    return format_html(
        ' <span class="kern-badge kern-badge--small kern-badge--warning ikz-after-publication">'
        '<span class="kern-label">{}</span></span>',
        _("geändert nach Veröffentlichung am %(date)s")
        % {"date": timezone.localtime(when).strftime("%d.%m.%Y")},
    )


@register.simple_tag(takes_context=True)
def history_link(context: dict[str, Any], instance: models.Model) -> SafeString:
    """A "Verlauf" link for coordinators on an object's page (nothing for anyone else)."""
    access = context.get("access")
    if access is None or not access.is_coordinator or tracked(type(instance)) is None:
        return SafeString("")
    url = reverse(
        "history:object",
        args=[access.cooperation.slug, instance._meta.label_lower, instance.pk],
    )
    return format_html(
        '<a class="kern-btn kern-btn--tertiary ikz-history-link" href="{}">'
        '<span class="kern-label">{}</span></a>',
        url,
        _("Verlauf"),
    )
