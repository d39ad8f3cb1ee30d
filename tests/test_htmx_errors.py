"""One convention for refused form submissions (docs/architecture.md, "Form errors"):
an htmx POST gets its form fragment back with 422, a plain POST the full page with 400."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from ikz.meetings import services as meeting_services
from ikz.projects.models import Participation
from tests.conftest import World, client_for
from tests.hardening.scene import FORMS, USERS, build, url
from tests.meetings.factories import meeting
from tests.projects.helpers import project
from tests.surveys.helpers import bauhof, post_data, question

HTMX = {"HX-Request": "true"}
SRC = Path(__file__).resolve().parents[1] / "src" / "ikz"
_NAME = re.compile(r'<(?:input|select|textarea)\b[^>]*\bname="([^"]+)"')


def _post(client: Client, path: str, data: dict[str, Any], **headers: str) -> tuple[int, str]:
    """POST and roll back, so that one form's accepted junk does not change the next form."""
    savepoint = transaction.savepoint()
    try:
        response = client.post(path, data, headers=headers)
        return response.status_code, response.content.decode(errors="replace")
    finally:
        transaction.savepoint_rollback(savepoint)


def test_every_form_refuses_htmx_with_422_and_a_plain_post_with_400(world: World) -> None:
    """Every create/edit form of the hardening scene, posted with junk in every field: a
    refusal is 422 under htmx and 400 without, never the other code."""
    scene = build(world)
    wrong = []
    refused = 0
    for name in sorted(FORMS):
        client = client_for(USERS[name](scene) if name in USERS else world.coordinator)
        target = url(name, FORMS[name], scene)
        page = client.get(target)
        fields = sorted(set(_NAME.findall(page.content.decode())) - {"csrfmiddlewaretoken"})
        junk = dict.fromkeys(fields or ["text"], "zzz")
        for htmx in (True, False):
            status, _html = _post(client, target, junk, **(HTMX if htmx else {}))
            if status in (400, 422):
                refused += 1
                if status != (422 if htmx else 400):
                    wrong.append(f"{name} htmx={htmx}: {status}")
    assert not wrong, wrong
    assert refused > 2 * 40  # the junk really was refused by most forms (both ways)


# The htmx form posts of the site: the template or script that sends them, and a refused POST.
HTMX_ENDPOINTS = {
    "projects:participation": "projects/_participation_row.html",
    "tasks:state": "meetings/_task_row.html",
    "tasks:edit": "meetings/_task_edit_row.html",
    "surveys:response": "surveys/_answer_form.html (hx-post on request.path)",
    "meetings:minutes_new": "meetings/static/meetings/minutes.js (htmx.ajax)",
}


def test_every_hx_post_in_the_templates_is_in_the_table() -> None:
    """A new htmx form must be added to HTMX_ENDPOINTS (and to the fragment test below)."""
    found = set()
    for template in SRC.glob("**/templates/**/*.html"):
        text = template.read_text()
        for match in re.finditer(r"hx-(?:post|put|patch|delete)=\"([^\"]*)\"", text):
            named = re.search(r"\{% url '([^']+)'", match.group(1))
            found.add(named.group(1) if named else template.name)
    expected = {"projects:participation", "tasks:state", "tasks:edit", "_answer_form.html"}
    assert found == expected


@pytest.fixture
def refusals(world: World) -> dict[str, tuple[str, dict[str, Any], str]]:
    """Per endpoint: the URL, a POST its form refuses, and how the fragment begins."""
    target = project(cooperation=world.cooperation, title="Bibliothek", is_public=True)
    municipality = world.municipality.pk
    task = meeting_services.task_create(
        cooperation=world.cooperation, body=world.member_body, title="Tun"
    )
    survey = bauhof(world)
    session = meeting(body=world.member_body)
    slug = world.cooperation.slug
    count = question(survey, "beschaeftigte").pk
    return {
        "projects:participation": (
            reverse("projects:participation", args=[slug, target.pk, municipality]),
            {f"m{municipality}-status": "council_approved", f"m{municipality}-date": ""},
            f'<tr class="kern-table__row" id="participation-{municipality}"',
        ),
        "tasks:state": (
            reverse("tasks:state", args=[slug, task.pk]),
            {"state": "x"},
            f'<tr class="kern-table__row" id="task-{task.pk}"',
        ),
        "tasks:edit": (
            reverse("tasks:edit", args=[slug, task.pk]),
            {f"task{task.pk}-title": "", f"task{task.pk}-owner": "body:0"},
            f'<tr class="kern-table__row ikz-task--editing" id="task-{task.pk}"',
        ),
        "surveys:response": (
            reverse("surveys:response", args=[slug, survey.pk, municipality]),
            post_data(survey, {"beschaeftigte": "zwölf"}, speichern="1") | {str(count): "zwölf"},
            '<div id="answer-form">',
        ),
        "meetings:minutes_new": (
            f"/{slug}/sitzungen/{session.pk}/protokoll/neu/",
            {"text": "  ", "kind": "idea"},
            '<div id="minutes-editor"',
        ),
    }


@pytest.mark.parametrize("name", sorted(HTMX_ENDPOINTS))
def test_htmx_refusal_is_422_with_the_fragment(
    world: World, refusals: dict[str, tuple[str, dict[str, Any], str]], name: str
) -> None:
    path, data, start = refusals[name]
    client = client_for(world.member if name == "surveys:response" else world.coordinator)
    response = client.post(path, data, headers=HTMX)
    assert response.status_code == 422
    html = response.content.decode()
    # Whitespace between attributes may be a line break (long template lines are broken).
    assert " ".join(html.split()).startswith(start), html[:300]
    assert "<html" not in html
    assert not Participation.objects.exists()


def test_base_page_lets_htmx_swap_422_only() -> None:
    """The client half: htmx 2 swaps 422 (the form with its errors), other 4xx/5xx are errors."""
    base = (SRC / "ui" / "templates" / "base.html").read_text()
    content = re.search(r"<meta name=\"htmx-config\" content='([^']*)'>", base)
    assert content
    config = json.loads(content.group(1))
    assert config["responseHandling"] == [
        {"code": "204", "swap": False},
        {"code": "[23]..", "swap": True},
        {"code": "422", "swap": True},
        {"code": "[45]..", "swap": False, "error": True},
    ]
    # No script re-implements it per page.
    for script in SRC.glob("*/static/*/*.js"):
        assert "status === 422" not in script.read_text(), script
