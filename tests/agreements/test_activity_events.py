"""Deleting an agreement is a structured activity event, for the coordination only."""

from __future__ import annotations

import pytest

from ikz.activity.models import ActivityEntry
from ikz.agreements import services
from tests.agreements.helpers import agreement
from tests.conftest import World

pytestmark = pytest.mark.django_db


def test_agreement_deleted_is_an_event(world: World) -> None:
    target = agreement(cooperation=world.cooperation, title="Gewerbeamt Partheland")
    services.agreement_delete(agreement=target)
    entry = ActivityEntry.objects.filter(cooperation=world.cooperation).latest("pk")
    assert (entry.kind, entry.data, entry.summary) == (
        "agreements.agreement_deleted",
        {"title": "Gewerbeamt Partheland"},
        "",
    )
    assert entry.text == "Vereinbarung „Gewerbeamt Partheland“ gelöscht"
    assert entry.coordinators_only is True
