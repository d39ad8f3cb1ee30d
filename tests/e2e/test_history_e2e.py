"""Two coordinators edit the same minutes point in two browsers: the second save shows the
conflict with the first one's change, the typed text stays; after resolving, both changes are
in the history. A deleted point comes back from the history with its task."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from ikz.accounts.models import CooperationRole
from ikz.meetings import services
from ikz.meetings.models import Point, Task
from tests.conftest import build_world
from tests.factories import make_role
from tests.meetings.factories import meeting

from .axe import assert_no_serious_axe_violations
from .helpers import screenshot

PASSWORD = "geheim-und-lang-2019"  # tests.factories.UserFactory


def log_in(page: Page, username: str, next_url: str) -> None:
    page.goto(f"/konto/anmelden/?next={next_url}")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.press("#id_password", "Enter")


def settled(page: Page) -> None:
    expect(page.locator("#minutes-editor[aria-busy]")).to_have_count(0)


@pytest.mark.django_db(transaction=True)
def test_conflict_history_and_restore(
    page: Page, browser: Browser, live_server: LiveServer
) -> None:
    world = build_world("H")
    slug = world.cooperation.slug
    world.coordinator.first_name, world.coordinator.last_name = "Anna", "Erstkraft"
    world.coordinator.save()
    second_user, _ = make_role(cooperation=world.cooperation, role=CooperationRole.Role.COORDINATOR)
    second_user.first_name, second_user.last_name = "Berta", "Zweitkraft"
    second_user.save()
    session = meeting(body=world.member_body)
    point = services.point_add(meeting=session, text="Bauhof: gemeinsame Geräteliste")
    task_point = services.point_add(meeting=session, text="Liste an alle Kommunen", kind="task")
    meeting_url = f"/{slug}/sitzungen/{session.pk}/"

    other_context = browser.new_context(
        base_url=live_server.url,
        locale="de-DE",
        timezone_id="Europe/Berlin",
    )
    other_context.set_default_timeout(10_000)
    other = other_context.new_page()
    try:
        log_in(page, world.coordinator.username, meeting_url)
        log_in(other, second_user.username, meeting_url)
        text_a = page.locator(f"#point-text-{point.pk}")
        text_b = other.locator(f"#point-text-{point.pk}")
        expect(text_a).to_be_visible()
        expect(text_b).to_be_visible()

        # Anna saves first.
        text_a.fill("Bauhof: Geräteliste bis März")
        text_a.press("Enter")
        settled(page)
        expect(page.locator(f"#point-row-{point.pk} [role=alert]")).to_have_count(0)

        # Berta's page still shows the old version: her save is refused, her text stays.
        text_b.fill("Bauhof: Geräteliste mit Preisen")
        text_b.press("Enter")
        settled(other)
        alert = other.locator(f"#point-row-{point.pk} [role=alert]")
        expect(alert).to_contain_text("Anna Erstkraft")
        expect(alert).to_contain_text(
            "„Bauhof: gemeinsame Geräteliste“ → „Bauhof: Geräteliste bis März“"
        )
        expect(other.locator(f"#point-text-{point.pk}")).to_have_value(
            "Bauhof: Geräteliste mit Preisen"
        )
        screenshot(other, "history-conflict")
        assert Point.objects.get(pk=point.pk).text == "Bauhof: Geräteliste bis März"

        # Berta resolves: she merges both and saves again.
        resolved = other.locator(f"#point-text-{point.pk}")
        resolved.fill("Bauhof: Geräteliste bis März, mit Preisen")
        resolved.press("Enter")
        settled(other)
        expect(other.locator(f"#point-row-{point.pk} [role=alert]")).to_have_count(0)
        assert Point.objects.get(pk=point.pk).text == "Bauhof: Geräteliste bis März, mit Preisen"

        # Both changes are in the meeting's history, with who made them.
        other.goto(f"/{slug}/verlauf/meetings.meeting/{session.pk}/")
        history = other.locator("table.ikz-history")
        expect(history).to_contain_text("Anna Erstkraft")
        expect(history).to_contain_text("Berta Zweitkraft")
        expect(history).to_contain_text("Bauhof: Geräteliste bis März")
        expect(history).to_contain_text("Bauhof: Geräteliste bis März, mit Preisen")
        assert_no_serious_axe_violations(other)
        other.set_viewport_size({"width": 390, "height": 844})
        screenshot(other, "history-meeting-390")
        other.set_viewport_size({"width": 1280, "height": 900})

        # Anna deletes the task point; Berta restores it from the list of deleted entries.
        page.goto(meeting_url)
        delete = page.locator(f'form[data-point="{task_point.pk}"] button[value="delete"]')
        delete.focus()
        delete.press("Enter")
        page.locator("dialog#ikz-confirm").get_by_role("button", name="Bestätigen").click()
        settled(page)
        expect(page.locator(f"#point-text-{task_point.pk}")).to_have_count(0)
        assert not Task.objects.filter(point_id=task_point.pk).exists()

        other.goto(f"/{slug}/verlauf/?geloescht=1")
        row = other.locator("tr", has_text="Protokollpunkt").filter(
            has_text="Liste an alle Kommunen"
        )
        row.locator("button", has_text="Wiederherstellen").click()
        expect(other.locator(".kern-alert--success")).to_contain_text("wiederhergestellt")
        screenshot(other, "history-restored")
        other.goto(meeting_url)
        expect(other.locator(f"#point-text-{task_point.pk}")).to_have_value(
            "Liste an alle Kommunen"
        )
        assert Task.objects.filter(point_id=task_point.pk).exists()
    finally:
        other_context.close()
