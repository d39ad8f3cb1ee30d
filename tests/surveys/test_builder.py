"""Building a questionnaire: templates, questions of every kind, indicators, sending."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ikz.surveys import services
from ikz.surveys.builtin import BAUHOF_KPI
from ikz.surveys.models import Indicator, Question, Survey
from tests.conftest import World, client_for

from .helpers import DEADLINE, bauhof


def test_coordinator_creates_the_bauhof_survey_from_the_shipped_template(world: World) -> None:
    client = client_for(world.coordinator)
    url = reverse("surveys:create", args=[world.cooperation.slug])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "source": "builtin:bauhof",
            "title": "",
            "deadline": "31.01.2020",
            "body": world.member_body.pk,
            "evaluation_visibility": "anonymised",
        },
    )
    assert response.status_code == 302
    survey = Survey.objects.get(cooperation=world.cooperation)
    assert survey.title == BAUHOF_KPI["title"]
    assert survey.body == world.member_body
    assert survey.deadline == DEADLINE
    expected = sum(len(s["questions"]) for s in BAUHOF_KPI["sections"])
    assert survey.questions.count() == expected
    assert set(survey.questions.values_list("kind", flat=True)) == {
        "number",
        "table",
        "yes_no",
        "multiple_choice",
        "single_choice",
        "long_text",
    }
    assert survey.indicators.count() == 3
    assert survey.questions.get(key="strassen_km").unit == "km"


def test_create_refuses_a_body_of_another_cooperation(world: World, other: World) -> None:
    client = client_for(world.coordinator)
    url = reverse("surveys:create", args=[world.cooperation.slug])
    response = client.post(
        url,
        {"title": "Test", "body": other.member_body.pk, "evaluation_visibility": "coordination"},
    )
    assert response.status_code == 400
    assert not Survey.objects.exists()


def _question_url(world: World, survey: Survey) -> str:
    return reverse("surveys:question_create", args=[world.cooperation.slug, survey.pk])


@pytest.mark.parametrize(
    ("extra", "kind"),
    [
        ({"kind": "number", "unit": "km", "min_value": "0", "max_value": "1.000,5"}, "number"),
        ({"kind": "yes_no"}, "yes_no"),
        ({"kind": "single_choice", "choices": "eins\nzwei"}, "single_choice"),
        ({"kind": "multiple_choice", "choices": "eins\nzwei\ndrei"}, "multiple_choice"),
        ({"kind": "short_text"}, "short_text"),
        ({"kind": "long_text"}, "long_text"),
        (
            {
                "kind": "table",
                "table_rows": "Traktor\nRadlader",
                "table_columns": "Anzahl | Zahl | Stück\nBemerkung | Text",
            },
            "table",
        ),
    ],
)
def test_questions_of_every_kind_through_the_form(
    world: World, extra: dict[str, Any], kind: str
) -> None:
    survey = services.survey_save(cooperation=world.cooperation, fields={"title": "Neu"})
    section = services.section_save(survey=survey, fields={"title": "Teil 1"})
    data = {"section": section.pk, "text": "Straßennetz in km", "required": "on"} | extra
    response = client_for(world.coordinator).post(_question_url(world, survey), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    question = Question.objects.get(survey=survey)
    assert question.kind == kind
    assert question.key == "strassennetz_in_km"
    if kind == "number":
        assert question.max_value is not None
        assert (question.min_value, float(question.max_value)) == (Decimal(0), 1000.5)
    if kind == "table":
        assert question.table_columns == [
            {"key": "anzahl", "label": "Anzahl", "kind": "number", "unit": "Stück"},
            {"key": "bemerkung", "label": "Bemerkung", "kind": "text", "unit": ""},
        ]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"kind": "single_choice", "choices": "nur eine"}, "mindestens zwei"),
        ({"kind": "table", "table_rows": "Traktor"}, "Zeilen und Spalten"),
        ({"kind": "table", "table_rows": "A", "table_columns": "X | Farbe"}, "„Zahl“ oder „Text“"),
        ({"kind": "number", "min_value": "10", "max_value": "1"}, "nicht kleiner"),
        ({"kind": "number", "min_value": "zehn"}, "ist keine Zahl"),
        ({"kind": "number", "key": "Straße km"}, "Kürzel beginnt"),
        ({"kind": "number", "key": "einwohner"}, "bereits vergeben"),
    ],
)
def test_question_validation(world: World, extra: dict[str, Any], message: str) -> None:
    survey = services.survey_save(cooperation=world.cooperation, fields={"title": "Neu"})
    section = services.section_save(survey=survey, fields={"title": "Teil 1"})
    data = {"section": section.pk, "text": "Frage"} | extra
    response = client_for(world.coordinator).post(_question_url(world, survey), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Question.objects.filter(survey=survey).exists()


def test_questions_are_locked_once_sent_and_sending_needs_a_deadline(world: World) -> None:
    survey = bauhof(world, send=False, deadline=None)
    with pytest.raises(ValidationError, match="Frist"):
        services.survey_open(survey=survey)
    services.survey_save(
        cooperation=world.cooperation, survey=survey, fields={"deadline": DEADLINE}
    )
    survey = services.survey_open(survey=survey)
    question = survey.questions.first()
    assert question is not None
    with pytest.raises(ValidationError, match="nicht mehr änderbar"):
        services.question_save(survey=survey, question=question, fields={"text": "neu"})
    with pytest.raises(ValidationError, match="nicht mehr änderbar"):
        services.question_delete(question=question)
    client = client_for(world.coordinator)
    url = reverse("surveys:question_edit", args=[world.cooperation.slug, survey.pk, question.pk])
    response = client.post(url, {"section": question.section_id, "text": "neu", "kind": "number"})
    assert response.status_code == 400
    assert Question.objects.get(pk=question.pk).text == question.text


def test_templates_cannot_be_sent(world: World) -> None:
    template = bauhof(world, send=False, is_template=True)
    with pytest.raises(ValidationError, match="Vorlage"):
        services.survey_open(survey=template)


def test_copy_keeps_the_questionnaire_but_no_answers(world: World) -> None:
    survey = bauhof(world)
    client = client_for(world.coordinator)
    url = reverse("surveys:copy", args=[world.cooperation.slug, survey.pk])
    assert client.post(url, {"vorlage": "1"}).status_code == 302
    copy = Survey.objects.get(is_template=True)
    assert copy.status == Survey.Status.DRAFT
    assert list(copy.questions.values_list("key", flat=True).order_by("key")) == list(
        survey.questions.values_list("key", flat=True).order_by("key")
    )
    assert not copy.responses.exists()


def test_moving_questions(world: World) -> None:
    survey = bauhof(world, send=False)
    section = survey.sections.get(title="Personal")
    first, second = list(section.questions.order_by("position"))[:2]
    url = reverse("surveys:question_move", args=[world.cooperation.slug, survey.pk, second.pk])
    client_for(world.coordinator).post(url, {"richtung": "hoch"})
    assert list(section.questions.order_by("position"))[:2] == [second, first]


def test_indicator_formula_is_checked(world: World) -> None:
    survey = bauhof(world)
    client = client_for(world.coordinator)
    url = reverse("surveys:indicator_create", args=[world.cooperation.slug, survey.pk])
    bad = client.post(url, {"name": "Böse", "formula": "__import__('os')"})
    assert bad.status_code == 400
    assert "Erlaubte Funktionen sind nur min, max und abs." in bad.content.decode()
    unknown = client.post(url, {"name": "X", "formula": "kosten / gibts_nicht"})
    assert "„kosten“ ist kein Kürzel" in unknown.content.decode()
    good = client.post(
        url,
        {
            "name": "Grünpflege je ha",
            "formula": "kosten_gruenpflege / gruenflaechen_ha",
            "unit": "€/ha",
        },
    )
    assert good.status_code == 302
    assert Indicator.objects.get(survey=survey, name="Grünpflege je ha").key == "gruenpflege_je_ha"


def test_member_cannot_reach_the_builder(world: World) -> None:
    survey = bauhof(world)
    client = client_for(world.member)
    slug = world.cooperation.slug
    for url in (
        reverse("surveys:create", args=[slug]),
        reverse("surveys:edit", args=[slug, survey.pk]),
        reverse("surveys:question_create", args=[slug, survey.pk]),
        reverse("surveys:indicator_create", args=[slug, survey.pk]),
    ):
        assert client.get(url).status_code == 403
    assert (
        client.post(
            reverse("surveys:status", args=[slug, survey.pk]), {"aktion": "abschliessen"}
        ).status_code
        == 403
    )
    survey.refresh_from_db()
    assert survey.status == Survey.Status.OPEN


def test_builder_round_of_the_coordinator(world: World) -> None:
    """Edit, sections, questions, indicators, send, close and delete through the pages."""
    survey = bauhof(world, send=False)
    client = client_for(world.coordinator)
    slug = world.cooperation.slug

    def url(name: str, *args: int) -> str:
        return reverse(f"surveys:{name}", args=[slug, survey.pk, *args])

    edit = client.post(
        url("edit"),
        {"title": "Bauhof 2020", "deadline": "15.02.2020", "evaluation_visibility": "members"},
    )
    assert edit.status_code == 302
    survey.refresh_from_db()
    assert (survey.title, str(survey.deadline)) == ("Bauhof 2020", "2020-02-15")
    bad_date = client.post(
        url("edit"), {"title": "X", "deadline": "30.02.2020", "evaluation_visibility": "members"}
    )
    assert bad_date.status_code == 400
    assert 'value="30.02.2020"' in bad_date.content.decode()

    assert client.post(url("section_create"), {"title": "Sonstiges"}).status_code == 302
    section = survey.sections.get(title="Sonstiges")
    assert client.post(url("section_edit", section.pk), {"title": "Weiteres"}).status_code == 302
    question = client.post(
        url("question_create"), {"section": section.pk, "text": "Wie viele?", "kind": "number"}
    )
    assert question.status_code == 302
    created = survey.questions.get(key="wie_viele")
    assert client.post(url("question_delete", created.pk)).status_code == 302
    assert not survey.questions.filter(pk=created.pk).exists()
    assert client.post(url("section_delete", section.pk)).status_code == 302
    assert not survey.sections.filter(pk=section.pk).exists()

    indicator = survey.indicators.get(key="winterdienst_je_km")
    changed = client.post(
        url("indicator_edit", indicator.pk),
        {
            "name": "Winterdienst je km",
            "formula": "kosten_winterdienst / winterdienst_km",
            "unit": "€/km",
            "key": "winterdienst_je_km",
        },
    )
    assert changed.status_code == 302
    indicator.refresh_from_db()
    assert indicator.formula == "kosten_winterdienst / winterdienst_km"
    assert client.post(url("indicator_delete", indicator.pk)).status_code == 302

    assert client.post(url("status"), {"aktion": "versenden"}).status_code == 302
    survey.refresh_from_db()
    assert survey.status == Survey.Status.OPEN
    assert survey.opened_at is not None
    locked = client.post(url("section_create"), {"title": "Zu spät"})
    assert locked.status_code == 400
    assert "nicht mehr änderbar" in locked.content.decode()
    assert client.post(url("status"), {"aktion": "abschliessen"}).status_code == 302
    survey.refresh_from_db()
    assert survey.status == Survey.Status.CLOSED
    assert client.post(url("delete")).status_code == 302
    assert not Survey.objects.filter(pk=survey.pk).exists()
