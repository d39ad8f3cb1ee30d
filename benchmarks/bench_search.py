"""Search at 100,000 minutes points, 1,000 meetings and 5,000 projects.

The rows are built with ``bulk_create`` (no signals) and indexed with
``ikz.search.indexing.rebuild`` outside the timed part. Each point has twelve words from a
vocabulary of German municipal words, so a common word ("Bauhof") matches about a fifth of
all points and a rare one (a file number) a single point. Timed: ``search()`` (counts per kind,
the best five of each kind, the hits loaded through the selectors, highlighting): the common
word as the coordinator, a member and the public, two words, a transliteration and the rare
word, and one whole request of the search page. The note
gives milliseconds and the number of SQL queries.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext

from ikz.accounts.access import Access, Level
from ikz.accounts.models import CooperationRole, User
from ikz.cooperation.models import Body, Cooperation, Membership, Person
from ikz.meetings.models import Meeting, Point
from ikz.projects.models import Project, Stage
from ikz.search.indexing import rebuild
from ikz.search.selectors import search

from . import Result, best_of_cpu

POINTS = 100_000
MEETINGS = 1_000
PROJECTS = 5_000
WORDS = (
    "Bauhof",
    "Winterdienst",
    "Großpösna",
    "Naunhof",
    "Brandis",
    "Borsdorf",
    "Machern",
    "Belgershain",
    "Parthenstein",
    "Gemeinderat",
    "Bürgermeister",
    "Verwaltung",
    "Fachkräfte",
    "Ausbildung",
    "Digitalisierung",
    "Förderung",
    "Antrag",
    "Radweg",
    "Straßenbeleuchtung",
    "Kita",
    "Schule",
    "Feuerwehr",
    "Friedhof",
    "Abwasser",
    "Breitband",
    "Haushalt",
    "Satzung",
    "Beschluss",
    "Prüfung",
    "Konzept",
    "Umsetzung",
    "Kooperation",
    "Vereinbarung",
    "Personal",
    "Maschinen",
    "Fahrzeuge",
    "Beschaffung",
    "Ausschreibung",
    "Vergabe",
    "Bibliothek",
    "Blühstreifen",
    "Klima",
    "Energie",
    "Wärmeplanung",
    "Mobilität",
    "Bürgerbus",
    "Tourismus",
    "Wanderweg",
    "Parthe",
    "Jugend",
    "Senioren",
    "Sport",
    "Kultur",
    "Ehrenamt",
    "Vereine",
    "Sitzung",
    "Protokoll",
    "Bericht",
    "Termin",
    "Frist",
    "Kosten",
    "Zuschuss",
)


def _setup() -> tuple[Cooperation, User, User]:
    cooperation = Cooperation.objects.create(name="Benchmark Suche", slug="benchmark-suche")
    bodies = [
        Body.objects.create(cooperation=cooperation, name=f"Gremium {i}", is_public=i % 2 == 0)
        for i in range(10)
    ]
    meetings = Meeting.objects.bulk_create(
        Meeting(
            cooperation=cooperation,
            body=bodies[i % len(bodies)],
            number=i // len(bodies) + 1,
            date=dt.date(2015, 1, 1) + dt.timedelta(days=i * 3),
            is_public=i % 3 != 0,
            state=Meeting.State.MINUTES_PUBLISHED if i % 5 else Meeting.State.HELD,
        )
        for i in range(MEETINGS)
    )
    rng = random.Random(2019)
    per_meeting = POINTS // MEETINGS
    Point.objects.bulk_create(
        (
            Point(
                cooperation=cooperation,
                meeting=meetings[i // per_meeting],
                position=i % per_meeting,
                text=" ".join(rng.choices(WORDS, k=12)) + f" Vorgang V{i:06d}.",
                kind=Point.Kind.DECISION if i % 7 == 0 else Point.Kind.INFORMATION,
                is_internal=i % 11 == 0,
            )
            for i in range(POINTS)
        ),
        batch_size=5_000,
    )
    Project.objects.bulk_create(
        Project(
            cooperation=cooperation,
            title=f"Vorhaben {i:05d} {rng.choice(WORDS)}",
            description=" ".join(rng.choices(WORDS, k=20)),
            stage=rng.choice(list(Stage.values)),
            is_public=i % 2 == 0,
        )
        for i in range(PROJECTS)
    )
    coordinator = User.objects.create_user(username="bench-suche-koordination", password="x" * 20)
    CooperationRole.objects.create(user=coordinator, cooperation=cooperation, role="coordinator")
    member = User.objects.create_user(username="bench-suche-mitglied", password="x" * 20)
    CooperationRole.objects.create(user=member, cooperation=cooperation, role="member")
    person = Person.objects.create(
        cooperation=cooperation, given_name="Erika", family_name="Muster", user=member
    )
    Membership.objects.create(cooperation=cooperation, person=person, body=bodies[1])
    rebuild(cooperation_ids=[cooperation.pk])
    if connection.vendor == "postgresql":
        # What autovacuum does after a load this size: without statistics the planner guesses,
        # and until a vacuum every GIN search also reads the index's pending list; the
        # figures would be those of a database nobody runs (docs/search.md).
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    return cooperation, coordinator, member


def _timed(label: str, function, check) -> Result:  # type: ignore[no-untyped-def]
    result = function()
    check(result)
    # A test-client request resets the query log (request_started): start from an empty one,
    # or the count around the search page request reads 0.
    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        function()
    seconds, cpu = best_of_cpu(function, repeat=5)
    return (
        label,
        seconds,
        f"{seconds * 1000:.1f} ms, CPU {cpu * 1000:.0f} ms, {len(queries)} queries",
    )


def run() -> list[Result]:
    from ikz.cooperation.access import access_for

    cooperation, coordinator, member = _setup()
    coordinator_access = access_for(user=coordinator, cooperation=cooperation)
    member_access = access_for(user=member, cooperation=cooperation)
    public = Access(cooperation=cooperation, level=Level.PUBLIC)
    vendor = connection.vendor

    def finds_many(results) -> None:  # type: ignore[no-untyped-def]
        # Many matches: some kind's window is full ("über 500").
        assert any(group.capped for group in results.groups), results.total

    def finds_one(results) -> None:  # type: ignore[no-untyped-def]
        assert results.total == 1, results.total

    rows = [
        _timed(
            f"{vendor}.common_word_coordinator",
            lambda: search(access=coordinator_access, text="Bauhof"),
            finds_many,
        ),
        _timed(
            f"{vendor}.common_word_member",
            lambda: search(access=member_access, text="Bauhof"),
            finds_many,
        ),
        _timed(
            f"{vendor}.common_word_public",
            lambda: search(access=public, text="Bauhof"),
            finds_many,
        ),
        _timed(
            f"{vendor}.two_words_member",
            lambda: search(access=member_access, text="Bauhöfe Winterdienst"),
            finds_many,
        ),
        _timed(
            f"{vendor}.transliterated_public",
            lambda: search(access=public, text="Grosspoesna"),
            finds_many,
        ),
        _timed(
            f"{vendor}.rare_word_public",
            lambda: search(access=public, text="V000101"),
            finds_one,
        ),
    ]
    client = Client()
    client.force_login(coordinator)
    url = f"/{cooperation.slug}/suche/"

    def page() -> object:
        response = client.get(url, {"q": "Bauhof Beschluss"})
        assert response.status_code == 200
        return response

    rows.append(_timed(f"{vendor}.search_page_request", page, lambda response: None))  # noqa: ARG005 - the timing helper's check callback
    return rows
