"""The agreement's lifecycle, the per-partner dates and the notice dates."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from ikz.agreements import services
from ikz.agreements.lifecycle import add_months, next_notice
from ikz.agreements.models import Agreement, Partner, State, StateChange
from tests.agreements.helpers import agreement, partner
from tests.conftest import World

pytestmark = pytest.mark.django_db
DAY = dt.date(2021, 5, 1)


def _move(target: Agreement, state: str, **extra: Any) -> StateChange:
    return services.agreement_change_state(
        agreement=target, to_state=state, date=DAY, reason="Test", **extra
    )


def _ready(world: World) -> Agreement:
    target = agreement(cooperation=world.cooperation)
    for town in (world.municipality, world.other_municipality):
        partner(target, town, resolution_date=dt.date(2021, 3, 1), signed_on=dt.date(2021, 4, 1))
    return target


def test_a_new_agreement_starts_as_draft_with_its_first_history_entry(world: World) -> None:
    target = agreement(cooperation=world.cooperation)
    assert target.state == State.DRAFT
    assert list(target.state_changes.values_list("from_state", "to_state")) == [("", "draft")]


def test_the_whole_way_records_every_step_with_date_author_and_reason(world: World) -> None:
    target = _ready(world)
    _move(target, State.RESOLUTIONS)
    _move(target, State.SIGNED)
    _move(target, State.APPROVED, approval_date=DAY, approval_reference="Az. 1")
    _move(target, State.PUBLISHED, publication_date=DAY, publication_place="Amtsblatt 5/2021")
    services.partner_save(
        agreement=target,
        values={"joined_on": dt.date(2021, 7, 1)},
        partner=target.partners.first(),
    )
    services.agreement_change_state(
        agreement=target,
        to_state=State.EFFECTIVE,
        date=dt.date(2021, 7, 1),
        reason="wirksam",
        actor_id=world.coordinator.pk,
    )
    target.refresh_from_db()
    assert target.state == State.EFFECTIVE
    assert target.approval_reference == "Az. 1"
    assert target.publication_place == "Amtsblatt 5/2021"
    steps = list(target.state_changes.order_by("pk").values_list("from_state", "to_state"))
    assert steps == [
        ("", "draft"),
        ("draft", "resolutions"),
        ("resolutions", "signed"),
        ("signed", "approved"),
        ("approved", "published"),
        ("published", "effective"),
    ]
    last = target.state_changes.order_by("pk").last()
    assert last is not None
    assert (last.author_id, last.reason, last.date) == (
        world.coordinator.pk,
        "wirksam",
        dt.date(2021, 7, 1),
    )


@pytest.mark.parametrize(
    ("start", "target", "message"),
    [
        (State.DRAFT, State.SIGNED, "Von „Entwurf“ geht es nicht nach „unterzeichnet“."),
        (State.DRAFT, State.EFFECTIVE, "Von „Entwurf“ geht es nicht nach „wirksam“."),
        (State.ENDED, State.EFFECTIVE, "Von „beendet“ geht es nicht nach „wirksam“."),
    ],
)
def test_moves_outside_the_table_are_refused(
    world: World, start: str, target: str, message: str
) -> None:
    item = _ready(world)
    Agreement.objects.filter(pk=item.pk).update(state=start)
    item.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        _move(item, target)
    assert message in error.value.messages
    item.refresh_from_db()
    assert item.state == start
    assert item.state_changes.count() == 1


def test_signing_needs_every_partners_resolution_and_signature(world: World) -> None:
    target = agreement(cooperation=world.cooperation)
    partner(target, world.municipality, resolution_date=DAY, signed_on=DAY)
    partner(target, world.other_municipality)
    _move(target, State.RESOLUTIONS)
    with pytest.raises(ValidationError) as error:
        _move(target, State.SIGNED)
    name = world.other_municipality.name
    assert error.value.messages == [
        f"Es fehlt noch der Ratsbeschluss von: {name}.",
        f"Es fehlt noch die Unterschrift von: {name}.",
    ]
    target.refresh_from_db()
    assert target.state == State.RESOLUTIONS


def test_approval_needs_date_and_file_number_and_nothing_is_kept_when_refused(
    world: World,
) -> None:
    target = _ready(world)
    _move(target, State.RESOLUTIONS)
    _move(target, State.SIGNED)
    with pytest.raises(ValidationError) as error:
        _move(target, State.APPROVED, approval_date=DAY)
    assert error.value.message_dict == {
        "approval_reference": ["Bitte das Aktenzeichen der Rechtsaufsicht angeben."]
    }
    target.refresh_from_db()
    assert (target.state, target.approval_date) == (State.SIGNED, None)


def test_publication_needs_date_and_place(world: World) -> None:
    target = _ready(world)
    for state in (State.RESOLUTIONS, State.SIGNED):
        _move(target, state)
    _move(target, State.APPROVED, approval_date=DAY, approval_reference="Az")
    with pytest.raises(ValidationError) as error:
        _move(target, State.PUBLISHED)
    assert set(error.value.message_dict) == {"publication_date", "publication_place"}


def test_partners_keep_their_own_dates_and_may_join_later_or_leave(world: World) -> None:
    target = agreement(cooperation=world.cooperation)
    first = partner(
        target,
        world.municipality,
        resolution_date=dt.date(2021, 3, 11),
        resolution_reference="SR 12/2021",
        signed_on=dt.date(2021, 4, 20),
        joined_on=dt.date(2021, 7, 1),
    )
    later = partner(
        target,
        world.other_municipality,
        resolution_date=dt.date(2022, 9, 26),
        joined_on=dt.date(2023, 1, 1),
    )
    services.partner_save(
        agreement=target, values={"left_on": dt.date(2025, 12, 31)}, partner=later
    )
    rows = {
        p.municipality_id: (p.resolution_date, p.joined_on, p.left_on)
        for p in Partner.objects.filter(agreement=target)
    }
    assert rows == {
        first.municipality_id: (dt.date(2021, 3, 11), dt.date(2021, 7, 1), None),
        later.municipality_id: (dt.date(2022, 9, 26), dt.date(2023, 1, 1), dt.date(2025, 12, 31)),
    }


def test_leaving_before_joining_is_refused(world: World) -> None:
    target = agreement(cooperation=world.cooperation)
    with pytest.raises(ValidationError) as error:
        partner(
            target, world.municipality, joined_on=dt.date(2023, 1, 1), left_on=dt.date(2022, 12, 31)
        )
    assert "Das Ausscheiden liegt vor dem Beitritt." in error.value.messages
    assert not Partner.objects.filter(agreement=target).exists()


def test_a_municipality_of_another_cooperation_is_refused(world: World, other: World) -> None:
    target = agreement(cooperation=world.cooperation)
    with pytest.raises(ValidationError):
        partner(target, other.municipality)
    assert not Partner.objects.filter(agreement=target).exists()


def test_the_resolution_point_supplies_the_date(world: World) -> None:
    from tests.meetings.factories import meeting, points

    session = meeting(body=world.member_body)
    (point,) = points(session, "Beitritt beschlossen")
    target = agreement(cooperation=world.cooperation)
    saved = partner(target, world.municipality, resolution_point=point)
    assert saved.resolution_date == session.date


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (dt.date(2023, 12, 31), -3, dt.date(2023, 9, 30)),
        (dt.date(2024, 3, 31), -1, dt.date(2024, 2, 29)),
        (dt.date(2023, 12, 31), -12, dt.date(2022, 12, 31)),
        (dt.date(2023, 1, 15), 13, dt.date(2024, 2, 15)),
    ],
)
def test_add_months(day: dt.date, months: int, expected: dt.date) -> None:
    assert add_months(day, months) == expected


def test_notice_dates_of_a_fixed_and_an_open_term(world: World) -> None:
    fixed = Agreement(
        cooperation=world.cooperation,
        state=State.EFFECTIVE,
        term_end=dt.date(2026, 6, 30),
        notice_months=6,
    )
    notice = next_notice(fixed, today=dt.date(2025, 1, 1))
    assert notice is not None
    assert (notice.ends_on, notice.notice_by) == (dt.date(2026, 6, 30), dt.date(2025, 12, 30))
    open_term = Agreement(cooperation=world.cooperation, state=State.EFFECTIVE, notice_months=12)
    notice = next_notice(open_term, today=dt.date(2025, 3, 1))
    assert notice is not None
    # 31.12.2025 can no longer be reached with twelve months' notice: next is 31.12.2026.
    assert (notice.ends_on, notice.notice_by) == (dt.date(2026, 12, 31), dt.date(2025, 12, 31))
    assert next_notice(Agreement(cooperation=world.cooperation), today=dt.date(2025, 1, 1)) is None
