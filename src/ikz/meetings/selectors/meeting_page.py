"""The meeting page: agenda numbering, the minutes as a point forest, drafts and attendance."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from ikz.accounts.access import Access
from ikz.cooperation.models import Body, Municipality, Person
from ikz.meetings.models import AgendaItem, Attendance, Meeting, Point, Task
from ikz.meetings.selectors.visibility import (
    can_see_internal_points,
    can_see_minutes,
    meeting_get,
)


@dataclass
class PointNode:
    point: Point
    depth: int
    children: list[PointNode | Draft] = field(default_factory=list)
    is_draft = False
    # Set by the selector from the visitor's access: may the visitor read people's names?
    show_people: bool = False
    # The day "overdue" is measured against; None: the page shows no overdue mark.
    today: dt.date | None = None

    @property
    def task(self) -> Task | None:
        # The reverse one-to-one raises when there is no task; select_related has filled it.
        return getattr(self.point, "task", None) if self.point.kind == Point.Kind.TASK else None

    @property
    def task_owner(self) -> Person | Municipality | Body | None:
        """The task's owner as this visitor may see it (no person names for the public)."""
        task = self.task
        return task.owner_for(show_people=self.show_people) if task is not None else None

    @property
    def task_overdue(self) -> bool:
        task = self.task
        return task is not None and self.today is not None and task.is_overdue(self.today)


@dataclass
class Draft:
    """A point being typed that is not saved yet: where it would go and what it holds."""

    agenda_item_id: int | None
    parent_id: int | None
    position: int
    text: str = ""
    kind: str = Point.Kind.INFORMATION
    owner: str = ""
    due: str = ""
    errors: dict[str, list[str]] = field(default_factory=dict)
    is_internal: bool = False
    depth: int = 0
    # "draft" for a draft inside the tree, "new-<section>" for a section's last row.
    key: str = "draft"
    is_draft = True


@dataclass
class Token:
    """One step of a tree flattened for a loop in a template: open/close a list or an item."""

    kind: str  # "open", "item", "end", "close"
    node: PointNode | Draft | None = None


@dataclass
class Section:
    """The points under one agenda item (or under the meeting itself: ``item`` is None)."""

    item: AgendaItem | None
    number: str
    depth: int
    roots: list[PointNode | Draft] = field(default_factory=list)
    carried_over: bool = False
    # The editor's "new point" row at the end of the section.
    end_draft: Draft | None = None

    @property
    def key(self) -> str:
        return str(self.item.pk) if self.item else "0"

    @property
    def tokens(self) -> list[Token]:
        return flatten(self.roots)

    @property
    def is_empty(self) -> bool:
        return not self.roots


def flatten(roots: list[PointNode | Draft]) -> list[Token]:
    """Nested lists as a flat token stream, without recursion (minutes can nest deeply)."""
    tokens: list[Token] = []
    if not roots:
        return tokens
    tokens.append(Token("open"))
    stack: list[Any] = [iter(roots)]
    while stack:
        node = next(stack[-1], None)
        if node is None:
            stack.pop()
            tokens.append(Token("close"))
            if stack:
                tokens.append(Token("end"))
            continue
        tokens.append(Token("item", node))
        children = getattr(node, "children", None)
        if children:
            tokens.append(Token("open"))
            stack.append(iter(children))
        else:
            tokens.append(Token("end"))
    return tokens


@dataclass
class MeetingDetail:
    meeting: Meeting
    agenda: list[tuple[AgendaItem, str, int]]  # item, number ("2.1"), depth
    sections: list[Section]
    show_minutes: bool
    attendances: list[Attendance]
    municipalities: list[Municipality]
    point_count: int

    @property
    def has_points(self) -> bool:
        return any(not section.is_empty for section in self.sections)


def _agenda_order(items: list[AgendaItem]) -> list[tuple[AgendaItem, str, int]]:
    children: dict[int | None, list[AgendaItem]] = defaultdict(list)
    for item in items:
        children[item.parent_id].append(item)
    for siblings in children.values():
        siblings.sort(key=lambda item: (item.position, item.pk))
    ordered: list[tuple[AgendaItem, str, int]] = []
    stack: list[tuple[AgendaItem, str, int]] = [
        (item, str(index), 0) for index, item in reversed(list(enumerate(children[None], 1)))
    ]
    while stack:
        item, number, depth = stack.pop()
        ordered.append((item, number, depth))
        stack.extend(
            (child, f"{number}.{index}", depth + 1)
            for index, child in reversed(list(enumerate(children[item.pk], 1)))
        )
    return ordered


def build_point_forest(
    points: list[Point],
    *,
    hide_internal: bool,
    show_people: bool = False,
    today: dt.date | None = None,
) -> dict[int | None, list[PointNode]]:
    """Root nodes per agenda item id; internal points (with their subtrees) left out if asked.

    ``show_people`` and ``today`` go to every node (task owner shown, overdue mark)."""
    nodes = {
        point.pk: PointNode(point=point, depth=0, show_people=show_people, today=today)
        for point in points
    }
    kids: dict[int | None, list[Point]] = defaultdict(list)
    for point in points:
        kids[point.parent_id].append(point)
    for siblings in kids.values():
        siblings.sort(key=lambda point: (point.position, point.pk))
    roots: dict[int | None, list[PointNode]] = defaultdict(list)
    stack = [(point, 0) for point in reversed(kids[None])]
    while stack:
        point, depth = stack.pop()
        if hide_internal and point.is_internal:
            continue
        node = nodes[point.pk]
        node.depth = depth
        if point.parent_id is None:
            roots[point.agenda_item_id].append(node)
        else:
            nodes[point.parent_id].children.append(node)
        stack.extend((child, depth + 1) for child in reversed(kids[point.pk]))
    return roots


def meeting_detail(*, access: Access, pk: int, today: dt.date | None = None) -> MeetingDetail:
    """The meeting with agenda, minutes tree and attendance in a fixed number of queries.

    With ``today``, the minutes' open tasks due before it are marked overdue."""
    meeting = meeting_get(access=access, pk=pk)
    items = list(
        AgendaItem.objects.filter(meeting=meeting, cooperation=access.cooperation).select_related(
            # The survey: its evaluation is linked from the agenda (no extra query per item).
            "presenter",
            "presenter__municipality",
            "carried_over_from",
            "survey",
        )
    )
    agenda = _agenda_order(items)
    show_minutes = can_see_minutes(access=access, meeting=meeting)
    points: list[Point] = []
    if show_minutes:
        points = list(
            Point.objects.filter(meeting=meeting, cooperation=access.cooperation)
            .select_related(
                "task",
                "task__owner_person",
                "task__owner_municipality",
                "task__owner_body",
                "task__follow_up_meeting",
                "task__follow_up_meeting__body",
            )
            .order_by("parent_id", "position", "pk")
        )
    roots = build_point_forest(
        points,
        hide_internal=not can_see_internal_points(access=access),
        show_people=access.is_member,
        today=today,
    )
    sections = [Section(item=None, number="", depth=0, roots=list(roots.get(None, [])))]
    sections += [
        Section(
            item=item,
            number=number,
            depth=depth,
            roots=list(roots.get(item.pk, [])),
            carried_over=item.carried_over_from_id is not None,
        )
        for item, number, depth in agenda
    ]
    attendances: list[Attendance] = list(
        Attendance.objects.filter(meeting=meeting, cooperation=access.cooperation)
        .select_related("person", "person__municipality")
        .order_by("person__municipality__name", "person__family_name", "person__given_name")
    )
    municipalities = sorted(
        {
            a.person.municipality.pk: a.person.municipality
            for a in attendances
            if a.status == Attendance.Status.PRESENT and a.person.municipality is not None
        }.values(),
        key=lambda municipality: municipality.name,
    )
    return MeetingDetail(
        meeting=meeting,
        agenda=agenda,
        sections=sections,
        show_minutes=show_minutes,
        attendances=attendances if access.is_member else [],
        municipalities=municipalities,
        point_count=len(points),
    )


def place_drafts(detail: MeetingDetail, draft: Draft | None) -> None:
    """Give every section its "new point" row and put ``draft`` (unsaved) where it would go.

    A draft at the end of a section's top level is that section's "new point" row; a draft
    whose parent has gone meanwhile lands there too, so that its text is not lost.
    """
    for section in detail.sections:
        section_id = section.item.pk if section.item else None
        section.end_draft = Draft(
            agenda_item_id=section_id,
            parent_id=None,
            position=len(section.roots),
            key=f"new-{section.key}",
        )
        if draft is None or draft.agenda_item_id != section_id:
            continue
        parent = _find(section.roots, draft.parent_id) if draft.parent_id else None
        if parent is None and (draft.parent_id is not None or draft.position >= len(section.roots)):
            draft.parent_id = None
            draft.position = len(section.roots)
            draft.depth = 0
            draft.key = section.end_draft.key
            section.end_draft = draft
            continue
        siblings = parent.children if parent else section.roots
        draft.depth = parent.depth + 1 if parent else 0
        draft.key = "draft"
        draft.position = min(max(draft.position, 0), len(siblings))
        siblings.insert(draft.position, draft)


def _find(roots: list[PointNode | Draft], pk: int) -> PointNode | None:
    stack = list(roots)
    while stack:
        node = stack.pop()
        if isinstance(node, PointNode):
            if node.point.pk == pk:
                return node
            stack.extend(node.children)
    return None
