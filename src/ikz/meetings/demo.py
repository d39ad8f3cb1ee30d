"""Meetings of the demo cooperation: the December 2019 sessions of the seed report and more.

Exact from the seed (status report of 19.12.2019): the three December sessions with their
dates, host municipalities and every point with its nesting, word for word, in order (the
seed's ``<https://…>`` is written as a plain address); the planned meetings of the outlook
(14.01.2020: 5. Lenkungsgruppensitzung in Großpösna; 01/2020: Workshop Bibliothek and Workshop
Blühstreifen; Bürgerwerkstatt on 26.02.2020) and its open tasks.

Chosen here, not in the seed: the kind of each point, the times of day, the agendas, the
attendance, the owners of tasks, and the earlier sessions (1.–4. Lenkungsgruppensitzung,
1. AG Bauhof, 1. AG Verwaltung) with a few plausible points as history. "ab 01/2020: Übergang
AG Verwaltung in Lenkungsgruppe" (from the seed's state of the bodies) is recorded as the
decision of the 4. Lenkungsgruppensitzung that led to it.

The two workshops belong to a body "Themenworkshops" created here: titled meetings of the
Lenkungsgruppe or AG Bauhof would use up numbers of those bodies' numbered sessions.

All points hang directly under the meeting (not under an agenda item), in seed order, so the
monthly report can print them as the seed does. Writes go through the meetings services.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ikz.cooperation.models import Body, Cooperation, Membership, Person
from ikz.meetings import services
from ikz.meetings.demo_data import (
    ADMINISTRATION,
    BAUHOF,
    DECEMBER_2019,
    HISTORY,
    OUTLOOK_TASKS,
    PLANNED,
    REPORT_DAY,
    VERWALTUNG_2,
    WORKSHOP_BODY,
    Item,
    K,
    Session,
    _people,
)
from ikz.meetings.models import Attendance, Meeting, Point, Task

# --- Loading -----------------------------------------------------------------------------------


def load(*, cooperation: Cooperation, refs: dict[str, Any]) -> None:
    _structure(cooperation, refs)
    for session in (*HISTORY, *DECEMBER_2019, *PLANNED):
        _session(cooperation, refs, session)
    for title, body, owner, due in OUTLOOK_TASKS:
        task = services.task_create(
            cooperation=cooperation,
            body=refs[f"body:{body}"],
            title=title,
            owner=refs[owner],
            due=due,
        )
        refs[f"task:{title}"] = task
    # The AG Verwaltung passes into the Lenkungsgruppe: its open task follows it there.
    services.task_move(
        task=refs[f"task:{VERWALTUNG_2.points[3].children[0].text}"],
        body=refs["body:Lenkungsgruppe"],
        today=REPORT_DAY,
    )
    services.agenda_carry_over(meeting=refs["meeting:5. Lenkungsgruppensitzung"])


def _structure(cooperation: Cooperation, refs: dict[str, Any]) -> None:
    """What the structure demo leaves to this module: session names, the workshop body."""
    steering: Body = refs["body:Lenkungsgruppe"]
    if not steering.session_name:
        steering.session_name = "Lenkungsgruppensitzung"
        steering.full_clean()
        steering.save(update_fields=["session_name"])
    workshops = Body(
        cooperation=cooperation,
        name=WORKSHOP_BODY,
        kind=Body.Kind.OTHER,
        description=(
            "Workshops zu einzelnen Vorhaben mit den Fachleuten der Kommunen, z. B. zu den "
            "Bibliotheken und zu Blühstreifen."
        ),
        active_from=dt.date(2020, 1, 1),
        active_from_precision="month",
    )
    workshops.full_clean()
    workshops.save()
    refs[f"body:{WORKSHOP_BODY}"] = workshops
    members = [
        *(refs[key] for key in _people("bauhof", BAUHOF)),
        *(refs[key] for key in _people("administration", ADMINISTRATION)),
    ]
    rows = [Membership(cooperation=cooperation, person=p, body=workshops) for p in members]
    rows += [
        Membership(
            cooperation=cooperation,
            person=refs[key],
            body=workshops,
            role=Membership.Role.COORDINATION,
        )
        for key in ("person:coordinator", "person:consultant")
    ]
    for row in rows:
        row.full_clean()
    Membership.objects.bulk_create(rows)


def _session(cooperation: Cooperation, refs: dict[str, Any], session: Session) -> Meeting:
    start, end = session.times or (None, None)
    meeting = services.meeting_create(
        cooperation=cooperation,
        body=refs[f"body:{session.body}"],
        when=session.when,
        number=session.number,
        title=session.title,
        start_time=start,
        end_time=end,
        location=refs[f"location:{session.location}"] if session.location else None,
        is_public=session.is_public,
        description=session.description,
        state=session.state,
    )
    for title in session.agenda:
        services.agenda_item_add(meeting=meeting, title=title)
    for item in session.points:
        _point(meeting, refs, item, parent=None)
    for key in session.attendees:
        status = Attendance.Status.EXCUSED if key.endswith("?") else Attendance.Status.PRESENT
        person: Person = refs[key.rstrip("?")]
        services.attendance_set(meeting=meeting, person=person, status=status)
    refs[f"meeting:{session.key or meeting.heading}"] = meeting
    return meeting


def _point(meeting: Meeting, refs: dict[str, Any], item: Item, *, parent: Point | None) -> None:
    point = services.point_add(
        meeting=meeting,
        text=item.text,
        kind=item.kind,
        parent=parent,
        owner=refs[item.owner] if item.owner else None,
        due=item.due,
    )
    if item.kind == K.TASK:
        task = Task.objects.get(point=point)
        refs[f"task:{item.text}"] = task
        if item.done_on is not None:
            services.task_set_state(task=task, state=Task.State.DONE, today=item.done_on)
    for child in item.children:
        _point(meeting, refs, child, parent=point)
