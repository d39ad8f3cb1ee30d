"""Approving minutes and withdrawing the approval are structured activity events."""

from __future__ import annotations

import datetime as dt

import pytest

from ikz.activity.models import ActivityEntry
from ikz.dates import PartialDate
from ikz.meetings.documents.services import (
    minutes_approval_revoke,
    minutes_approve,
    propose_approval_item,
)
from ikz.meetings.models import AgendaItem
from tests.conftest import World
from tests.meetings.factories import meeting, published

pytestmark = pytest.mark.django_db


def test_minutes_approved_and_withdrawn_are_events(world: World) -> None:
    body = world.member_body
    body.session_name = "Lenkungsgruppensitzung"
    body.save()
    first = published(body=body, number=4)
    following = meeting(body=body, number=5, when=PartialDate.from_iso("2025-01-16"))
    item = propose_approval_item(meeting=following) or AgendaItem.objects.get(
        meeting=following, approves_minutes_of=first
    )
    minutes_approve(item=item, on=dt.date(2025, 1, 16))
    minutes_approval_revoke(meeting=first)
    entries = list(
        ActivityEntry.objects.filter(
            cooperation=world.cooperation, kind__startswith="meetings.minutes_"
        ).order_by("pk")
    )
    assert [(e.kind, e.data, e.summary, e.body_id) for e in entries] == [
        (
            "meetings.minutes_approved",
            {"minutes": "4. Lenkungsgruppensitzung", "at": "5. Lenkungsgruppensitzung"},
            "",
            body.pk,
        ),
        (
            "meetings.minutes_approval_withdrawn",
            {"minutes": "4. Lenkungsgruppensitzung"},
            "",
            body.pk,
        ),
    ]
    assert [e.text for e in entries] == [
        "Protokoll „4. Lenkungsgruppensitzung“ in „5. Lenkungsgruppensitzung“ genehmigt",
        "Genehmigung des Protokolls „4. Lenkungsgruppensitzung“ zurückgenommen",
    ]
