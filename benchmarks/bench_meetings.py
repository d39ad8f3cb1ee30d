"""The meeting page with 500 nested points, the task list with 10,000 tasks, a calendar feed.

Whole requests through Django's test client (URL routing, guard, selectors, template), as the
coordinator and as an anonymous visitor; the note gives milliseconds per request and the number
of SQL queries of one request. The data is built with ``bulk_create`` outside the timed part.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ikz.accounts.models import CooperationRole, User
from ikz.cooperation.models import Body, Cooperation, Membership, Municipality, Person
from ikz.dates import Precision
from ikz.meetings.models import AgendaItem, Meeting, Point, Task

from . import Result, best_of

POINTS = 500
TASKS = 10_000
FEED_MEETINGS = 300
KINDS = [kind for kind, _label in Point.Kind.choices]


def _setup() -> tuple[Cooperation, User, list[Body]]:
    cooperation = Cooperation.objects.create(name="Benchmark", slug="benchmark-sitzungen")
    municipalities = Municipality.objects.bulk_create(
        Municipality(cooperation=cooperation, name=f"Gemeinde {i}", ags=f"{14729000 + i:08d}")
        for i in range(8)
    )
    bodies = Body.objects.bulk_create(
        Body(cooperation=cooperation, name=f"AG {i}", short_name=f"AG {i}", is_public=i == 0)
        for i in range(6)
    )
    people = Person.objects.bulk_create(
        Person(
            cooperation=cooperation,
            given_name=f"Vorname {i}",
            family_name=f"Nachname {i}",
            municipality=municipalities[i % len(municipalities)],
        )
        for i in range(40)
    )
    Membership.objects.bulk_create(
        Membership(cooperation=cooperation, person=person, body=bodies[i % len(bodies)])
        for i, person in enumerate(people)
    )
    user = User.objects.create_user(username="bench-koordination")  # force_login, no password
    CooperationRole.objects.create(
        user=user, cooperation=cooperation, role=CooperationRole.Role.COORDINATOR
    )
    return cooperation, user, bodies


def _meeting_with_points(cooperation: Cooperation, body: Body, rng: random.Random) -> Meeting:
    """A public meeting with published minutes: 500 points in trees up to 5 levels deep."""
    meeting = Meeting.objects.create(
        cooperation=cooperation,
        body=body,
        number=1,
        date=dt.date(2019, 12, 5),
        start_time=dt.time(9),
        is_public=True,
        state=Meeting.State.MINUTES_PUBLISHED,
    )
    items = AgendaItem.objects.bulk_create(
        AgendaItem(cooperation=cooperation, meeting=meeting, position=i, title=f"TOP {i + 1}")
        for i in range(10)
    )
    created = 0
    level: list[Point | None] = [None] * 50  # 50 roots: 5 per agenda item
    while created < POINTS:
        batch: list[Point] = []
        child_count: dict[int | None, int] = {}
        for index, parent in enumerate(level):
            if created + len(batch) >= POINTS:
                break
            key = parent.pk if parent else None
            position = child_count.get(key, 0) if parent else index // len(items)
            child_count[key] = position + 1
            batch.append(
                Point(
                    cooperation=cooperation,
                    meeting=meeting,
                    agenda_item=parent.agenda_item if parent else items[index % len(items)],
                    parent=parent,
                    position=position,
                    text=f"Punkt {created + len(batch) + 1}: " + "Ergebnis " * rng.randint(2, 12),
                    kind=rng.choice(KINDS),
                    is_internal=rng.random() < 0.05,
                )
            )
        saved = Point.objects.bulk_create(batch)
        created += len(saved)
        # Each point of this level gets two children on the next (the tree grows to ~5 levels).
        level = [point for point in saved for _ in range(2)]
    tasks = [
        Task(cooperation=cooperation, point=p, title=p.text[:500], body=body, due=meeting.date)
        for p in Point.objects.filter(meeting=meeting, kind=Point.Kind.TASK)
    ]
    Task.objects.bulk_create(tasks)
    return meeting


def _tasks(cooperation: Cooperation, bodies: list[Body], rng: random.Random) -> None:
    people = list(Person.objects.filter(cooperation=cooperation))
    municipalities = list(Municipality.objects.filter(cooperation=cooperation))
    states = [Task.State.OPEN] * 6 + [Task.State.DONE] * 3 + [Task.State.DROPPED]
    rows = []
    for i in range(TASKS):
        owner = rng.randrange(4)
        rows.append(
            Task(
                cooperation=cooperation,
                title=f"Aufgabe {i}: Abfrage in den Kommunen",
                body=bodies[i % len(bodies)],
                owner_person=rng.choice(people) if owner == 1 else None,
                owner_municipality=rng.choice(municipalities) if owner == 2 else None,
                owner_body=rng.choice(bodies) if owner == 3 else None,
                due=dt.date(2019, 1, 1) + dt.timedelta(days=rng.randrange(900)),
                due_precision=Precision.MONTH if i % 5 == 0 else Precision.DAY,
                state=rng.choice(states),
            )
        )
    Task.objects.bulk_create(rows, batch_size=1000)


def _feed_meetings(cooperation: Cooperation, body: Body) -> None:
    """Public meetings with five agenda items each, for the public calendar feed."""
    meetings = Meeting.objects.bulk_create(
        Meeting(
            cooperation=cooperation,
            body=body,
            number=index + 2,
            date=dt.date(2019, 1, 7) + dt.timedelta(days=3 * index),
            start_time=dt.time(17),
            end_time=dt.time(19),
            is_public=True,
        )
        for index in range(FEED_MEETINGS)
    )
    AgendaItem.objects.bulk_create(
        AgendaItem(cooperation=cooperation, meeting=m, position=i, title=f"TOP {i + 1}")
        for m in meetings
        for i in range(5)
    )


def _timed(client: Client, url: str, *, expect: str) -> tuple[float, int]:
    # DEBUG is on (IKZ_DEV=1): the setup filled the query log to its limit, which would make
    # CaptureQueriesContext count 0.
    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    assert expect in response.content.decode(), (url, expect)
    seconds = best_of(lambda: client.get(url), repeat=5)
    return seconds, len(queries)


def run() -> list[Result]:
    rng = random.Random(2019)
    cooperation, user, bodies = _setup()
    meeting = _meeting_with_points(cooperation, bodies[0], rng)
    _tasks(cooperation, bodies, rng)
    _feed_meetings(cooperation, bodies[0])
    assert Point.objects.filter(meeting=meeting).count() == POINTS

    coordinator = Client()
    coordinator.force_login(user)
    anonymous = Client()
    slug = cooperation.slug
    meeting_url = reverse("meetings:detail", args=[slug, meeting.pk])
    tasks_url = reverse("tasks:list", args=[slug])
    filtered_url = f"{tasks_url}?gremium={bodies[2].pk}&status=alle"
    feed_url = reverse("meetings_calendar:cooperation_feed", args=[slug])

    results: list[Result] = []
    for label, client, url, expect in (
        ("meeting_page_coordinator", coordinator, meeting_url, "Punkt 500:"),
        ("meeting_page_anonymous", anonymous, meeting_url, "Punkt 1:"),
        ("task_list_first_page", coordinator, tasks_url, "Aufgabe"),
        ("task_list_filtered", coordinator, filtered_url, "Aufgabe"),
        ("public_calendar_feed", anonymous, feed_url, "BEGIN:VEVENT"),
    ):
        seconds, queries = _timed(client, url, expect=expect)
        size = {"meeting": f"{POINTS} points", "task": f"{TASKS:,} tasks"}.get(
            label.split("_")[0], f"{FEED_MEETINGS + 1} meetings"
        )
        results.append((label, seconds, f"{size}, {seconds * 1000:.0f} ms, {queries} queries"))
    return results
