"""Cost keys and statements through the services: refused keys save nothing, an issued
statement is frozen, a correction is a new version; the demo's 2023 statement read back from
its XLSX and PDF."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from ikz.agreements import services
from ikz.agreements.allocation import ComponentInput
from ikz.agreements.document import statement_document
from ikz.agreements.models import Agreement, Component, ComponentKind, CostKey, Statement
from ikz.agreements.money import format_cents
from ikz.agreements.renderers import pdf, xlsx
from ikz.demo.loader import DemoResult
from tests.agreements.helpers import CASES, agreement, cases_key, partner
from tests.conftest import World
from tests.reports.helpers import pdf_fonts

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("cents", "text"),
    [
        (8_400_000, "84.000 €"),
        (123_456, "1.234,56 €"),
        (5, "0,05 €"),
        (0, "0 €"),
        (-150_000, "-1.500 €"),
        (None, "–"),
    ],
)
def test_money_is_printed_the_german_way(cents: int | None, text: str) -> None:
    assert format_cents(cents) == text


def _setup(world: World) -> tuple[Agreement, CostKey]:
    target = agreement(cooperation=world.cooperation)
    world.municipality.population = 6000
    world.municipality.save()
    world.other_municipality.population = 4000
    world.other_municipality.save()
    partner(target, world.municipality)
    partner(target, world.other_municipality, joined_on=dt.date(2023, 7, 1))
    key = cases_key(target)
    services.measures_save(
        agreement=target,
        year=2023,
        values={
            (world.municipality.pk, CASES): Decimal(300),
            (world.other_municipality.pk, CASES): Decimal(100),
        },
    )
    return target, key


def _statement(target: Agreement, key: CostKey, **values: object) -> Statement:
    return services.statement_save(
        agreement=target,
        values={
            "key": key,
            "year": 2023,
            "basis": Statement.Basis.ACTUAL,
            "costs_cents": 5_000_000,
            "fees_cents": 1_000_000,
            "grants_cents": 0,
            **values,
        },
    )


def test_a_key_whose_weights_do_not_make_100_percent_saves_nothing(world: World) -> None:
    target = agreement(cooperation=world.cooperation)
    with pytest.raises(ValidationError) as error:
        services.cost_key_save(
            agreement=target,
            name="kaputt",
            components=[
                ComponentInput(kind=ComponentKind.MEASURE, weight=Decimal(70), measure=CASES),
                ComponentInput(kind=ComponentKind.POPULATION, weight=Decimal(20)),
            ],
        )
    assert error.value.messages == ["Die Gewichte ergeben zusammen 90,00 %, nicht 100 %."]
    assert not CostKey.objects.filter(agreement=target).exists()
    assert not Component.objects.filter(cooperation=world.cooperation).exists()


def test_an_invalid_edit_keeps_the_old_key(world: World) -> None:
    target, key = _setup(world)
    with pytest.raises(ValidationError):
        services.cost_key_save(
            agreement=target,
            key=key,
            name="neu",
            components=[ComponentInput(kind=ComponentKind.AREA, weight=Decimal(99))],
        )
    key.refresh_from_db()
    assert key.name == "70 % Fälle, 30 % Einwohner"
    assert list(key.components.values_list("kind", "weight")) == [
        ("measure", Decimal(70)),
        ("population", Decimal(30)),
    ]


def test_issuing_freezes_the_allocation(world: World) -> None:
    target, key = _setup(world)
    statement = _statement(target, key)
    issued = services.statement_issue(statement=statement, date=dt.date(2024, 3, 1))
    # 40,000 € distributable. First half (181 days) only the first town; second half (184 days)
    # 70 % by cases 300 : 100 and 30 % by population 6,000 : 4,000 → 0.705 : 0.295.
    # Second town: 40,000 × 184/365 × 0.295 = 5,948.49 €; the first the rest, 34,051.51 €.
    rows = {row["name"]: row["cents"] for row in issued.snapshot["rows"]}  # type: ignore[index]
    assert rows == {world.municipality.name: 3_405_151, world.other_municipality.name: 594_849}
    services.measures_save(
        agreement=target, year=2023, values={(world.other_municipality.pk, CASES): Decimal(900)}
    )
    issued.refresh_from_db()
    frozen = {row["name"]: row["cents"] for row in issued.snapshot["rows"]}  # type: ignore[index]
    assert frozen == rows
    document = statement_document(agreement=target, statement=issued)
    assert {row["name"]: row["cents"] for row in document.rows()} == rows
    with pytest.raises(ValidationError):
        services.statement_save(agreement=target, values={"note": "x"}, statement=issued)
    with pytest.raises(ValidationError):
        services.statement_issue(statement=issued)
    with pytest.raises(ValidationError):
        services.statement_delete(statement=issued)


def test_a_correction_is_a_new_draft_version(world: World) -> None:
    target, key = _setup(world)
    first = services.statement_issue(statement=_statement(target, key))
    second = services.statement_correct(statement=first)
    assert (second.version, second.status, second.costs_cents) == (2, "draft", 5_000_000)
    with pytest.raises(ValidationError) as error:
        services.statement_correct(statement=first)
    assert error.value.messages == ["Es gibt bereits eine neuere Fassung dieser Abrechnung."]
    services.statement_save(agreement=target, values={"costs_cents": 6_000_000}, statement=second)
    issued = services.statement_issue(statement=second)
    assert issued.snapshot["total_cents"] == 5_000_000  # type: ignore[index]
    first.refresh_from_db()
    assert first.snapshot["total_cents"] == 4_000_000  # type: ignore[index]


def test_a_second_statement_for_the_same_year_is_refused(world: World) -> None:
    target, key = _setup(world)
    _statement(target, key)
    with pytest.raises(ValidationError):
        _statement(target, key)
    assert Statement.objects.filter(agreement=target).count() == 1


def test_issuing_without_the_measures_is_refused_and_changes_nothing(world: World) -> None:
    target, key = _setup(world)
    statement = _statement(target, key, year=2022)
    with pytest.raises(ValidationError) as error:
        services.statement_issue(statement=statement)
    assert f"Für {world.municipality.name} fehlt 2022 der Wert „Fallzahlen“." in (
        error.value.messages
    )
    statement.refresh_from_db()
    assert (statement.status, statement.snapshot, statement.issued_on) == ("draft", None, None)


def test_revenues_above_the_costs_are_refused(world: World) -> None:
    target, key = _setup(world)
    with pytest.raises(ValidationError):
        _statement(target, key, fees_cents=6_000_000)
    assert not Statement.objects.filter(agreement=target).exists()


# --- The demo's 2023 statement, read back ----------------------------------------------------

DEMO_2023 = {  # hand-checked: see test_allocation.test_the_demo_key_for_2023_by_hand
    "Borsdorf": "34.900,62 €",
    "Großpösna": "22.991,63 €",
    "Naunhof": "44.907,75 €",
}


@pytest.fixture
def demo_2023(shared_demo: DemoResult) -> tuple[Agreement, Statement]:
    statement = Statement.objects.select_related("agreement", "key").get(
        agreement__title="Gewerbeamt Partheland", year=2023, basis="actual"
    )
    return statement.agreement, statement


class TestTheDemoStatement2023:
    """One demo for the class (conftest ``shared_demo``); each test in its own savepoint."""

    def test_the_demo_statement_2023_from_the_xlsx(
        self, demo_2023: tuple[Agreement, Statement]
    ) -> None:
        from openpyxl import load_workbook

        target, statement = demo_2023
        document = statement_document(agreement=target, statement=statement)
        sheet = load_workbook(io.BytesIO(xlsx.render(document))).active
        assert sheet is not None
        values = list(sheet.iter_rows(values_only=True))
        header = next(i for i, row in enumerate(values) if row[0] == "Kommune")
        amounts = {row[0]: Decimal(str(row[-1])) for row in values[header + 1 : header + 4]}
        assert amounts == {
            "Borsdorf": Decimal("34900.62"),
            "Großpösna": Decimal("22991.63"),
            "Naunhof": Decimal("44907.75"),
        }
        total = values[header + 4]
        assert total[0] == "Summe"
        assert Decimal(str(total[-1])) == Decimal("102800.00") == sum(amounts.values())

    def test_the_demo_statement_2023_from_the_pdf(
        self, demo_2023: tuple[Agreement, Statement]
    ) -> None:
        from pypdf import PdfReader

        target, statement = demo_2023
        document = statement_document(agreement=target, statement=statement)
        data = pdf.render(document)
        text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
        # the shipped Source Sans 3 (ikz/fonts), no fallback font
        assert {name.split("-")[0] for name in pdf_fonts(data)} == {"SourceSans3"}
        for name, amount in DEMO_2023.items():
            assert name in text
            assert amount in text
        assert "102.800 €" in text  # zu verteilen and the sum
        single = " ".join(
            page.extract_text()
            for page in PdfReader(
                io.BytesIO(
                    pdf.render(
                        document,
                        municipality_id=target.partners.get(
                            municipality__name="Borsdorf"
                        ).municipality_id,
                    )
                )
            ).pages
        )
        assert "34.900,62 €" in single
        assert "44.907,75 €" not in single
