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
    detail = context.get("detail")
    agenda = [item for item, _number, _depth in detail.agenda] if detail is not None else None
    return {
        "access": access,
        "meeting": meeting,
        "box": box(access=access, meeting=meeting, agenda=agenda),
        "csrf_token": context.get("csrf_token"),
    }
