"""Issue #19, "render less": the task list renders read-only rows; the one row being edited
gets its form by htmx (docs/meetings.md, "Aufgaben"). The page's forms, options and bytes do
not grow with the people and municipalities of the cooperation; a save checks the chosen owner
with one lookup and never loads the whole owner list."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ikz.dates import PartialDate
from ikz.meetings import selectors, services
from ikz.meetings.models import Task
from tests.conftest import World, client_for
from tests.factories import MunicipalityFactory, PersonFactory
from tests.markup import page_weight, squash

HTMX: dict[str, Any] = {"HTTP_HX_REQUEST": "true"}

# The task list of the coordinator, counted by hand from its templates: the forms are the
# header's search, the log-out, the confirmation dialog (base.html) and the filter; the options
# are the filter's "Alle Gremien" and the world's three bodies, and the four states.
TASK_LIST_FORMS = 4
TASK_LIST_OPTIONS = 1 + 3 + 4
# 30 rows of about 900 bytes and the page around them; the page before issue #19 carried an
# owner option per person, municipality and body and two forms per row (over 60 kB here).
TASK_LIST_BYTES = 45_000


def _url(world: World, name: str, *args: object) -> str:
    return reverse(name, args=[world.cooperation.slug, *args])


def _add_municipalities(world: World, count: int) -> None:
    """``count`` more municipalities with three people each: more owners, no more tasks."""
    for _ in range(count):
        town = MunicipalityFactory(cooperation=world.cooperation)
        for _k in range(3):
            PersonFactory(cooperation=world.cooperation, municipality=town)


def _tasks(world: World, count: int) -> list[Task]:
    return [
        services.task_create(
            cooperation=world.cooperation,
            body=world.member_body,
            title=f"Aufgabe {n:02d}",
            owner=world.municipality,
            due=PartialDate.day(2030, 1, 1 + n % 28),
        )
        for n in range(count)
    ]


def test_task_list_does_not_grow_with_people_and_municipalities(world: World) -> None:
    _tasks(world, 30)
    _add_municipalities(world, 50)
    coordinator = client_for(world.coordinator)
    path = _url(world, "tasks:list")
    forms, options, size, queries = page_weight(coordinator, path)
    assert (forms, options) == (TASK_LIST_FORMS, TASK_LIST_OPTIONS)
    assert size < TASK_LIST_BYTES, size

    _add_municipalities(world, 50)
    assert page_weight(coordinator, path) == (forms, options, size, queries)


def test_read_only_rows_carry_one_edit_link_and_no_form(world: World) -> None:
    (task,) = _tasks(world, 1)
    html = client_for(world.coordinator).get(_url(world, "tasks:list")).content.decode()
    row = squash(
        html[html.index(f'id="task-{task.pk}"') : html.index("</tr>", html.index("<tbody"))]
    )
    edit = _url(world, "tasks:edit", task.pk)
    assert f'href="{edit}?next=' in row
    assert f'hx-get="{edit}?next=' in row
    assert "<form" not in row
    assert "<select" not in row
    # The table's body tells htmx which element a row's answer replaces.
    assert 'hx-target="closest tr" hx-swap="outerHTML"' in squash(html)


def test_edit_row_round_trip(world: World) -> None:
    (task,) = _tasks(world, 1)
    coordinator = client_for(world.coordinator)
    edit = _url(world, "tasks:edit", task.pk)
    prefix = f"task{task.pk}"

    shown = coordinator.get(edit, {"next": _url(world, "tasks:list")}, **HTMX)
    assert shown.status_code == 200
    html = shown.content.decode()
    assert squash(html).startswith(
        f'<tr class="kern-table__row ikz-task--editing" id="task-{task.pk}">'
    )
    assert "<html" not in html
    assert f'name="{prefix}-title"' in html
    assert f'value="{task.title}"' in html
    # The owner select is in this one row: every person, municipality and body.
    assert f'<option value="municipality:{world.other_municipality.pk}">' in html
    assert f'<option value="person:{world.member_person.pk}">' in html
    assert "Erledigt" in html
    assert "An anderes Gremium übergeben" in html
    version = re.search(rf'name="{prefix}-_version" value="([^"]*)"', html)
    assert version

    saved = coordinator.post(
        edit,
        {
            f"{prefix}-title": "Bauhofkosten vergleichen",
            f"{prefix}-owner": f"municipality:{world.other_municipality.pk}",
            f"{prefix}-due_date": "03/2030",
            f"{prefix}-_version": version.group(1),
            "next": _url(world, "tasks:list"),
        },
        **HTMX,
    )
    assert saved.status_code == 200
    row = squash(saved.content.decode())
    assert row.startswith(f'<tr class="kern-table__row" id="task-{task.pk}"')
    assert "<form" not in row
    assert "Bauhofkosten vergleichen" in row
    assert world.other_municipality.name in row
    assert "03/2030" in row
    assert "autofocus" in row  # the focus goes back to "Bearbeiten"
    task.refresh_from_db()
    assert (task.title, task.owner, str(task.due_date)) == (
        "Bauhofkosten vergleichen",
        world.other_municipality,
        "03/2030",
    )


def test_refused_save_shows_the_german_error_in_the_row_and_saves_nothing(world: World) -> None:
    (task,) = _tasks(world, 1)
    prefix = f"task{task.pk}"
    refused = client_for(world.coordinator).post(
        _url(world, "tasks:edit", task.pk),
        {f"{prefix}-title": "Neu", f"{prefix}-owner": "person:999999"},
        **HTMX,
    )
    assert refused.status_code == 422
    html = refused.content.decode()
    assert squash(html).startswith(
        f'<tr class="kern-table__row ikz-task--editing" id="task-{task.pk}">'
    )
    assert "Bitte eine verantwortliche Stelle aus der Liste wählen." in html
    assert 'value="Neu"' in html  # the typed input stays
    empty = client_for(world.coordinator).post(
        _url(world, "tasks:edit", task.pk), {f"{prefix}-title": ""}, **HTMX
    )
    assert empty.status_code == 422
    assert "Dieses Feld ist zwingend erforderlich." in empty.content.decode()
    task.refresh_from_db()
    assert (task.title, task.owner) == ("Aufgabe 00", world.municipality)


@pytest.mark.parametrize("htmx", [True, False])
def test_a_save_checks_the_owner_with_one_lookup(
    world: World, monkeypatch: pytest.MonkeyPatch, htmx: bool
) -> None:
    """Not the whole list of people, municipalities and bodies (owner_choices) per save."""
    (task,) = _tasks(world, 1)
    calls: list[object] = []
    real = selectors.owner_choices

    def counting(**kwargs: Any) -> Any:
        calls.append(kwargs)
        return real(**kwargs)

    monkeypatch.setattr(selectors, "owner_choices", counting)
    prefix = f"task{task.pk}-" if htmx else ""
    data = {f"{prefix}title": "Tun", f"{prefix}owner": f"person:{world.member_person.pk}"}
    with CaptureQueriesContext(connection) as queries:
        response = client_for(world.coordinator).post(
            _url(world, "tasks:edit", task.pk), data, **(HTMX if htmx else {})
        )
    assert response.status_code == (200 if htmx else 302)
    assert calls == []
    # Only lookups of one row (LIMIT): the owner, the person of the log-in, the foreign key's
    # check; no query reads all people, municipalities or bodies.
    owner_tables = ("cooperation_person", "cooperation_municipality", "cooperation_body")
    lists = [
        q["sql"]
        for q in queries.captured_queries
        if any(f'FROM "{table}"' in q["sql"] for table in owner_tables) and "LIMIT" not in q["sql"]
    ]
    assert lists == []
    task.refresh_from_db()
    assert task.owner == world.member_person

    # A refused save shows the select again: the list is loaded once.
    data[f"{prefix}owner"] = "body:999999"
    client_for(world.coordinator).post(
        _url(world, "tasks:edit", task.pk), data, **(HTMX if htmx else {})
    )
    assert len(calls) == 1


def test_cancel_returns_the_read_only_row(world: World) -> None:
    (task,) = _tasks(world, 1)
    coordinator = client_for(world.coordinator)
    path = _url(world, "tasks:row", task.pk)
    row = coordinator.get(path, {"next": _url(world, "tasks:list")}, **HTMX)
    assert row.status_code == 200
    html = squash(row.content.decode())
    assert html.startswith(f'<tr class="kern-table__row" id="task-{task.pk}"')
    assert "Aufgabe 00" in html
    assert "<form" not in html
    # Without JavaScript there is no fragment to show: back to the list.
    plain = coordinator.get(path, {"next": _url(world, "tasks:mine")})
    assert (plain.status_code, plain["Location"]) == (302, _url(world, "tasks:mine"))


def test_without_javascript_the_edit_page_offers_the_state_and_the_hand_over(
    world: World,
) -> None:
    (task,) = _tasks(world, 1)
    coordinator = client_for(world.coordinator)
    back = _url(world, "tasks:list")
    page = coordinator.get(_url(world, "tasks:edit", task.pk), {"next": back})
    assert page.status_code == 200
    html = page.content.decode()
    assert "<html" in html
    assert 'name="title"' in html  # the page's form has no prefix
    assert f'action="{_url(world, "tasks:state", task.pk)}"' in html
    assert "hx-post" not in html  # plain forms: the page has no row to swap
    assert f'href="{_url(world, "tasks:move", task.pk)}?next=' in html
    done = coordinator.post(_url(world, "tasks:state", task.pk), {"state": "done", "next": back})
    assert (done.status_code, done["Location"]) == (302, back)
    task.refresh_from_db()
    assert task.state == Task.State.DONE


@pytest.mark.parametrize("name", ["tasks:edit", "tasks:row"])
def test_edit_rows_are_the_coordinators_only(world: World, other: World, name: str) -> None:
    (task,) = _tasks(world, 1)
    path = _url(world, name, task.pk)
    anonymous = client_for(None).get(path, **HTMX)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("accounts:login"))
    assert client_for(world.member).get(path, **HTMX).status_code == 403
    assert client_for(world.outsider).get(path, **HTMX).status_code == 403
    # Another cooperation's task in this cooperation's address: not found.
    (theirs,) = _tasks(other, 1)
    foreign = _url(world, name, theirs.pk)
    assert client_for(world.coordinator).get(foreign, **HTMX).status_code == 404


# --- The owner filter: words of a name, not a select of every owner ---------------------------


def _titles(client: Client, world: World, owner: str) -> set[str]:
    response = client.get(_url(world, "tasks:list"), {"verantwortlich": owner, "status": "alle"})
    assert response.status_code == 200
    return set(re.findall(r">(Aufgabe [A-Z])</th>", response.content.decode()))


def test_owner_filter_matches_words_of_the_owner_name(world: World) -> None:
    for title, owner in (
        ("Aufgabe A", world.municipality),
        ("Aufgabe B", world.other_municipality),
        ("Aufgabe C", world.member_person),
        ("Aufgabe D", world.public_body),
        ("Aufgabe E", None),
    ):
        services.task_create(
            cooperation=world.cooperation, body=world.member_body, title=title, owner=owner
        )
    coordinator = client_for(world.coordinator)
    person = world.member_person
    assert _titles(coordinator, world, "") == {f"Aufgabe {c}" for c in "ABCDE"}
    assert _titles(coordinator, world, "dorf") == {"Aufgabe B"}
    assert _titles(coordinator, world, person.family_name.upper()) == {"Aufgabe C"}
    # The label the filter shows for a person, brackets included, finds that person.
    label = f"{person.given_name} {person.family_name} ({world.municipality.name})"
    assert _titles(coordinator, world, label) == {"Aufgabe C"}
    assert _titles(coordinator, world, world.public_body.name) == {"Aufgabe D"}
    assert _titles(coordinator, world, "Niemand-heisst-so") == set()
    # An address of the former select still filters exactly, and the field shows the name.
    exact = f"municipality:{world.municipality.pk}"
    assert _titles(coordinator, world, exact) == {"Aufgabe A"}
    page = coordinator.get(_url(world, "tasks:list"), {"verantwortlich": exact}).content.decode()
    assert f'value="{world.municipality.name}"' in page


@pytest.mark.parametrize(
    "junk", ["\x00", "a" * 5000, "person:²", "body:99999999999999999999", "( ) ( )", "%_"]
)
def test_owner_filter_survives_junk(world: World, junk: str) -> None:
    services.task_create(cooperation=world.cooperation, body=world.member_body, title="Aufgabe A")
    response = client_for(world.member).get(_url(world, "tasks:list"), {"verantwortlich": junk})
    assert response.status_code == 200
    assert 'id="filter-owner"' in response.content.decode()
