"""Distribute a year's costs among the partners by a cost key, exactly to the cent.

Pure functions without database access (see docs/agreements.md for the rules):

1. Direct charges (a measure × a fee per unit) are charged to each partner first.
2. The rest is spread evenly over the days of the year on which at least one partner belonged
   to the agreement. For each stretch of days with the same partners, each weighted component
   (weights sum to 100 %) divides its part among the partners present by their basis
   (fixed percent, population, area or a measure of the year).
3. Each partner's exact share (a fraction of a cent) is rounded by the largest-remainder method:
   everyone gets the whole cents of the share, and the cents left over go one each to the
   partners with the largest remainders (ties: in the order of the partners). The rounded
   shares are never negative and add up exactly to the distributable amount.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from itertools import pairwise
from math import floor
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ikz.agreements.models import ComponentKind
from ikz.agreements.money import format_cents
from ikz.dates import PartialDate, format_partial_date

HUNDRED = Decimal(100)
ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class ComponentInput:
    kind: str
    weight: Decimal = Decimal(0)  # percent
    measure: str = ""
    fee_cents: int | None = None

    @property
    def label(self) -> str:
        if self.kind in (ComponentKind.MEASURE, ComponentKind.DIRECT):
            return self.measure
        return str(ComponentKind(self.kind).label)


@dataclass(frozen=True)
class PartnerInput:
    municipality_id: int
    name: str
    joined_on: dt.date | None = None  # None: a partner since before the year
    left_on: dt.date | None = None  # the last day as a partner
    population: int | None = None
    area: Decimal | None = None
    measures: Mapping[str, Decimal] = field(default_factory=dict)
    fixed_percent: Decimal | None = None


@dataclass
class Share:
    partner: PartnerInput
    first_day: dt.date | None
    last_day: dt.date | None
    days: int
    exact: Fraction = Fraction(0)
    direct: Fraction = Fraction(0)
    by_component: list[Fraction] = field(default_factory=list)
    cents: int = 0


@dataclass
class Allocation:
    year: int
    distributable_cents: int
    components: tuple[ComponentInput, ...]
    shares: list[Share]

    @property
    def total_cents(self) -> int:
        return sum(share.cents for share in self.shares)


def key_errors(
    components: Sequence[ComponentInput], fixed: Mapping[int, Decimal] | None = None
) -> list[str]:
    """German messages for a key that cannot be used; empty when the key is valid."""
    errors = []
    weighted = [c for c in components if c.kind != ComponentKind.DIRECT]
    total = sum((c.weight for c in weighted), Decimal(0))
    if total != HUNDRED:
        errors.append(
            _("Die Gewichte ergeben zusammen %(sum)s %%, nicht 100 %%.")
            % {"sum": f"{total:.2f}".replace(".", ",")}
        )
    for component in components:
        if component.weight < 0 or component.weight > HUNDRED:
            errors.append(_("Ein Gewicht liegt zwischen 0 und 100 %."))
        if component.kind in (ComponentKind.MEASURE, ComponentKind.DIRECT) and not (
            component.measure.strip()
        ):
            errors.append(_("Eine Komponente nach Kennzahl braucht den Namen der Kennzahl."))
        if component.kind == ComponentKind.DIRECT:
            if component.weight:
                errors.append(
                    _("Die direkte Abrechnung „%(name)s“ hat kein Gewicht (0 %%).")
                    % {"name": component.measure}
                )
            if component.fee_cents is None or component.fee_cents < 0:
                errors.append(
                    _("Die direkte Abrechnung „%(name)s“ braucht eine Gebühr je Einheit.")
                    % {"name": component.measure}
                )
    if any(c.kind == ComponentKind.FIXED for c in components):
        fixed_total = sum((fixed or {}).values(), Decimal(0))
        if fixed_total != HUNDRED:
            errors.append(
                _("Die festen Anteile ergeben zusammen %(sum)s %%, nicht 100 %%.")
                % {"sum": f"{fixed_total:.2f}".replace(".", ",")}
            )
    return errors


def _interval(partner: PartnerInput, year: int) -> tuple[dt.date, dt.date] | None:
    start = max(partner.joined_on or dt.date(year, 1, 1), dt.date(year, 1, 1))
    end = min(partner.left_on or dt.date(year, 12, 31), dt.date(year, 12, 31))
    return (start, end) if start <= end else None


def _basis(component: ComponentInput, partner: PartnerInput) -> Fraction | None:
    value: Decimal | int | None
    if component.kind == ComponentKind.FIXED:
        value = partner.fixed_percent
    elif component.kind == ComponentKind.POPULATION:
        value = partner.population
    elif component.kind == ComponentKind.AREA:
        value = partner.area
    else:
        value = partner.measures.get(component.measure)
    return None if value is None else Fraction(value)


def _missing(component: ComponentInput, partner: PartnerInput, year: int) -> str:
    if component.kind == ComponentKind.FIXED:
        return _("Für %(name)s fehlt der feste Anteil.") % {"name": partner.name}
    if component.kind == ComponentKind.POPULATION:
        return _("Für %(name)s fehlt die Einwohnerzahl.") % {"name": partner.name}
    if component.kind == ComponentKind.AREA:
        return _("Für %(name)s fehlt die Fläche.") % {"name": partner.name}
    return _("Für %(name)s fehlt %(year)s der Wert „%(measure)s“.") % {
        "name": partner.name,
        "year": year,
        "measure": component.measure,
    }


def allocate(
    *,
    year: int,
    distributable_cents: int,
    components: Sequence[ComponentInput],
    partners: Sequence[PartnerInput],
    fixed: Mapping[int, Decimal] | None = None,
) -> Allocation:
    """The allocation, or a ValidationError listing every reason (German) why there is none."""
    components = tuple(components)
    errors = key_errors(components, fixed)
    if distributable_cents < 0:
        errors.append(_("Die Einnahmen übersteigen die Kosten: es gibt nichts zu verteilen."))
    shares = []
    for partner in partners:
        interval = _interval(partner, year)
        days = (interval[1] - interval[0]).days + 1 if interval else 0
        shares.append(
            Share(
                partner=partner,
                first_day=interval[0] if interval else None,
                last_day=interval[1] if interval else None,
                days=days,
                by_component=[Fraction(0)] * len(components),
            )
        )
    present = [share for share in shares if share.days]
    if not present:
        errors.append(
            _("Im Jahr %(year)s gehört keine Kommune der Vereinbarung an.") % {"year": year}
        )
    for component in components:
        if component.kind != ComponentKind.DIRECT and not component.weight:
            continue
        for share in present:
            if _basis(component, share.partner) is None:
                errors.append(_missing(component, share.partner, year))
    if errors:
        raise ValidationError(list(dict.fromkeys(errors)))

    direct_total = Fraction(0)
    for index, component in enumerate(components):
        if component.kind != ComponentKind.DIRECT:
            continue
        for share in present:
            amount = _basis(component, share.partner) * (component.fee_cents or 0)  # type: ignore[operator]
            share.by_component[index] += amount
            share.direct += amount
            direct_total += amount
    rest = Fraction(distributable_cents) - direct_total
    if rest < 0:
        raise ValidationError(
            _(
                "Die direkt abgerechneten Beträge (%(direct)s) übersteigen den zu verteilenden "
                "Betrag (%(total)s)."
            )
            % {
                "direct": format_cents(floor(direct_total)),
                "total": format_cents(distributable_cents),
            }
        )
    _spread(rest, components, present)
    for share in present:
        share.exact = sum(share.by_component, Fraction(0))
    _round(shares, distributable_cents)
    return Allocation(
        year=year, distributable_cents=distributable_cents, components=components, shares=shares
    )


def _spread(rest: Fraction, components: tuple[ComponentInput, ...], present: list[Share]) -> None:
    """Divide ``rest`` over the stretches of days with the same partners, then by the key.

    A partner's part of a component is ``rest × weight × basis × Σ length / (covered × total)``
    over the stretches it belongs to; as a partner belongs to consecutive stretches, the sum is
    a difference of prefix sums, so the work grows with partners + stretches, not their product.
    """
    spans = [(share, _span(share)) for share in present]
    bounds = sorted({day for _share, (first, last) in spans for day in (first, last + ONE_DAY)})
    index = {day: position for position, day in enumerate(bounds)}
    stretches = [
        ((stop - start).days, [share for share, (first, last) in spans if first <= start <= last])
        for start, stop in pairwise(bounds)
    ]
    covered = sum(length for length, inside in stretches if inside)
    for position, component in enumerate(components):
        if component.kind == ComponentKind.DIRECT or not component.weight:
            continue
        bases = {id(share): _basis(component, share.partner) or Fraction(0) for share in present}
        # by_basis: multiplied by the partner's basis; equal: stretches where nobody present
        # has any of this basis, shared equally.
        by_basis, equal = [Fraction(0)], [Fraction(0)]
        for length, inside in stretches:
            total = sum((bases[id(share)] for share in inside), Fraction(0))
            step = Fraction(length, covered) if inside else Fraction(0)
            by_basis.append(by_basis[-1] + (step / total if total else 0))
            equal.append(equal[-1] + (0 if total or not inside else step / len(inside)))
        weighted = rest * Fraction(component.weight) / 100
        for share, (first, last) in spans:
            i, j = index[first], index[last + ONE_DAY]
            factor = bases[id(share)] * (by_basis[j] - by_basis[i]) + (equal[j] - equal[i])
            share.by_component[position] += weighted * factor


def _span(share: Share) -> tuple[dt.date, dt.date]:
    assert share.first_day is not None
    assert share.last_day is not None
    return share.first_day, share.last_day


def _round(shares: list[Share], total_cents: int) -> None:
    """Largest remainder: whole cents first, the rest one by one to the largest remainders."""
    for share in shares:
        share.cents = floor(share.exact)
    left = total_cents - sum(share.cents for share in shares)
    order = sorted(range(len(shares)), key=lambda i: (-(shares[i].exact - shares[i].cents), i))
    for i in order[:left]:
        shares[i].cents += 1


def days_in_year(year: int) -> int:
    return 366 if calendar.isleap(year) else 365


def snapshot(allocation: Allocation, *, costs: int, fees: int, grants: int) -> dict[str, Any]:
    """The allocation as plain JSON, frozen into an issued statement and read by the renderers."""
    total = allocation.distributable_cents
    rows = []
    for share in allocation.shares:
        partner = share.partner
        bases = []
        for index, component in enumerate(allocation.components):
            basis = _basis(component, partner)
            bases.append(
                {
                    "value": None if basis is None else _number(basis),
                    "cents": round(share.by_component[index]),
                }
            )
        rows.append(
            {
                "municipality_id": partner.municipality_id,
                "name": partner.name,
                "first_day": share.first_day.isoformat() if share.first_day else None,
                "last_day": share.last_day.isoformat() if share.last_day else None,
                "days": share.days,
                "bases": bases,
                "direct_cents": round(share.direct),
                "cents": share.cents,
                "percent": _number(Fraction(share.cents * 100, total)) if total else "0",
            }
        )
    return {
        "year": allocation.year,
        "days_in_year": days_in_year(allocation.year),
        "costs_cents": costs,
        "fees_cents": fees,
        "grants_cents": grants,
        "distributable_cents": total,
        "components": [
            {
                "kind": c.kind,
                "label": c.label,
                "weight": f"{c.weight:.2f}",
                "measure": c.measure,
                "fee_cents": c.fee_cents,
            }
            for c in allocation.components
        ],
        "rows": rows,
        "total_cents": allocation.total_cents,
    }


def _number(value: Fraction) -> str:
    """A basis or percent as text with at most two decimals, German style ("5.508", "41,56")."""
    rounded = round(Decimal(value.numerator) / Decimal(value.denominator), 2)
    text = f"{rounded:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return text.removesuffix(",00")


def period_label(row: Mapping[str, Any]) -> str:
    """ "01.07.2021 – 31.12.2021" for a snapshot row."""
    if not row.get("first_day"):
        return "–"
    first = PartialDate(dt.date.fromisoformat(row["first_day"]))
    last = PartialDate(dt.date.fromisoformat(row["last_day"]))
    return f"{format_partial_date(first)} – {format_partial_date(last)}"
