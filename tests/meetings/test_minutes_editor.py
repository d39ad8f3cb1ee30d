"""The minutes editor's endpoints: they save through the services, answer with the redrawn
editor (or row) for htmx, and never lose typed text on a validation error."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from ikz.meetings import services
from ikz.meetings.models import Meeting, Point, Task
from ikz.meetings.tree import tree_errors
from tests.conftest import World, client_for
from tests.factories import PersonFactory
from tests.markup import squash
from tests.meetings.factories import meeting, nested_points, points

HTMX: dict[str, Any] = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def session(world: World) -> Meeting:
    return meeting(body=world.member_body)


@pytest.fixture
def coordinator(world: World) -> Client:
    return client_for(world.coordinator)


def base(world: World, session: Meeting) -> str:
    return f"/{world.cooperation.slug}/sitzungen/{session.pk}/protokoll/"


def focus_of(html: str) -> str:
    match = re.search(r'id="minutes-editor"[^>]*data-focus="([^"]*)"', html)
    return match.group(1) if match else ""


def signalled_focus(html: str) -> str:
    """The focus named by an answer made of out-of-band swaps (a save with Enter)."""
    match = re.search(r'id="minutes-signal" hx-swap-oob="true" hidden data-focus="([^"]*)"', html)
    return match.group(1) if match else ""


def texts(session: Meeting) -> list[tuple[str, str | None, int]]:
    return [
        (p.text, p.parent.text if p.parent else None, p.position)
        for p in Point.objects.filter(meeting=session).select_related("parent").order_by("pk")
    ]


def test_coordinator_page_has_the_editor_with_stable_ids(
    world: World, session: Meeting, coordinator: Client
) -> None:
    (point,) = points(session, "Bewertung")
    html = squash(
        coordinator.get(f"/{world.cooperation.slug}/sitzungen/{session.pk}/").content.decode()
    )
    assert f'id="point-text-{point.pk}"' in html
    assert 'id="point-text-new-0"' in html
    assert "meetings/minutes.js" in html
    assert "<script>" not in html
    assert "style=" not in html
    assert "onclick" not in html


def test_add_point_returns_editor_with_a_draft_below(
    world: World, session: Meeting, coordinator: Client
) -> None:
    response = coordinator.post(
        base(world, session) + "neu/",
        {"text": "Übertragung guter Beispiele:", "kind": "information"},
        **HTMX,
    )
    assert response.status_code == 200
    # The editor stays; only the swaps below change it.
    assert response["HX-Reswap"] == "none settle:0ms"
    html = squash(response.content.decode())
    assert "Übertragung guter Beispiele:" in html
    # The first point of the section: a new top-level list before the "new point" row...
    assert (
        '<div hx-swap-oob="beforebegin:#point-new-0"><ul class="ikz-points" id="points-0">' in html
    )
    # ...and a fresh "new point" row (no position: it always adds at the end).
    assert 'id="point-row-new-0" hx-swap-oob="true"' in html
    assert 'name="position" value=""' in html
    assert signalled_focus(html) == "point-text-new-0"
    assert texts(session) == [("Übertragung guter Beispiele:", None, 0)]
    second = squash(
        coordinator.post(
            base(world, session) + "neu/", {"text": "Zweiter", "kind": "information"}, **HTMX
        ).content.decode()
    )
    assert '<div hx-swap-oob="beforeend:#points-0">' in second
    assert "Übertragung guter Beispiele:" not in second  # the other rows are not sent again
    assert [text for text, _parent, _position in texts(session)] == [
        "Übertragung guter Beispiele:",
        "Zweiter",
    ]


def test_add_child_point_and_draft_follows_on_the_same_level(
    world: World, session: Meeting, coordinator: Client
) -> None:
    (parent,) = points(session, "Übertragung guter Beispiele:")
    response = coordinator.post(
        base(world, session) + "neu/",
        {
            "text": "Einsatz von Freiwilligendiensten",
            "kind": "information",
            "parent": parent.pk,
            "position": 0,
        },
        **HTMX,
    )
    html = squash(response.content.decode())
    assert signalled_focus(html) == "point-text-draft"
    (created,) = Point.objects.filter(parent=parent)
    # The saved point takes the draft's place; the next draft follows it.
    assert (
        f'<li class="ikz-point" id="point-{created.pk}" hx-swap-oob="outerHTML:#point-draft">'
        in html
    )
    assert f'<div hx-swap-oob="afterend:#point-{created.pk}"><li class="ikz-point' in html
    draft = html[html.index('id="point-row-draft"') :]
    assert f'name="parent" value="{parent.pk}"' in draft[:1500]
    assert 'name="position" value="1"' in draft[:1500]
    assert texts(session)[-1] == (
        "Einsatz von Freiwilligendiensten",
        "Übertragung guter Beispiele:",
        0,
    )


def test_invalid_new_point_keeps_typed_values(
    world: World, session: Meeting, coordinator: Client
) -> None:
    response = coordinator.post(
        base(world, session) + "neu/",
        {
            "text": "Planung Bürgerwerkstatt",
            "kind": "task",
            "due": "13/2020",
            "owner": f"municipality:{world.municipality.pk}",
        },
        **HTMX,
    )
    assert response.status_code == 422
    html = squash(response.content.decode())
    assert 'value="Planung Bürgerwerkstatt"' in html
    assert 'value="13/2020"' in html
    assert "ist kein gültiges Datum" in html
    assert f'value="municipality:{world.municipality.pk}" selected' in html
    assert focus_of(html) == "point-due-new-0"
    assert not Point.objects.exists()


def test_empty_text_is_refused_in_german(
    world: World, session: Meeting, coordinator: Client
) -> None:
    response = coordinator.post(
        base(world, session) + "neu/", {"text": "  ", "kind": "idea"}, **HTMX
    )
    assert response.status_code == 422
    assert "Bitte einen Text für den Punkt eingeben." in squash(response.content.decode())


def test_save_row_returns_only_the_row(world: World, session: Meeting, coordinator: Client) -> None:
    (point,) = points(session, "alt")
    response = coordinator.post(
        base(world, session) + f"{point.pk}/",
        {"text": "neu", "kind": "decision", "op": "save"},
        **HTMX,
    )
    assert response.status_code == 200
    html = squash(response.content.decode())
    assert html.lstrip().startswith(f'<div class="ikz-point__row" id="point-row-{point.pk}"')
    point.refresh_from_db()
    assert (point.text, point.kind) == ("neu", "decision")


def test_making_a_point_a_task_with_owner_and_month(
    world: World, session: Meeting, coordinator: Client
) -> None:
    (point,) = points(session, "Abfrage zu Personal-Sharing")
    coordinator.post(
        base(world, session) + f"{point.pk}/",
        {
            "text": point.text,
            "kind": "task",
            "owner": f"person:{world.member_person.pk}",
            "due": "01/2020",
            "op": "save",
        },
        **HTMX,
    )
    task = Task.objects.get(point=point)
    assert (task.owner, str(task.due_date)) == (world.member_person, "01/2020")


def test_invalid_row_keeps_typed_text_and_changes_nothing(
    world: World, session: Meeting, coordinator: Client
) -> None:
    point = services.point_add(meeting=session, text="Aufgabe", kind=Point.Kind.TASK)
    response = coordinator.post(
        base(world, session) + f"{point.pk}/",
        {"text": "Aufgabe geändert", "kind": "task", "due": "32.01.2020", "op": "save"},
        **HTMX,
    )
    assert response.status_code == 422
    html = squash(response.content.decode())
    assert 'value="Aufgabe geändert"' in html
    assert 'value="32.01.2020"' in html
    assert 'aria-describedby="point-error-' in html
    assert 'role="alert"' in html
    point.refresh_from_db()
    assert point.text == "Aufgabe"


@pytest.mark.parametrize(
    ("op", "expected"),
    [
        ("indent", [("a", None, 0), ("b", "a", 0), ("c", None, 1)]),
        ("up", [("a", None, 1), ("b", None, 0), ("c", None, 2)]),
        ("down", [("a", None, 0), ("b", None, 2), ("c", None, 1)]),
    ],
)
def test_structure_ops_save_text_then_move(
    world: World, session: Meeting, coordinator: Client, op: str, expected: list[object]
) -> None:
    _a, b, _c = points(session, "a", "b", "c")
    response = coordinator.post(
        base(world, session) + f"{b.pk}/", {"text": "b", "kind": "information", "op": op}, **HTMX
    )
    assert response.status_code == 200
    assert focus_of(squash(response.content.decode())) == f"point-text-{b.pk}"
    assert texts(session) == expected


def test_outdent_and_delete(world: World, session: Meeting, coordinator: Client) -> None:
    a, _b = points(session, "a", "b")
    child = services.point_add(meeting=session, text="a1", parent=a)
    coordinator.post(base(world, session) + f"{child.pk}/", {"op": "outdent"}, **HTMX)
    assert texts(session) == [("a", None, 0), ("b", None, 2), ("a1", None, 1)]
    response = coordinator.post(base(world, session) + f"{child.pk}/", {"op": "delete"}, **HTMX)
    assert focus_of(squash(response.content.decode())) == f"point-text-{a.pk}"
    assert texts(session) == [("a", None, 0), ("b", None, 1)]
    assert tree_errors(Point.objects.filter(meeting=session)) == []


def test_impossible_move_saves_text_and_says_why(
    world: World, session: Meeting, coordinator: Client
) -> None:
    (a,) = points(session, "a")
    response = coordinator.post(
        base(world, session) + f"{a.pk}/",
        {"text": "a neu", "kind": "information", "op": "indent"},
        **HTMX,
    )
    assert response.status_code == 200
    assert "nicht eingerückt werden" in squash(response.content.decode())
    a.refresh_from_db()
    assert a.text == "a neu"


def test_enter_on_a_point_opens_a_draft_after_it(
    world: World, session: Meeting, coordinator: Client
) -> None:
    a, b = points(session, "a", "b")
    response = coordinator.post(
        base(world, session) + f"{a.pk}/", {"text": "a", "kind": "information", "op": "new"}, **HTMX
    )
    html = squash(response.content.decode())
    assert signalled_focus(html) == "point-text-draft"
    assert f'id="point-row-{a.pk}" hx-swap-oob="true"' in html  # the saved row, in place
    assert '<div id="point-draft" hx-swap-oob="delete"></div>' in html  # any other draft goes
    assert f'<div hx-swap-oob="afterend:#point-{a.pk}"><li class="ikz-point' in html
    assert f'id="point-row-{b.pk}"' not in html
    assert 'name="position" value="1"' in html
    # Enter on the last top-level point: the next draft is the section's "new point" row.
    last = squash(
        coordinator.post(
            base(world, session) + f"{b.pk}/",
            {"text": "b", "kind": "information", "op": "new"},
            **HTMX,
        ).content.decode()
    )
    assert signalled_focus(last) == "point-text-new-0"
    assert 'id="point-row-new-0" hx-swap-oob="true"' in last


def test_save_response_stays_small_at_300_points(
    world: World, session: Meeting, coordinator: Client
) -> None:
    """Enter at 300 points (60 of them tasks) with 200 possible owners: only two rows go back,
    and the owner list is on the page once, not in every task row."""
    for index in range(200):
        PersonFactory(cooperation=world.cooperation, family_name=f"Person{index:03d}")
    nested_points(session, 300)
    page = squash(
        coordinator.get(f"/{world.cooperation.slug}/sitzungen/{session.pk}/").content.decode()
    )
    assert page.count("Person150") == 1  # the <template> of owners, not 60 task rows + 3 drafts
    point = Point.objects.filter(meeting=session, kind=Point.Kind.TASK).order_by("pk")[20]
    response = coordinator.post(
        base(world, session) + f"{point.pk}/",
        {"text": "geändert", "kind": "task", "owner": f"body:{world.member_body.pk}", "op": "new"},
        **HTMX,
    )
    assert response.status_code == 200
    assert len(response.content) < 20_000
    assert (
        squash(response.content.decode()).count('class="ikz-point__text"') == 2
    )  # saved row + draft
    assert Task.objects.get(point=point).owner == world.member_body


def test_draft_moves_with_tab_and_shift_tab_without_saving(
    world: World, session: Meeting, coordinator: Client
) -> None:
    _a, b = points(session, "a", "b")
    indented = squash(
        coordinator.get(
            base(world, session),
            {"draft": "1", "op": "indent", "position": "2", "text": "getippt", "kind": "idea"},
            **HTMX,
        ).content.decode()
    )
    draft = indented[indented.index('id="point-row-draft"') :][:2500]
    assert f'name="parent" value="{b.pk}"' in draft
    assert 'value="getippt"' in draft
    assert '<option value="idea" selected>' in draft
    outdent: dict[str, str | int] = {
        "draft": "1",
        "op": "outdent",
        "parent": b.pk,
        "position": "0",
        "text": "getippt",
    }
    outdented = squash(
        coordinator.get(
            base(world, session),
            outdent,
            **HTMX,
        ).content.decode()
    )
    assert focus_of(outdented) == "point-text-new-0"
    assert 'id="point-text-new-0" name="text" value="getippt"' in outdented
    assert Point.objects.count() == 2


def test_without_javascript_forms_post_and_redirect(
    world: World, session: Meeting, coordinator: Client
) -> None:
    response = coordinator.post(
        base(world, session) + "neu/", {"text": "ohne JS", "kind": "information"}
    )
    point = Point.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"/sitzungen/{session.pk}/#point-{point.pk}")
    failed = coordinator.post(
        base(world, session) + "neu/", {"text": "", "kind": "task", "due": "Mai"}
    )
    assert failed.status_code == 400
    html = squash(failed.content.decode())
    assert "<h1" in html
    assert 'value="Mai"' in html


def test_cancelled_meeting_has_no_editor(
    world: World, session: Meeting, coordinator: Client
) -> None:
    services.meeting_set_state(meeting=session, state=Meeting.State.CANCELLED)
    assert coordinator.get(base(world, session), **HTMX).status_code == 404
    assert (
        coordinator.post(base(world, session) + "neu/", {"text": "x", "kind": "idea"}).status_code
        == 404
    )
    page = squash(
        coordinator.get(f"/{world.cooperation.slug}/sitzungen/{session.pk}/").content.decode()
    )
    assert "minutes-editor" not in page
    assert "abgesagt" in page


def test_foreign_agenda_item_or_parent_is_404(
    world: World, other: World, session: Meeting, coordinator: Client
) -> None:
    theirs = meeting(body=other.member_body)
    (foreign,) = points(theirs, "fremd")
    response = coordinator.post(
        base(world, session) + "neu/", {"text": "x", "kind": "idea", "parent": foreign.pk}, **HTMX
    )
    assert response.status_code == 404
    assert Point.objects.count() == 1


def test_owner_of_another_cooperation_is_refused_in_german(
    world: World, other: World, session: Meeting, coordinator: Client
) -> None:
    (point,) = points(session, "Aufgabe")
    response = coordinator.post(
        base(world, session) + f"{point.pk}/",
        {"text": "Aufgabe", "kind": "task", "owner": f"person:{other.member_person.pk}"},
        **HTMX,
    )
    assert response.status_code == 422
    assert "Bitte eine verantwortliche Stelle aus der Liste wählen." in squash(
        response.content.decode()
    )
    assert not Task.objects.filter(point=point).exists()
