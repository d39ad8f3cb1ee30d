"""The project board and list with 5,000 projects, a project page among 100,000 timeline events.

Whole requests through Django's test client as the coordinator (and the board as an anonymous
visitor). The data is built with ``bulk_create`` outside the timed part: 5,000 projects over six
fields and all stages, two participations each, and 100,000 timeline events — stage changes,
milestones and minutes-point references — of which 2,000 belong to the one project whose page
is timed (its timeline shows the newest 200). The note gives milliseconds per request and the
number of SQL queries of one request.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ikz.accounts.models import CooperationRole, User
from ikz.cooperation.models import Body, Cooperation, Municipality
from ikz.meetings.models import Meeting, Point
from ikz.projects.models import (
    Field,
    Milestone,
    Participation,
    Project,
    ProjectReference,
    Stage,
    StageChange,
)

from . import Result, best_of

PROJECTS = 5_000
EVENTS = 100_000
HOT_EVENTS = 2_000  # of EVENTS, on the timed project page
STAGES = list(Stage.values)


def _setup() -> tuple[Cooperation, User, list[Project], Meeting]:
    cooperation = Cooperation.objects.create(name="Benchmark Vorhaben", slug="benchmark-vorhaben")
    towns = Municipality.objects.bulk_create(
        Municipality(cooperation=cooperation, name=f"Gemeinde {i}", ags=f"{14729000 + i:08d}")
        for i in range(7)
    )
    body = Body.objects.create(cooperation=cooperation, name="Lenkungsgruppe", is_public=True)
    fields = Field.objects.bulk_create(
        Field(cooperation=cooperation, name=f"Feld {i}", position=i) for i in range(6)
    )
    rng = random.Random(2019)
    projects = Project.objects.bulk_create(
        Project(
            cooperation=cooperation,
            title=f"Vorhaben {i:05d}",
            field=fields[i % len(fields)],
            lead_municipality=towns[i % len(towns)],
            lead_body=body,
            stage=rng.choice(STAGES),
            is_public=i % 3 != 0,
        )
        for i in range(PROJECTS)
    )
    Participation.objects.bulk_create(
        Participation(
            cooperation=cooperation,
            project=project,
            municipality=towns[(i + k) % len(towns)],
            status=Participation.Status.PARTICIPATING if k else Participation.Status.INTERESTED,
        )
        for i, project in enumerate(projects)
        for k in range(2)
    )
    meeting = Meeting.objects.create(
        cooperation=cooperation,
        body=body,
        number=1,
        date=dt.date(2019, 12, 5),
        is_public=True,
        state=Meeting.State.MINUTES_PUBLISHED,
    )
    user = User.objects.create_user(username="bench-vorhaben")  # force_login, no password
    CooperationRole.objects.create(
        user=user, cooperation=cooperation, role=CooperationRole.Role.COORDINATOR
    )
    return cooperation, user, projects, meeting


def _events(cooperation: Cooperation, projects: list[Project], meeting: Meeting) -> int:
    """EVENTS timeline events: 80 % stage changes, 10 % milestones, 10 % point references."""
    hot, others = projects[0], projects[1:]
    day = dt.date(2015, 1, 1)
    owners = [hot] * HOT_EVENTS + [others[i % len(others)] for i in range(EVENTS - HOT_EVENTS)]
    changes, milestones, point_owners = [], [], []
    for i, project in enumerate(owners):
        when = day + dt.timedelta(days=i % 3000)
        if i % 10 == 8:
            milestones.append(
                Milestone(cooperation=cooperation, project=project, title=f"M {i}", date=when)
            )
        elif i % 10 == 9:
            point_owners.append(project)
        else:
            changes.append(
                StageChange(
                    cooperation=cooperation,
                    project=project,
                    from_stage="idea",
                    to_stage="assessment",
                    date=when,
                    reason=f"Schritt {i}",
                )
            )
    StageChange.objects.bulk_create(changes, batch_size=5000)
    Milestone.objects.bulk_create(milestones, batch_size=5000)
    points = Point.objects.bulk_create(
        (
            Point(
                cooperation=cooperation,
                meeting=meeting,
                position=i,
                text=f"Beschluss {i}",
                kind=Point.Kind.DECISION,
            )
            for i in range(len(point_owners))
        ),
        batch_size=5000,
    )
    ProjectReference.objects.bulk_create(
        (
            ProjectReference(cooperation=cooperation, project=project, point=point)
            for project, point in zip(point_owners, points, strict=True)
        ),
        batch_size=5000,
    )
    return len(changes) + len(milestones) + len(points)


def _timed(client: Client, url: str, *, expect: str) -> tuple[float, int]:
    reset_queries()  # DEBUG is on: see bench_meetings
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    assert expect in response.content.decode(), (url, expect)
    seconds = best_of(lambda: client.get(url), repeat=3)
    return seconds, len(queries)


def run() -> list[Result]:
    cooperation, user, projects, meeting = _setup()
    events = _events(cooperation, projects, meeting)
    assert events == EVENTS
    coordinator = Client()
    coordinator.force_login(user)
    anonymous = Client()
    slug = cooperation.slug
    board = reverse("projects:board", args=[slug])
    results: list[Result] = []
    for label, client, url, expect, size in (
        ("board_coordinator", coordinator, board, "weitere in der Liste", f"{PROJECTS:,} projects"),
        ("board_anonymous", anonymous, board, "weitere in der Liste", f"{PROJECTS:,} projects"),
        (
            "list_first_page_by_last_change",
            coordinator,
            reverse("projects:list", args=[slug]) + "?sort=-aenderung",
            "Seite 1 von 100",
            f"{PROJECTS:,} projects",
        ),
        (
            "project_page_newest_200",
            coordinator,
            reverse("projects:detail", args=[slug, projects[0].pk]),
            "ältere Einträge anzeigen",
            f"{HOT_EVENTS:,} of {EVENTS:,} events",
        ),
    ):
        seconds, queries = _timed(client, url, expect=expect)
        results.append((label, seconds, f"{size}, {seconds * 1000:.0f} ms, {queries} queries"))
    return results
