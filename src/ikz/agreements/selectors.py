"""Reads of agreements, always filtered by cooperation and by who may see what.

Coordinators see everything; members the agreements their municipality is party to (as a
partner or as the performing municipality) and the published ones; everyone else only the
published ones (``PUBLIC_STATES``). Statements: coordinators all, members the issued statements
of the agreements their municipality is party to, the public none.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404

from ikz.accounts.access import Access
from ikz.agreements import allocation
from ikz.agreements.models import (
    PUBLIC_STATES,
    Agreement,
    Component,
    CostKey,
    FixedShare,
    Measure,
    Partner,
    StateChange,
    Statement,
)
from ikz.projects.models import Project


def _party_q(access: Access) -> Q:
    municipality = access.municipality_id
    if municipality is None:
        return Q(pk__in=[])
    return Q(performing_municipality_id=municipality) | Q(
        Exists(
            Partner.objects.filter(
                cooperation=access.cooperation,
                agreement_id=OuterRef("pk"),
                municipality_id=municipality,
            )
        )
    )


def visible_agreements(*, access: Access) -> QuerySet[Agreement]:
    agreements = Agreement.objects.filter(cooperation=access.cooperation)
    if access.is_coordinator:
        return agreements
    public = Q(state__in=PUBLIC_STATES)
    if access.is_member:
        return agreements.filter(public | _party_q(access))
    return agreements.filter(public)


def is_party(*, access: Access, agreement: Agreement) -> bool:
    if access.is_coordinator:
        return True
    if not access.is_member or access.municipality_id is None:
        return False
    return agreement.performing_municipality_id == access.municipality_id or (
        Partner.objects.filter(agreement=agreement, municipality_id=access.municipality_id).exists()
    )


def agreement_queryset(*, access: Access, state: str = "") -> QuerySet[Agreement]:
    """The register, by title; paginated by the view."""
    agreements = visible_agreements(access=access).select_related(
        "performing_municipality", "project"
    )
    if state:
        agreements = agreements.filter(state=state)
    return agreements.order_by("title", "pk")


def project_for_new_agreement(*, access: Access, pk: int) -> Project | None:
    """The project a new agreement starts from (``?vorhaben=``), if it is this cooperation's."""
    return Project.objects.filter(cooperation=access.cooperation, pk=pk).first()


def with_partner_counts(agreements: Iterable[Agreement]) -> list[Agreement]:
    """The page's agreements, each with ``partner_count`` (one query for the page)."""
    rows = list(agreements)
    counts = dict(
        Partner.objects.filter(agreement__in=[a.pk for a in rows])
        .values("agreement_id")
        .annotate(n=Count("pk"))
        .values_list("agreement_id", "n")
    )
    for agreement in rows:
        agreement.partner_count = counts.get(agreement.pk, 0)  # type: ignore[attr-defined]
    return rows


def agreement_for_read(*, access: Access, pk: int) -> Agreement:
    agreement = (
        visible_agreements(access=access)
        .select_related("performing_municipality", "project")
        .filter(pk=pk)
        .first()
    )
    if agreement is None:
        raise Http404
    return agreement


def agreement_for_write(*, access: Access, pk: int) -> Agreement:
    agreement = (
        Agreement.objects.filter(cooperation=access.cooperation, pk=pk)
        .select_related("performing_municipality", "project")
        .first()
    )
    if agreement is None or not access.is_coordinator:
        raise Http404
    return agreement


def partners(*, agreement: Agreement) -> list[Partner]:
    return list(
        Partner.objects.filter(cooperation=agreement.cooperation, agreement=agreement)
        .select_related("municipality", "resolution_point", "resolution_point__meeting")
        .order_by("municipality__name", "pk")
    )


def partner_for_write(*, agreement: Agreement, pk: int) -> Partner:
    partner = (
        Partner.objects.filter(cooperation=agreement.cooperation, agreement=agreement, pk=pk)
        .select_related("municipality")
        .first()
    )
    if partner is None:
        raise Http404
    return partner


def history(*, agreement: Agreement) -> list[StateChange]:
    return list(
        StateChange.objects.filter(cooperation=agreement.cooperation, agreement=agreement)
        .select_related("author")
        .order_by("pk")  # the chain: each step starts where the one before ended
    )


def cost_keys(*, agreement: Agreement) -> list[CostKey]:
    keys = list(CostKey.objects.filter(cooperation=agreement.cooperation, agreement=agreement))
    components = Component.objects.filter(cooperation=agreement.cooperation, key__in=keys)
    by_key: dict[int, list[Component]] = {key.pk: [] for key in keys}
    for component in components:
        by_key[component.key_id].append(component)
    for key in keys:
        key.component_list = by_key[key.pk]  # type: ignore[attr-defined]
    return keys


def key_for_write(*, agreement: Agreement, pk: int) -> CostKey:
    key = CostKey.objects.filter(
        cooperation=agreement.cooperation, agreement=agreement, pk=pk
    ).first()
    if key is None:
        raise Http404
    return key


def statements(*, access: Access, agreement: Agreement) -> list[Statement]:
    rows = Statement.objects.filter(cooperation=agreement.cooperation, agreement=agreement)
    if not access.is_coordinator:
        if not is_party(access=access, agreement=agreement):
            return []
        rows = rows.filter(status=Statement.Status.ISSUED)
    return list(rows.select_related("key").order_by("-year", "basis", "-version"))


def statement_for_read(*, access: Access, agreement: Agreement, pk: int) -> Statement:
    rows = statements(access=access, agreement=agreement)
    found = next((row for row in rows if row.pk == pk), None)
    if found is None:
        raise Http404
    return found


def statement_for_write(*, access: Access, agreement: Agreement, pk: int) -> Statement:
    statement = (
        Statement.objects.filter(cooperation=access.cooperation, agreement=agreement, pk=pk)
        .select_related("key")
        .first()
    )
    if statement is None or not access.is_coordinator:
        raise Http404
    return statement


def measure_names(*, agreement: Agreement) -> list[str]:
    """The measures the agreement's keys ask for, in key order."""
    names = Component.objects.filter(
        cooperation=agreement.cooperation, key__agreement=agreement
    ).exclude(measure="")
    return list(
        dict.fromkeys(names.order_by("key_id", "position", "pk").values_list("measure", flat=True))
    )


def measures(*, agreement: Agreement, year: int) -> dict[tuple[int, str], Decimal]:
    rows = Measure.objects.filter(cooperation=agreement.cooperation, agreement=agreement, year=year)
    return {(m.municipality_id, m.name): m.value for m in rows}


@dataclass(frozen=True)
class KeyInputs:
    components: list[allocation.ComponentInput]
    fixed: dict[int, Decimal]


def key_inputs(*, key: CostKey) -> KeyInputs:
    components = [
        allocation.ComponentInput(
            kind=c.kind, weight=c.weight, measure=c.measure, fee_cents=c.fee_cents
        )
        for c in Component.objects.filter(cooperation=key.cooperation, key=key).order_by(
            "position", "pk"
        )
    ]
    fixed = {
        f.municipality_id: f.percent
        for f in FixedShare.objects.filter(cooperation=key.cooperation, key=key)
    }
    return KeyInputs(components=components, fixed=fixed)


def statement_allocation(*, statement: Statement) -> allocation.Allocation:
    """Compute the statement's allocation from the current data (five queries, any size).

    Raises the allocation's ValidationError when the key or the data do not allow one.
    """
    agreement = statement.agreement
    inputs = key_inputs(key=statement.key)
    values = measures(agreement=agreement, year=statement.year)
    partner_inputs = [
        allocation.PartnerInput(
            municipality_id=p.municipality_id,
            name=p.municipality.name,
            joined_on=p.joined_on,
            left_on=p.left_on,
            population=p.municipality.population,
            area=p.municipality.area_km2,
            measures={
                name: value for (owner, name), value in values.items() if owner == p.municipality_id
            },
            fixed_percent=inputs.fixed.get(p.municipality_id),
        )
        for p in partners(agreement=agreement)
    ]
    return allocation.allocate(
        year=statement.year,
        distributable_cents=statement.distributable_cents,
        components=inputs.components,
        partners=partner_inputs,
        fixed=inputs.fixed,
    )


def plan_and_actual(*, access: Access, agreement: Agreement) -> list[dict[str, Any]]:
    """Per year: the newest plan and the newest actual statement, with the difference."""
    years: dict[int, dict[str, Statement]] = {}
    for statement in statements(access=access, agreement=agreement):
        slot = years.setdefault(statement.year, {})
        slot.setdefault(statement.basis, statement)  # newest version first
    rows = []
    for year in sorted(years, reverse=True):
        plan = years[year].get(Statement.Basis.PLAN)
        actual = years[year].get(Statement.Basis.ACTUAL)
        rows.append(
            {
                "year": year,
                "plan": plan,
                "actual": actual,
                "difference": (
                    actual.distributable_cents - plan.distributable_cents
                    if plan and actual
                    else None
                ),
            }
        )
    return rows
