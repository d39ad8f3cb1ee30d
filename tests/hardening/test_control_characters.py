"""Control characters in text that reaches a service without a form: the REST API's request
bodies and the report editor's body status. Both are cleaned as every form cleans its text
(``ikz.inputs.normalise_text``). Found by generated input (docs/testing.md)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from ikz.cooperation.models import Body
from ikz.meetings.models import AgendaItem
from ikz.reports import services as report_services
from tests.api.helpers import Api, key
from tests.conftest import World, client_for
from tests.meetings.factories import meeting

pytestmark = pytest.mark.django_db


def test_an_api_agenda_item_keeps_no_control_character(world: World) -> None:
    session = meeting(body=world.member_body, title="Sitzung")
    api = Api(key(world, "coordinator"))
    path = f"/cooperations/{world.cooperation.slug}/meetings/{session.pk}/agenda"
    response = api.call("post", path, {"title": "Winter\x0fdienst\x0bab 2025\x00"})
    assert response.status_code == 201, response.content
    assert AgendaItem.objects.get(meeting=session).title == "Winterdienst\nab 2025"


def test_an_api_person_keeps_no_control_character(world: World) -> None:
    api = Api(key(world, "coordinator"))
    path = f"/cooperations/{world.cooperation.slug}/people"
    response = api.call("post", path, {"given_name": "An\x07na", "family_name": "Kraus\x1f"})
    assert response.status_code == 201, response.content
    assert (response.json()["given_name"], response.json()["family_name"]) == ("Anna", "Kraus")


def test_the_body_status_form_keeps_no_control_character_in_the_body_or_its_history(
    world: World,
) -> None:
    report = report_services.report_create(
        cooperation=world.cooperation,
        period_start=dt.date(2019, 12, 1),
        period_end=dt.date(2019, 12, 31),
    )
    body = world.member_body
    url = reverse("reports:body_status", args=[world.cooperation.slug, report.pk, body.pk])
    response = client_for(world.coordinator).post(
        url,
        {"text": "Konzentration auf\x0bden Winterdienst\x0f"},
    )
    assert response.status_code in (200, 302), response.status_code
    body = Body.objects.get(pk=body.pk)
    assert body.status_text == "Konzentration auf\nden Winterdienst"
    # simple-history adds the ``history`` manager at run time; django-stubs cannot see it.
    latest = Body.history.filter(id=body.pk).order_by("-history_id").first()  # type: ignore[attr-defined]
    assert latest.status_text == "Konzentration auf\nden Winterdienst"
