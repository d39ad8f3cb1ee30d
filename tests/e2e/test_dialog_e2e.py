"""The KERN confirmation dialog (ui/components/dialog.html, ui/ikz.js) instead of the
browser's confirm(): a delete opens it, Cancel and Escape keep the entry, Confirm deletes;
axe passes on the open dialog; the focus stays inside while it is open."""

from __future__ import annotations

import pytest
from playwright.sync_api import Dialog, Page, expect

from ikz.meetings import services
from ikz.meetings.models import AgendaItem, Meeting
from tests.conftest import build_world
from tests.meetings.factories import meeting

from .axe import assert_no_serious_axe_violations
from .helpers import screenshot
from .test_minutes_e2e import log_in

pytestmark = pytest.mark.e2e


@pytest.mark.django_db(transaction=True)
def test_delete_asks_in_the_kern_dialog(page: Page, live_server: object) -> None:
    world = build_world("A")
    session: Meeting = meeting(body=world.member_body)
    services.agenda_item_add(meeting=session, title="Begrüßung")
    item = services.agenda_item_add(meeting=session, title="Haushalt 2020")
    path = f"/{world.cooperation.slug}/sitzungen/{session.pk}/"
    log_in(page, world, world.coordinator.username, path)
    native: list[str] = []

    def dismiss(dialog: Dialog) -> None:
        native.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    dialog = page.locator("dialog#ikz-confirm")
    delete = page.get_by_role("button", name="Löschen: Haushalt 2020")
    question = "Tagesordnungspunkt „Haushalt 2020“ mit seinen Protokollpunkten löschen?"

    # Cancel keeps the item, and the focus goes back to the button.
    delete.click()
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text(question)
    expect(dialog.get_by_role("button", name="Abbrechen")).to_be_focused()
    assert_no_serious_axe_violations(page)
    screenshot(page, "dialog-confirm-1280", full_page=False)
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "dialog-confirm-390", full_page=False)
    page.set_viewport_size({"width": 1280, "height": 900})
    # The native modal dialog keeps Tab inside it (the page behind is inert).
    for _ in range(4):
        page.keyboard.press("Tab")
        inside = page.evaluate(
            "document.activeElement && document.activeElement.closest('#ikz-confirm') !== null"
        )
        assert inside or page.evaluate("document.activeElement === document.body")
    dialog.get_by_role("button", name="Abbrechen").click()
    expect(dialog).to_be_hidden()
    expect(delete).to_be_focused()
    assert AgendaItem.objects.filter(pk=item.pk).exists()

    # Escape cancels too.
    delete.focus()
    page.keyboard.press("Enter")
    expect(dialog).to_be_visible()
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    assert AgendaItem.objects.filter(pk=item.pk).exists()

    # Confirm sends the original form.
    delete.click()
    with page.expect_navigation():
        dialog.get_by_role("button", name="Bestätigen").click()
    expect(page.get_by_role("button", name="Löschen: Haushalt 2020")).to_have_count(0)
    assert not AgendaItem.objects.filter(pk=item.pk).exists()
    assert AgendaItem.objects.filter(meeting=session).count() == 1
    assert native == []  # the browser's own confirm() never appeared
