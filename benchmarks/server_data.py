"""The 100× data set of the real-server benchmark (``bench_server.py``), built with
``bulk_create`` on top of the demo: ``SCALE_MUNICIPALITIES`` municipalities (three people
each), ``SCALE_MEETINGS`` meetings over twelve years with ``SCALE_POINTS`` minute points (every
second one a task), ``SCALE_PROJECTS`` projects with two participations each, and one meeting
with ``HOT_POINTS`` points whose editor the benchmark saves."""

from __future__ import annotations

import datetime as dt
import random

SCALE_MUNICIPALITIES = 300
SCALE_MEETINGS = 1_073
SCALE_POINTS = 100_000
SCALE_PROJECTS = 5_000
HOT_POINTS = 300


def demo() -> None:
    from ikz.demo.loader import load_demo

    load_demo(reset=True)


def scale_up() -> None:
    """Add the 100× data set to the demo cooperation (bulk_create; minutes and tasks)."""
    from django.utils import timezone

    from ikz.cooperation.models import Body, Cooperation, Municipality, Person
    from ikz.demo.logins import DEMO_SLUG
    from ikz.meetings.models import Meeting, Point, Task
    from ikz.projects.models import Field, Participation, Project, Stage

    coop = Cooperation.objects.get(slug=DEMO_SLUG)
    rng = random.Random(19)
    towns = Municipality.objects.bulk_create(
        Municipality(cooperation=coop, name=f"Gemeinde {i:03d}", ags=f"{15000000 + i:08d}")
        for i in range(SCALE_MUNICIPALITIES)
    )
    Person.objects.bulk_create(
        Person(
            cooperation=coop,
            given_name=f"Vorname{k}",
            family_name=f"Nachname{i:03d}",
            municipality=town,
        )
        for i, town in enumerate(towns)
        for k in range(3)
    )
    bodies = list(Body.objects.filter(cooperation=coop))
    today = timezone.localdate()
    start = today.replace(year=today.year - 11, day=1)  # eleven years back, one year ahead
    numbers = {body.pk: 1000 for body in bodies}
    meetings = []
    for i in range(SCALE_MEETINGS):
        body = bodies[i % len(bodies)]
        numbers[body.pk] += 1
        day = start + dt.timedelta(days=(i * 4383) // SCALE_MEETINGS)
        meetings.append(
            Meeting(
                cooperation=coop,
                body=body,
                number=numbers[body.pk],
                date=day,
                start_time=dt.time(17),
                is_public=body.is_public,
                state=Meeting.State.MINUTES_PUBLISHED if day < today else Meeting.State.PLANNED,
            )
        )
    meetings = Meeting.objects.bulk_create(meetings, batch_size=500)
    per_meeting = SCALE_POINTS // len(meetings)
    points = Point.objects.bulk_create(
        (
            Point(
                cooperation=coop,
                meeting=meeting,
                position=k,
                text=f"Beschluss {k} der Sitzung {meeting.pk}",
                kind=Point.Kind.TASK if k % 2 else Point.Kind.DECISION,
            )
            for meeting in meetings
            for k in range(per_meeting)
        ),
        batch_size=5000,
    )
    Task.objects.bulk_create(
        (
            Task(
                cooperation=coop,
                point=point,
                title=point.text,
                body_id=point.meeting.body_id,
                owner_municipality=towns[i % len(towns)],
                due=point.meeting.date + dt.timedelta(days=60),
                state=Task.State.DONE if i % 3 else Task.State.OPEN,
            )
            for i, point in enumerate(p for p in points if p.kind == Point.Kind.TASK)
        ),
        batch_size=5000,
    )
    fields = list(Field.objects.filter(cooperation=coop)) or [
        Field.objects.create(cooperation=coop, name="Verwaltung", position=0)
    ]
    projects = Project.objects.bulk_create(
        (
            Project(
                cooperation=coop,
                title=f"Vorhaben {i:05d}",
                field=fields[i % len(fields)],
                lead_municipality=towns[i % len(towns)],
                lead_body=bodies[i % len(bodies)],
                stage=rng.choice(list(Stage.values)),
                is_public=i % 3 != 0,
            )
            for i in range(SCALE_PROJECTS)
        ),
        batch_size=2000,
    )
    Participation.objects.bulk_create(
        (
            Participation(
                cooperation=coop,
                project=project,
                municipality=towns[(i + k) % len(towns)],
                status=Participation.Status.PARTICIPATING,
            )
            for i, project in enumerate(projects)
            for k in range(2)
        ),
        batch_size=5000,
    )
    _hot_meeting(HOT_POINTS)


def _hot_meeting(count: int) -> None:
    """A held meeting of the steering group with ``count`` points, every fifth a task."""
    from ikz.cooperation.models import Body, Cooperation
    from ikz.demo.logins import DEMO_SLUG
    from ikz.meetings.models import Meeting, Point, Task

    coop = Cooperation.objects.get(slug=DEMO_SLUG)
    body = Body.objects.filter(cooperation=coop).order_by("pk").first()
    assert body is not None
    meeting = Meeting.objects.create(
        cooperation=coop,
        body=body,
        number=99_000 + count,
        title=f"Benchmark-Sitzung mit {count} Punkten",
        date=dt.date(2019, 12, 12),
        state=Meeting.State.HELD,
    )
    points = Point.objects.bulk_create(
        Point(
            cooperation=coop,
            meeting=meeting,
            position=k,
            text=f"Punkt {k}",
            kind=Point.Kind.TASK if k % 5 == 4 else Point.Kind.INFORMATION,
        )
        for k in range(count)
    )
    Task.objects.bulk_create(
        Task(cooperation=coop, point=p, title=p.text, body=body)
        for p in points
        if p.kind == Point.Kind.TASK
    )


def sizes() -> str:
    from ikz.cooperation.models import Municipality
    from ikz.meetings.models import Meeting, Point, Task
    from ikz.projects.models import Project

    return (
        f"{Municipality.objects.count():,} municipalities, {Meeting.objects.count():,} meetings, "
        f"{Point.objects.count():,} points, {Task.objects.count():,} tasks, "
        f"{Project.objects.count():,} projects"
    )
