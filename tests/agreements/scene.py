"""A cooperation with agreements of every visibility, for the role matrix and the page tests."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from ikz.agreements import services
from ikz.agreements.allocation import ComponentInput
from ikz.agreements.models import Agreement, ComponentKind, CostKey, Partner, State, Statement
from tests.agreements.helpers import agreement, partner
from tests.conftest import World


@dataclass
class AgreementScene:
    party: Agreement  # draft, the member's municipality is a partner
    foreign: Agreement  # draft, the member's municipality is not party to it
    published: Agreement  # public, the member's municipality is not party to it
    party_partner: Partner
    key: CostKey
    issued: Statement  # of ``party``
    draft: Statement  # of ``party``
    foreign_issued: Statement


def _population_key(target: Agreement) -> CostKey:
    return services.cost_key_save(
        agreement=target,
        name="nach Einwohnern",
        components=[ComponentInput(kind=ComponentKind.POPULATION, weight=Decimal(100))],
    )


def _statement(target: Agreement, key: CostKey, year: int, *, issue: bool) -> Statement:
    statement = services.statement_save(
        agreement=target,
        values={"key": key, "year": year, "basis": "actual", "costs_cents": 1_000_000},
    )
    return services.statement_issue(statement=statement) if issue else statement


def build(world: World) -> AgreementScene:
    for town, people in ((world.municipality, 6000), (world.other_municipality, 4000)):
        town.population = people
        town.save()
    party = agreement(cooperation=world.cooperation, title="Gewerbeamt")
    party_partner = partner(party, world.municipality, joined_on=dt.date(2021, 7, 1))
    partner(party, world.other_municipality)
    key = _population_key(party)
    foreign = agreement(cooperation=world.cooperation, title="Standesamt")
    partner(foreign, world.other_municipality)
    foreign_key = _population_key(foreign)
    published = agreement(cooperation=world.cooperation, title="Bauhof")
    partner(published, world.other_municipality)
    Agreement.objects.filter(pk=published.pk).update(state=State.PUBLISHED)
    return AgreementScene(
        party=party,
        foreign=foreign,
        published=published,
        party_partner=party_partner,
        key=key,
        issued=_statement(party, key, 2022, issue=True),
        draft=_statement(party, key, 2023, issue=False),
        foreign_issued=_statement(foreign, foreign_key, 2022, issue=True),
    )
