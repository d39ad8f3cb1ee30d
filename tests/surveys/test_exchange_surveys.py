"""Surveys and answers in the exchange file: round trip, and broken entries refused whole."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import pytest

from ikz.exchange.protocol import ExchangeError
from ikz.exchange.services import export_cooperation, import_cooperation
from ikz.surveys import services
from ikz.surveys.models import Reminder, Response, Survey
from tests.conftest import World
from tests.exchange_support import row_counts, without_volatile

from .helpers import answers, bauhof, complete_values, submit_answer


@pytest.fixture
def exported(world: World) -> dict[str, Any]:
    survey = bauhof(world, evaluation_visibility=Survey.Visibility.ANONYMISED)
    submit_answer(
        survey,
        world.municipality,
        **complete_values(
            maschinen={"0": {"anzahl": 2, "baujahr": 2009}},
            bedarf_maschinen=["Hubsteiger"],
            anmerkungen="Text mit „Anführungszeichen“ und ; Semikolon",
        ),
    )
    services.response_save(
        survey=survey,
        municipality=world.other_municipality,
        data=answers(survey, beschaeftigte=3),
        version=None,
    )
    Reminder.objects.create(
        cooperation=world.cooperation,
        survey=survey,
        municipality=world.other_municipality,
        sent_on=dt.date(2020, 1, 24),
        recipients="a@example.org",
    )
    bauhof(world, send=False, is_template=True, title="Vorlage Bauhof")
    data = export_cooperation(cooperation=world.cooperation)
    data["cooperation"]["slug"] = "kopie"
    return data


def test_round_trip_of_surveys_and_answers(world: World, exported: dict[str, Any]) -> None:
    imported = import_cooperation(data=copy.deepcopy(exported))
    again = export_cooperation(cooperation=imported)
    assert without_volatile(again)["surveys"] == without_volatile(exported)["surveys"]
    surveys = Survey.objects.filter(cooperation=imported)
    assert surveys.count() == 2
    sent = surveys.get(is_template=False)
    assert sent.status == Survey.Status.OPEN
    assert sent.body is not None
    assert sent.body.cooperation_id == imported.pk
    submitted = Response.objects.get(survey=sent, status=Response.Status.SUBMITTED)
    assert submitted.municipality.name == world.municipality.name
    assert submitted.municipality.cooperation_id == imported.pk
    key_of = {str(q.pk): q.key for q in sent.questions.all()}
    by_key = {key_of[k]: v for k, v in submitted.data.items()}
    assert by_key["maschinen"] == {"0": {"anzahl": 2, "baujahr": 2009}}
    assert by_key["anmerkungen"] == "Text mit „Anführungszeichen“ und ; Semikolon"
    assert Reminder.objects.get(survey=sent).sent_on == dt.date(2020, 1, 24)


def _first(data: dict[str, Any]) -> dict[str, Any]:
    return next(s for s in data["surveys"] if not s["is_template"])


BROKEN = [
    (
        lambda d: _first(d)["responses"][0]["answers"].update(beschaeftigte="viele"),
        "Die Antwort hat nicht die Form",
    ),
    (lambda d: _first(d)["responses"][0]["answers"].update(beschaeftigte=9999), "höchstens 500"),
    (
        lambda d: _first(d)["responses"][0]["answers"].update(gibt_es_nicht=1),
        "„gibt_es_nicht“ ist keine Frage",
    ),
    (lambda d: _first(d)["responses"][0].update(municipality=999), "ist in der Datei nicht"),
    (
        lambda d: _first(d)["responses"].append(copy.deepcopy(_first(d)["responses"][0])),
        "bereits eine Antwort",
    ),
    (lambda d: _first(d).update(deadline=None), "braucht eine Frist"),
    (
        lambda d: _first(d)["indicators"][0].update(formula="__import__('os')"),
        "Erlaubte Funktionen",
    ),
    (lambda d: _first(d)["sections"][0]["questions"][0].update(kind="slider"), "ist nicht erlaubt"),
    (
        lambda d: _first(d)["sections"][1]["questions"][2].update(choices=["nur eine"]),
        "mindestens zwei",
    ),
    (lambda d: _first(d).update(opened_at="gestern"), "Zeitpunkt mit Zeitzone"),
    (
        lambda d: _first(d)["responses"][0].update(status="submitted", submitted_at=None),
        "Abgabedatum",
    ),
    (lambda d: _first(d).update(sections="keine Liste"), "Erwartet wird eine Liste"),
]


@pytest.mark.parametrize(("mutate", "message"), BROKEN)
def test_broken_survey_entries_are_refused_and_nothing_is_written(
    exported: dict[str, Any], mutate: Any, message: str
) -> None:
    before = row_counts()
    broken = copy.deepcopy(exported)
    mutate(broken)
    with pytest.raises(ExchangeError) as error:
        import_cooperation(data=broken)
    assert message in str(error.value)
    assert row_counts() == before
