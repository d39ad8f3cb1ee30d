"""The demo's surveys: the evaluated Kennzahlenabfrage and the open staff-sharing survey."""

from __future__ import annotations

import datetime as dt

import pytest

from ikz.demo.loader import load_demo
from ikz.surveys import evaluation as ev
from ikz.surveys.models import Response, Survey
from tests.surveys.helpers import figure_of

pytestmark = pytest.mark.django_db


def test_demo_surveys() -> None:
    cooperation = load_demo().cooperation
    bauhof = Survey.objects.get(cooperation=cooperation, title="Kennzahlenabfrage Bauhof 2019")
    assert bauhof.status == Survey.Status.CLOSED
    assert bauhof.body is not None
    assert bauhof.body.name == "AG Bauhof"
    assert bauhof.responses.filter(status=Response.Status.SUBMITTED).count() == 7
    result = ev.load_evaluation(survey=bauhof)
    assert result.size == 7
    winter = result.series(figure_of(result, "winterdienst_je_km"))
    assert winter.summary is not None
    assert winter.summary.count == 7
    assert 1000 < winter.summary.median < 2500  # € per km of road: plausible
    sharing = Survey.objects.get(cooperation=cooperation, status=Survey.Status.OPEN)
    assert sharing.title == "Abfrage zu Personal-Sharing und Ausbildung in den Kommunen"
    assert sharing.deadline == dt.date(2020, 1, 31)
    states = dict(sharing.responses.values_list("municipality__name", "status"))
    assert "draft" in states.values()
    assert "submitted" in states.values()
    assert "Borsdorf" not in states  # the demo member's municipality can still answer
