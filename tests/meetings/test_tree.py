"""Nesting operations keep a valid tree: contiguous positions, no cycles, one scope per tree."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from ikz.meetings import services
from ikz.meetings.models import AgendaItem, Meeting, Point
from ikz.meetings.tree import tree_errors
from tests.conftest import World, build_world
from tests.meetings.factories import meeting, points


def shape(of_meeting: Meeting, agenda_item: AgendaItem | None = None) -> list[object]:
    """The minutes as nested lists of texts: ["a", ["a1", "a2"], "b"]."""
    all_points = list(Point.objects.filter(meeting=of_meeting, agenda_item=agenda_item))
    by_parent: dict[int | None, list[Point]] = {}
    for point in sorted(all_points, key=lambda p: p.position):
        by_parent.setdefault(point.parent_id, []).append(point)

    def build(parent_id: int | None) -> list[object]:
        result: list[object] = []
        for point in by_parent.get(parent_id, []):
            result.append(point.text)
            if point.pk in by_parent:
                result.append(build(point.pk))
        return result

    return build(None)


def assert_valid(of_meeting: Meeting) -> None:
    assert tree_errors(Point.objects.filter(meeting=of_meeting)) == []
    assert tree_errors(AgendaItem.objects.filter(meeting=of_meeting)) == []


@pytest.fixture
def bauhof(world: World) -> Meeting:
    return meeting(body=world.member_body)


def test_add_after_and_as_child(bauhof: Meeting) -> None:
    a, _b = points(bauhof, "a", "b")
    services.point_add(meeting=bauhof, text="a2", after=a)
    services.point_add(meeting=bauhof, text="a-kind", parent=a)
    services.point_add(meeting=bauhof, text="a-kind-0", parent=a, position=0)
    assert shape(bauhof) == ["a", ["a-kind-0", "a-kind"], "a2", "b"]
    assert_valid(bauhof)


def test_indent_makes_last_child_of_previous_sibling(bauhof: Meeting) -> None:
    a, b, c = points(bauhof, "a", "b", "c")
    services.point_add(meeting=bauhof, text="a1", parent=a)
    services.point_indent(point=b)
    assert shape(bauhof) == ["a", ["a1", "b"], "c"]
    services.point_indent(point=c)
    assert shape(bauhof) == ["a", ["a1", "b", "c"]]
    assert_valid(bauhof)


def test_first_point_cannot_be_indented(bauhof: Meeting) -> None:
    (a,) = points(bauhof, "a")
    with pytest.raises(ValidationError, match="erste Punkt"):
        services.point_indent(point=a)
    assert shape(bauhof) == ["a"]


def test_outdent_becomes_next_sibling_of_parent_and_leaves_followers(bauhof: Meeting) -> None:
    a, b = points(bauhof, "a", "b")
    children = [services.point_add(meeting=bauhof, text=t, parent=a) for t in ("a1", "a2", "a3")]
    a2 = children[1]
    services.point_outdent(point=a2)
    assert shape(bauhof) == ["a", ["a1", "a3"], "a2", "b"]
    assert_valid(bauhof)
    with pytest.raises(ValidationError, match="obersten Ebene"):
        services.point_outdent(point=b)


def test_move_up_and_down_swap_with_siblings(bauhof: Meeting) -> None:
    a, b, c = points(bauhof, "a", "b", "c")
    services.point_move_up(point=c)
    assert shape(bauhof) == ["a", "c", "b"]
    services.point_move_down(point=a)
    assert shape(bauhof) == ["c", "a", "b"]
    with pytest.raises(ValidationError, match="ganz oben"):
        services.point_move_up(point=Point.objects.get(text="c"))
    with pytest.raises(ValidationError, match="ganz unten"):
        services.point_move_down(point=b)
    assert_valid(bauhof)


def test_delete_takes_subtree_and_task(bauhof: Meeting, world: World) -> None:
    a, _b = points(bauhof, "a", "b")
    child = services.point_add(meeting=bauhof, text="a1", parent=a, kind=Point.Kind.TASK)
    services.point_add(meeting=bauhof, text="a1x", parent=child)
    assert child.task.pk
    services.point_delete(point=a)
    assert shape(bauhof) == ["b"]
    assert not bauhof.cooperation.tasks.exists()
    assert_valid(bauhof)


def test_points_under_agenda_items_are_separate_trees(bauhof: Meeting) -> None:
    top1 = services.agenda_item_add(meeting=bauhof, title="TOP 1")
    top2 = services.agenda_item_add(meeting=bauhof, title="TOP 2")
    x = services.point_add(meeting=bauhof, text="x", agenda_item=top1)
    services.point_add(meeting=bauhof, text="y", agenda_item=top2)
    services.point_add(meeting=bauhof, text="x1", after=x)
    services.point_add(meeting=bauhof, text="x-kind", parent=x)
    assert shape(bauhof, top1) == ["x", ["x-kind"], "x1"]
    assert shape(bauhof, top2) == ["y"]
    with pytest.raises(ValidationError):
        services.point_add(meeting=bauhof, text="falsch", parent=x, agenda_item=top2)
    assert_valid(bauhof)


def test_parent_from_another_meeting_is_refused(world: World) -> None:
    first = meeting(body=world.member_body)
    second = meeting(body=world.member_body)
    (foreign,) = points(first, "a")
    with pytest.raises(ValidationError, match="anderen Sitzung"):
        services.point_add(meeting=second, text="b", parent=foreign)
    with pytest.raises(ValidationError, match="anderen Sitzung"):
        services.point_add(meeting=second, text="b", after=foreign)


def test_agenda_items_nest_and_move(bauhof: Meeting) -> None:
    one, two, three = (
        services.agenda_item_add(meeting=bauhof, title=t) for t in ("Eins", "Zwei", "Drei")
    )
    services.agenda_item_indent(item=two)
    services.agenda_item_move_up(item=three)
    services.agenda_item_outdent(item=two)
    titles = [
        (item.title, item.parent_id, item.position)
        for item in AgendaItem.objects.filter(meeting=bauhof).order_by("parent_id", "position")
    ]
    assert ("Eins", None, 1) in titles
    assert ("Drei", None, 0) in titles
    assert ("Zwei", None, 2) in titles
    services.agenda_item_delete(item=one)
    assert_valid(bauhof)


def test_tree_errors_finds_gaps_and_cycles(bauhof: Meeting) -> None:
    a, b = points(bauhof, "a", "b")
    Point.objects.filter(pk=b.pk).update(position=5)
    assert any("positions" in error for error in tree_errors(Point.objects.filter(meeting=bauhof)))
    Point.objects.filter(pk=b.pk).update(position=1, parent=a)
    Point.objects.filter(pk=a.pk).update(parent=b)
    assert any("cycle" in error for error in tree_errors(Point.objects.filter(meeting=bauhof)))


# --- Random sequences of operations ------------------------------------------------------------

OPERATIONS = [
    "add",
    "add_child",
    "add_after",
    "indent",
    "outdent",
    "up",
    "down",
    "delete",
    "retype",
]


@settings(
    max_examples=25,
    stateful_step_count=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
class MinutesMachine(RuleBasedStateMachine):
    """Random edits; after each one the tree must be valid and no point lost or duplicated."""

    def __init__(self) -> None:
        super().__init__()
        # Each example runs in its own transaction, rolled back in teardown: a clean database.
        self._atomic = transaction.atomic()
        self._atomic.__enter__()
        world = build_world("M")
        self.meeting = meeting(body=world.member_body)
        self.agenda = [None, services.agenda_item_add(meeting=self.meeting, title="TOP 1")]
        self.expected: set[int] = set()
        self.counter = 0

    def _points(self) -> list[Point]:
        return list(Point.objects.filter(meeting=self.meeting).order_by("pk"))

    def _pick(self, data: st.DataObject) -> Point:
        return data.draw(st.sampled_from(self._points()))

    @rule(data=st.data(), operation=st.sampled_from(OPERATIONS))
    def apply(self, data: st.DataObject, operation: str) -> None:
        self.counter += 1
        text = f"p{self.counter}"
        existing = self._points()
        if operation == "add" or not existing:
            item = data.draw(st.sampled_from(self.agenda))
            point = services.point_add(meeting=self.meeting, text=text, agenda_item=item)
            self.expected.add(point.pk)
            return
        target = self._pick(data)
        try:
            if operation == "add_child":
                self.expected.add(
                    services.point_add(meeting=self.meeting, text=text, parent=target).pk
                )
            elif operation == "add_after":
                self.expected.add(
                    services.point_add(meeting=self.meeting, text=text, after=target).pk
                )
            elif operation == "indent":
                services.point_indent(point=target)
            elif operation == "outdent":
                services.point_outdent(point=target)
            elif operation == "up":
                services.point_move_up(point=target)
            elif operation == "down":
                services.point_move_down(point=target)
            elif operation == "retype":
                services.point_update(
                    point=target, kind=data.draw(st.sampled_from(Point.Kind.values))
                )
            elif operation == "delete":
                doomed = self._subtree(target.pk)
                services.point_delete(point=target)
                self.expected -= doomed
        except ValidationError:
            pass  # refused (first point indent, top-level outdent, ...): nothing may change

    def _subtree(self, pk: int) -> set[int]:
        children: dict[int | None, list[int]] = {}
        for point in self._points():
            children.setdefault(point.parent_id, []).append(point.pk)
        found, stack = set(), [pk]
        while stack:
            current = stack.pop()
            found.add(current)
            stack.extend(children.get(current, []))
        return found

    @invariant()
    def tree_is_valid(self) -> None:
        current = self._points()
        assert tree_errors(current) == []
        assert {p.pk for p in current} == self.expected
        task_points = {p.pk for p in current if p.kind == Point.Kind.TASK}
        assert (
            set(
                self.meeting.cooperation.tasks.filter(point__meeting=self.meeting).values_list(
                    "point_id", flat=True
                )
            )
            == task_points
        )

    def teardown(self) -> None:
        transaction.set_rollback(True)
        self._atomic.__exit__(None, None, None)


@pytest.mark.django_db
def test_random_operations_keep_a_valid_tree() -> None:
    MinutesMachine.TestCase().runTest()
