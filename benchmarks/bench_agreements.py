"""A state-wide instance: 2,000 agreements among 400 municipalities.

Whole requests through Django's test client as the coordinator: the agreement list (first page
of 40), and a statement page, its PDF and its XLSX for an agreement with 50 partners (a draft:
computed from the data on every request; and the same statement issued: read from its frozen
snapshot). The data is built with ``bulk_create`` outside the timed part: each agreement has
3–52 partners with their own dates and one measure per partner and year. The query count of the
draft statement is measured for 5 and for 50 partners: it must not grow with the partners.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ikz.accounts.models import CooperationRole, User
from ikz.agreements import services
from ikz.agreements.allocation import ComponentInput
from ikz.agreements.models import (
    Agreement,
    ComponentKind,
    Measure,
    Partner,
    State,
    StateChange,
    Statement,
)
from ikz.cooperation.models import Cooperation, Municipality

from . import Result, best_of

AGREEMENTS = 2_000
MUNICIPALITIES = 400
HOT_PARTNERS = 50
CASES = "Fallzahlen"
YEAR = 2023


def _setup() -> tuple[Cooperation, User, Agreement, Agreement]:
    cooperation = Cooperation.objects.create(name="Benchmark Land", slug="benchmark-land")
    rng = random.Random(2023)
    towns = Municipality.objects.bulk_create(
        Municipality(
            cooperation=cooperation,
            name=f"Gemeinde {i:03d}",
            ags=f"{14000000 + i:08d}",
            population=rng.randint(800, 60_000),
            population_year=2022,
            area_km2=Decimal(rng.randint(500, 20_000)) / 100,
        )
        for i in range(MUNICIPALITIES)
    )
    states = list(State.values)
    agreements = Agreement.objects.bulk_create(
        Agreement(
            cooperation=cooperation,
            title=f"Vereinbarung {i:04d}",
            task=f"Aufgabe {i % 37}",
            performing_municipality=towns[i % MUNICIPALITIES],
            state=states[i % len(states)],
            notice_months=12,
        )
        for i in range(AGREEMENTS)
    )
    StateChange.objects.bulk_create(
        StateChange(
            cooperation=cooperation,
            agreement=a,
            from_state="",
            to_state=a.state,
            date=dt.date(2021, 1, 1),
        )
        for a in agreements
    )
    partners = []
    measures = []
    for i, agreement in enumerate(agreements):
        count = HOT_PARTNERS if i == 0 else (5 if i == 1 else 3 + i % 50)
        start = (i * 7) % MUNICIPALITIES
        for k in range(count):
            town = towns[(start + k) % MUNICIPALITIES]
            joined = dt.date(2021, 1, 1) + dt.timedelta(days=rng.randint(0, 900))
            partners.append(
                Partner(
                    cooperation=cooperation,
                    agreement=agreement,
                    municipality=town,
                    resolution_date=joined - dt.timedelta(days=60),
                    joined_on=joined,
                )
            )
            measures.append(
                Measure(
                    cooperation=cooperation,
                    agreement=agreement,
                    municipality=town,
                    year=YEAR,
                    name=CASES,
                    value=Decimal(rng.randint(0, 2000)),
                )
            )
    Partner.objects.bulk_create(partners, batch_size=5000)
    Measure.objects.bulk_create(measures, batch_size=5000)
    user = User.objects.create_user(username="bench-vereinbarungen")
    CooperationRole.objects.create(
        user=user, cooperation=cooperation, role=CooperationRole.Role.COORDINATOR
    )
    return cooperation, user, agreements[0], agreements[1]


def _statement(agreement: Agreement) -> Statement:
    key = services.cost_key_save(
        agreement=agreement,
        name="70 % Fälle, 20 % Einwohner, 10 % Fläche",
        components=[
            ComponentInput(kind=ComponentKind.MEASURE, weight=Decimal(70), measure=CASES),
            ComponentInput(kind=ComponentKind.POPULATION, weight=Decimal(20)),
            ComponentInput(kind=ComponentKind.AREA, weight=Decimal(10)),
        ],
    )
    return services.statement_save(
        agreement=agreement,
        values={"key": key, "year": YEAR, "basis": "actual", "costs_cents": 123_456_789},
    )


def _timed(client: Client, url: str, *, expect: str | None = None) -> tuple[float, int]:
    reset_queries()  # DEBUG is on: see bench_meetings
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    if expect is not None:
        assert expect in response.content.decode(), (url, expect)
    seconds = best_of(lambda: client.get(url), repeat=3)
    return seconds, len(queries)


def run() -> list[Result]:
    cooperation, user, hot, small = _setup()
    hot_statement = _statement(hot)
    small_statement = _statement(small)
    client = Client()
    client.force_login(user)
    slug = cooperation.slug

    def statement_url(agreement: Agreement, statement: Statement, name: str) -> str:
        return reverse(f"agreements:{name}", args=[slug, agreement.pk, statement.pk])

    results: list[Result] = []
    size = f"{AGREEMENTS:,} agreements, {MUNICIPALITIES} municipalities"
    seconds, queries = _timed(
        client, reverse("agreements:list", args=[slug]), expect="Seite 1 von 40"
    )
    results.append(("list_first_page", seconds, f"{size}, {seconds * 1000:.0f} ms, {queries} q"))
    _s, small_queries = _timed(
        client, statement_url(small, small_statement, "statement"), expect="Summe"
    )
    seconds, queries = _timed(
        client, statement_url(hot, hot_statement, "statement"), expect="Summe"
    )
    assert queries == small_queries, (queries, small_queries)
    results.append(
        (
            "statement_draft_50_partners",
            seconds,
            f"{seconds * 1000:.0f} ms, {queries} queries (5 partners: {small_queries})",
        )
    )
    for name in ("statement_xlsx", "statement_pdf"):
        seconds, queries = _timed(client, statement_url(hot, hot_statement, name))
        results.append((f"{name}_draft_50", seconds, f"{seconds * 1000:.0f} ms, {queries} q"))
    services.statement_issue(statement=hot_statement)
    seconds, queries = _timed(
        client, statement_url(hot, hot_statement, "statement"), expect="ausgestellt am"
    )
    results.append(
        ("statement_issued_50_partners", seconds, f"{seconds * 1000:.0f} ms, {queries} queries")
    )
    return results
