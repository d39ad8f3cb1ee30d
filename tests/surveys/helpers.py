"""Building surveys and answers for the tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ikz.cooperation.models import Municipality
from ikz.surveys import evaluation, services, stats
from ikz.surveys.models import Question, Survey
from tests.conftest import World

DEADLINE = dt.date(2020, 1, 31)

# A complete answer to the Bauhof template, as a person types it.
BAUHOF_TYPED = {
    "beschaeftigte": "12",
    "vollzeit": "10,5",
    "auszubildende": "1",
    "maschinen_teilen": "ja",
    "strassen_km": "85,4",
    "gruenflaechen_ha": "1.234,5",
    "winterdienst_km": "60",
    "winterdienst_art": "teilweise an Firmen vergeben",
    "kosten_personal": "480.000",
    "kosten_winterdienst": "95.000",
    "kosten_gruenpflege": "120.000",
}


def bauhof(world: World, *, send: bool = True, **fields: Any) -> Survey:
    survey = services.survey_from_builtin(
        cooperation=world.cooperation,
        key="bauhof",
        fields={"deadline": DEADLINE, "body": world.member_body} | fields,
    )
    if send:
        survey = services.survey_open(survey=survey)
    return survey


def figure_of(result: evaluation.Evaluation, key: str) -> evaluation.Figure:
    """The evaluation's figure ``key``, which the test's survey has."""
    figure = result.figure(key)
    assert figure is not None, key
    return figure


def summary_of(series: evaluation.Series) -> stats.Summary:
    """The series' summary; the tests' series have values."""
    assert series.summary is not None
    return series.summary


def question(survey: Survey, key: str) -> Question:
    return survey.questions.get(key=key)


def post_data(survey: Survey, typed: dict[str, Any], **extra: Any) -> dict[str, Any]:
    """Form data for the answer page from {question key: typed text}."""
    data: dict[str, Any] = {}
    for key, value in typed.items():
        data[f"q_{question(survey, key).pk}"] = value
    return data | extra


def answers(survey: Survey, **values: Any) -> dict[str, Any]:
    """Stored answers from {question key: value}."""
    return {str(question(survey, key).pk): value for key, value in values.items()}


def submit_answer(survey: Survey, municipality: Municipality, **values: Any) -> None:
    services.response_save(
        survey=survey,
        municipality=municipality,
        data=answers(survey, **values),
        version=None,
        submit=True,
    )


def complete_values(**overrides: Any) -> dict[str, Any]:
    values = {
        "beschaeftigte": 12,
        "vollzeit": 10.5,
        "maschinen_teilen": True,
        "strassen_km": 85.4,
        "gruenflaechen_ha": 40,
        "winterdienst_km": 60,
        "winterdienst_art": "vollständig durch den Bauhof",
        "kosten_personal": 480000,
        "kosten_winterdienst": 95000,
        "kosten_gruenpflege": 120000,
    }
    return values | overrides
