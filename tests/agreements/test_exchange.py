"""Agreements in the exchange file: a round trip keeps everything; broken files are refused."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import pytest

from ikz.agreements.models import (
    Agreement,
    Component,
    CostKey,
    FixedShare,
    Measure,
    Partner,
    StateChange,
    Statement,
)
from ikz.demo.loader import load_demo
from ikz.exchange.protocol import ExchangeError
from ikz.exchange.services import export_cooperation, import_cooperation
from tests.exchange_support import demo_export, without_volatile

pytestmark = pytest.mark.django_db
MODELS = (Agreement, StateChange, Partner, CostKey, Component, FixedShare, Measure, Statement)


def test_round_trip_of_the_demo() -> None:
    original = load_demo().cooperation
    first = export_cooperation(cooperation=original)
    (entry,) = first["agreements"]
    assert entry["title"] == "Gewerbeamt Partheland"
    assert [p["joined_on"] for p in entry["partners"]] == ["2023-01-01", "2021-07-01", "2021-07-01"]
    assert len(entry["statements"]) == 3
    copy_of = import_cooperation(data=first, slug="kopie")
    for model in MODELS:
        assert (
            model.objects.filter(cooperation=copy_of).count()
            == model.objects.filter(cooperation=original).count()
        ), model
    second = export_cooperation(cooperation=copy_of)
    assert without_volatile(second) == without_volatile(first)
    # The frozen statement of the copy names the copy's municipalities.
    statement = Statement.objects.get(cooperation=copy_of, year=2023, basis="actual")
    ids = {row["municipality_id"] for row in statement.snapshot["rows"]}  # type: ignore[index]
    assert ids == set(
        Partner.objects.filter(cooperation=copy_of).values_list("municipality_id", flat=True)
    )
    assert statement.issued_on == dt.date(2024, 3, 14)


def _data() -> dict[str, Any]:
    return demo_export()


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda a: a[0].update(state="published"), "Verlauf endet nicht"),
        (lambda a: a[0].update(kind="Vertrag"), "nicht erlaubt"),
        (lambda a: a[0]["partners"][0].update(municipality=999), "nicht enthalten"),
        (lambda a: a[0]["partners"][0].update(left_on="2020-01-01"), "Ausscheiden"),
        (lambda a: a[0]["statements"][0].update(key=999), "nicht enthalten"),
        (lambda a: a[0]["statements"][0].update(snapshot=[]), "Stand einer Abrechnung"),
        (lambda a: a[0]["keys"][0]["components"][0].update(weight="170.00"), "zwischen 0 und 100"),
        (lambda a: a[0].update(colour="rot"), "Unbekanntes Feld"),
    ],
)
def test_broken_files_are_refused_and_change_nothing(mutate: Any, message: str) -> None:
    data = _data()
    broken = copy.deepcopy(data)
    mutate(broken["agreements"])
    before = Agreement.objects.count()
    with pytest.raises(ExchangeError, match=message):
        import_cooperation(data=broken, slug="kaputt")
    assert Agreement.objects.count() == before


def test_a_file_without_the_section_imports_no_agreements() -> None:
    data = _data()
    del data["agreements"]
    copy_of = import_cooperation(data=data, slug="ohne")
    assert not Agreement.objects.filter(cooperation=copy_of).exists()
