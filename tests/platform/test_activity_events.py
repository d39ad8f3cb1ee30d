"""The platform's writes on a cooperation are structured activity events."""

from __future__ import annotations

import pytest

from ikz.activity.models import ActivityEntry
from ikz.platform import services
from tests.conftest import World

pytestmark = pytest.mark.django_db


def test_cooperation_created_and_archived_are_events(world: World) -> None:
    created, _invitation = services.cooperation_create(
        fields={"name": "Muldental Nord", "slug": "muldental-nord", "region": "Sachsen"}
    )
    services.cooperation_archive(cooperation=created)
    services.cooperation_reactivate(cooperation=created)
    entries = list(ActivityEntry.objects.filter(cooperation=created).order_by("pk"))
    assert [(e.kind, e.data, e.summary) for e in entries] == [
        ("platform.cooperation_created", {"name": "Muldental Nord"}, ""),
        ("platform.cooperation_archived", {}, ""),
        ("platform.cooperation_reactivated", {}, ""),
    ]
    assert [e.text for e in entries] == [
        "Kooperation „Muldental Nord“ angelegt",
        "Kooperation archiviert",
        "Kooperation reaktiviert",
    ]
