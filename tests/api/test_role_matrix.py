"""Every REST operation for every role (a key of an outsider, a member, a coordinator, and no
key): the status each gets, written out by hand; and every object of another cooperation is
404 under this cooperation's address. The table is checked against the OpenAPI document, so a
new operation without a row fails here."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from pytest_django import DjangoDbBlocker

from ikz.meetings import services as meeting_services
from ikz.meetings.models import Point
from ikz.meetings.services_minutes import point_add
from ikz.projects.models import Project
from ikz.reports import services as report_services
from ikz.surveys.models import Survey
from tests.api.helpers import Api, key
from tests.conftest import World, build_world
from tests.factories import PersonFactory
from tests.meetings.factories import DEC_5


@dataclass
class ApiScene:
    world: World
    ids: dict[str, int]

    @property
    def slug(self) -> str:
        return self.world.cooperation.slug


def build(world: World) -> ApiScene:
    cooperation = world.cooperation
    meeting = meeting_services.meeting_create(
        cooperation=cooperation, body=world.public_body, when=DEC_5, is_public=True
    )
    item = meeting_services.agenda_item_add(meeting=meeting, title="TOP 1")
    point = point_add(
        meeting=meeting, text="Abfrage", kind=Point.Kind.TASK, owner=world.municipality
    )
    project = Project.objects.create(cooperation=cooperation, title="Radweg", is_public=True)
    survey = Survey.objects.create(
        cooperation=cooperation,
        title="Umfrage",
        status=Survey.Status.OPEN,
        deadline=dt.date(2020, 1, 31),
    )
    draft = report_services.report_create(
        cooperation=cooperation, period_start=dt.date(2019, 12, 1), period_end=dt.date(2019, 12, 31)
    )
    person = PersonFactory(cooperation=cooperation)
    return ApiScene(
        world=world,
        ids={
            "municipality": world.municipality.pk,
            "body": world.public_body.pk,
            "person": person.pk,
            "meeting": meeting.pk,
            "agenda": item.pk,
            "task": point.task.pk,
            "project": project.pk,
            "survey": survey.pk,
            "report": draft.pk,
        },
    )


OK, W = 200, 201
R = {"none": 401, "outsider": 200, "member": 200, "coordinator": 200}  # readable for all keys
M = {"none": 401, "outsider": 403, "member": 200, "coordinator": 200}  # members and up
C = {"none": 401, "outsider": 403, "member": 403, "coordinator": W}  # coordinator writes
C200 = C | {"coordinator": OK}

Path = Callable[[ApiScene], str]


def p(template: str) -> Path:
    return lambda s: template.format(slug=s.slug, **s.ids)


# (method, OpenAPI path, concrete path, expected per role, body)
TABLE: list[tuple[str, str, Path, dict[str, int], dict[str, Any] | None]] = [
    ("get", "/cooperations", p("/cooperations"), R, None),
    ("get", "/cooperations/{slug}", p("/cooperations/{slug}"), R, None),
    (
        "get",
        "/cooperations/{slug}/municipalities",
        p("/cooperations/{slug}/municipalities"),
        R,
        None,
    ),
    (
        "get",
        "/cooperations/{slug}/municipalities/{municipality_id}",
        p("/cooperations/{slug}/municipalities/{municipality}"),
        R,
        None,
    ),
    ("get", "/cooperations/{slug}/bodies", p("/cooperations/{slug}/bodies"), R, None),
    (
        "get",
        "/cooperations/{slug}/bodies/{body_id}",
        p("/cooperations/{slug}/bodies/{body}"),
        R,
        None,
    ),
    ("get", "/cooperations/{slug}/people", p("/cooperations/{slug}/people"), M, None),
    (
        "post",
        "/cooperations/{slug}/people",
        p("/cooperations/{slug}/people"),
        C,
        {"given_name": "Erika", "family_name": "Neu"},
    ),
    (
        "get",
        "/cooperations/{slug}/people/{person_id}",
        p("/cooperations/{slug}/people/{person}"),
        M,
        None,
    ),
    (
        "patch",
        "/cooperations/{slug}/people/{person_id}",
        p("/cooperations/{slug}/people/{person}"),
        C200,
        {"function": "Kämmerin"},
    ),
    ("get", "/cooperations/{slug}/meetings", p("/cooperations/{slug}/meetings"), R, None),
    (
        "post",
        "/cooperations/{slug}/meetings",
        p("/cooperations/{slug}/meetings"),
        C,
        {"body_id": 0, "date": "2020-02-03"},  # body_id filled in per scene
    ),
    (
        "get",
        "/cooperations/{slug}/meetings/{meeting_id}",
        p("/cooperations/{slug}/meetings/{meeting}"),
        R,
        None,
    ),
    (
        "patch",
        "/cooperations/{slug}/meetings/{meeting_id}",
        p("/cooperations/{slug}/meetings/{meeting}"),
        C200,
        {"title": "Neuer Titel"},
    ),
    (
        "post",
        "/cooperations/{slug}/meetings/{meeting_id}/agenda",
        p("/cooperations/{slug}/meetings/{meeting}/agenda"),
        C,
        {"title": "Verschiedenes"},
    ),
    ("get", "/cooperations/{slug}/tasks", p("/cooperations/{slug}/tasks"), M, None),
    (
        "get",
        "/cooperations/{slug}/tasks/{task_id}",
        p("/cooperations/{slug}/tasks/{task}"),
        M,
        None,
    ),
    (
        "post",
        "/cooperations/{slug}/tasks/{task_id}/state",
        p("/cooperations/{slug}/tasks/{task}/state"),
        C200,
        {"state": "done"},
    ),
    ("get", "/cooperations/{slug}/projects", p("/cooperations/{slug}/projects"), R, None),
    (
        "get",
        "/cooperations/{slug}/projects/{project_id}",
        p("/cooperations/{slug}/projects/{project}"),
        R,
        None,
    ),
    ("get", "/cooperations/{slug}/surveys", p("/cooperations/{slug}/surveys"), M, None),
    (
        "get",
        "/cooperations/{slug}/surveys/{survey_id}",
        p("/cooperations/{slug}/surveys/{survey}"),
        M,
        None,
    ),
    (
        "get",
        "/cooperations/{slug}/surveys/{survey_id}/answers",
        p("/cooperations/{slug}/surveys/{survey}/answers"),
        # The coordinator has no municipality of their own: they must name one.
        M | {"coordinator": 404},
        None,
    ),
    ("get", "/cooperations/{slug}/reports", p("/cooperations/{slug}/reports"), R, None),
    (
        "get",
        "/cooperations/{slug}/reports/{report_id}",
        p("/cooperations/{slug}/reports/{report}"),
        # A draft: the coordination only; for everyone else it does not exist.
        {"none": 401, "outsider": 404, "member": 404, "coordinator": 200},
        None,
    ),
]
ROLES = ("none", "outsider", "member", "coordinator")


def _body(scene: ApiScene, data: dict[str, Any] | None) -> dict[str, Any] | None:
    if data is not None and "body_id" in data:
        return data | {"body_id": scene.world.public_body.pk}
    return data


def test_every_operation_is_in_the_table(world: World) -> None:
    response = Api(None).get("/openapi.json")
    document = json.loads(response.content)
    operations = {
        (method, path.removeprefix("/api/v1"))
        for path, methods in document["paths"].items()
        for method in methods
    }
    assert operations == {(method, path) for method, path, *_ in TABLE}


@pytest.fixture(scope="class")
def class_scenes(
    class_transaction: None, django_db_blocker: DjangoDbBlocker
) -> tuple[ApiScene, ApiScene]:
    """Cooperation A's scene and B's, built once for the class (``class_transaction``)."""
    with django_db_blocker.unblock():
        return build(build_world("A")), build(build_world("B"))


@pytest.fixture
def scenes(class_scenes: tuple[ApiScene, ApiScene], class_db: None) -> tuple[ApiScene, ApiScene]:
    """The class's scenes for one test, in its own savepoint: a coordinator's write (and the
    test's own keys) are gone for the next test (docs/testing.md, "Shared set-up")."""
    return class_scenes


OBJECT_ROWS = [row for row in TABLE if "_id}" in row[1]]


class TestEveryOperation:
    """Every operation as every key, on scenes shared by the class (the ``scenes`` fixture)."""

    @pytest.mark.parametrize("role", ROLES)
    @pytest.mark.parametrize(
        ("method", "template", "path", "expected", "data"),
        TABLE,
        ids=[f"{t[0]} {t[1]}" for t in TABLE],
    )
    def test_role(
        self,
        scenes: tuple[ApiScene, ApiScene],
        role: str,
        method: str,
        template: str,
        path: Path,
        expected: dict[str, int],
        data: dict[str, Any] | None,
    ) -> None:
        scene, _ = scenes
        api = Api(None if role == "none" else key(scene.world, role))
        response = api.call(method, path(scene), _body(scene, data))
        assert response.status_code == expected[role], response.content
        if response.status_code >= 400:
            assert response["Content-Type"] == "application/problem+json"
            problem = json.loads(response.content)
            assert problem["status"] == response.status_code
            assert problem["title"]
            assert problem["detail"]

    @pytest.mark.parametrize(
        ("method", "template", "path", "expected", "data"),
        OBJECT_ROWS,
        ids=[f"{t[0]} {t[1]}" for t in OBJECT_ROWS],
    )
    def test_objects_of_another_cooperation_are_404(
        self,
        scenes: tuple[ApiScene, ApiScene],
        method: str,
        template: str,
        path: Path,
        expected: dict[str, int],
        data: dict[str, Any] | None,
    ) -> None:
        mine, theirs = scenes
        foreign = ApiScene(world=mine.world, ids=theirs.ids)  # our address, their ids
        api = Api(key(mine.world, "coordinator"))
        response = api.call(method, path(foreign), _body(mine, data))
        assert response.status_code == 404, response.content

    @pytest.mark.parametrize(("method", "template", "path", "expected", "data"), TABLE[1:])
    def test_a_key_never_reaches_another_cooperation(
        self,
        scenes: tuple[ApiScene, ApiScene],
        method: str,
        template: str,
        path: Path,
        expected: dict[str, int],
        data: dict[str, Any] | None,
    ) -> None:
        """A's coordinator key on B's address: 404, as if B did not exist."""
        mine, theirs = scenes
        api = Api(key(mine.world, "coordinator"))
        response = api.call(method, path(theirs), _body(theirs, data))
        assert response.status_code == 404, response.content
