"""No lost updates on the edit paths that are not one form per stored row: the participation
matrix (a row that may not exist yet), the attendance of a meeting (a set of rows) and the
stage change of a project. Two coordinators load the same form, both save: the second is
refused in German, the message names the other change, the typed input stays, nothing is
overwritten."""

from __future__ import annotations

import datetime as dt
import html
import re
from typing import Any

from django.urls import reverse

from ikz.meetings.models import Attendance
from ikz.projects.models import Participation, Project
from tests.conftest import World, client_for
from tests.history.test_concurrency import second_coordinator
from tests.meetings.factories import meeting
from tests.projects.helpers import project

HTMX: dict[str, Any] = {"HTTP_HX_REQUEST": "true"}


def version_named(page: str, name: str) -> str:
    match = re.search(rf'name="{re.escape(name)}" value="([^"]*)"', page)
    assert match, f"no {name} field in the page"
    return html.unescape(match.group(1))


# --- Participation matrix ----------------------------------------------------------------------


def _participation(world: World) -> tuple[Project, str, str]:
    target = project(cooperation=world.cooperation, title="Bauhof")
    slug = world.cooperation.slug
    row_url = reverse("projects:participation", args=[slug, target.pk, world.municipality.pk])
    detail = reverse("projects:detail", args=[slug, target.pk])
    return target, row_url, detail


def _row_post(world: World, status: str, note: str, version: str) -> dict[str, str]:
    prefix = f"m{world.municipality.pk}"
    return {
        f"{prefix}-status": status,
        f"{prefix}-date": "",
        f"{prefix}-note": note,
        f"{prefix}-_version": version,
    }


def test_two_coordinators_enter_the_same_new_participation(world: World) -> None:
    target, row_url, _detail = _participation(world)
    field = f"m{world.municipality.pk}-_version"
    first = client_for(world.coordinator)
    second = second_coordinator(world)
    # Without JavaScript, "Ändern" opens the row's form page: the version is the one shown there.
    shown_first = version_named(first.get(row_url).content.decode(), field)
    shown_second = version_named(second.get(row_url).content.decode(), field)
    assert shown_first == shown_second == "neu"  # no entry yet

    saved = second.post(
        row_url, _row_post(world, "interested", "Bürgermeister fragt", shown_second)
    )
    assert saved.status_code == 302
    refused = first.post(row_url, _row_post(world, "participating", "Erste Eingabe", shown_first))

    assert refused.status_code == 400
    page = html.unescape(refused.content.decode())
    assert "Berta Zweitkraft" in page
    assert "„interessiert“" in page  # what the other one entered
    assert 'value="Erste Eingabe"' in page  # the typed input stays
    entry = Participation.objects.get(project=target, municipality=world.municipality)
    assert (entry.status, entry.note) == ("interested", "Bürgermeister fragt")


def test_a_stale_matrix_row_is_refused_inline_and_keeps_the_input(world: World) -> None:
    target, row_url, _detail = _participation(world)
    field = f"m{world.municipality.pk}-_version"
    first = client_for(world.coordinator)
    second = second_coordinator(world)
    first.post(row_url, _row_post(world, "interested", "", "neu"))
    # "Ändern" loads the row's form by htmx: it carries the version of that moment.
    shown_first = version_named(first.get(row_url, **HTMX).content.decode(), field)
    shown_second = version_named(second.get(row_url, **HTMX).content.decode(), field)
    assert shown_first == shown_second != "neu"

    saved = second.post(
        row_url, _row_post(world, "participating", "zugesagt", shown_second), **HTMX
    )
    assert saved.status_code == 200
    assert "gespeichert" in saved.content.decode()
    refused = first.post(row_url, _row_post(world, "not_involved", "Absage", shown_first), **HTMX)

    page = html.unescape(refused.content.decode())
    assert "Berta Zweitkraft" in page
    assert "„interessiert“ → „beteiligt“" in page
    assert 'value="Absage"' in page
    entry = Participation.objects.get(project=target, municipality=world.municipality)
    assert (entry.status, entry.note) == ("participating", "zugesagt")
    # The refreshed row carries the current version: saving again overwrites on purpose.
    again = first.post(
        row_url, _row_post(world, "not_involved", "Absage", version_named(page, field)), **HTMX
    )
    assert again.status_code == 200
    entry.refresh_from_db()
    assert (entry.status, entry.note) == ("not_involved", "Absage")


# --- Attendance --------------------------------------------------------------------------------


def test_two_coordinators_save_the_same_attendance_form(world: World) -> None:
    session = meeting(body=world.member_body)
    url = reverse("meetings:attendance", args=[world.cooperation.slug, session.pk])
    person = f"person_{world.member_person.pk}"
    first = client_for(world.coordinator)
    second = second_coordinator(world)
    shown_first = version_named(first.get(url).content.decode(), "_version")
    shown_second = version_named(second.get(url).content.decode(), "_version")
    assert shown_first == shown_second

    assert second.post(url, {person: "excused", "_version": shown_second}).status_code == 302
    refused = first.post(url, {person: "present", "_version": shown_first})

    assert refused.status_code == 400
    page = html.unescape(refused.content.decode())
    assert "Berta Zweitkraft" in page
    name = world.member_person.full_name
    assert f"{name}: „–“ → „entschuldigt“" in page
    assert re.search(r'<option value="present" selected>', page)  # the typed input stays
    statuses = dict(Attendance.objects.filter(meeting=session).values_list("person", "status"))
    assert statuses == {world.member_person.pk: "excused"}
    # Saving again from the re-shown form (it carries the current version) goes through.
    again = first.post(url, {person: "present", "_version": version_named(page, "_version")})
    assert again.status_code == 302
    assert Attendance.objects.get(meeting=session).status == "present"


def test_an_unchanged_attendance_is_no_conflict(world: World) -> None:
    session = meeting(body=world.member_body)
    url = reverse("meetings:attendance", args=[world.cooperation.slug, session.pk])
    person = f"person_{world.member_person.pk}"
    client = client_for(world.coordinator)
    shown = version_named(client.get(url).content.decode(), "_version")
    assert client.post(url, {person: "present", "_version": shown}).status_code == 302
    shown = version_named(client.get(url).content.decode(), "_version")
    assert client.post(url, {person: "absent", "_version": shown}).status_code == 302
    assert Attendance.objects.get(meeting=session).status == "absent"


# --- Stage change ------------------------------------------------------------------------------


def test_two_coordinators_change_the_stage_of_the_same_project(world: World) -> None:
    target = project(cooperation=world.cooperation, title="Bauhof")
    url = reverse("projects:stage", args=[world.cooperation.slug, target.pk])
    first = client_for(world.coordinator)
    second = second_coordinator(world)
    shown_first = version_named(first.get(url).content.decode(), "_version")
    shown_second = version_named(second.get(url).content.decode(), "_version")
    assert shown_first == shown_second
    day = dt.date(2020, 2, 3).strftime("%d.%m.%Y")

    saved = second.post(
        url,
        {
            "to_stage": "assessment",
            "date": day,
            "reason": "Rat will prüfen",
            "_version": shown_second,
        },
    )
    assert saved.status_code == 302
    refused = first.post(
        url,
        {"to_stage": "not_pursued", "date": day, "reason": "Kein Bedarf", "_version": shown_first},
    )

    assert refused.status_code == 400
    page = html.unescape(refused.content.decode())
    assert "Berta Zweitkraft" in page
    assert "„Idee“ → „Prüfung“" in page
    assert "Kein Bedarf" in page  # the typed reason stays
    target.refresh_from_db()
    assert target.stage == "assessment"
    assert list(target.stage_changes.values_list("to_stage", flat=True).order_by("pk")) == [
        "idea",
        "assessment",
    ]
