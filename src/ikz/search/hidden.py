"""Minutes points the public never finds: internal points and everything below them.

For points, ``SearchEntry.is_internal`` holds exactly this (not only the point's own flag), so
the public search tests a column instead of walking up the tree from every match: on
PostgreSQL the walk, planned once per matching row, made a public search take seconds
(docs/benchmarks.md). The flag is recomputed from the live tree of the affected meetings
(``refresh``) after a point is indexed (added, edited, made internal or not, restored), after
tree moves (``ikz.meetings.tree.nodes_moved``) and after a rebuild of the index. The points
finally shown are checked once more through ``projects.selectors.readable_points``.
"""

from __future__ import annotations

from collections.abc import Iterable

from ikz.meetings.models import Point
from ikz.search.models import SearchEntry

_CHUNK = 500  # ids per UPDATE (SQLite's limit on bound parameters)


def hidden(rows: Iterable[tuple[int, int | None, bool]]) -> set[int]:
    """The ids among ``(id, parent_id, is_internal)`` rows (whole trees) that are internal or
    lie below an internal point, at any depth."""
    parent_of: dict[int, int | None] = {}
    answer: dict[int, bool] = {}
    for pk, parent_id, is_internal in rows:
        parent_of[pk] = parent_id
        if is_internal:
            answer[pk] = True
    for start in parent_of:
        path: list[int] = []
        current: int | None = start
        # Walk up to a point already decided, an internal one, or the top; ``path`` guards
        # against a broken tree with a cycle (tree.tree_errors), which then counts as visible.
        while current is not None and current not in answer and current not in path:
            path.append(current)
            current = parent_of.get(current)
        verdict = answer.get(current, False) if current is not None else False
        for pk in path:
            answer[pk] = verdict
    return {pk for pk, is_hidden in answer.items() if is_hidden}


def refresh(
    *, meeting_ids: Iterable[int] | None = None, cooperation_ids: Iterable[int] | None = None
) -> int:
    """Bring the points' index flags of these meetings (or cooperations; None: all) in line
    with their live trees; returns the number of rows changed. Two reads, and an UPDATE only
    where a flag is wrong."""
    points = Point.objects.all()
    entries = SearchEntry.objects.filter(kind="point")
    if meeting_ids is not None:
        meeting_ids = list(meeting_ids)
        points = points.filter(meeting_id__in=meeting_ids)
        entries = entries.filter(meeting_id__in=meeting_ids)
    if cooperation_ids is not None:
        points = points.filter(cooperation_id__in=cooperation_ids)
        entries = entries.filter(cooperation_id__in=cooperation_ids)
    should = hidden(points.values_list("pk", "parent_id", "is_internal"))
    wrong: dict[bool, list[int]] = {True: [], False: []}
    for object_id, flag in entries.values_list("object_id", "is_internal"):
        if (object_id in should) != flag:
            wrong[not flag].append(object_id)
    for flag, ids in wrong.items():
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            SearchEntry.objects.filter(kind="point", object_id__in=chunk).update(is_internal=flag)
    return len(wrong[True]) + len(wrong[False])
