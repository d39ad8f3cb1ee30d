"""Every page of the ``projects`` namespace, for every role, GET and POST."""

from __future__ import annotations

import pytest
from django.urls import get_resolver, reverse

from ikz.dates import PartialDate
from ikz.meetings.models import Point
from ikz.projects import services
from tests.conftest import World, client_for
from tests.meetings.factories import meeting, points
from tests.projects.helpers import project

PUBLIC_PAGES = {"board", "board_column", "list", "deadlines", "goals", "detail"}
WRITE_PAGES = {
    "create",
    "edit",
    "delete",
    "stage",
    "participation",
    "milestone_create",
    "milestone_edit",
    "milestone_done",
    "milestone_delete",
    "funding_create",
    "funding_edit",
    "funding_delete",
    "goal_create",
    "goal_edit",
    "goal_delete",
    "fields",
    "field_edit",
    "field_delete",
    "point_link",
}
POST_ONLY = {"milestone_done"}
# GET only, for htmx: a plain GET of the coordinator is sent on to the project page.
ROW_PAGES = {"participation_show"}


def _names() -> set[str]:
    resolver = get_resolver()
    namespace = resolver.namespace_dict["projects"][1]
    return {name for name in namespace.reverse_dict if isinstance(name, str)}


def test_matrix_covers_every_url() -> None:
    assert _names() == PUBLIC_PAGES | WRITE_PAGES | ROW_PAGES


def _args(world: World, name: str) -> list[object]:
    target = project(cooperation=world.cooperation, title=f"P {name}", is_public=True)
    milestone = services.milestone_save(project=target, title="M", when=PartialDate.day(2020, 1, 1))
    programme = services.funding_programme_save(cooperation=world.cooperation, name=f"F {name}")
    application = services.funding_application_save(project=target, programme=programme)
    goal = services.goal_save(cooperation=world.cooperation, title=f"Z {name}")
    field = services.field_save(cooperation=world.cooperation, name=f"H {name}")
    session = meeting(body=world.member_body)
    (point,) = points(session, "Beschluss", kind=Point.Kind.DECISION)
    by_name: dict[str, list[object]] = {
        "detail": [target.pk],
        "board_column": ["idea"],
        "edit": [target.pk],
        "delete": [target.pk],
        "stage": [target.pk],
        "participation": [target.pk, world.municipality.pk],
        "participation_show": [target.pk, world.municipality.pk],
        "milestone_edit": [target.pk, milestone.pk],
        "milestone_done": [target.pk, milestone.pk],
        "milestone_delete": [target.pk, milestone.pk],
        "funding_edit": [target.pk, application.pk],
        "funding_delete": [target.pk, application.pk],
        "milestone_create": [target.pk],
        "funding_create": [target.pk],
        "goal_edit": [goal.pk],
        "goal_delete": [goal.pk],
        "field_edit": [field.pk],
        "field_delete": [field.pk],
        "point_link": [point.pk],
    }
    return by_name.get(name, [])


@pytest.mark.parametrize("name", sorted(PUBLIC_PAGES | WRITE_PAGES | ROW_PAGES))
def test_roles(world: World, name: str) -> None:
    path = reverse(f"projects:{name}", args=[world.cooperation.slug, *_args(world, name)])
    anonymous, outsider = client_for(None), client_for(world.outsider)
    member, coordinator = client_for(world.member), client_for(world.coordinator)
    if name in PUBLIC_PAGES:
        for client in (anonymous, outsider, member, coordinator):
            assert client.get(path).status_code == 200
            assert client.post(path).status_code == 405
        return
    for method in ("get", "post"):
        assert getattr(anonymous, method)(path).status_code == 302
        assert getattr(outsider, method)(path).status_code == 403
        assert getattr(member, method)(path).status_code == 403
    if name in ROW_PAGES:
        assert coordinator.get(path).status_code == 302
        assert coordinator.get(path, headers={"HX-Request": "true"}).status_code == 200
        assert coordinator.post(path).status_code == 405
        return
    if name in POST_ONLY:
        assert coordinator.get(path).status_code == 405
    else:
        assert coordinator.get(path).status_code == 200
    # An empty POST: refused with the form again (400) or done (302), never a 500.
    assert coordinator.post(path).status_code in {200, 302, 400}
