"""Pages render, and with a number of queries that does not grow with municipalities or
questions; the dashboard shows open surveys."""

from __future__ import annotations

import itertools
from collections.abc import Callable

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ikz.surveys import services
from ikz.surveys.models import Question, Survey
from tests.conftest import World, client_for
from tests.factories import MunicipalityFactory

from .helpers import bauhof, complete_values, submit_answer

LIMIT = 20
_ags = itertools.count(14900000)


def add_municipalities(world: World, survey: Survey, n: int) -> None:
    for i in range(n):
        municipality = MunicipalityFactory(cooperation=world.cooperation, ags=f"{next(_ags):08d}")
        if i % 3:
            submit_answer(survey, municipality, **complete_values(beschaeftigte=i + 1))


def pages(world: World, survey: Survey) -> dict[str, Callable[[], str]]:
    slug = world.cooperation.slug
    return {
        "list": lambda: reverse("surveys:list", args=[slug]),
        "detail": lambda: reverse("surveys:detail", args=[slug, survey.pk]),
        "response": lambda: reverse(
            "surveys:response", args=[slug, survey.pk, world.municipality.pk]
        ),
        "evaluation": lambda: reverse("surveys:evaluation", args=[slug, survey.pk]),
        "figure": lambda: reverse("surveys:figure", args=[slug, survey.pk, "beschaeftigte"]),
        "figure_per_ew": lambda: reverse(
            "surveys:figure", args=[slug, survey.pk, "winterdienst_je_km"]
        ),
        "export_xlsx": lambda: reverse("surveys:answers_export", args=[slug, survey.pk, "xlsx"]),
        "evaluation_csv": lambda: reverse(
            "surveys:evaluation_export", args=[slug, survey.pk, "csv"]
        ),
        "dashboard": lambda: reverse("cooperation:dashboard", args=[slug]),
    }


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.parametrize("role", ["coordinator", "member"])
def test_query_counts_do_not_grow(world: World, role: str) -> None:
    survey = bauhof(world, evaluation_visibility=Survey.Visibility.ANONYMISED)
    add_municipalities(world, survey, 3)
    client = client_for(getattr(world, role))
    urls = pages(world, survey)
    if role == "member":
        urls = {k: v for k, v in urls.items() if k not in ("export_xlsx",)}
    before = {name: count_queries(client, url()) for name, url in urls.items()}
    add_municipalities(world, survey, 12)
    after = {name: count_queries(client, url()) for name, url in urls.items()}
    assert after == before
    assert max(after.values()) <= LIMIT, after


def test_answer_page_queries_do_not_grow_with_questions(
    world: World, django_assert_max_num_queries
) -> None:
    survey = bauhof(world, send=False)
    section = survey.sections.first()
    client = client_for(world.member)
    url = reverse(
        "surveys:response", args=[world.cooperation.slug, survey.pk, world.municipality.pk]
    )

    def measure() -> int:
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        return len(queries)

    survey = services.survey_open(survey=survey)
    few = measure()
    Survey.objects.filter(pk=survey.pk).update(status="draft")
    survey.refresh_from_db()
    for i in range(30):
        services.question_save(
            survey=survey,
            fields={"section": section, "text": f"Frage {i}", "kind": Question.Kind.NUMBER},
        )
    Survey.objects.filter(pk=survey.pk).update(status="open")
    assert measure() == few
    with django_assert_max_num_queries(LIMIT):
        client.get(url)


def test_dashboard_lists_open_surveys_with_the_members_own_state(world: World) -> None:
    survey = bauhof(world)
    bauhof(world, send=False, title="Noch in Vorbereitung")
    slug = world.cooperation.slug
    page = client_for(world.member).get(reverse("cooperation:dashboard", args=[slug]))
    text = page.content.decode()
    assert "Offene Umfragen" in text
    assert survey.title in text
    assert "31.01.2020" in text
    assert "noch nicht begonnen" in text
    assert "Noch in Vorbereitung" not in text
    submit_answer(survey, world.municipality, **complete_values())
    dashboard = client_for(world.member).get(reverse("cooperation:dashboard", args=[slug])).content
    assert "abgegeben" in dashboard.decode()
    public = client_for(None).get(reverse("cooperation:dashboard", args=[slug])).content.decode()
    assert "Offene Umfragen" not in public


def test_nav_has_surveys_for_members_only(world: World) -> None:
    slug = world.cooperation.slug
    url = reverse("cooperation:dashboard", args=[slug])
    surveys_url = reverse("surveys:list", args=[slug])
    assert surveys_url in client_for(world.member).get(url).content.decode()
    assert surveys_url not in client_for(None).get(url).content.decode()


def test_builder_pages_render(world: World) -> None:
    survey = bauhof(world, send=False)
    client = client_for(world.coordinator)
    slug = world.cooperation.slug
    question = survey.questions.get(key="maschinen")
    for url in (
        reverse("surveys:create", args=[slug]),
        reverse("surveys:detail", args=[slug, survey.pk]),
        reverse("surveys:edit", args=[slug, survey.pk]),
        reverse("surveys:question_create", args=[slug, survey.pk]),
        reverse("surveys:question_edit", args=[slug, survey.pk, question.pk]),
        reverse("surveys:section_create", args=[slug, survey.pk]),
        reverse("surveys:indicator_create", args=[slug, survey.pk]),
        reverse("surveys:delete", args=[slug, survey.pk]),
        reverse("surveys:response", args=[slug, survey.pk, world.municipality.pk]),
    ):
        assert client.get(url).status_code == 200, url
    edit = client.get(reverse("surveys:question_edit", args=[slug, survey.pk, question.pk]))
    assert "Anzahl | Zahl | Stück" in edit.content.decode()
