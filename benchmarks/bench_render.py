"""Issue #19, "render less": the task list and a project page at 300 municipalities.

Whole requests through Django's test client as the coordinator. The data is the shape of the
real-server run's 100× (``server_data.scale_up``), kept small where it does not change the
pages: 300 municipalities with three people each, 12 bodies, 3,000 open tasks from the minutes
of 30 meetings (owner a municipality), one project with 20 participations. Per page: the bytes,
the number of ``<form>`` and ``<option>`` elements, the SQL queries, and wall and CPU seconds
of the best of five requests; also the one row a coordinator opens for editing (htmx).
"""

from __future__ import annotations

import datetime as dt

from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ikz.accounts.models import CooperationRole, User
from ikz.cooperation.models import Body, Cooperation, Municipality, Person
from ikz.meetings.models import Meeting, Point, Task
from ikz.projects.models import Participation, Project

from . import Result, best_of_cpu

MUNICIPALITIES = 300
PEOPLE_EACH = 3
BODIES = 12
MEETINGS = 30
TASKS = 3_000
PARTICIPATIONS = 20


def _setup() -> tuple[Cooperation, User, Project, Task]:
    cooperation = Cooperation.objects.create(name="Benchmark Darstellung", slug="bench-render")
    towns = Municipality.objects.bulk_create(
        Municipality(cooperation=cooperation, name=f"Gemeinde {i:03d}", ags=f"{15000000 + i:08d}")
        for i in range(MUNICIPALITIES)
    )
    Person.objects.bulk_create(
        Person(
            cooperation=cooperation,
            given_name=f"Vorname{k}",
            family_name=f"Nachname{i:03d}",
            municipality=town,
        )
        for i, town in enumerate(towns)
        for k in range(PEOPLE_EACH)
    )
    bodies = Body.objects.bulk_create(
        Body(cooperation=cooperation, name=f"Arbeitsgruppe {i:02d}", is_public=True)
        for i in range(BODIES)
    )
    meetings = Meeting.objects.bulk_create(
        Meeting(
            cooperation=cooperation,
            body=bodies[i % BODIES],
            number=i + 1,
            date=dt.date(2019, 1, 1) + dt.timedelta(days=10 * i),
            is_public=True,
            state=Meeting.State.MINUTES_PUBLISHED,
        )
        for i in range(MEETINGS)
    )
    points = Point.objects.bulk_create(
        (
            Point(
                cooperation=cooperation,
                meeting=meetings[i % MEETINGS],
                position=i // MEETINGS,
                text=f"Auftrag {i} der Sitzung",
                kind=Point.Kind.TASK,
            )
            for i in range(TASKS)
        ),
        batch_size=1000,
    )
    tasks = Task.objects.bulk_create(
        (
            Task(
                cooperation=cooperation,
                point=point,
                title=point.text,
                body=meetings[i % MEETINGS].body,
                owner_municipality=towns[i % MUNICIPALITIES],
                due=dt.date(2030, 1, 1) + dt.timedelta(days=i),
            )
            for i, point in enumerate(points)
        ),
        batch_size=1000,
    )
    project = Project.objects.create(
        cooperation=cooperation, title="Gemeinsamer Bauhof", is_public=True
    )
    Participation.objects.bulk_create(
        Participation(
            cooperation=cooperation,
            project=project,
            municipality=towns[i * 7],
            status=Participation.Status.PARTICIPATING,
            note=f"Anmerkung {i}",
        )
        for i in range(PARTICIPATIONS)
    )
    user = User.objects.create_user(username="bench-render")  # force_login, no password
    CooperationRole.objects.create(
        user=user, cooperation=cooperation, role=CooperationRole.Role.COORDINATOR
    )
    return cooperation, user, project, tasks[0]


def _measure(client: Client, url: str, *, expect: str, **headers: str) -> tuple[float, str, float]:
    reset_queries()  # DEBUG is on: see bench_meetings
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers=headers)
    assert response.status_code == 200, (url, response.status_code)
    html = response.content.decode()
    assert expect in html, (url, expect)
    wall, cpu = best_of_cpu(lambda: client.get(url, headers=headers), repeat=5)
    note = (
        f"{len(response.content) / 1000:.1f} kB, {html.count('<form')} forms, "
        f"{html.count('<option')} options, {len(queries)} queries, {cpu * 1000:.0f} ms CPU"
    )
    return wall, note, cpu


def run() -> list[Result]:
    cooperation, user, project, task = _setup()
    coordinator = Client()
    coordinator.force_login(user)
    slug = cooperation.slug
    tasks_url = reverse("tasks:list", args=[slug])
    project_url = reverse("projects:detail", args=[slug, project.pk])
    town = Municipality.objects.get(cooperation=cooperation, name="Gemeinde 000")
    rows: list[tuple[str, str, str, dict[str, str]]] = [
        ("task_list_first_page", tasks_url, "Auftrag 0 der Sitzung", {}),
        ("project_page", project_url, "Gemeinde 299", {}),
        # The one row a coordinator opens (htmx): the task's carries the whole owner select.
        (
            "task_edit_row",
            reverse("tasks:edit", args=[slug, task.pk]),
            "Gemeinde 299",
            {"HX-Request": "true"},
        ),
        (
            "participation_edit_row",
            reverse("projects:participation", args=[slug, project.pk, town.pk]),
            "Speichern",
            {"HX-Request": "true"},
        ),
    ]
    results: list[Result] = []
    for label, url, expect, headers in rows:
        wall, note, cpu = _measure(coordinator, url, expect=expect, **headers)
        results.append((label, wall, note, cpu))
    return results
