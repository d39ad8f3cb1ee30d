"""Ordered trees of agenda items and minutes points, kept valid by every operation.

Both models store a tree as ``parent`` plus ``position`` among siblings. A tree lives in a
*scope*: the agenda of one meeting, or the points of one meeting under one agenda item (or
under none). The invariant the operations keep and ``tree_errors`` checks:

* positions among the siblings of one parent are exactly 0..n-1,
* every parent lies in the same scope as its child,
* there is no cycle.

Callers hold a transaction; positions are shifted with single UPDATE statements.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.dispatch import Signal
from django.utils.translation import gettext as _

from ikz.meetings.models import AgendaItem, Point
from ikz.tracking.records import bulk_update as bulk_update_with_history

Node = TypeVar("Node", AgendaItem, Point)

# Sent after nodes moved (sender: the model, ``nodes``: the moved nodes, fresh from the
# database): the UPDATEs send no post_save, and the search index keeps a flag that depends on
# a point's ancestors (ikz.search.hidden).
nodes_moved = Signal()


def scope_of(node: AgendaItem | Point) -> dict[str, Any]:
    if isinstance(node, Point):
        return {"meeting_id": node.meeting_id, "agenda_item_id": node.agenda_item_id}
    return {"meeting_id": node.meeting_id}


def siblings(node: Node) -> models.QuerySet[Node]:
    """The node's siblings (itself included), in the same scope and under the same parent."""
    return type(node).objects.filter(**scope_of(node), parent_id=node.parent_id)


def children_count(model: type[Node], *, scope: dict[str, Any], parent_id: int | None) -> int:
    return model.objects.filter(**scope, parent_id=parent_id).count()


def _shift(
    model: type[Node], *, scope: dict[str, Any], parent_id: int | None, start: int, by: int
) -> None:
    model.objects.filter(**scope, parent_id=parent_id, position__gte=start).update(
        position=F("position") + by
    )


def insert(node: Node, *, parent: Node | None, position: int | None) -> Node:
    """Save a new node as child number ``position`` of ``parent`` (None: at the end)."""
    scope = scope_of(node)
    if parent is not None and scope_of(parent) != scope:
        raise ValidationError(_("Der übergeordnete Punkt gehört zu einem anderen Abschnitt."))
    count = children_count(type(node), scope=scope, parent_id=parent.pk if parent else None)
    if position is None or position > count:
        position = count
    position = max(position, 0)
    _shift(type(node), scope=scope, parent_id=parent.pk if parent else None, start=position, by=1)
    node.parent = parent
    node.position = position
    node.save()
    return node


def make_room(node: Node) -> None:
    """Before a deleted node is saved again (restored from the history): free its old place
    among the current siblings, or take the end if there are fewer now."""
    scope = scope_of(node)
    count = children_count(type(node), scope=scope, parent_id=node.parent_id)
    node.position = min(node.position, count)
    _shift(type(node), scope=scope, parent_id=node.parent_id, start=node.position, by=1)


def _detach(node: Node) -> None:
    """Close the gap the node leaves among its current siblings (the node itself is kept)."""
    type(node).objects.filter(
        **scope_of(node), parent_id=node.parent_id, position__gt=node.position
    ).update(position=F("position") - 1)


def _move_to(node: Node, *, parent_id: int | None, position: int) -> None:
    model = type(node)
    _detach(node)
    _shift(model, scope=scope_of(node), parent_id=parent_id, start=position, by=1)
    model.objects.filter(pk=node.pk).update(parent_id=parent_id, position=position)
    node.parent_id = parent_id
    node.position = position


def _record_move(model: type[Node], *pks: int) -> None:
    """A history record ("changed") for each moved node, read back after the UPDATEs: the
    moves themselves are single UPDATE statements, which simple-history does not see. The
    siblings that only close or open a gap are not recorded: their order follows from these."""
    fresh = list(model.objects.filter(pk__in=pks))
    bulk_update_with_history(model, fresh, ["parent", "position"])
    nodes_moved.send(sender=model, nodes=fresh)


def previous_sibling(node: Node) -> Node | None:
    if node.position == 0:
        return None
    return siblings(node).filter(position=node.position - 1).first()


def indent(node: Node) -> Node:
    """Make the node the last child of its previous sibling."""
    target = previous_sibling(node)
    if target is None:
        raise ValidationError(_("Der erste Punkt einer Ebene kann nicht eingerückt werden."))
    count = children_count(type(node), scope=scope_of(node), parent_id=target.pk)
    _move_to(node, parent_id=target.pk, position=count)
    _record_move(type(node), node.pk)
    return node


def outdent(node: Node) -> Node:
    """Make the node the next sibling of its parent; its own following siblings stay put."""
    if node.parent_id is None:
        raise ValidationError(_("Der Punkt steht bereits auf der obersten Ebene."))
    parent = type(node).objects.get(pk=node.parent_id)
    # Detach first: the parent's position does not change by it (they are on different levels).
    _detach(node)
    _shift(
        type(node),
        scope=scope_of(node),
        parent_id=parent.parent_id,
        start=parent.position + 1,
        by=1,
    )
    type(node).objects.filter(pk=node.pk).update(
        parent_id=parent.parent_id, position=parent.position + 1
    )
    node.parent_id = parent.parent_id
    node.position = parent.position + 1
    _record_move(type(node), node.pk)
    return node


def move(node: Node, *, by: int) -> Node:
    """Swap the node with its neighbour above (by=-1) or below (by=+1)."""
    other = siblings(node).filter(position=node.position + by).first()
    if other is None:
        raise ValidationError(
            _("Der Punkt steht bereits ganz oben.")
            if by < 0
            else _("Der Punkt steht bereits ganz unten.")
        )
    model = type(node)
    model.objects.filter(pk=other.pk).update(position=node.position)
    model.objects.filter(pk=node.pk).update(position=other.position)
    node.position = other.position
    _record_move(model, node.pk, other.pk)
    return node


def delete(node: Node) -> None:
    """Delete the node with its subtree (the parent FK cascades) and close the gap."""
    _detach(node)
    node.delete()


def tree_errors(nodes: Iterable[AgendaItem | Point]) -> list[str]:
    """Everything wrong with these nodes as a tree; empty when the invariant holds.

    ``nodes`` must be all nodes of one meeting (points or agenda items).
    """
    by_pk = {node.pk: node for node in nodes}
    errors: list[str] = []
    groups: dict[tuple[Any, ...], list[int]] = defaultdict(list)
    for node in by_pk.values():
        scope = tuple(sorted(scope_of(node).items()))
        groups[(scope, node.parent_id)].append(node.position)
        if node.parent_id is not None:
            parent = by_pk.get(node.parent_id)
            if parent is None:
                errors.append(f"{node.pk}: parent {node.parent_id} outside the meeting")
            elif scope_of(parent) != scope_of(node):
                errors.append(f"{node.pk}: parent {parent.pk} in another scope")
        seen = {node.pk}
        current = node
        while current.parent_id is not None and current.parent_id in by_pk:
            if current.parent_id in seen:
                errors.append(f"{node.pk}: cycle through {current.parent_id}")
                break
            seen.add(current.parent_id)
            current = by_pk[current.parent_id]
    for key, positions in groups.items():
        if sorted(positions) != list(range(len(positions))):
            errors.append(f"{key}: positions {sorted(positions)} are not 0..{len(positions) - 1}")
    return errors
