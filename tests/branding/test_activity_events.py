"""Saving the branding is a structured activity event."""

from __future__ import annotations

import pytest

from ikz.activity.models import ActivityEntry
from ikz.branding import services
from tests.conftest import World

pytestmark = pytest.mark.django_db


def test_branding_saved_is_an_event(world: World) -> None:
    services.branding_save(
        cooperation=world.cooperation,
        organisation="Region Partheland",
        address="Markt 1, 04683 Naunhof",
        accent="#005A9C",
        files={},
    )
    entry = ActivityEntry.objects.filter(cooperation=world.cooperation).latest("pk")
    assert (entry.kind, entry.data, entry.summary) == ("branding.branding_saved", {}, "")
    assert entry.text == "Erscheinungsbild gespeichert"
