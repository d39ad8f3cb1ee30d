"""The minutes editor: small endpoints behind the keyboard commands of static/meetings/minutes.js.

Every endpoint is for the coordination only. With htmx it answers with the re-rendered editor
(or, for a plain save, the one row); without JavaScript the forms post normally and the page
is reloaded. On a validation error nothing is saved and the row comes back with the typed
text and a German message (status 422, which the htmx config in base.html swaps in).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from ikz.accounts.access import Access
from ikz.cooperation.guards import coordinator_only
from ikz.inputs import parse_int, parse_key
from ikz.meetings import selectors, services
from ikz.meetings.forms import OwnerLookup, PointForm
from ikz.meetings.minutes_updates import render_saved
from ikz.meetings.models import AgendaItem, Meeting, Point
from ikz.meetings.selectors import Draft, PointNode
from ikz.meetings.views_common import (
    ROW_LABELS,
    detail_context,
    point_context,
    prepare_rows,
    today,
)
from ikz.tracking.versions import VERSION_FIELD
from ikz.ui.formviews import REFUSED_HTMX, REFUSED_PAGE
from ikz.ui.htmx import is_htmx

INVALID = REFUSED_HTMX
OPS = {
    "indent": services.point_indent,
    "outdent": services.point_outdent,
    "up": services.point_move_up,
    "down": services.point_move_down,
}
ANNOUNCEMENTS = {
    "save": _("Gespeichert."),
    "new": _("Gespeichert. Neuer Punkt."),
    "indent": _("Eingerückt."),
    "outdent": _("Ausgerückt."),
    "up": _("Nach oben verschoben."),
    "down": _("Nach unten verschoben."),
    "delete": _("Punkt gelöscht."),
}


def _render_editor(
    request: HttpRequest,
    access: Access,
    meeting: Meeting,
    *,
    status: int = 200,
    **options: Any,
) -> HttpResponse:
    detail = selectors.meeting_detail(access=access, pk=meeting.pk, today=today())
    context = detail_context(access=access, detail=detail, editor_options=options)
    if is_htmx(request):
        return render(request, "meetings/_minutes_editor.html", context, status=status)
    # Without JavaScript the whole page comes back, with the typed text in its row.
    status = REFUSED_PAGE if status == INVALID else status
    return render(request, "meetings/meeting_detail.html", context, status=status)


def _editable_meeting(access: Access, pk: int) -> Meeting:
    meeting = selectors.meeting_for_write(access=access, pk=pk)
    if meeting.state == Meeting.State.CANCELLED:
        raise Http404(_("Eine abgesagte Sitzung hat kein Protokoll."))
    return meeting


def _key(value: str | None) -> int | None:
    """A posted id, or None when none was sent; a malformed one is a 404."""
    if not value:
        return None
    pk = parse_key(value)
    if pk is None:
        raise Http404
    return pk


def _draft_from(
    data: QueryDict, access: Access, meeting: Meeting
) -> tuple[Draft, AgendaItem | None, Point | None]:
    item_pk, parent_pk = _key(data.get("agenda_item")), _key(data.get("parent"))
    agenda_item = (
        selectors.agenda_item_get(access=access, meeting=meeting, pk=item_pk)
        if item_pk is not None
        else None
    )
    parent = (
        selectors.point_get(access=access, meeting=meeting, pk=parent_pk)
        if parent_pk is not None
        else None
    )
    position = data.get("position", "")
    draft = Draft(
        agenda_item_id=agenda_item.pk
        if agenda_item
        else (parent.agenda_item_id if parent else None),
        parent_id=parent.pk if parent else None,
        position=parse_int(position, low=0, high=10**6) or 10**6,
        text=data.get("text", ""),
        kind=data.get("kind", Point.Kind.INFORMATION),
        owner=data.get("owner", ""),
        due=data.get("due", ""),
        is_internal=bool(data.get("is_internal")),
    )
    return draft, agenda_item, parent


def _form_errors(error: ValidationError | dict[str, Any]) -> dict[str, list[str]]:
    if isinstance(error, ValidationError):
        if hasattr(error, "error_dict"):
            return {name: list(messages) for name, messages in error.message_dict.items()}
        return {"__all__": list(error.messages)}
    return {name: [str(message) for message in messages] for name, messages in error.items()}


def _typed_values(data: QueryDict) -> dict[str, Any]:
    return {
        "text": data.get("text", ""),
        "kind": data.get("kind", Point.Kind.INFORMATION),
        "owner": data.get("owner", ""),
        "due": data.get("due", ""),
        "is_internal": bool(data.get("is_internal")),
    }


@coordinator_only
@require_GET
def minutes_fragment(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    """The editor, optionally with an unsaved draft moved by Tab / Shift+Tab (``op``)."""
    meeting = _editable_meeting(access, pk)
    draft = None
    if request.GET.get("draft"):
        draft, _item, parent = _draft_from(request.GET, access, meeting)
        _move_draft(draft, request.GET.get("op", ""), meeting, parent)
    return _render_editor(
        request,
        access,
        meeting,
        draft=draft,
        focus=request.GET.get("focus", "draft" if draft else ""),
    )


def _move_draft(draft: Draft, op: str, meeting: Meeting, parent: Point | None) -> None:
    """Indent: last child of the previous sibling. Outdent: next sibling of the parent
    (``parent``: the draft's parent, already looked up by ``_draft_from``)."""
    if op == "indent" and draft.position > 0:
        previous = selectors.previous_sibling(
            meeting=meeting,
            agenda_item_id=draft.agenda_item_id,
            parent_id=draft.parent_id,
            position=draft.position,
        )
        if previous is not None:
            draft.parent_id = previous.pk
            draft.position = selectors.child_count(previous)
    elif op == "outdent" and parent is not None:
        draft.parent_id = parent.parent_id
        draft.position = parent.position + 1


def _owner_lookup(access: Access) -> OwnerLookup:
    """A chosen owner is checked with one query (the editor's list is sent once per page)."""
    return lambda value: selectors.owner_get(access=access, value=value)


@coordinator_only
@require_POST
def point_create(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    meeting = _editable_meeting(access, pk)
    draft, agenda_item, parent = _draft_from(request.POST, access, meeting)
    form = PointForm(request.POST, owner_lookup=_owner_lookup(access))
    if form.is_valid():
        try:
            point = services.point_add(
                meeting=meeting,
                agenda_item=agenda_item,
                parent=parent,
                position=draft.position,
                **form.service_values(),
            )
        except ValidationError as error:
            draft.errors = _form_errors(error)
        else:
            if not is_htmx(request):
                return redirect(_anchor(access, meeting, f"point-{point.pk}"))
            # An inline draft sends its position; a section's "new point" row sends none.
            inline = parse_int(request.POST.get("position", ""), low=0) is not None
            section = point.agenda_item_id or 0
            return render_saved(
                request, access, meeting, point, from_draft="draft" if inline else f"new-{section}"
            )
    else:
        draft.errors = _form_errors(form.errors)
    return _render_editor(
        request,
        access,
        meeting,
        status=INVALID,
        draft=draft,
        focus=_error_focus("draft", draft.errors),
    )


def _error_focus(key: str | int, errors: dict[str, list[str]]) -> str:
    """The field to fix first: the due date or owner if they are wrong, else the text."""
    field = next((name for name in ("due", "owner") if name in errors), "text")
    if key == "draft":
        return "draft" if field == "text" else f"draft:{field}"
    return f"point-{field}-{key}"


@coordinator_only
@require_POST
def point_change(request: HttpRequest, access: Access, pk: int, point_pk: int) -> HttpResponse:
    """Save the row's values (if sent), then do ``op``: save, new, indent, outdent, up, down,
    delete."""
    meeting = _editable_meeting(access, pk)
    point = selectors.point_get(access=access, meeting=meeting, pk=point_pk)
    op = request.POST.get("op", "save")
    if op not in {"save", "new", "delete", *OPS}:
        raise Http404
    if op == "delete":
        focus = selectors.row_above_deleted(point)
        services.point_delete(point=point, actor_id=access.user_id)
        if not is_htmx(request):
            return redirect(_anchor(access, meeting, "protokoll"))
        return _render_editor(request, access, meeting, focus=focus, announce=ANNOUNCEMENTS[op])
    if "text" in request.POST:
        form = PointForm(request.POST, owner_lookup=_owner_lookup(access))
        errors = _form_errors(form.errors) if not form.is_valid() else None
        if errors is None:
            try:
                services.point_update(
                    point=point, version=request.POST.get(VERSION_FIELD), **form.service_values()
                )
            except ValidationError as error:
                errors = _form_errors(error)
        if errors is not None:
            return _row_error(request, access, meeting, point, errors, op)
    try:
        if op in OPS:
            OPS[op](point=point)
    except ValidationError as error:
        # The values were saved; only the move was impossible (e.g. first point: no indent).
        return _render_editor(
            request,
            access,
            meeting,
            focus=f"point-text-{point.pk}",
            announce=" ".join(error.messages),
        )
    if not is_htmx(request):
        return redirect(_anchor(access, meeting, f"point-{point.pk}"))
    if op == "save":
        return _render_row(request, access, meeting, point.pk)
    point.refresh_from_db()
    if op == "new":
        return render_saved(request, access, meeting, point)
    return _render_editor(
        request, access, meeting, focus=f"point-text-{point.pk}", announce=ANNOUNCEMENTS[op]
    )


def _row_error(
    request: HttpRequest,
    access: Access,
    meeting: Meeting,
    point: Point,
    errors: dict[str, list[str]],
    op: str,
) -> HttpResponse:
    row_errors = {point.pk: (_typed_values(request.POST), errors)}
    if is_htmx(request) and op == "save":
        return _render_row(
            request, access, meeting, point.pk, row_errors=row_errors, status=INVALID
        )
    return _render_editor(
        request,
        access,
        meeting,
        status=INVALID,
        row_errors=row_errors,
        focus=_error_focus(point.pk, errors),
    )


def _render_row(
    request: HttpRequest,
    access: Access,
    meeting: Meeting,
    point_pk: int,
    *,
    row_errors: dict[int, tuple[dict[str, Any], dict[str, list[str]]]] | None = None,
    status: int = 200,
) -> HttpResponse:
    """Only the one row: a plain save must not disturb what is being typed elsewhere."""
    point = selectors.point_get(access=access, meeting=meeting, pk=point_pk, with_task=True)
    node = PointNode(point=point, depth=0)
    prepare_rows([node], row_errors or {})
    errors = node.errors  # type: ignore[attr-defined]
    chosen = node.values["owner"]  # type: ignore[attr-defined]
    owner = selectors.owner_get(access=access, value=chosen) if chosen else None
    context = {
        "owner_labels": {chosen: selectors.owner_label(owner)} if owner is not None else {},
        "node": node,
        "meeting": meeting,
        **point_context(access=access, meeting=meeting, point_ids=(point.pk,)),
        "kinds": Point.Kind.choices,
        "labels": {name: str(label) for name, label in ROW_LABELS.items()},
        "announce": "" if errors else ANNOUNCEMENTS["save"],
    }
    return render(request, "meetings/_point_row.html", context, status=status)


def _anchor(access: Access, meeting: Meeting, anchor: str) -> str:
    return reverse("meetings:detail", args=[access.cooperation.slug, meeting.pk]) + f"#{anchor}"
