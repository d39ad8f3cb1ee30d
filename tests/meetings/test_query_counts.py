"""The meeting page and the task lists need the same number of queries for 5 points (tasks) as
for 100: the minutes tree is built in Python from one query, tasks come 50 to a page."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from pytest_django import DjangoAssertNumQueries

from ikz.meetings import services
from ikz.meetings.models import Meeting, Task
from tests.conftest import World, client_for
from tests.meetings.factories import meeting, nested_points, published

# Session, access and the page itself; the exact numbers are pinned below.
MEETING_PAGE_MAX = 17  # +1 the attachments list (ikz.attachments)
TASK_PAGE_MAX = 13  # the page's ids, then its 50 rows with their relations


def count_queries(fetch: Callable[[], object]) -> int:
    with CaptureQueriesContext(connection) as context:
        response = fetch()
    assert getattr(response, "status_code", 200) == 200
    return len(context.captured_queries)


def grow_points(session: Meeting, total: int) -> None:
    existing = session.points.count()
    nested_points(session, total - existing)
    services.attendance_from_members(meeting=session)


@pytest.mark.parametrize("role", ["coordinator", "member", "anonymous"])
def test_meeting_page_queries_do_not_grow_with_points(
    world: World, role: str, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    session = published(body=world.public_body, is_public=True)
    services.agenda_item_add(meeting=session, title="TOP 1")
    user = {"coordinator": world.coordinator, "member": world.member}.get(role)
    client: Client = client_for(user)
    url = f"/{world.cooperation.slug}/sitzungen/{session.pk}/"
    grow_points(session, 5)
    few = count_queries(lambda: client.get(url))
    grow_points(session, 100)
    with django_assert_max_num_queries(MEETING_PAGE_MAX):
        response = client.get(url)
    assert response.content.decode().count('class="ikz-point"') >= 100
    assert count_queries(lambda: client.get(url)) == few


def test_editor_fragment_queries_do_not_grow_with_points(world: World) -> None:
    session = meeting(body=world.member_body)
    client = client_for(world.coordinator)
    url = f"/{world.cooperation.slug}/sitzungen/{session.pk}/protokoll/"
    grow_points(session, 5)
    few = count_queries(lambda: client.get(url, HTTP_HX_REQUEST="true"))
    grow_points(session, 100)
    assert count_queries(lambda: client.get(url, HTTP_HX_REQUEST="true")) == few


def make_tasks(world: World, count: int) -> None:
    bodies = [world.member_body, world.internal_body]
    owners: list[dict[str, Any]] = [
        {"owner_person": world.member_person},
        {"owner_municipality": world.municipality},
        {"owner_body": world.public_body},
        {},
    ]
    Task.objects.bulk_create(
        Task(
            cooperation=world.cooperation,
            body=bodies[n % 2],
            title=f"Aufgabe {n}",
            **owners[n % 4],
        )
        for n in range(count)
    )


@pytest.mark.parametrize(
    ("role", "path"),
    [("coordinator", "aufgaben/"), ("member", "aufgaben/"), ("member", "aufgaben/meine/")],
)
def test_task_lists_queries_do_not_grow_with_tasks(
    world: World, role: str, path: str, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    client = client_for(getattr(world, role))
    url = f"/{world.cooperation.slug}/{path}"
    # Tasks from minutes too, so that the link to the meeting is part of the count.
    session = meeting(body=world.member_body)
    nested_points(session, 10)
    make_tasks(world, 5)
    few = count_queries(lambda: client.get(url))
    make_tasks(world, 100)
    with django_assert_max_num_queries(TASK_PAGE_MAX):
        client.get(url)
    assert count_queries(lambda: client.get(url)) == few


@pytest.mark.parametrize("role", ["coordinator", "member", "anonymous"])
def test_dashboard_and_body_page_do_not_grow(world: World, role: str) -> None:
    client = client_for({"coordinator": world.coordinator, "member": world.member}.get(role))
    slug = world.cooperation.slug
    urls = [f"/{slug}/", f"/{slug}/gremien/{world.public_body.pk}/"]
    few = [count_queries(partial(client.get, u)) for u in urls]
    for _ in range(10):
        published(body=world.public_body, is_public=True)
    make_tasks(world, 30)
    assert [count_queries(partial(client.get, u)) for u in urls] == few
