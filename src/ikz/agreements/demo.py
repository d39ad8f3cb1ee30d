"""Demo data: the Partheland trade-office agreement (Gewerbeamt Naunhof).

Naunhof performs the trade-office task for Großpösna (effective 01.07.2021) and Borsdorf
(effective 01.01.2023). Costs are shared 70 % by cases handled, 30 % by population; the actual
statements 2022 and 2023 are issued (2023 with Borsdorf, which joined that year), and a plan
for 2023 shows plan versus actual. The figures are plausible, not real. Everything goes
through the services, as a coordinator would enter it.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from ikz.agreements import services
from ikz.agreements.allocation import ComponentInput
from ikz.agreements.models import ComponentKind, Kind, State, Statement
from ikz.cooperation.models import Cooperation

TITLE = "Gewerbeamt Partheland"
CASES = "Fallzahlen Gewerbeamt"
# Partner, council resolution (date, number), signature, effective from.
PARTNERS = (
    ("Naunhof", dt.date(2021, 3, 11), "SR 12/2021", dt.date(2021, 4, 20), dt.date(2021, 7, 1)),
    ("Großpösna", dt.date(2021, 3, 22), "GR 17/2021", dt.date(2021, 4, 20), dt.date(2021, 7, 1)),
    ("Borsdorf", dt.date(2022, 9, 26), "GR 88/2022", dt.date(2022, 10, 17), dt.date(2023, 1, 1)),
)
STEPS = (
    (State.RESOLUTIONS, dt.date(2021, 2, 15), "Entwurf an die Räte"),
    (State.SIGNED, dt.date(2021, 4, 20), "unterzeichnet in Naunhof"),
    (State.APPROVED, dt.date(2021, 5, 27), "Genehmigung durch die Rechtsaufsicht"),
    (State.PUBLISHED, dt.date(2021, 6, 11), "Bekanntmachung im Sächsischen Amtsblatt"),
    (State.EFFECTIVE, dt.date(2021, 7, 1), "Großpösna und Naunhof"),
)
MEASURES = {
    2022: {"Naunhof": 812, "Großpösna": 405},
    2023: {"Naunhof": 845, "Großpösna": 398, "Borsdorf": 610},
}
# Year, basis, costs, fees, grants (euros), issued on.
STATEMENTS = (
    (2022, Statement.Basis.ACTUAL, 84_000, 12_500, 0, dt.date(2023, 3, 15)),
    (2023, Statement.Basis.PLAN, 120_000, 17_000, 5_000, dt.date(2022, 11, 21)),
    (2023, Statement.Basis.ACTUAL, 126_000, 18_200, 5_000, dt.date(2024, 3, 14)),
)


def load(*, cooperation: Cooperation, refs: dict[str, Any]) -> None:
    naunhof = refs["municipality:Naunhof"]
    user = refs.get("user:coordinator")
    actor = user.pk if user is not None else None
    agreement = services.agreement_save(
        cooperation=cooperation,
        values={
            "title": TITLE,
            "kind": Kind.DELEGATING,
            "task": "Gewerbeangelegenheiten (Gewerbean-, -um- und -abmeldungen, Erlaubnisse)",
            "performing_municipality": naunhof,
            "project": refs.get("project:Personal-Sharing"),
            "description": "Zweckvereinbarung nach §§ 71 ff. SächsKomZG: Die Stadt Naunhof "
            "erfüllt die Aufgaben des Gewerbeamts für die beteiligten Gemeinden. Die Kosten "
            "werden zu 70 % nach Fallzahlen und zu 30 % nach Einwohnern getragen.",
            "term_start": dt.date(2021, 7, 1),
            "term_end": None,
            "notice_months": 12,
        },
        actor_id=actor,
        date=dt.date(2020, 11, 12),
    )
    for name, resolved, number, signed, joined in PARTNERS:
        services.partner_save(
            agreement=agreement,
            values={
                "municipality": refs[f"municipality:{name}"],
                "resolution_date": resolved,
                "resolution_reference": number,
                "signed_on": signed,
                "joined_on": joined,
            },
            actor_id=actor,
        )
    for state, day, reason in STEPS:
        services.agreement_change_state(
            agreement=agreement,
            to_state=state,
            date=day,
            reason=reason,
            actor_id=actor,
            approval_date=dt.date(2021, 5, 27) if state == State.APPROVED else None,
            approval_reference="LDS 14-2241/21" if state == State.APPROVED else None,
            publication_date=dt.date(2021, 6, 11) if state == State.PUBLISHED else None,
            publication_place="Sächsisches Amtsblatt Nr. 23/2021"
            if state == State.PUBLISHED
            else None,
        )
    key = services.cost_key_save(
        agreement=agreement,
        name="70 % Fallzahlen, 30 % Einwohner",
        population_reference="Einwohnerzahlen aus den Daten der Kommunen",
        components=[
            ComponentInput(kind=ComponentKind.MEASURE, weight=Decimal(70), measure=CASES),
            ComponentInput(kind=ComponentKind.POPULATION, weight=Decimal(30)),
        ],
        actor_id=actor,
    )
    for year, values in MEASURES.items():
        services.measures_save(
            agreement=agreement,
            year=year,
            values={
                (refs[f"municipality:{name}"].pk, CASES): Decimal(value)
                for name, value in values.items()
            },
            actor_id=actor,
        )
    for year, basis, costs, fees, grants, issued_on in STATEMENTS:
        statement = services.statement_save(
            agreement=agreement,
            values={
                "key": key,
                "year": year,
                "basis": basis,
                "costs_cents": costs * 100,
                "fees_cents": fees * 100,
                "grants_cents": grants * 100,
                "note": "",
            },
            actor_id=actor,
        )
        services.statement_issue(statement=statement, date=issued_on, actor_id=actor)
    refs[f"agreement:{TITLE}"] = agreement
