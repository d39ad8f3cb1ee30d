"""The goals as a ranked forest with their visible projects."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from ikz.accounts.access import Access
from ikz.meetings.selectors import visible_meetings
from ikz.projects.models import Goal, Project
from ikz.projects.selectors.visibility import visible_projects


@dataclass
class GoalNode:
    goal: Goal
    depth: int
    projects: list[Project]
    children: list[GoalNode] = field(default_factory=list)


def goals_ranked(*, access: Access) -> list[GoalNode]:
    """The goals as a ranked forest (unranked last), each with its visible projects."""
    visible = visible_projects(access=access)
    goals = list(
        Goal.objects.filter(cooperation=access.cooperation)
        .select_related("set_in_meeting", "set_in_meeting__body")
        .prefetch_related(Prefetch("projects", queryset=visible.order_by("title")))
    )
    meeting_ids = {g.set_in_meeting_id for g in goals if g.set_in_meeting_id}
    listed_meetings = (
        set(visible_meetings(access=access).filter(pk__in=meeting_ids).values_list("pk", flat=True))
        if meeting_ids
        else set()
    )
    nodes = {}
    for goal in goals:
        if goal.set_in_meeting_id and goal.set_in_meeting_id not in listed_meetings:
            goal.set_in_meeting = None
        nodes[goal.pk] = GoalNode(goal=goal, depth=0, projects=list(goal.projects.all()))
    roots: list[GoalNode] = []
    for goal in goals:
        node = nodes[goal.pk]
        (nodes[goal.parent_id].children if goal.parent_id in nodes else roots).append(node)

    def key(node: GoalNode) -> tuple[bool, int, str]:
        return (node.goal.rank is None, node.goal.rank or 0, node.goal.title)

    roots.sort(key=key)
    stack = [(node, 0) for node in roots]
    while stack:
        node, depth = stack.pop()
        node.depth = depth
        node.children.sort(key=key)
        stack.extend((child, depth + 1) for child in node.children)
    return roots


def flatten_goals(roots: list[GoalNode]) -> list[GoalNode]:
    flat: list[GoalNode] = []
    stack = list(reversed(roots))
    while stack:
        node = stack.pop()
        flat.append(node)
        stack.extend(reversed(node.children))
    return flat


def goal_get(*, access: Access, pk: int) -> Goal:
    return get_object_or_404(Goal, cooperation=access.cooperation, pk=pk)
