"""The OParl meeting list and REST API list pages at 1,000 meetings (5 agenda items each,
100,000 minute points in all) and 5,000 projects.

Whole requests through Django's test client. The note gives milliseconds per request (wall),
the CPU time (``best_of_cpu``) and the SQL queries of one request at two page sizes: they
must be equal (no query per row). The data is built with ``bulk_create`` (ledger stamps
included) outside the timed part.
"""

from __future__ import annotations

import datetime as dt

from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ikz.accounts.models import CooperationRole, User
from ikz.api import tokens
from ikz.cooperation.models import Body, Cooperation, Location, Municipality
from ikz.meetings.models import AgendaItem, Meeting, Point
from ikz.oparl.models import Stamp
from ikz.projects.models import Project

from . import Result, best_of_cpu

MEETINGS = 1_000
ITEMS = 5
POINTS_PER_MEETING = 100
PROJECTS = 5_000


def _setup() -> tuple[Cooperation, str]:
    cooperation = Cooperation.objects.create(name="Benchmark API", slug="benchmark-api")
    municipality = Municipality.objects.create(
        cooperation=cooperation, name="Gemeinde", ags="14729999"
    )
    body = Body.objects.create(cooperation=cooperation, name="Bürgerwerkstatt", is_public=True)
    places = Location.objects.bulk_create(
        Location(cooperation=cooperation, name=f"Saal {i}", municipality=municipality)
        for i in range(10)
    )
    start = dt.date(2015, 1, 1)
    meetings = Meeting.objects.bulk_create(
        Meeting(
            cooperation=cooperation,
            body=body,
            number=i + 1,
            date=start + dt.timedelta(days=2 * i),
            start_time=dt.time(18),
            location=places[i % len(places)],
            is_public=True,
            state=Meeting.State.MINUTES_PUBLISHED,
        )
        for i in range(MEETINGS)
    )
    items = AgendaItem.objects.bulk_create(
        AgendaItem(cooperation=cooperation, meeting=m, position=j, title=f"TOP {j + 1}")
        for m in meetings
        for j in range(ITEMS)
    )
    Point.objects.bulk_create(
        (
            Point(
                cooperation=cooperation,
                meeting=m,
                agenda_item=items[k * ITEMS + (j % ITEMS)],
                position=j,
                text=f"Punkt {j} der Sitzung {m.number}",
            )
            for k, m in enumerate(meetings)
            for j in range(POINTS_PER_MEETING)
        ),
        batch_size=5_000,
    )
    now = timezone.now()
    Stamp.objects.bulk_create(
        [
            Stamp(cooperation=cooperation, kind=kind, object_id=pk, created=now, modified=now)
            for kind, pks in (
                ("meeting", [m.pk for m in meetings]),
                ("agendaitem", [i.pk for i in items]),
                ("location", [p.pk for p in places]),
            )
            for pk in pks
        ],
        batch_size=5_000,
    )
    Project.objects.bulk_create(
        (
            Project(cooperation=cooperation, title=f"Vorhaben {i}", is_public=i % 3 != 0)
            for i in range(PROJECTS)
        ),
        batch_size=5_000,
    )
    user = User.objects.create_user(username="bench-api")
    CooperationRole.objects.create(
        user=user, cooperation=cooperation, role=CooperationRole.Role.COORDINATOR
    )
    secret = tokens.token_create(
        user=user,
        cooperation=cooperation,
        name="Benchmark",
        scope="read",
        expires_on=timezone.localdate() + dt.timedelta(days=30),
    ).secret
    return cooperation, secret


def _measure(client: Client, url: str, headers: dict[str, str]) -> tuple[float, float, int]:
    def fetch() -> None:
        response = client.get(url, headers=headers)
        assert response.status_code == 200, response.content[:300]

    fetch()  # warm up
    reset_queries()  # DEBUG is on: a full query log would make the count 0
    with CaptureQueriesContext(connection) as queries:
        fetch()
    return (*best_of_cpu(fetch, repeat=5), len(queries))


def run() -> list[Result]:
    from django.conf import settings

    settings.IKZ_API_RATE_LIMIT = 10_000  # the benchmark is one key in a hurry
    cooperation, secret = _setup()
    client = Client()
    auth = {"Authorization": f"Bearer {secret}"}
    oparl = f"/oparl/v1/body/{cooperation.pk}/meeting/"
    api = f"/api/v1/cooperations/{cooperation.slug}"
    cases = [
        ("oparl_meeting_list", oparl, "limit", 25, 100, {}),
        ("oparl_meeting_list_100", oparl, "limit", 100, 20, {}),
        (
            "oparl_meeting_list_since",
            f"{oparl}?modified_since=2000-01-01T00:00:00%2B01:00&",
            "limit",
            25,
            100,
            {},
        ),
        ("api_meeting_list", f"{api}/meetings", "page_size", 50, 200, auth),
        ("api_project_list", f"{api}/projects", "page_size", 50, 200, auth),
    ]
    results: list[Result] = []
    for label, base, size_param, size, other_size, headers in cases:
        glue = "" if base.endswith("&") else "?"
        seconds, cpu, queries = _measure(client, f"{base}{glue}{size_param}={size}", headers)
        _seconds, _cpu, other_queries = _measure(
            client, f"{base}{glue}{size_param}={other_size}", headers
        )
        data = f"{MEETINGS:,} meetings" if "meeting" in label else f"{PROJECTS:,} projects"
        results.append(
            (
                label,
                seconds,
                f"{data}, {size} per page, {seconds * 1000:.0f} ms, CPU {cpu * 1000:.0f} ms, "
                f"{queries} queries "
                f"({other_queries} at {other_size} per page)",
            )
        )
    return results
