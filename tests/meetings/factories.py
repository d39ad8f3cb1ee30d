"""Builders for meeting tests. They go through the services, so the tree stays valid."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ikz.cooperation.models import Body
from ikz.dates import PartialDate
from ikz.meetings import services
from ikz.meetings.models import Meeting, Point

DEC_5 = PartialDate.day(2019, 12, 5)


def meeting(*, body: Body, when: PartialDate = DEC_5, **fields: Any) -> Meeting:
    return services.meeting_create(cooperation=body.cooperation, body=body, when=when, **fields)


def published(*, body: Body, is_public: bool = False, **fields: Any) -> Meeting:
    """A held meeting whose minutes are published."""
    created = meeting(body=body, is_public=is_public, **fields)
    services.meeting_set_state(meeting=created, state=Meeting.State.HELD)
    return services.meeting_set_state(meeting=created, state=Meeting.State.MINUTES_PUBLISHED)


def points(parent_meeting: Meeting, *texts: str, **fields: Any) -> list[Point]:
    """Top-level points in order."""
    return [services.point_add(meeting=parent_meeting, text=text, **fields) for text in texts]


def nested_points(parent_meeting: Meeting, count: int) -> list[Point]:
    """``count`` points, every third one a child of the one before, tasks among them."""
    created: list[Point] = []
    for index in range(count):
        kind = Point.Kind.TASK if index % 5 == 4 else Point.Kind.INFORMATION
        if index % 3 == 2 and created:
            point = services.point_add(
                meeting=parent_meeting, text=f"Punkt {index}", kind=kind, parent=created[-1]
            )
        else:
            point = services.point_add(meeting=parent_meeting, text=f"Punkt {index}", kind=kind)
        created.append(point)
    return created


TODAY = dt.date(2020, 1, 20)
