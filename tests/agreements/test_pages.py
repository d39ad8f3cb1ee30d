"""The coordinator's forms take effect; pages answer in a number of queries that does not grow
with the partners or agreements."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ikz.agreements import services
from ikz.agreements.models import Agreement, FixedShare, Measure, Statement
from tests.agreements.helpers import CASES, agreement, cases_key, partner
from tests.agreements.scene import build
from tests.conftest import World, client_for
from tests.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db


def _url(world: World, name: str, *args: object) -> str:
    return reverse(f"agreements:{name}", args=[world.cooperation.slug, *args])


def test_measures_form_saves_the_years_values(world: World) -> None:
    target = agreement(cooperation=world.cooperation)
    first = partner(target, world.municipality)
    partner(target, world.other_municipality)
    cases_key(target)
    client = client_for(world.coordinator)
    url = _url(world, "measures", target.pk, 2023)
    page = client.get(url).content.decode()
    assert f"{world.municipality.name}: {CASES}" in page
    fields = {
        f"m_{first.municipality_id}_0": "812",
        f"m_{world.other_municipality.pk}_0": "405,5",
    }
    assert client.post(url, fields).status_code == 302
    values = dict(
        Measure.objects.filter(agreement=target, year=2023).values_list("municipality_id", "value")
    )
    assert values == {
        world.municipality.pk: Decimal(812),
        world.other_municipality.pk: Decimal("405.5"),
    }
    refused = client.post(url, {f"m_{first.municipality_id}_0": "-3"})
    assert refused.status_code == 400
    assert Measure.objects.get(agreement=target, municipality=world.municipality).value == 812


def test_key_form_with_fixed_shares(world: World) -> None:
    target = agreement(cooperation=world.cooperation)
    partner(target, world.municipality)
    partner(target, world.other_municipality)
    client = client_for(world.coordinator)
    url = _url(world, "key_create", target.pk)
    data = {
        "name": "50 % fest, 50 % Einwohner",
        "kind_0": "fixed",
        "weight_0": "50",
        "kind_1": "population",
        "weight_1": "50",
        f"fixed_{world.municipality.pk}": "60",
        f"fixed_{world.other_municipality.pk}": "30",
    }
    refused = client.post(url, data)
    assert refused.status_code == 400
    assert "Die festen Anteile ergeben zusammen 90,00 %, nicht 100 %." in refused.content.decode()
    assert not FixedShare.objects.exists()
    data[f"fixed_{world.other_municipality.pk}"] = "40"
    assert client.post(url, data).status_code == 302
    shares = dict(FixedShare.objects.values_list("municipality_id", "percent"))
    assert shares == {world.municipality.pk: Decimal(60), world.other_municipality.pk: Decimal(40)}


def test_statement_form_creates_a_draft_in_cents(world: World) -> None:
    target = agreement(cooperation=world.cooperation)
    partner(target, world.municipality)
    key = cases_key(target)
    client = client_for(world.coordinator)
    response = client.post(
        _url(world, "statement_create", target.pk),
        {"key": key.pk, "year": "2023", "basis": "plan", "costs": "84000", "fees": "1234,56"},
    )
    assert response.status_code == 302
    statement = Statement.objects.get(agreement=target)
    assert (statement.costs_cents, statement.fees_cents, statement.status) == (
        8_400_000,
        123_456,
        "draft",
    )
    page = client.get(_url(world, "statement", target.pk, statement.pk)).content.decode()
    assert f"Für {world.municipality.name} fehlt 2023 der Wert „Fallzahlen“." in page


def _statement_queries(world: World, partners: int) -> int:
    target = agreement(cooperation=world.cooperation, title=f"Vereinbarung {partners}")
    towns = [
        MunicipalityFactory(
            cooperation=world.cooperation, population=1000 + i, population_year=2022
        )
        for i in range(partners)
    ]
    for town in towns:
        partner(target, town, joined_on=dt.date(2023, 1 + towns.index(town) % 12, 1))
    key = cases_key(target)
    services.measures_save(
        agreement=target,
        year=2023,
        values={(town.pk, CASES): Decimal(10 + i) for i, town in enumerate(towns)},
    )
    statement = services.statement_save(
        agreement=target,
        values={"key": key, "year": 2023, "basis": "actual", "costs_cents": 10_000_000},
    )
    client = client_for(world.coordinator)
    client.get(_url(world, "statement", target.pk, statement.pk))  # warm caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(_url(world, "statement", target.pk, statement.pk))
    assert response.status_code == 200
    assert response.content.decode().count("data-municipality=") == partners
    return len(queries)


def test_statement_page_queries_do_not_grow_with_the_partners(world: World) -> None:
    assert _statement_queries(world, 3) == _statement_queries(world, 30)


def test_list_and_detail_queries_do_not_grow(world: World) -> None:
    build(world)
    client = client_for(world.member)
    with CaptureQueriesContext(connection) as few:
        client.get(_url(world, "list"))
    for i in range(30):
        extra = agreement(cooperation=world.cooperation, title=f"Mehr {i}")
        partner(extra, world.municipality)
    with CaptureQueriesContext(connection) as many:
        response = client.get(_url(world, "list"))
    assert response.content.decode().count("Mehr ") == 30
    assert len(many) == len(few)
    detail = Agreement.objects.get(title="Gewerbeamt")
    with CaptureQueriesContext(connection) as queries:
        client.get(_url(world, "detail", detail.pk))
    small = len(queries)
    for town in [MunicipalityFactory(cooperation=world.cooperation) for _ in range(10)]:
        partner(detail, town)
    with CaptureQueriesContext(connection) as queries:
        client.get(_url(world, "detail", detail.pk))
    assert len(queries) == small
