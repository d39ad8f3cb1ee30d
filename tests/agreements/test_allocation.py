"""The allocation: literal, hand-computed cases and hypothesis properties for any key."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction
from itertools import pairwise
from typing import Protocol, TypeVar

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from ikz.agreements.allocation import (
    ComponentInput,
    PartnerInput,
    allocate,
    days_in_year,
    key_errors,
)
from ikz.agreements.models import ComponentKind as K

T = TypeVar("T")


class Draw(Protocol):
    """``draw`` of a ``@composite`` or ``data.draw``: both fit, where ``st.DrawFn`` also demands
    the ``__signature__`` that a bound method lacks."""

    def __call__(self, strategy: SearchStrategy[T], label: object = None) -> T: ...


POP = ComponentInput(kind=K.POPULATION, weight=Decimal(100))


def _cents(result: object) -> list[int]:
    return [share.cents for share in result.shares]  # type: ignore[attr-defined]


def test_largest_remainder_gives_the_left_over_cent_to_the_first_of_equal_remainders() -> None:
    partners = [PartnerInput(i, f"K{i}", population=1) for i in range(3)]
    result = allocate(year=2022, distributable_cents=100, components=[POP], partners=partners)
    assert _cents(result) == [34, 33, 33]


def test_largest_remainder_prefers_the_largest_remainder() -> None:
    # 1000 cents by 1 : 2 : 4 = 142.86, 285.71, 571.43 → floors 142, 285, 571 (998); the two
    # cents left go to .86 and .71.
    partners = [PartnerInput(i, f"K{i}", population=p) for i, p in enumerate((1, 2, 4))]
    result = allocate(year=2022, distributable_cents=1000, components=[POP], partners=partners)
    assert _cents(result) == [143, 286, 571]


def test_a_partner_joining_in_july_pays_for_its_days() -> None:
    # 2022 has 365 days, 1,000 cents a day. B joins on 02.07.: 182 days A alone, then 183 days
    # shared half and half: A 182,000 + 91,500, B 91,500.
    partners = [
        PartnerInput(1, "A", population=500),
        PartnerInput(2, "B", joined_on=dt.date(2022, 7, 2), population=500),
    ]
    result = allocate(year=2022, distributable_cents=365_000, components=[POP], partners=partners)
    assert _cents(result) == [273_500, 91_500]
    assert [share.days for share in result.shares] == [365, 183]


def test_days_without_any_partner_carry_no_costs() -> None:
    # A leaves after 31.03. (90 days), B joins on 01.10. (92 days): 182 days are covered.
    partners = [
        PartnerInput(1, "A", left_on=dt.date(2022, 3, 31), population=1),
        PartnerInput(2, "B", joined_on=dt.date(2022, 10, 1), population=7),
    ]
    result = allocate(year=2022, distributable_cents=18_200, components=[POP], partners=partners)
    assert _cents(result) == [9_000, 9_200]


def test_direct_charges_first_then_fixed_shares() -> None:
    # 25 € per case: A 10 cases (250 €), B 4 (100 €); the remaining 650 € by 60 : 40.
    components = [
        ComponentInput(kind=K.DIRECT, measure="Fälle", fee_cents=2500),
        ComponentInput(kind=K.FIXED, weight=Decimal(100)),
    ]
    partners = [
        PartnerInput(1, "A", measures={"Fälle": Decimal(10)}, fixed_percent=Decimal(60)),
        PartnerInput(2, "B", measures={"Fälle": Decimal(4)}, fixed_percent=Decimal(40)),
    ]
    result = allocate(
        year=2023,
        distributable_cents=100_000,
        components=components,
        partners=partners,
        fixed={1: Decimal(60), 2: Decimal(40)},
    )
    assert _cents(result) == [64_000, 36_000]


def test_the_demo_key_for_2023_by_hand() -> None:
    # 70 % by cases (845 : 398 : 610), 30 % by population (8,839 : 5,508 : 8,195) of 102,800 €:
    # Naunhof 0.7·845/1853 + 0.3·8839/22542 = 0.436846 → 44,907.76 €, and so on.
    components = [
        ComponentInput(kind=K.MEASURE, weight=Decimal(70), measure="Fälle"),
        ComponentInput(kind=K.POPULATION, weight=Decimal(30)),
    ]
    partners = [
        PartnerInput(1, "Naunhof", population=8839, measures={"Fälle": Decimal(845)}),
        PartnerInput(2, "Großpösna", population=5508, measures={"Fälle": Decimal(398)}),
        PartnerInput(3, "Borsdorf", population=8195, measures={"Fälle": Decimal(610)}),
    ]
    result = allocate(
        year=2023, distributable_cents=10_280_000, components=components, partners=partners
    )
    assert _cents(result) == [4_490_775, 2_299_163, 3_490_062]


@pytest.mark.parametrize(
    ("components", "fixed", "message"),
    [
        (
            [
                ComponentInput(kind=K.MEASURE, weight=Decimal(70), measure="Fälle"),
                ComponentInput(kind=K.POPULATION, weight=Decimal(20)),
            ],
            None,
            "Die Gewichte ergeben zusammen 90,00 %, nicht 100 %.",
        ),
        (
            [ComponentInput(kind=K.MEASURE, weight=Decimal(100), measure=" ")],
            None,
            "Eine Komponente nach Kennzahl braucht den Namen der Kennzahl.",
        ),
        (
            [ComponentInput(kind=K.FIXED, weight=Decimal(100))],
            {1: Decimal(50), 2: Decimal(40)},
            "Die festen Anteile ergeben zusammen 90,00 %, nicht 100 %.",
        ),
        (
            [POP, ComponentInput(kind=K.DIRECT, measure="Stunden")],
            None,
            "Die direkte Abrechnung „Stunden“ braucht eine Gebühr je Einheit.",
        ),
    ],
)
def test_invalid_keys_are_named_in_german(
    components: list[ComponentInput], fixed: dict[int, Decimal] | None, message: str
) -> None:
    assert message in key_errors(components, fixed)


def test_a_missing_measure_is_refused_with_the_municipality_and_year() -> None:
    components = [ComponentInput(kind=K.MEASURE, weight=Decimal(100), measure="Fälle")]
    partners = [
        PartnerInput(1, "Naunhof", measures={"Fälle": Decimal(5)}),
        PartnerInput(2, "Borsdorf"),
    ]
    with pytest.raises(ValidationError) as error:
        allocate(year=2023, distributable_cents=100, components=components, partners=partners)
    assert error.value.messages == ["Für Borsdorf fehlt 2023 der Wert „Fälle“."]


def test_a_partner_outside_the_year_needs_no_measure_and_pays_nothing() -> None:
    components = [ComponentInput(kind=K.MEASURE, weight=Decimal(100), measure="Fälle")]
    partners = [
        PartnerInput(1, "Naunhof", measures={"Fälle": Decimal(5)}),
        PartnerInput(2, "Borsdorf", joined_on=dt.date(2023, 1, 1)),
    ]
    result = allocate(year=2022, distributable_cents=100, components=components, partners=partners)
    assert _cents(result) == [100, 0]


# --- Properties -------------------------------------------------------------------------------

BASIS_POINTS = 10_000  # weights in hundredths of a percent


@st.composite
def partition(draw: st.DrawFn, parts: int, total: int = BASIS_POINTS) -> list[int]:
    cuts = sorted(draw(st.lists(st.integers(0, total), min_size=parts - 1, max_size=parts - 1)))
    bounds = [0, *cuts, total]
    return [b - a for a, b in pairwise(bounds)]


def _percent(points: int) -> Decimal:
    return Decimal(points) / 100


@st.composite
def keys(draw: st.DrawFn, *, direct: bool = True) -> list[ComponentInput]:
    kinds = draw(
        st.lists(
            st.sampled_from([K.FIXED, K.POPULATION, K.AREA, K.MEASURE]),
            min_size=1,
            max_size=4,
            unique=True,
        )
    )
    weights = draw(partition(len(kinds)))
    components = [
        ComponentInput(kind=kind, weight=_percent(w), measure="Fälle" if kind == K.MEASURE else "")
        for kind, w in zip(kinds, weights, strict=True)
    ]
    if direct and draw(st.booleans()):
        components.append(
            ComponentInput(kind=K.DIRECT, measure="Stunden", fee_cents=draw(st.integers(0, 9000)))
        )
    return components


def _partner(draw: Draw, index: int, year: int, fixed: int, *, full: bool) -> PartnerInput:
    days = days_in_year(year)
    first = draw(st.integers(0, days - 1))
    last = draw(st.integers(first, days - 1))
    start = dt.date(year, 1, 1)
    return PartnerInput(
        municipality_id=index,
        name=f"Kommune {index}",
        joined_on=None if full else start + dt.timedelta(days=first),
        left_on=None if full else start + dt.timedelta(days=last),
        population=draw(st.integers(0, 600_000)),
        area=Decimal(draw(st.integers(0, 90_000))) / 100,
        measures={
            "Fälle": Decimal(draw(st.integers(0, 10**6))) / 100,
            "Stunden": Decimal(draw(st.integers(0, 2_000))),
        },
        fixed_percent=_percent(fixed),
    )


@st.composite
def scenarios(draw: st.DrawFn) -> tuple[int, int, list[ComponentInput], list[PartnerInput]]:
    year = draw(st.integers(2000, 2040))
    count = draw(st.integers(1, 8))
    fixed = draw(partition(count))
    partners = [_partner(draw, i, year, fixed[i], full=draw(st.booleans())) for i in range(count)]
    components = draw(keys())
    direct = sum(
        (
            Fraction(p.measures["Stunden"]) * (c.fee_cents or 0)
            for c in components
            if c.kind == K.DIRECT
            for p in partners
        ),
        Fraction(0),
    )
    extra = draw(st.integers(0, 10**11))
    return year, -(-direct.numerator // direct.denominator) + extra, components, partners


@settings(max_examples=300, deadline=None)
@given(scenarios())
def test_shares_are_never_negative_and_add_up_to_the_cent(
    scenario: tuple[int, int, list[ComponentInput], list[PartnerInput]],
) -> None:
    year, total, components, partners = scenario
    fixed = {p.municipality_id: p.fixed_percent for p in partners if p.fixed_percent is not None}
    result = allocate(
        year=year, distributable_cents=total, components=components, partners=partners, fixed=fixed
    )
    cents = _cents(result)
    assert all(amount >= 0 for amount in cents)
    assert sum(cents) == total
    for share in result.shares:
        assert abs(share.cents - share.exact) < 1  # rounding moves a share by less than a cent


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_a_partner_present_for_part_of_the_year_pays_that_part_of_its_full_share(
    data: st.DataObject,
) -> None:
    year = data.draw(st.integers(2000, 2040))
    others = data.draw(st.integers(1, 6))
    fixed = data.draw(partition(others + 1))
    partners = [_partner(data.draw, i, year, fixed[i], full=True) for i in range(others + 1)]
    components = data.draw(keys(direct=False))
    total = data.draw(st.integers(0, 10**11))
    days = days_in_year(year)
    present = data.draw(st.integers(1, days))
    start = dt.date(year, 12, 31) - dt.timedelta(days=present - 1)
    fixed_map = {p.municipality_id: p.fixed_percent for p in partners if p.fixed_percent}
    full = allocate(
        year=year,
        distributable_cents=total,
        components=components,
        partners=partners,
        fixed=fixed_map,
    )
    late = partners[0].__class__(**{**partners[0].__dict__, "joined_on": start})
    partial = allocate(
        year=year,
        distributable_cents=total,
        components=components,
        partners=[late, *partners[1:]],
        fixed=fixed_map,
    )
    assert partial.shares[0].days == present
    assert partial.shares[0].exact == full.shares[0].exact * Fraction(present, days)
    assert sum(_cents(partial)) == total


def test_half_a_leap_year_is_exactly_half_the_share() -> None:
    # 2024: 366 days; from 02.07. that is 183 days, half the year. Everything else equal.
    partners = [PartnerInput(1, "A", population=3), PartnerInput(2, "B", population=5)]
    full = allocate(year=2024, distributable_cents=80_000, components=[POP], partners=partners)
    half = allocate(
        year=2024,
        distributable_cents=80_000,
        components=[POP],
        partners=[
            PartnerInput(1, "A", population=3, joined_on=dt.date(2024, 7, 2)),
            partners[1],
        ],
    )
    assert _cents(full) == [30_000, 50_000]
    assert _cents(half) == [15_000, 65_000]
