"""Membership end dates in the access computation: a former member reads no more."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from ikz.cooperation.access import access_for
from ikz.cooperation.models import Membership
from ikz.meetings.models import Meeting
from tests.conftest import World, client_for


def _meeting(world: World) -> Meeting:
    return Meeting.objects.create(
        cooperation=world.cooperation,
        body=world.member_body,
        number=1,
        date=dt.date(2030, 5, 4),
        title="Interne Sitzung Frühjahr",
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("end_offset", "sees"),
    [(None, True), (0, True), (1, True), (-1, False), (-400, False)],
    ids=["open-ended", "ends-today", "ends-tomorrow", "ended-yesterday", "ended-last-year"],
)
def test_member_whose_membership_ended_no_longer_sees_internal_meetings(
    world: World, end_offset: int | None, sees: bool
) -> None:
    today = timezone.localdate()
    membership = Membership.objects.get(person=world.member_person, body=world.member_body)
    membership.start_date = today - dt.timedelta(days=500)
    membership.end_date = None if end_offset is None else today + dt.timedelta(days=end_offset)
    membership.save()
    meeting = _meeting(world)
    access = access_for(user=world.member, cooperation=world.cooperation)
    assert (world.member_body.pk in access.body_ids) is sees
    client = client_for(world.member)
    body_page = client.get(f"/{world.cooperation.slug}/gremien/{world.member_body.pk}/")
    assert body_page.status_code == (200 if sees else 404)
    meeting_page = client.get(f"/{world.cooperation.slug}/sitzungen/{meeting.pk}/")
    assert meeting_page.status_code == (200 if sees else 404)
    listing = client.get(f"/{world.cooperation.slug}/sitzungen/").content.decode()
    assert ("Interne Sitzung Frühjahr" in listing) is sees


@pytest.mark.django_db
def test_membership_that_has_not_begun_grants_nothing_yet(world: World) -> None:
    membership = Membership.objects.get(person=world.member_person, body=world.member_body)
    membership.start_date = timezone.localdate() + dt.timedelta(days=3)
    membership.save()
    access = access_for(user=world.member, cooperation=world.cooperation)
    assert world.member_body.pk not in access.body_ids
