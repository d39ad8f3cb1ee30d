"""Who may read and change what: a member reaches only their own municipality's answer.

World A's member belongs to "A-Stadt" (think Brandis); "A-Dorf" (think Borsdorf) has a draft
with a tell-tale value. Every answer URL is tried with GET and POST, plain and as htmx.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.http.response import HttpResponseRedirectBase
from django.test import Client
from django.urls import reverse

from ikz.cooperation.models import Municipality
from ikz.surveys import services
from ikz.surveys.models import Response, Survey
from tests.conftest import World, client_for

from .helpers import BAUHOF_TYPED, answers, bauhof, complete_values, post_data, submit_answer

SECRET = 437


@pytest.fixture
def survey(world: World) -> Survey:
    survey = bauhof(world, evaluation_visibility=Survey.Visibility.COORDINATION)
    services.response_save(
        survey=survey,
        municipality=world.other_municipality,
        data=answers(survey, beschaeftigte=SECRET),
        version=None,
    )
    return survey


def other_urls(world: World, survey: Survey) -> dict[str, str]:
    args = [world.cooperation.slug, survey.pk, world.other_municipality.pk]
    return {
        "response": reverse("surveys:response", args=args),
        "reopen": reverse("surveys:response_reopen", args=args),
    }


def borsdorf_draft(world: World, survey: Survey) -> Response:
    return Response.objects.get(survey=survey, municipality=world.other_municipality)


@pytest.mark.parametrize("htmx", [False, True])
def test_member_cannot_read_another_municipalitys_draft(
    world: World, survey: Survey, htmx: bool
) -> None:
    headers: dict[str, Any] = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    client = client_for(world.member)
    response = client.get(other_urls(world, survey)["response"], **headers)
    assert response.status_code == 404
    assert str(SECRET) not in response.content.decode()


@pytest.mark.parametrize("button", ["speichern", "abgeben"])
@pytest.mark.parametrize("htmx", [False, True])
def test_member_cannot_change_another_municipalitys_draft(
    world: World, survey: Survey, button: str, htmx: bool
) -> None:
    headers: dict[str, Any] = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    before = borsdorf_draft(world, survey)
    data = post_data(survey, BAUHOF_TYPED, **{button: "1", "version": before.version})
    response = client_for(world.member).post(other_urls(world, survey)["response"], data, **headers)
    assert response.status_code == 404
    after = borsdorf_draft(world, survey)
    assert (after.data, after.version, after.status) == (before.data, before.version, before.status)


def test_member_cannot_reopen_export_or_import(world: World, survey: Survey) -> None:
    submit_answer(survey, world.municipality, **complete_values())
    client = client_for(world.member)
    slug = world.cooperation.slug
    own_reopen = reverse("surveys:response_reopen", args=[slug, survey.pk, world.municipality.pk])
    assert client.post(own_reopen).status_code == 403
    assert client.post(other_urls(world, survey)["reopen"]).status_code == 403
    for fmt in ("xlsx", "csv"):
        assert (
            client.get(reverse("surveys:answers_export", args=[slug, survey.pk, fmt])).status_code
            == 403
        )
        # The evaluation is for the coordination only in this survey.
        assert (
            client.get(
                reverse("surveys:evaluation_export", args=[slug, survey.pk, fmt])
            ).status_code
            == 403
        )
    assert client.get(reverse("surveys:evaluation", args=[slug, survey.pk])).status_code == 403
    assert client.get(reverse("surveys:import", args=[slug, survey.pk])).status_code == 403
    assert client.post(reverse("surveys:import", args=[slug, survey.pk])).status_code == 403


def test_survey_pages_show_a_member_only_their_own_municipality(
    world: World, survey: Survey
) -> None:
    client = client_for(world.member)
    slug = world.cooperation.slug
    detail = client.get(reverse("surveys:detail", args=[slug, survey.pk]))
    assert detail.status_code == 200
    page = detail.content.decode()
    assert world.municipality.name in page
    assert world.other_municipality.name not in page
    partial = client.get(
        reverse("surveys:detail", args=[slug, survey.pk]) + "?teil=fortschritt",
        HTTP_HX_REQUEST="true",
    )
    assert world.other_municipality.name not in partial.content.decode()
    own = client.get(reverse("surveys:my_response", args=[slug, survey.pk]))
    assert own.status_code == 302
    assert isinstance(own, HttpResponseRedirectBase)
    assert own.url.endswith(f"/antworten/{world.municipality.pk}/")


def test_members_never_see_surveys_in_preparation_or_templates(world: World) -> None:
    draft = bauhof(world, send=False)
    template = bauhof(world, send=False, is_template=True)
    client = client_for(world.member)
    slug = world.cooperation.slug
    listing = client.get(reverse("surveys:list", args=[slug])).content.decode()
    assert f"/umfragen/{draft.pk}/" not in listing
    for survey in (draft, template):
        assert client.get(reverse("surveys:detail", args=[slug, survey.pk])).status_code == 404
        url = reverse("surveys:response", args=[slug, survey.pk, world.municipality.pk])
        assert client.get(url).status_code == 404


def test_coordinator_may_open_every_municipalitys_answer(world: World, survey: Survey) -> None:
    response = client_for(world.coordinator).get(other_urls(world, survey)["response"])
    assert response.status_code == 200
    assert str(SECRET) in response.content.decode()


def test_anonymous_is_sent_to_login_and_outsider_refused(world: World, survey: Survey) -> None:
    slug = world.cooperation.slug
    urls = [
        reverse("surveys:list", args=[slug]),
        reverse("surveys:detail", args=[slug, survey.pk]),
        other_urls(world, survey)["response"],
        reverse("surveys:evaluation", args=[slug, survey.pk]),
        reverse("surveys:evaluation_agenda", args=[slug, survey.pk]),
    ]
    for url in urls:
        anonymous = Client().get(url)
        assert anonymous.status_code == 302
        assert isinstance(anonymous, HttpResponseRedirectBase)
        assert "/konto/" in anonymous.url
        assert client_for(world.outsider).get(url).status_code == 403


def test_other_cooperation_gets_404_everywhere(world: World, other: World, survey: Survey) -> None:
    """The coordinator of cooperation B reaches nothing of A, even with A's ids in B's URLs."""
    client = client_for(other.coordinator)
    slug_b = other.cooperation.slug
    municipality_a = world.other_municipality.pk
    urls = [
        reverse("surveys:detail", args=[slug_b, survey.pk]),
        reverse("surveys:response", args=[slug_b, survey.pk, municipality_a]),
        reverse("surveys:evaluation", args=[slug_b, survey.pk]),
        reverse("surveys:answers_export", args=[slug_b, survey.pk, "xlsx"]),
        reverse("surveys:evaluation_export", args=[slug_b, survey.pk, "csv"]),
        reverse("surveys:import", args=[slug_b, survey.pk]),
        reverse("surveys:edit", args=[slug_b, survey.pk]),
        reverse("surveys:evaluation_agenda", args=[slug_b, survey.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
    survey_b = bauhof(other)
    foreign = reverse("surveys:response", args=[slug_b, survey_b.pk, municipality_a])
    assert client.get(foreign).status_code == 404
    assert client.post(foreign, {"speichern": "1"}).status_code == 404
    assert not Response.objects.filter(survey=survey_b).exists()


def test_services_refuse_cross_cooperation_references(world: World, other: World) -> None:
    from django.core.exceptions import ValidationError

    survey = bauhof(world)
    foreign: Municipality = other.municipality
    with pytest.raises(ValidationError):
        services.response_save(survey=survey, municipality=foreign, data={}, version=None)
    with pytest.raises(ValidationError):
        services.survey_save(
            cooperation=world.cooperation, survey=survey, fields={"body": other.member_body}
        )
    with pytest.raises(ValidationError):
        services.responses_import(survey=survey, answers={foreign.pk: {}}, submit=False)
