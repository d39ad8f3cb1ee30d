"""The minutes editor's answer to Enter: the saved row and the next draft, nothing else.

Saving a point with Enter (a new one from a draft, or an existing one with ``op=new``) used to
re-render the whole editor: 1.2 MB and most of a second at 300 points. The answer is now a few
out-of-band swaps (``meetings/_minutes_saved.html``) into the editor already on the page, with
``HX-Reswap: none`` so that the editor itself stays:

- the saved row: replaced in place (``op=new``), or put where its draft was (an inline draft),
  or appended to its section's top-level list (the section's "new point" row);
- the next draft: an inline draft right after the saved point's item, or, when that is the end
  of the section's top level, a fresh "new point" row of the section (exactly where
  ``selectors.place_drafts`` would put it);
- ``#minutes-signal`` with the field to focus and the text to announce (minutes.js reads it).

Validation errors, moves and deletes still answer with the whole editor.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from ikz.accounts.access import Access
from ikz.meetings import selectors
from ikz.meetings.models import Meeting, Point
from ikz.meetings.selectors import Draft, PointNode
from ikz.meetings.views_common import ROW_LABELS, point_context, prepare_rows


def render_saved(
    request: HttpRequest,
    access: Access,
    meeting: Meeting,
    point: Point,
    *,
    from_draft: str = "",
) -> HttpResponse:
    """``from_draft``: the key of the draft the point was created from ("draft", "new-<k>"),
    or "" when an existing point was saved."""
    point = selectors.point_get(access=access, meeting=meeting, pk=point.pk, with_task=True)
    node = PointNode(point=point, depth=0)
    prepare_rows([node], {})
    section_key = str(point.agenda_item_id or 0)
    roots = selectors.root_point_count(meeting=meeting, agenda_item_id=point.agenda_item_id)
    following = Draft(
        agenda_item_id=point.agenda_item_id,
        parent_id=point.parent_id,
        position=point.position + 1,
    )
    if point.parent_id is None and following.position >= roots:
        following.key = f"new-{section_key}"  # the end of the top level: the section's last row
    if not from_draft:
        place = "row"
    elif from_draft == "draft":
        place = "inline"
    else:
        place = "append" if roots > 1 else "first"
    task = point.task if point.kind == Point.Kind.TASK and hasattr(point, "task") else None
    owner = task.owner if task is not None else None
    context = {
        "node": node,
        "meeting": meeting,
        "place": place,
        "section_key": section_key,
        "following": following,
        # An inline draft elsewhere goes, as it would with the whole editor redrawn.
        "delete_draft": from_draft != "draft",
        # A point just created has no links yet: the panels get no point to look up.
        **point_context(
            access=access, meeting=meeting, point_ids=() if from_draft else (point.pk,)
        ),
        "owner_labels": {node.values["owner"]: selectors.owner_label(owner)}  # type: ignore[attr-defined]
        if owner is not None
        else {},
        "kinds": Point.Kind.choices,
        "labels": {name: str(label) for name, label in ROW_LABELS.items()},
        "signal_announce": _("Gespeichert. Neuer Punkt."),
    }
    response = render(request, "meetings/_minutes_saved.html", context)
    # settle:0ms as the editor's own swaps: minutes.js runs the next command after the settle.
    response["HX-Reswap"] = "none settle:0ms"
    return response
