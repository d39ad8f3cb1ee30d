"""``{% attachment_list "meeting" meeting %}``: the attachments box of a parent's page.

The parent's template loads this library; the parent's app imports nothing from here.
"""

from __future__ import annotations

from typing import Any

from django import template

from ikz.attachments import selectors
from ikz.attachments.parents import PARENTS

register = template.Library()


@register.inclusion_tag("attachments/_list.html", takes_context=True)
def attachment_list(context: Any, kind: str, obj: Any) -> dict[str, Any]:
    access = context["access"]
    if kind == "meeting":
        rows = selectors.meeting_attachments(access=access, meeting=obj)
    else:
        rows = selectors.attachments_of(access=access, kind=kind, obj=obj)
    agenda: list[Any] = []
    detail = context.get("detail")
    if kind == "meeting" and detail is not None:
        # The meeting page has its agenda loaded already: no query for the upload links.
        agenda = [item for item, _number, _depth in detail.agenda]
    return {
        "access": access,
        "attachments": rows,
        "param": PARENTS[kind].param,
        "obj": obj,
        "kind": kind,
        "agenda": agenda,
    }
