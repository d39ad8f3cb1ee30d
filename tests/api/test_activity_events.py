"""Creating and revoking an API key are structured activity events."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from ikz.activity.models import ActivityEntry
from ikz.api import tokens
from tests.conftest import World

pytestmark = pytest.mark.django_db


def test_key_created_and_revoked_are_events(world: World) -> None:
    new = tokens.token_create(
        user=world.member,
        cooperation=world.cooperation,
        name="Ratsinfo-Abgleich",
        scope="read",
        expires_on=timezone.localdate() + dt.timedelta(days=30),
    )
    tokens.token_revoke(token=new.token, user=world.member)
    entries = list(ActivityEntry.objects.filter(cooperation=world.cooperation).order_by("pk"))
    assert [(e.kind, e.data, e.summary) for e in entries] == [
        ("api.token_created", {"name": "Ratsinfo-Abgleich"}, ""),
        ("api.token_revoked", {"name": "Ratsinfo-Abgleich"}, ""),
    ]
    assert [e.text for e in entries] == [
        "API-Schlüssel „Ratsinfo-Abgleich“ angelegt",
        "API-Schlüssel „Ratsinfo-Abgleich“ widerrufen",
    ]
