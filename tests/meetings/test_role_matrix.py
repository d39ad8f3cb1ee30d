"""Every URL of the meetings and tasks pages, for every role, with GET and POST.

Members and outsiders never change anything: their POSTs get 403 (or the login redirect for
anonymous visitors) and the database stays as it was. A coordinator of another cooperation
gets 404 on every object of this one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoDbBlocker

from ikz.dates import PartialDate
from ikz.meetings import services
from ikz.meetings.models import AgendaItem, Attendance, Meeting, Point, Task
from tests.conftest import World, build_world, client_for
from tests.meetings.factories import meeting
from tests.site_map import url_names

LOGIN = "login"
ROLES = ("anonymous", "outsider", "member", "coordinator")


@dataclass
class Scene:
    world: World
    meeting: Meeting
    item: AgendaItem
    point: Point
    task: Task

    @property
    def slug(self) -> str:
        return self.world.cooperation.slug


def build(world: World) -> Scene:
    session = meeting(body=world.member_body)
    item = services.agenda_item_add(meeting=session, title="Begrüßung")
    point = services.point_add(
        meeting=session,
        text="Abfrage vorbereiten",
        kind=Point.Kind.TASK,
        due=PartialDate.month(2020, 1),
    )
    meeting(body=world.internal_body, when=PartialDate.day(2999, 1, 1))  # for hand-overs
    return Scene(world=world, meeting=session, item=item, point=point, task=point.task)


Args = Callable[[Scene], list[Any]]
EVERYONE = {"anonymous": 200, "outsider": 200, "member": 200, "coordinator": 200}
MEMBERS = {"anonymous": LOGIN, "outsider": 403, "member": 200, "coordinator": 200}
COORDINATOR = {"anonymous": LOGIN, "outsider": 403, "member": 403, "coordinator": 200}
POST_ONLY = {"anonymous": LOGIN, "outsider": 403, "member": 403, "coordinator": 405}
INTERNAL = {"anonymous": 404, "outsider": 404, "member": 200, "coordinator": 200}
GET_ONLY = {"anonymous": 405, "outsider": 405, "member": 405, "coordinator": 405}
GET_ONLY_MEMBERS = {"anonymous": LOGIN, "outsider": 403, "member": 405, "coordinator": 405}
# Coordinator POSTs change things; any answer but a refusal or a crash is right here.
WRITE = {"anonymous": LOGIN, "outsider": 403, "member": 403, "coordinator": "ok"}


def s(scene: Scene) -> list[Any]:
    return [scene.slug]


def m(scene: Scene) -> list[Any]:
    return [scene.slug, scene.meeting.pk]


POINT_VALUES = {"text": "Neuer Text", "kind": "information", "op": "save"}
URLS: list[tuple[str, Args, dict[str, Any], dict[str, Any], dict[str, str]]] = [
    ("meetings:list", s, EVERYONE, GET_ONLY, {}),
    ("meetings:calendar", s, EVERYONE, GET_ONLY, {}),
    ("meetings:create", s, COORDINATOR, WRITE, {"when": "05.12.2019"}),
    ("meetings:next_number", s, COORDINATOR, POST_ONLY | {"coordinator": 405}, {}),
    ("meetings:detail", m, INTERNAL, GET_ONLY, {}),
    ("meetings:edit", m, COORDINATOR, WRITE, {"when": "06.12.2019"}),
    ("meetings:delete", m, COORDINATOR, WRITE, {}),
    ("meetings:state", m, POST_ONLY, WRITE, {"state": "invited"}),
    ("meetings:carry_over", m, POST_ONLY, WRITE, {}),
    ("meetings:agenda_create", m, COORDINATOR, WRITE, {"title": "TOP neu"}),
    ("meetings:agenda_edit", lambda sc: [*m(sc), sc.item.pk], COORDINATOR, WRITE, {"title": "x"}),
    ("meetings:agenda_op", lambda sc: [*m(sc), sc.item.pk, "hoch"], POST_ONLY, WRITE, {}),
    ("meetings:attendance", m, COORDINATOR, WRITE, {}),
    ("meetings:attendance_members", m, POST_ONLY, WRITE, {}),
    (
        "meetings:minutes",
        m,
        COORDINATOR,
        GET_ONLY | {"anonymous": LOGIN, "outsider": 403, "member": 403},
        {},
    ),
    ("meetings:point_create", m, POST_ONLY, WRITE, {"text": "Punkt", "kind": "idea"}),
    ("meetings:point_change", lambda sc: [*m(sc), sc.point.pk], POST_ONLY, WRITE, POINT_VALUES),
    (
        "meetings:document",
        lambda sc: [*m(sc), "einladung", "pdf"],
        INTERNAL,
        GET_ONLY,
        {},
    ),
    # The minutes of a meeting that has not been held: there is nothing to download yet.
    (
        "meetings:document",
        lambda sc: [*m(sc), "protokoll", "docx"],
        dict.fromkeys(ROLES, 404),
        GET_ONLY,
        {},
    ),
    (
        "meetings:minutes_approve",
        lambda sc: [*m(sc), sc.item.pk],
        POST_ONLY,
        WRITE,
        {},
    ),
    ("meetings:minutes_revoke", m, POST_ONLY, WRITE, {}),
    ("tasks:list", s, MEMBERS, GET_ONLY_MEMBERS, {}),
    ("tasks:mine", s, MEMBERS, GET_ONLY_MEMBERS, {}),
    ("tasks:create", s, COORDINATOR, WRITE, {"title": "Aufgabe"}),
    ("tasks:edit", lambda sc: [sc.slug, sc.task.pk], COORDINATOR, WRITE, {"title": "x"}),
    # The row read-only again ("Abbrechen" of its edit row); without htmx a redirect to the list.
    (
        "tasks:row",
        lambda sc: [sc.slug, sc.task.pk],
        COORDINATOR | {"coordinator": 302},
        POST_ONLY,
        {},
    ),
    ("tasks:state", lambda sc: [sc.slug, sc.task.pk], POST_ONLY, WRITE, {"state": "done"}),
    ("tasks:move", lambda sc: [sc.slug, sc.task.pk], COORDINATOR, WRITE, {}),
]


def client(scene: Scene, role: str) -> Client:
    return client_for(None if role == "anonymous" else getattr(scene.world, role))


def snapshot() -> list[Any]:
    return [
        list(model.objects.order_by("pk").values())
        for model in (Meeting, AgendaItem, Point, Task, Attendance)
    ]


def check(response: Any, expected: Any) -> None:
    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
    elif expected == "ok":
        assert response.status_code in {200, 302, 400, 422}, response.status_code
    else:
        assert response.status_code == expected


def test_every_meetings_url_is_in_the_matrix() -> None:
    mine = url_names("meetings", "tasks")
    assert mine == {name for name, *_ in URLS}


@pytest.fixture(scope="class")
def class_scenes(
    class_transaction: None, django_db_blocker: DjangoDbBlocker
) -> tuple[Scene, Scene]:
    """Cooperation A's scene and B's, built once for the class (``class_transaction``)."""
    with django_db_blocker.unblock():
        return build(build_world("A")), build(build_world("B"))


@pytest.fixture
def scenes(class_scenes: tuple[Scene, Scene], class_db: None) -> tuple[Scene, Scene]:
    """The class's scenes for one test, in its own savepoint: a coordinator's POST that
    changes or deletes an object is gone for the next test (docs/testing.md, "Shared set-up")."""
    return class_scenes


# Every object URL with each method the coordinator may use on it.
OBJECT_CASES = [
    (name, args, method, data)
    for name, args, get, post, data in URLS
    if args is not s
    for method, expected in (("get", get), ("post", post))
    if expected["coordinator"] != 405
]


class TestEveryRole:
    """Every URL as every role, on scenes shared by the class (the ``scenes`` fixture)."""

    @pytest.mark.parametrize("role", ROLES)
    @pytest.mark.parametrize(
        ("name", "args", "get", "post", "data"), URLS, ids=[u[0] for u in URLS]
    )
    def test_get(
        self,
        scenes: tuple[Scene, Scene],
        role: str,
        name: str,
        args: Args,
        get: Any,
        post: Any,
        data: Any,
    ) -> None:
        scene, _ = scenes
        before = snapshot()
        check(client(scene, role).get(reverse(name, args=args(scene))), get[role])
        assert snapshot() == before  # GET never writes

    @pytest.mark.parametrize("role", ROLES)
    @pytest.mark.parametrize(
        ("name", "args", "get", "post", "data"), URLS, ids=[u[0] for u in URLS]
    )
    def test_post(
        self,
        scenes: tuple[Scene, Scene],
        role: str,
        name: str,
        args: Args,
        get: Any,
        post: Any,
        data: Any,
    ) -> None:
        scene, _ = scenes
        before = snapshot()
        check(client(scene, role).post(reverse(name, args=args(scene)), data), post[role])
        if role != "coordinator":
            assert snapshot() == before

    @pytest.mark.parametrize(
        ("name", "args", "method", "data"),
        OBJECT_CASES,
        ids=[f"{c[0]}-{c[2]}" for c in OBJECT_CASES],
    )
    def test_objects_of_another_cooperation_are_404(
        self, scenes: tuple[Scene, Scene], name: str, args: Args, method: str, data: Any
    ) -> None:
        mine, theirs = scenes
        url_args = args(theirs)
        url_args[0] = mine.slug  # our address, their object
        before = snapshot()
        response = getattr(client(mine, "coordinator"), method)(reverse(name, args=url_args), data)
        assert response.status_code == 404
        assert snapshot() == before
