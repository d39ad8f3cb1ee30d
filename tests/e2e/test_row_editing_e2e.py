"""Issue #19, "render less", in a real browser: the task list and the project page's
participation matrix render read-only rows; "Bearbeiten"/"Ändern" swaps in the one row's form
by htmx, the focus goes into it, "Speichern" and "Abbrechen" bring the row back read-only with
the focus on its link. Screenshots at 1280 and 390 px; axe on both pages with a row open."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from ikz.demo.loader import DemoResult
from ikz.demo.logins import COORDINATOR_LOGIN
from ikz.meetings.models import Task
from ikz.projects.models import Participation, Project

from .axe import assert_no_serious_axe_violations
from .helpers import fresh_demo, screenshot
from .test_foundation_e2e import log_in

pytestmark = pytest.mark.e2e


@pytest.fixture
def demo(transactional_db: None) -> DemoResult:
    return fresh_demo()


def test_task_row_edit_save_and_cancel(live_server: object, page: Page, demo: DemoResult) -> None:
    slug = demo.cooperation.slug
    task = Task.objects.filter(cooperation=demo.cooperation, state=Task.State.OPEN).first()
    assert task is not None
    log_in(page, COORDINATOR_LOGIN.username, COORDINATOR_LOGIN.password)
    page.goto(f"/{slug}/aufgaben/")
    row = page.locator(f"#task-{task.pk}")
    expect(row.locator("form")).to_have_count(0)
    screenshot(page, "tasks-rows-1280")

    row.get_by_role("link", name=re.compile(r"^Bearbeiten")).click()
    title = row.get_by_label("Aufgabe", exact=True)
    expect(title).to_be_focused()
    expect(row.get_by_role("button", name="Erledigt")).to_be_visible()
    screenshot(page, "tasks-edit-row-1280")
    assert_no_serious_axe_violations(page)
    title.fill("Abfrage zu Personal-Sharing und Ausbildung, ergänzt")
    row.get_by_label("Verantwortlich").select_option(label="Borsdorf")
    row.get_by_role("button", name="Speichern").click()
    expect(row.locator("form")).to_have_count(0)
    expect(row).to_contain_text("Abfrage zu Personal-Sharing und Ausbildung, ergänzt")
    expect(row).to_contain_text("Borsdorf")
    expect(row.get_by_role("link", name=re.compile(r"^Bearbeiten"))).to_be_focused()
    task.refresh_from_db()
    assert task.title == "Abfrage zu Personal-Sharing und Ausbildung, ergänzt"

    # "Abbrechen" keeps what was stored; a state button answers with the row read-only.
    row.get_by_role("link", name=re.compile(r"^Bearbeiten")).click()
    row.get_by_label("Aufgabe", exact=True).fill("verworfen")
    row.get_by_role("link", name="Abbrechen").click()
    expect(row).to_contain_text("ergänzt")
    row.get_by_role("link", name=re.compile(r"^Bearbeiten")).click()
    row.get_by_role("button", name="Erledigt").click()
    expect(row.locator("form")).to_have_count(0)
    expect(row).to_contain_text("erledigt")

    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(f"/{slug}/aufgaben/?status=alle")
    screenshot(page, "tasks-rows-390")
    row.get_by_role("link", name=re.compile(r"^Bearbeiten")).click()
    expect(row.get_by_label("Aufgabe", exact=True)).to_be_focused()
    screenshot(page, "tasks-edit-row-390")


def test_participation_row_edit_and_save(live_server: object, page: Page, demo: DemoResult) -> None:
    slug = demo.cooperation.slug
    project = Project.objects.filter(cooperation=demo.cooperation).order_by("pk").first()
    assert project is not None
    log_in(page, COORDINATOR_LOGIN.username, COORDINATOR_LOGIN.password)
    page.goto(f"/{slug}/vorhaben/{project.pk}/")
    matrix = page.locator("#beteiligung + .ikz-table-wrap")
    expect(matrix.locator("form")).to_have_count(0)
    screenshot(page, "project-matrix-1280")

    row = matrix.locator("tr", has_text="Machern")
    row.get_by_role("link", name=re.compile(r"^Ändern")).click()
    status = row.get_by_label("Status Machern")
    expect(status).to_be_focused()
    screenshot(page, "project-matrix-edit-1280")
    assert_no_serious_axe_violations(page)
    status.select_option(label="interessiert")
    row.get_by_label("Anmerkung Machern").fill("fragt im Gemeinderat")
    row.get_by_role("button", name="Speichern").click()
    expect(row.locator("form")).to_have_count(0)
    expect(row).to_contain_text("interessiert")
    expect(row).to_contain_text("fragt im Gemeinderat")
    expect(row.get_by_role("status")).to_have_text("gespeichert")
    expect(row.get_by_role("link", name=re.compile(r"^Ändern"))).to_be_focused()
    entry = Participation.objects.get(project=project, municipality__name="Machern")
    assert (entry.status, entry.note) == ("interested", "fragt im Gemeinderat")

    row.get_by_role("link", name=re.compile(r"^Ändern")).click()
    row.get_by_role("link", name="Abbrechen").click()
    expect(row.locator("form")).to_have_count(0)

    page.set_viewport_size({"width": 390, "height": 900})
    page.reload()
    screenshot(page, "project-matrix-390")
    row.get_by_role("link", name=re.compile(r"^Ändern")).click()
    expect(row.get_by_label("Status Machern")).to_be_focused()
    screenshot(page, "project-matrix-edit-390")
