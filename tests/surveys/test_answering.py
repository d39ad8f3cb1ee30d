"""Answering a survey: validation of every question kind, drafts, submit and reopen."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ikz.surveys import services
from ikz.surveys.models import Response, Survey
from tests.conftest import World, client_for

from .helpers import BAUHOF_TYPED, bauhof, complete_values, post_data, question, submit_answer


def url(world: World, survey: Survey, municipality_pk: int | None = None) -> str:
    pk = municipality_pk or world.municipality.pk
    return reverse("surveys:response", args=[world.cooperation.slug, survey.pk, pk])


def stored(survey: Survey, world: World) -> Response:
    return Response.objects.get(survey=survey, municipality=world.municipality)


def test_member_saves_a_draft_with_german_numbers(world: World) -> None:
    survey = bauhof(world)
    client = client_for(world.member)
    assert client.get(url(world, survey)).status_code == 200
    response = client.post(url(world, survey), post_data(survey, BAUHOF_TYPED, speichern="1"))
    assert response.status_code == 302
    saved = stored(survey, world)
    assert saved.status == Response.Status.DRAFT
    data = saved.data
    assert data[str(question(survey, "gruenflaechen_ha").pk)] == 1234.5
    assert data[str(question(survey, "vollzeit").pk)] == 10.5
    assert data[str(question(survey, "kosten_personal").pk)] == 480000
    assert data[str(question(survey, "maschinen_teilen").pk)] is True
    assert saved.updated_by_id == world.member.pk


def test_a_draft_may_be_incomplete_but_submitting_needs_every_required_answer(
    world: World,
) -> None:
    survey = bauhof(world)
    client = client_for(world.member)
    partial = post_data(survey, {"beschaeftigte": "7"})
    assert client.post(url(world, survey), partial | {"speichern": "1"}).status_code == 302
    response = client.post(url(world, survey), partial | {"abgeben": "1"})
    assert response.status_code == 400
    assert "Dieses Feld ist zwingend erforderlich." in response.content.decode()
    assert 'value="7"' in response.content.decode()  # typed input kept
    assert stored(survey, world).status == Response.Status.DRAFT


@pytest.mark.parametrize(
    ("key", "typed", "message"),
    [
        ("beschaeftigte", "zwölf", "ist keine Zahl"),
        ("beschaeftigte", "1.000", "höchstens 500"),
        ("beschaeftigte", "-1", "mindestens 0"),
        ("strassen_km", "1,2,3", "mehr als ein Dezimalkomma"),
        ("maschinen_teilen", "vielleicht", "gültige Auswahl"),
        ("winterdienst_art", "gar nicht", "gültige Auswahl"),
        ("bedarf_maschinen", "Bagger", "gültige Auswahl"),
        ("anmerkungen", "x" * 5001, "zu lang"),
    ],
)
def test_every_kind_refuses_bad_input(world: World, key: str, typed: str, message: str) -> None:
    survey = bauhof(world)
    client = client_for(world.member)
    data = post_data(survey, BAUHOF_TYPED | {key: typed}, speichern="1")
    response = client.post(url(world, survey), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Response.objects.filter(survey=survey).exists()


def test_table_cells_are_numbers_and_stored_per_row(world: World) -> None:
    survey = bauhof(world)
    table = question(survey, "maschinen")
    client = client_for(world.member)
    data = post_data(survey, BAUHOF_TYPED, speichern="1")
    data[f"q_{table.pk}_1_anzahl"] = "2"
    data[f"q_{table.pk}_1_stunden"] = "1.250"
    assert client.post(url(world, survey), data).status_code == 302
    assert stored(survey, world).data[str(table.pk)] == {"1": {"anzahl": 2, "stunden": 1250}}
    data[f"q_{table.pk}_2_anzahl"] = "zwei"
    response = client.post(url(world, survey), data | {"version": stored(survey, world).version})
    assert response.status_code == 400
    assert "ist keine Zahl" in response.content.decode()


def test_multiple_choice_and_short_text(world: World) -> None:
    survey = services.survey_from_builtin(
        cooperation=world.cooperation, key="personal", fields={"deadline": "2020-01-31"}
    )
    services.survey_open(survey=survey)
    client = client_for(world.member)
    data = post_data(
        survey,
        {
            "aufgaben_ikz": ["Bibliothek", "Gewerbeamt"],
            "ausbildungsberufe": "Verwaltungsfachangestellte",
        },
        speichern="1",
    )
    assert client.post(url(world, survey), data).status_code == 302
    saved = stored(survey, world).data
    assert saved[str(question(survey, "aufgaben_ikz").pk)] == ["Bibliothek", "Gewerbeamt"]
    assert saved[str(question(survey, "ausbildungsberufe").pk)] == "Verwaltungsfachangestellte"
    too_long = post_data(survey, {"ausbildungsberufe": "x" * 301}, speichern="1")
    response = client.post(url(world, survey), too_long)
    assert response.status_code == 400


def test_submit_then_only_the_coordinator_reopens(world: World) -> None:
    survey = bauhof(world)
    member = client_for(world.member)
    assert (
        member.post(url(world, survey), post_data(survey, BAUHOF_TYPED, abgeben="1")).status_code
        == 302
    )
    response = stored(survey, world)
    assert response.status == Response.Status.SUBMITTED
    assert response.submitted_by_id == world.member.pk
    # The member can no longer change it, through the page or the service.
    member.post(
        url(world, survey), post_data(survey, BAUHOF_TYPED | {"beschaeftigte": "99"}, speichern="1")
    )
    assert stored(survey, world).data == response.data
    with pytest.raises(ValidationError, match="bereits abgegeben"):
        services.response_save(
            survey=survey, municipality=world.municipality, data={}, version=None
        )
    reopen = reverse(
        "surveys:response_reopen", args=[world.cooperation.slug, survey.pk, world.municipality.pk]
    )
    assert member.post(reopen).status_code == 403
    assert stored(survey, world).status == Response.Status.SUBMITTED
    assert client_for(world.coordinator).post(reopen).status_code == 302
    reopened = stored(survey, world)
    assert reopened.status == Response.Status.DRAFT
    assert reopened.submitted_at is None
    data = post_data(survey, BAUHOF_TYPED | {"beschaeftigte": "13"}, speichern="1")
    assert member.post(url(world, survey), data).status_code == 302
    assert stored(survey, world).data[str(question(survey, "beschaeftigte").pk)] == 13


def test_no_answers_before_sending_or_after_closing(world: World) -> None:
    survey = bauhof(world, send=False)
    with pytest.raises(ValidationError, match="nicht offen"):
        submit_answer(survey, world.municipality, **complete_values())
    survey = services.survey_open(survey=survey)
    services.survey_close(survey=survey)
    survey.refresh_from_db()
    client = client_for(world.member)
    client.post(url(world, survey), post_data(survey, BAUHOF_TYPED, speichern="1"))
    assert not Response.objects.filter(survey=survey).exists()


def test_two_colleagues_do_not_overwrite_each_other(world: World) -> None:
    survey = bauhof(world)
    first, second = client_for(world.member), client_for(world.member)
    first.post(url(world, survey), post_data(survey, {"beschaeftigte": "5"}, speichern="1"))
    version = stored(survey, world).version
    # Both load the page at this version; the first saves, then the second.
    first.post(
        url(world, survey),
        post_data(survey, {"beschaeftigte": "6"}, speichern="1", version=version),
    )
    answer = second.post(
        url(world, survey),
        post_data(survey, {"beschaeftigte": "7"}, speichern="1", version=version),
    )
    assert answer.status_code == 400
    page = answer.content.decode()
    assert "inzwischen von jemand anderem gespeichert" in page
    assert 'value="7"' in page  # the second person's input is still there
    assert stored(survey, world).data[str(question(survey, "beschaeftigte").pk)] == 6
    new_version = stored(survey, world).version
    assert f'value="{new_version}"' in page  # saving again now goes through
    again = second.post(
        url(world, survey),
        post_data(survey, {"beschaeftigte": "7"}, speichern="1", version=new_version),
    )
    assert again.status_code == 302
    assert stored(survey, world).data[str(question(survey, "beschaeftigte").pk)] == 7


def test_htmx_draft_save_returns_the_form_only(world: World) -> None:
    survey = bauhof(world)
    response = client_for(world.member).post(
        url(world, survey), post_data(survey, BAUHOF_TYPED, speichern="1"), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert page.lstrip().startswith('<div id="answer-form">')
    assert "Entwurf gespeichert." in page
    assert "<html" not in page
    assert stored(survey, world).status == Response.Status.DRAFT


def test_service_refuses_unknown_questions_and_wrong_values(world: World) -> None:
    survey = bauhof(world)
    with pytest.raises(ValidationError):
        services.response_save(
            survey=survey, municipality=world.municipality, data={"999999": 1}, version=None
        )
    with pytest.raises(ValidationError):
        services.response_save(
            survey=survey,
            municipality=world.municipality,
            data={str(question(survey, "beschaeftigte").pk): "viele"},
            version=None,
        )
    assert not Response.objects.filter(survey=survey, data__has_key="999999").exists()
