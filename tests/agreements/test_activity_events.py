"""The agreements' writes are structured activity events, for the coordination only."""

from __future__ import annotations

import datetime as dt

import pytest

from ikz.activity.models import ActivityEntry
from ikz.agreements import services
from tests.agreements.helpers import agreement
from tests.agreements.scene import build
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


def test_agreement_writes_are_events_worded_when_shown(world: World) -> None:
    scene = build(world)  # agreements, partners, keys, statements through the services
    services.agreement_change_state(
        agreement=scene.party, to_state="resolutions", date=dt.date(2021, 3, 1)
    )
    entries = ActivityEntry.objects.filter(cooperation=world.cooperation)
    assert not entries.exclude(summary="").exists()
    assert set(entries.values_list("coordinators_only", flat=True)) == {True}
    texts = {e.text for e in entries}
    for expected in (
        "Vereinbarung „Gewerbeamt“ angelegt",
        "Vereinbarung „Gewerbeamt“: Partnerkommune A-Stadt gespeichert",
        "Vereinbarung „Gewerbeamt“: Kostenschlüssel „nach Einwohnern“ gespeichert",
        "Kostenabrechnung 2022 (Ist, Fassung 1) ausgestellt",
        "Kostenabrechnung 2023 (Ist) für „Gewerbeamt“ gespeichert",
        "Vereinbarung „Gewerbeamt“: Entwurf → Ratsbeschlüsse",
    ):
        assert expected in texts, (expected, sorted(texts))
    state = entries.get(kind="agreements.agreement_state")
    assert state.data == {"title": "Gewerbeamt", "old": "draft", "new": "resolutions"}
