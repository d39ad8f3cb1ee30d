"""The "Dokumente" box of the meeting page: ``{% documents_box %}``."""

from __future__ import annotations

from typing import Any

from django import template

from ikz.meetings.documents.selectors import documents_box as box

register = template.Library()


@register.inclusion_tag("meetings/_documents.html", takes_context=True)
def documents_box(context: Any) -> dict[str, Any]:
    access = context["access"]
    meeting = context["meeting"]
    return {
        "access": access,
        "meeting": meeting,
        "box": box(access=access, meeting=meeting),
        "csrf_token": context.get("csrf_token"),
    }
