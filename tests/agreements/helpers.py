"""Builders for agreement tests: they go through the services, like the coordinator's pages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from ikz.agreements import services
from ikz.agreements.allocation import ComponentInput
from ikz.agreements.models import Agreement, ComponentKind, CostKey, Partner
from ikz.cooperation.models import Cooperation, Municipality

CASES = "Fallzahlen"


def agreement(*, cooperation: Cooperation, title: str = "Gewerbeamt", **values: Any) -> Agreement:
    return services.agreement_save(
        cooperation=cooperation,
        values={"title": title, **values},
        date=dt.date(2020, 11, 1),
    )


def partner(target: Agreement, municipality: Municipality, **values: Any) -> Partner:
    return services.partner_save(agreement=target, values={"municipality": municipality, **values})


def cases_key(target: Agreement, *, cases: int = 70, population: int = 30) -> CostKey:
    return services.cost_key_save(
        agreement=target,
        name=f"{cases} % Fälle, {population} % Einwohner",
        components=[
            ComponentInput(kind=ComponentKind.MEASURE, weight=Decimal(cases), measure=CASES),
            ComponentInput(kind=ComponentKind.POPULATION, weight=Decimal(population)),
        ],
    )
