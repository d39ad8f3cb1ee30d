"""Record a meeting's minutes with the keyboard only, publish them and read them as a member.

No clicks: fields are reached with Tab (``tab_to`` also proves they can be reached that way),
everything else is typed. axe-core must find no serious or critical violation on the meeting
pages (list, editor, published minutes, task list).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from ikz.cooperation.models import Location
from ikz.meetings.models import Meeting, Point, Task
from ikz.meetings.tree import tree_errors
from tests.conftest import World, build_world

from .axe import assert_no_serious_axe_violations
from .helpers import screenshot

PASSWORD = "geheim-und-lang-2019"  # tests.factories.UserFactory


def tab_to(page: Page, selector: str, *, limit: int = 120) -> None:
    """Press Tab until the focused element matches ``selector``."""
    for _ in range(limit):
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{selector} is not reachable with Tab")


def log_in(page: Page, world: World, username: str, next_url: str) -> None:
    page.goto(f"/konto/anmelden/?next={next_url}")
    tab_to(page, "#id_username")
    page.keyboard.type(username)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def settled(page: Page) -> None:
    """Wait until the editor has run every command typed so far (minutes.js sets aria-busy)."""
    expect(page.locator("#minutes-editor[aria-busy]")).to_have_count(0)


def point_input(page: Page, text: str) -> str:
    return f'#minutes-editor input.ikz-point__text[value="{text}"]'


def type_point(page: Page, text: str) -> None:
    """Type (more of) a point into the focused row and save it with Enter."""
    focused = page.locator("#minutes-editor input.ikz-point__text:focus")
    page.keyboard.type(text)
    saved = focused.input_value()
    page.keyboard.press("Enter")
    settled(page)
    expect(page.locator(point_input(page, saved))).to_have_count(1)
    expect(page.locator("#minutes-editor input.ikz-point__text:focus")).to_have_value("")


@pytest.mark.django_db(transaction=True)
def test_record_minutes_with_the_keyboard_only(page: Page, live_server: LiveServer) -> None:
    world = build_world("E")
    body = world.member_body
    body.short_name = "AG Bauhof"
    body.save()
    Location.objects.create(
        cooperation=world.cooperation, name="Rathaus Borsdorf", municipality=world.municipality
    )
    slug = world.cooperation.slug

    # --- Log in and create the meeting -------------------------------------------------------
    log_in(page, world, world.coordinator.username, f"/{slug}/sitzungen/neu/?gremium={body.pk}")
    expect(page.locator("h1")).to_have_text("Sitzung anlegen")
    expect(page.locator("#id_number")).to_have_value("1")  # the body's next number
    tab_to(page, "#id_when")
    page.keyboard.type("05.12.2019")
    page.keyboard.press("Tab")
    page.keyboard.type("14:00")
    tab_to(page, "#id_location")
    page.keyboard.type("Rathaus")
    tab_to(page, "#id_title")  # back into a text field: Enter there submits the form
    with page.expect_navigation():
        page.keyboard.press("Enter")
    meeting = Meeting.objects.get(body=body)
    expect(page.locator("h1")).to_have_text("1. AG Bauhof")
    expect(page.locator(".kern-subline")).to_contain_text("05.12.2019, 14:00 Uhr")
    expect(page.locator(".kern-subline")).to_contain_text(
        f"Rathaus Borsdorf ({world.municipality.name})"
    )
    assert_no_serious_axe_violations(page)

    # --- Record the minutes ------------------------------------------------------------------
    tab_to(page, "#point-text-new-0")
    type_point(page, "fachliche Bewertung der Maschinenparkkooperation")
    type_point(page, "Übertragung guter Beispiele:")
    page.keyboard.type("Einsatz von Freiwilligendiensten")
    page.keyboard.press("Tab")  # indent the point being typed
    settled(page)
    expect(page.locator("#point-text-draft")).to_be_focused()
    expect(page.locator("#point-text-draft")).to_have_value("Einsatz von Freiwilligendiensten")
    type_point(page, "")  # Enter saves it as the first sub-point
    type_point(page, "Dreck-Weg-App")
    page.keyboard.press("Shift+Tab")  # the next, empty point goes back to the top level
    settled(page)
    expect(page.locator("#point-text-new-0")).to_be_focused()

    # A task with owner and month, typed into the new point.
    page.keyboard.type("Abfrage zu Personal-Sharing und Ausbildung in den Kommunen")
    page.keyboard.press("Control+Enter")
    expect(page.locator("#point-kind-new-0")).to_be_focused()
    page.keyboard.type("Aufg")
    expect(page.locator("#point-kind-new-0")).to_have_value("task")
    page.keyboard.press("Tab")
    expect(page.locator("#point-owner-new-0")).to_be_focused()
    page.keyboard.type(world.municipality.name[:4])  # "E-St…"
    page.keyboard.press("Tab")
    expect(page.locator("#point-due-new-0")).to_be_focused()
    page.keyboard.type("13/2020")  # a slip: there is no 13th month
    page.keyboard.press("Enter")
    settled(page)
    expect(page.locator("#point-row-new-0 .kern-error")).to_contain_text("kein gültiges Datum")
    expect(page.locator("#point-due-new-0")).to_be_focused()
    expect(page.locator("#point-text-new-0")).to_have_value(
        "Abfrage zu Personal-Sharing und Ausbildung in den Kommunen"
    )  # nothing typed is lost
    page.keyboard.press("Control+a")
    page.keyboard.type("01/2020")
    page.keyboard.press("Enter")
    settled(page)
    expect(
        page.locator(
            point_input(page, "Abfrage zu Personal-Sharing und Ausbildung in den Kommunen")
        )
    ).to_have_count(1)
    screenshot(page, "minutes-editor")

    # The first point is an assessment: up to it, Ctrl+Enter, choose the kind, back with Esc.
    first = page.locator(point_input(page, "fachliche Bewertung der Maschinenparkkooperation"))
    for _ in range(5):
        page.keyboard.press("ArrowUp")
    expect(first).to_be_focused()
    page.keyboard.press("Control+Enter")
    page.keyboard.type("Bew")
    settled(page)
    kind = page.locator(f"#point-kind-{Point.objects.get(text__startswith='fachliche').pk}")
    expect(kind).to_have_value("assessment")
    expect(kind).to_be_focused()  # focus survives the save of the row
    page.keyboard.press("Escape")
    expect(first).to_be_focused()

    # A saved point moved with Alt+Arrow and indented with Tab.
    for _ in range(5):
        page.keyboard.press("ArrowDown")
    expect(page.locator("#point-text-new-0")).to_be_focused()
    type_point(page, "Entwicklung der Bauhof-Standorte")
    page.keyboard.press("ArrowUp")
    moved = page.locator(point_input(page, "Entwicklung der Bauhof-Standorte"))
    expect(moved).to_be_focused()
    page.keyboard.press("Alt+ArrowUp")  # above the task
    settled(page)
    expect(page.locator(point_input(page, "Entwicklung der Bauhof-Standorte"))).to_be_focused()
    page.keyboard.press("Tab")  # into "Übertragung guter Beispiele:", after Dreck-Weg-App
    settled(page)
    expect(page.locator(point_input(page, "Entwicklung der Bauhof-Standorte"))).to_be_focused()
    page.keyboard.press("Alt+ArrowUp")  # before Dreck-Weg-App
    settled(page)
    expect(page.locator(point_input(page, "Entwicklung der Bauhof-Standorte"))).to_be_focused()
    assert_no_serious_axe_violations(page)

    points = list(Point.objects.filter(meeting=meeting))
    assert tree_errors(points) == []
    parent = Point.objects.get(text="Übertragung guter Beispiele:")
    assert list(parent.children.order_by("position").values_list("text", flat=True)) == [
        "Einsatz von Freiwilligendiensten",
        "Entwicklung der Bauhof-Standorte",
        "Dreck-Weg-App",
    ]
    task = Task.objects.get()
    assert (task.owner, str(task.due_date), task.body) == (world.municipality, "01/2020", body)

    # --- Publish: held, then minutes published ------------------------------------------------
    page.goto(f"/{slug}/sitzungen/{meeting.pk}/")
    tab_to(page, 'button[data-state="held"]')
    with page.expect_navigation():
        page.keyboard.press("Enter")
    tab_to(page, 'button[data-state="minutes_published"]')
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator(".ikz-meeting-state")).to_contain_text("Protokoll veröffentlicht")

    # --- The result, as a member of the body reads it ----------------------------------------
    browser = page.context.browser
    assert browser is not None
    member = browser.new_context(base_url=live_server.url, locale="de-DE")
    reader = member.new_page()
    try:
        log_in(reader, world, world.member.username, f"/{slug}/sitzungen/{meeting.pk}/")
        expect(reader.locator("#minutes-editor")).to_have_count(0)
        minutes = reader.locator("#protokoll")
        nested = minutes.locator("li.ikz-point", has_text="Übertragung guter Beispiele:")
        expect(nested.locator("> ul > li")).to_have_count(3)
        expect(nested.locator("> ul > li").nth(0)).to_have_text("Einsatz von Freiwilligendiensten")
        assessment = minutes.locator("li.ikz-point", has_text="fachliche Bewertung")
        expect(assessment.locator(".ikz-kind--assessment")).to_contain_text("Bewertung")
        task_item = minutes.locator("li.ikz-point", has_text="Abfrage zu Personal-Sharing")
        expect(task_item.locator(".ikz-kind--task")).to_contain_text("Aufgabe")
        expect(task_item.locator(".ikz-task-meta")).to_contain_text(
            f"verantwortlich: {world.municipality.name}"
        )
        expect(task_item.locator(".ikz-task-meta")).to_contain_text("fällig 01/2020")
        screenshot(reader, "minutes-published")
        assert_no_serious_axe_violations(reader)

        reader.goto(f"/{slug}/sitzungen/?zeit=alle")
        expect(reader.locator("h2", has_text="Dezember 2019")).to_have_count(1)
        assert_no_serious_axe_violations(reader)
        reader.goto(f"/{slug}/aufgaben/meine/")
        expect(reader.locator(".ikz-tasks")).to_contain_text("Abfrage zu Personal-Sharing")
        assert_no_serious_axe_violations(reader)
    finally:
        member.close()

    # --- The coordinator's task list and calendar --------------------------------------------
    page.goto(f"/{slug}/aufgaben/?status=alle")
    expect(page.locator(".ikz-tasks")).to_contain_text("01/2020")
    screenshot(page, "task-list")
    assert_no_serious_axe_violations(page)
    page.goto(f"/{slug}/sitzungen/kalender/?monat=2019-12")
    expect(page.locator(".ikz-calendar")).to_contain_text("1. AG Bauhof")
    assert_no_serious_axe_violations(page)


@pytest.mark.django_db(transaction=True)
def test_fast_typing_loses_nothing_and_keeps_the_order(page: Page, live_server: LiveServer) -> None:
    """Keys typed faster than the server answers wait their turn and act on the right point."""
    world = build_world("F")
    meeting = Meeting.objects.create(
        cooperation=world.cooperation, body=world.member_body, number=1, date="2019-12-10"
    )
    log_in(
        page,
        world,
        world.coordinator.username,
        f"/{world.cooperation.slug}/sitzungen/{meeting.pk}/",
    )
    tab_to(page, "#point-text-new-0")
    # No waiting anywhere in between.
    page.keyboard.type("Personal-Sharing")
    page.keyboard.press("Enter")
    page.keyboard.type("Abfrage in den Kommunen")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.keyboard.type("Zweckvereinbarungen")
    page.keyboard.press("Enter")
    page.keyboard.press("Shift+Tab")
    page.keyboard.type("Bibliothek")
    page.keyboard.press("Enter")
    settled(page)
    rows = [
        (p.text, p.parent.text if p.parent else None)
        for p in Point.objects.filter(meeting=meeting).select_related("parent").order_by("pk")
    ]
    assert rows == [
        ("Personal-Sharing", None),
        ("Abfrage in den Kommunen", "Personal-Sharing"),
        ("Zweckvereinbarungen", "Personal-Sharing"),
        ("Bibliothek", None),
    ]
    assert tree_errors(Point.objects.filter(meeting=meeting)) == []
    # No keyboard trap: after Escape, Tab leaves the text field for the next control.
    page.keyboard.press("Escape")
    page.keyboard.press("Tab")
    expect(page.locator("#point-kind-new-0")).to_be_focused()
