"""Meetings in the exchange file: section ``meetings`` (see docs/data-exchange.md).

Layout::

    "meetings": {
      "meetings": [{"id", "body", "number", "title", "date" ("2019-12-05" or "2020-01"),
                    "start_time" ("09:00"), "end_time", "location", "is_public", "state",
                    "description", "sequence",
                    "agenda": [{"id", "title", "presenter", "duration_minutes",
                                "carried_over_from" (task), "children": [...]}],
                    "points": [{"id", "agenda_item" (top level only), "text", "kind",
                                "is_internal", "children": [...]}],
                    "attendance": [{"person", "status"}]}],
      "tasks": [{"id", "point", "title", "body", "follow_up_meeting", "owner_person",
                 "owner_municipality", "owner_body", "due", "state", "completed_on"}]
    }

Trees are nested lists; the order of a list is the order among siblings, so an imported tree
always has positions 0..n-1. Calendar tokens are never exported (they are secrets of a log-in).

Calendar identity: the meetings' iCalendar UIDs are not in the file. An import creates a new
cooperation, possibly next to the original on the same instance, and UIDs must be unique, so
every imported meeting gets a new UID; ``sequence`` is kept. Leaving the UID out keeps the
round-trip guarantee (export → import → export is byte-identical apart from ``exported_at``
and the slug). Consequence: calendar subscribers of the old cooperation see the imported
meetings as new events.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from typing import Any

from django.utils.translation import gettext as _

from ikz.cooperation.models import Body, Cooperation, Location, Municipality, Person
from ikz.dates import PartialDate, Precision
from ikz.exchange.fields import (
    Record,
    create,
    create_all,
    iso_date,
    iso_partial_date,
    records,
    validate,
)
from ikz.exchange.protocol import ExchangeError, ExportIds, ImportRefs, describe
from ikz.meetings.models import AgendaItem, Attendance, Meeting, Point, Task

NAME = "meetings"
PARTS = ("meetings", "tasks")
MEETING_KEYS = (
    "id",
    "body",
    "number",
    "title",
    "date",
    "start_time",
    "end_time",
    "location",
    "is_public",
    "state",
    "description",
    "sequence",
    "agenda",
    "points",
    "attendance",
)
AGENDA_KEYS = ("id", "title", "presenter", "duration_minutes", "carried_over_from", "children")
POINT_KEYS = ("id", "agenda_item", "text", "kind", "is_internal", "children")
CHILD_POINT_KEYS = ("id", "text", "kind", "is_internal", "children")
ATTENDANCE_KEYS = ("person", "status")
TASK_KEYS = (
    "id",
    "point",
    "title",
    "body",
    "follow_up_meeting",
    "owner_person",
    "owner_municipality",
    "owner_body",
    "due",
    "state",
    "completed_on",
)
_TIME = re.compile(r"([01][0-9]|2[0-3]):([0-5][0-9])")


# --- Export --------------------------------------------------------------------------------------


def export_section(*, cooperation: Cooperation, ids: ExportIds) -> dict[str, Any]:
    meetings = list(
        Meeting.objects.filter(cooperation=cooperation)
        .select_related("body", "location")
        .order_by("date", "start_time", "body__name", "number", "pk")
    )
    agenda: dict[int, list[AgendaItem]] = defaultdict(list)
    for item in AgendaItem.objects.filter(cooperation=cooperation).order_by("position", "pk"):
        agenda[item.meeting_id].append(item)
    points: dict[int, list[Point]] = defaultdict(list)
    for point in Point.objects.filter(cooperation=cooperation).order_by("position", "pk"):
        points[point.meeting_id].append(point)
    attendance: dict[int, list[Attendance]] = defaultdict(list)
    for row in Attendance.objects.filter(cooperation=cooperation).select_related("person"):
        attendance[row.meeting_id].append(row)
    tasks = list(Task.objects.filter(cooperation=cooperation).order_by("created_at", "pk"))
    people = {p.pk: p for p in Person.objects.filter(cooperation=cooperation)}
    municipalities = {m.pk: m for m in Municipality.objects.filter(cooperation=cooperation)}
    bodies = {b.pk: b for b in Body.objects.filter(cooperation=cooperation)}
    meeting_by_pk = {m.pk: m for m in meetings}
    task_by_pk = {t.pk: t for t in tasks}
    item_by_pk = {item.pk: item for items in agenda.values() for item in items}

    # Number meetings, agenda items, points and tasks in file order before any reference.
    meeting_data = []
    for meeting in meetings:
        ids.of(meeting)
        item_tree = _forest(agenda[meeting.pk], key=lambda _item: 0)
        point_tree = _forest(
            points[meeting.pk], key=lambda point: _agenda_rank(point, agenda[meeting.pk])
        )
        meeting_data.append((meeting, item_tree, point_tree))
    for task in tasks:
        ids.of(task)

    def ref(pool: dict[int, Any], pk: int | None) -> int | None:
        return None if pk is None else ids.of(pool[pk])

    exported = []
    for meeting, item_tree, point_tree in meeting_data:
        exported.append(
            {
                "id": ids.of(meeting),
                "body": ids.of(bodies[meeting.body_id]),
                "number": meeting.number,
                "title": meeting.title,
                "date": meeting.when.iso(),
                "start_time": _time_text(meeting.start_time),
                "end_time": _time_text(meeting.end_time),
                "location": ids.maybe(meeting.location),
                "is_public": meeting.is_public,
                "state": meeting.state,
                "description": meeting.description,
                "sequence": meeting.sequence,
                "agenda": _dump_tree(
                    item_tree,
                    lambda item: {
                        "id": ids.of(item),
                        "title": item.title,
                        "presenter": ref(people, item.presenter_id),
                        "duration_minutes": item.duration_minutes,
                        "carried_over_from": ref(task_by_pk, item.carried_over_from_id),
                    },
                ),
                "points": _dump_tree(point_tree, lambda point: _point_dict(point, ids, item_by_pk)),
                "attendance": [
                    {"person": ids.of(row.person), "status": row.status}
                    for row in sorted(
                        attendance[meeting.pk],
                        key=lambda row: (ids.of(row.person), row.pk),
                    )
                ],
            }
        )
    point_by_pk = {p.pk: p for ps in points.values() for p in ps}
    return {
        "meetings": exported,
        "tasks": [
            {
                "id": ids.of(task),
                "point": ref(point_by_pk, task.point_id),
                "title": task.title,
                "body": ids.of(bodies[task.body_id]),
                "follow_up_meeting": ref(meeting_by_pk, task.follow_up_meeting_id),
                "owner_person": ref(people, task.owner_person_id),
                "owner_municipality": ref(municipalities, task.owner_municipality_id),
                "owner_body": ref(bodies, task.owner_body_id),
                "due": iso_partial_date(task.due_date),
                "state": task.state,
                "completed_on": iso_date(task.completed_on),
            }
            for task in tasks
        ],
    }


def _agenda_rank(point: Point, items: list[AgendaItem]) -> int:
    """Top-level points: those of the meeting itself first, then by agenda item."""
    if point.agenda_item_id is None:
        return -1
    return next(index for index, item in enumerate(items) if item.pk == point.agenda_item_id)


Node = tuple[Any, list[Any]]


def _forest(rows: list[Any], *, key: Any) -> list[Node]:
    """Rows (sorted by position) as nested (row, children) pairs; roots sorted by ``key``."""
    nodes: dict[int, Node] = {row.pk: (row, []) for row in rows}
    roots: list[Node] = []
    for row in rows:
        if row.parent_id is None:
            roots.append(nodes[row.pk])
        else:
            nodes[row.parent_id][1].append(nodes[row.pk])
    roots.sort(key=lambda node: (key(node[0]), node[0].position, node[0].pk))
    return roots


def _dump_tree(roots: list[Node], dump: Any) -> list[dict[str, Any]]:
    """Depth-first without recursion: minutes may nest deeper than Python's recursion limit."""
    result: list[dict[str, Any]] = []
    stack: list[tuple[list[Node], list[dict[str, Any]]]] = [(roots, result)]
    while stack:
        nodes, target = stack.pop()
        for row, children in nodes:
            data = dump(row)
            data["children"] = []
            target.append(data)
            if children:
                stack.append((children, data["children"]))
    return result


def _point_dict(point: Point, ids: ExportIds, items: dict[int, AgendaItem]) -> dict[str, Any]:
    data: dict[str, Any] = {"id": ids.of(point)}
    if point.parent_id is None:
        item = items.get(point.agenda_item_id) if point.agenda_item_id else None
        data["agenda_item"] = ids.maybe(item)
    data.update({"text": point.text, "kind": point.kind, "is_internal": point.is_internal})
    return data


def _time_text(value: dt.time | None) -> str | None:
    return None if value is None else value.strftime("%H:%M")


# --- Import --------------------------------------------------------------------------------------


def import_section(*, cooperation: Cooperation, data: Any, refs: ImportRefs) -> None:
    section = Record(data, NAME, keys=PARTS)
    parts = {part: section.raw(part) if part in section.data else [] for part in PARTS}
    carried: list[tuple[AgendaItem, Record]] = []
    for record in records(parts["meetings"], section.at("meetings"), keys=MEETING_KEYS):
        _import_meeting(record, cooperation, refs, carried)
    for record in records(parts["tasks"], section.at("tasks"), keys=TASK_KEYS):
        _import_task(record, cooperation, refs)
    # Agenda items may name tasks ("Wiedervorlage"), which come after the meetings.
    for item, record in carried:
        item.carried_over_from = record.ref("carried_over_from", Task, refs)
        item.save(update_fields=["carried_over_from"])


def _time(record: Record, key: str) -> dt.time | None:
    value = record.raw(key)
    if value is None:
        return None
    if isinstance(value, str) and (match := _TIME.fullmatch(value)):
        return dt.time(int(match[1]), int(match[2]))
    shown = f"„{value}“" if isinstance(value, str) else describe(value)
    raise ExchangeError(
        _("Erwartet wird eine Uhrzeit wie „09:30“, nicht %(shown)s.") % {"shown": shown},
        path=record.at(key),
    )


def _import_meeting(
    record: Record,
    cooperation: Cooperation,
    refs: ImportRefs,
    carried: list[tuple[AgendaItem, Record]],
) -> None:
    number = record.number()
    when = record.partial_date("date")
    if when is None:
        raise ExchangeError(_("Pflichtfeld fehlt."), path=record.at("date"))
    meeting_number = record.integer("number", minimum=1)
    if meeting_number is None:
        raise ExchangeError(_("Pflichtfeld fehlt."), path=record.at("number"))
    meeting = Meeting(
        cooperation=cooperation,
        body=record.ref("body", Body, refs, required=True),
        number=meeting_number,
        title=record.text("title"),
        date=when.value,
        date_precision=when.precision,
        start_time=_time(record, "start_time"),
        end_time=_time(record, "end_time"),
        location=record.ref("location", Location, refs),
        is_public=record.boolean("is_public"),
        state=record.choice("state", Meeting.State, default=Meeting.State.PLANNED),
        description=record.text("description"),
        sequence=record.integer("sequence", minimum=0) or 0,
    )
    refs.put(Meeting, number, create(meeting, path=record.path), path=record.at("id"))
    _import_agenda(record, meeting, refs, carried)
    _import_points(record, meeting, refs)
    for row in records(
        record.raw("attendance") or [], record.at("attendance"), keys=ATTENDANCE_KEYS
    ):
        create(
            Attendance(
                cooperation=cooperation,
                meeting=meeting,
                person=row.ref("person", Person, refs, required=True),
                status=row.choice("status", Attendance.Status, default=Attendance.Status.PRESENT),
            ),
            path=row.path,
        )


def _import_agenda(
    record: Record, meeting: Meeting, refs: ImportRefs, carried: list[tuple[AgendaItem, Record]]
) -> None:
    roots = records(record.raw("agenda") or [], record.at("agenda"), keys=AGENDA_KEYS)
    stack: list[tuple[list[Record], AgendaItem | None]] = [(roots, None)]
    while stack:
        rows, parent = stack.pop()
        for position, row in enumerate(rows):
            number = row.number()
            item = AgendaItem(
                cooperation=meeting.cooperation,
                meeting=meeting,
                parent=parent,
                position=position,
                title=row.text("title", required=True),
                presenter=row.ref("presenter", Person, refs),
                duration_minutes=row.integer("duration_minutes", minimum=0, maximum=32767),
            )
            refs.put(AgendaItem, number, create(item, path=row.path), path=row.at("id"))
            if row.raw("carried_over_from") is not None:
                carried.append((item, row))
            children = row.raw("children") or []
            stack.append((records(children, row.at("children"), keys=AGENDA_KEYS), item))


# References of a point that the importer sets itself from rows of this file, already checked
# (same cooperation, same meeting): full_clean need not look each of them up again.
_POINT_REFS = ("cooperation", "meeting", "agenda_item", "parent")


def _import_points(record: Record, meeting: Meeting, refs: ImportRefs) -> None:
    """The meeting's points, level by level: each level validated row by row (messages name
    the row), then inserted in batches; a level's points are the parents of the next."""
    roots = records(record.raw("points") or [], record.at("points"), keys=POINT_KEYS)
    # Top-level positions count per agenda item (each item is its own tree of points).
    next_root_position: dict[int | None, int] = defaultdict(int)
    level: list[tuple[list[Record], Point | None]] = [(roots, None)]
    while level:
        created: list[Point] = []
        following: list[tuple[list[Record], Point | None]] = []
        for rows, parent in level:
            for index, row in enumerate(rows):
                number = row.number()
                point = _point(row, index, meeting, parent, refs, next_root_position)
                validate(point, path=row.path, exclude=_POINT_REFS)
                refs.put(Point, number, point, path=row.at("id"))
                created.append(point)
                children = row.raw("children") or []
                following.append(
                    (records(children, row.at("children"), keys=CHILD_POINT_KEYS), point)
                )
        create_all(Point, created, path=record.at("points"))
        level = following


def _point(
    row: Record,
    index: int,
    meeting: Meeting,
    parent: Point | None,
    refs: ImportRefs,
    next_root_position: dict[int | None, int],
) -> Point:
    if parent is None:
        item = row.ref("agenda_item", AgendaItem, refs)
        if item is not None and item.meeting_id != meeting.pk:
            raise ExchangeError(
                _("Der Tagesordnungspunkt gehört zu einer anderen Sitzung."),
                path=row.at("agenda_item"),
            )
        agenda_item_id = item.pk if item else None
        position = next_root_position[agenda_item_id]
        next_root_position[agenda_item_id] += 1
    else:
        agenda_item_id = parent.agenda_item_id
        position = index
    return Point(
        cooperation=meeting.cooperation,
        meeting=meeting,
        agenda_item_id=agenda_item_id,
        parent=parent,
        position=position,
        text=row.text("text", required=True),
        kind=row.choice("kind", Point.Kind, default=Point.Kind.INFORMATION),
        is_internal=row.boolean("is_internal"),
    )


def _import_task(record: Record, cooperation: Cooperation, refs: ImportRefs) -> None:
    number = record.number()
    point = record.ref("point", Point, refs)  # of kind "Aufgabe": Task.clean
    due: PartialDate | None = record.partial_date("due")
    task = Task(
        cooperation=cooperation,
        point=point,
        title=record.text("title", required=True),
        body=record.ref("body", Body, refs, required=True),
        follow_up_meeting=record.ref("follow_up_meeting", Meeting, refs),
        owner_person=record.ref("owner_person", Person, refs),
        owner_municipality=record.ref("owner_municipality", Municipality, refs),
        owner_body=record.ref("owner_body", Body, refs),
        due=due.value if due else None,
        due_precision=due.precision if due else Precision.DAY,
        state=record.choice("state", Task.State, default=Task.State.OPEN),
        completed_on=record.date("completed_on"),
    )
    refs.put(Task, number, create(task, path=record.path), path=record.at("id"))
