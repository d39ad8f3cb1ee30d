"""Saving the portal's legal texts is a structured activity event."""

from __future__ import annotations

import pytest

from ikz.activity.models import ActivityEntry
from ikz.portal import services
from tests.conftest import World

pytestmark = pytest.mark.django_db


def test_legal_texts_saved_is_an_event(world: World) -> None:
    services.portal_settings_save(
        cooperation=world.cooperation, fields={"imprint": "Stadt Naunhof, Markt 1"}
    )
    entry = ActivityEntry.objects.filter(cooperation=world.cooperation).latest("pk")
    assert (entry.kind, entry.data, entry.summary) == ("portal.legal_saved", {}, "")
    assert entry.text == "Rechtliche Angaben des Portals gespeichert"
