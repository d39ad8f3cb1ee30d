"""Invariants of the cooperation's structure: in the model, in the database, in the services
and on the form pages. A refused write changes nothing, not even the activity feed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from ikz.activity.models import ActivityEntry
from ikz.cooperation import services
from ikz.cooperation.forms import MunicipalityForm
from ikz.cooperation.models import Body, Location, Membership, Municipality, Person
from tests.conftest import World, client_for
from tests.factories import BodyFactory, LocationFactory, MunicipalityFactory, PersonFactory

AGS_MESSAGE = "Der Amtliche Gemeindeschlüssel (AGS) besteht aus genau 8 Ziffern."
BAD_AGS = ["1472906", "147290601", "1472906A", "14 72906", "", "ABCDEFGH"]


def municipality_fields(**overrides: object) -> dict[str, object]:
    fields: dict[str, object] = {
        "name": "Großpösna",
        "kind": Municipality.Kind.MUNICIPALITY,
        "ags": "14729160",
        "population": 5600,
        "population_year": 2022,
        "area_km2": None,
        "joined_on": None,
        "left_on": None,
    }
    fields.update(overrides)
    return fields


def messages_of(error: ValidationError) -> str:
    return " ".join(error.messages)


# --- AGS -------------------------------------------------------------------------------------


@pytest.mark.parametrize("ags", BAD_AGS)
def test_ags_model_validator(world: World, ags: str) -> None:
    municipality = Municipality(cooperation=world.cooperation, name="Testdorf", ags=ags)
    with pytest.raises(ValidationError) as caught:
        municipality.full_clean()
    assert "ags" in caught.value.error_dict


def test_ags_with_non_ascii_digits_refused(world: World) -> None:
    # Python's \d matches full-width digits; the check constraint (validated by full_clean,
    # too) accepts only 0-9, so the key is refused with the same German message.
    wide = "１４７２９１６０"
    municipality = Municipality(cooperation=world.cooperation, name="Testdorf", ags=wide)
    with pytest.raises(ValidationError) as caught:
        municipality.full_clean()
    assert AGS_MESSAGE in messages_of(caught.value)


def test_ags_model_validator_message_is_german(world: World) -> None:
    municipality = Municipality(cooperation=world.cooperation, name="Testdorf", ags="1472906A")
    with pytest.raises(ValidationError) as caught:
        municipality.full_clean()
    assert AGS_MESSAGE in caught.value.message_dict["ags"]


def test_valid_ags_passes(world: World) -> None:
    municipality = Municipality(cooperation=world.cooperation, name="Testdorf", ags="14729160")
    municipality.full_clean()


@pytest.mark.parametrize("ags", ["1472906", "1472906A", "147290601"])
def test_ags_database_check_constraint(world: World, ags: str) -> None:
    # Bypasses validation on purpose: the database itself must refuse a malformed key.
    # (A nine-digit key also trips max_length on PostgreSQL, which is an IntegrityError's
    # sibling DataError there; the check constraint covers SQLite, which has no lengths.)
    from django.db import DataError

    with pytest.raises((IntegrityError, DataError)), transaction.atomic():
        Municipality.objects.create(cooperation=world.cooperation, name="Direkt", ags=ags)
    assert not Municipality.objects.filter(name="Direkt").exists()


@pytest.mark.django_db
def test_ags_form_shows_german_message() -> None:
    form = MunicipalityForm(data={"name": "Testdorf", "kind": "gemeinde", "ags": "1472906"})
    assert not form.is_valid()
    assert form.errors["ags"] == [AGS_MESSAGE]


def test_ags_service_refuses_and_changes_nothing(world: World) -> None:
    before = (Municipality.objects.count(), ActivityEntry.objects.count())
    with pytest.raises(ValidationError) as caught:
        services.municipality_save(
            cooperation=world.cooperation, fields=municipality_fields(ags="1472")
        )
    assert AGS_MESSAGE in caught.value.message_dict["ags"]
    assert (Municipality.objects.count(), ActivityEntry.objects.count()) == before


def test_ags_form_page_keeps_input_and_shows_message(world: World) -> None:
    client = client_for(world.coordinator)
    data = {"name": "Neue Gemeinde", "kind": "gemeinde", "ags": "1472ABCD", "population": "4711"}
    response = client.post(f"/{world.cooperation.slug}/kommunen/neu/", data)
    assert response.status_code == 400
    html = response.content.decode()
    assert AGS_MESSAGE in html
    assert 'value="Neue Gemeinde"' in html
    assert 'value="1472ABCD"' in html
    assert 'value="4711"' in html
    assert 'aria-invalid="true"' in html
    assert not Municipality.objects.filter(name="Neue Gemeinde").exists()


def test_ags_with_non_ascii_digits_on_the_form_page(world: World) -> None:
    client = client_for(world.coordinator)
    data = {"name": "Breitdorf", "kind": "gemeinde", "ags": "１４７２９１６０"}
    response = client.post(f"/{world.cooperation.slug}/kommunen/neu/", data)
    assert response.status_code == 400
    assert AGS_MESSAGE in response.content.decode()
    assert not Municipality.objects.filter(name="Breitdorf").exists()


def test_unique_ags_per_cooperation(world: World) -> None:
    existing = world.municipality
    with pytest.raises(ValidationError) as caught:
        services.municipality_save(
            cooperation=world.cooperation,
            fields=municipality_fields(name="Doppelt", ags=existing.ags),
        )
    assert "Gemeindeschlüssel gehört bereits zur Kooperation" in messages_of(caught.value)
    assert Municipality.objects.filter(cooperation=world.cooperation, ags=existing.ags).count() == 1


def test_unique_ags_enforced_by_database(world: World) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Municipality.objects.create(
            cooperation=world.cooperation, name="Doppelt", ags=world.municipality.ags
        )


def test_same_ags_allowed_in_another_cooperation(world: World, other: World) -> None:
    saved = services.municipality_save(
        cooperation=other.cooperation,
        fields=municipality_fields(name="Zwilling", ags=world.municipality.ags),
    )
    assert saved.cooperation == other.cooperation
    assert Municipality.objects.filter(ags=world.municipality.ags).count() == 2


def test_duplicate_ags_on_the_form_page_is_a_form_error(world: World) -> None:
    client = client_for(world.coordinator)
    data = {"name": "Doppelt", "kind": "gemeinde", "ags": world.municipality.ags}
    response = client.post(f"/{world.cooperation.slug}/kommunen/neu/", data)
    assert response.status_code == 400
    assert "Gemeindeschlüssel gehört bereits zur Kooperation" in response.content.decode()
    assert not Municipality.objects.filter(name="Doppelt").exists()


# --- Dates of joining and leaving ------------------------------------------------------------


def test_left_before_joined_refused_by_service(world: World) -> None:
    with pytest.raises(ValidationError) as caught:
        services.municipality_save(
            cooperation=world.cooperation,
            fields=municipality_fields(
                joined_on=dt.date(2020, 1, 1), left_on=dt.date(2019, 12, 31)
            ),
        )
    assert "Der Austritt kann nicht vor dem Beitritt liegen." in messages_of(caught.value)
    assert not Municipality.objects.filter(name="Großpösna").exists()


def test_left_before_joined_refused_by_database(world: World) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Municipality.objects.create(
            cooperation=world.cooperation,
            name="Rückwärts",
            ags="14729999",
            joined_on=dt.date(2020, 1, 1),
            left_on=dt.date(2019, 1, 1),
        )


def test_left_on_same_day_as_joined_allowed(world: World) -> None:
    saved = services.municipality_save(
        cooperation=world.cooperation,
        fields=municipality_fields(joined_on=dt.date(2020, 1, 1), left_on=dt.date(2020, 1, 1)),
    )
    assert saved.left_on == saved.joined_on


def test_left_before_joined_on_the_form_page(world: World) -> None:
    client = client_for(world.coordinator)
    data = {
        "name": "Rückwärts",
        "kind": "gemeinde",
        "ags": "14729999",
        "joined_on": "01.01.2020",
        "left_on": "31.12.2019",
    }
    response = client.post(f"/{world.cooperation.slug}/kommunen/neu/", data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Der Austritt kann nicht vor dem Beitritt liegen." in html
    assert 'value="31.12.2019"' in html
    assert not Municipality.objects.filter(name="Rückwärts").exists()


def test_population_needs_its_year(world: World) -> None:
    with pytest.raises(ValidationError, match="Stichjahr"):
        services.municipality_save(
            cooperation=world.cooperation,
            fields=municipality_fields(population=1000, population_year=None),
        )


# --- Bodies: merging -------------------------------------------------------------------------


def body_fields(body: Body, **overrides: object) -> dict[str, object]:
    fields: dict[str, object] = {
        "name": body.name,
        "short_name": body.short_name,
        "session_name": body.session_name,
        "kind": body.kind,
        "description": body.description,
        "is_public": body.is_public,
        "merged_into": body.merged_into,
        "active_from": body.active_from,
        "active_from_precision": body.active_from_precision,
        "active_until": body.active_until,
        "active_until_precision": body.active_until_precision,
    }
    fields.update(overrides)
    return fields


def test_body_merge_into_another_allowed(world: World) -> None:
    saved = services.body_save(
        cooperation=world.cooperation,
        body=world.internal_body,
        fields=body_fields(world.internal_body, merged_into=world.member_body),
    )
    saved.refresh_from_db()
    assert saved.merged_into == world.member_body


def test_body_merge_into_itself_refused(world: World) -> None:
    body = Body.objects.get(pk=world.internal_body.pk)
    with pytest.raises(ValidationError, match="nicht in sich selbst"):
        services.body_save(
            cooperation=world.cooperation, body=body, fields=body_fields(body, merged_into=body)
        )
    world.internal_body.refresh_from_db()
    assert world.internal_body.merged_into is None


def test_body_merge_cycle_refused(world: World) -> None:
    a, b, c = world.member_body, world.internal_body, world.public_body
    services.body_save(cooperation=world.cooperation, body=a, fields=body_fields(a, merged_into=b))
    services.body_save(cooperation=world.cooperation, body=b, fields=body_fields(b, merged_into=c))
    c = Body.objects.get(pk=c.pk)
    with pytest.raises(ValidationError) as caught:
        services.body_save(
            cooperation=world.cooperation, body=c, fields=body_fields(c, merged_into=a)
        )
    assert "merged_into" in caught.value.message_dict
    c.refresh_from_db()
    assert c.merged_into is None


def test_body_merge_cycle_refused_on_the_form_page(world: World) -> None:
    a, b = world.member_body, world.internal_body
    services.body_save(cooperation=world.cooperation, body=a, fields=body_fields(a, merged_into=b))
    client = client_for(world.coordinator)
    data = {"name": b.name, "kind": b.kind, "merged_into": str(a.pk)}
    response = client.post(f"/{world.cooperation.slug}/gremien/{b.pk}/bearbeiten/", data)
    assert response.status_code == 400
    assert "nicht in sich selbst" in response.content.decode()
    b.refresh_from_db()
    assert b.merged_into is None


def test_body_active_until_before_from_refused(world: World) -> None:
    client = client_for(world.coordinator)
    data = {
        "name": "AG Zeitreise",
        "kind": "working_group",
        "active_from": "02/2020",
        "active_until": "12/2019",
    }
    response = client.post(f"/{world.cooperation.slug}/gremien/neu/", data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "„aktiv bis“ kann nicht vor „aktiv ab“ liegen." in html
    assert 'value="12/2019"' in html
    assert not Body.objects.filter(name="AG Zeitreise").exists()


def test_body_form_stores_month_precision(world: World) -> None:
    client = client_for(world.coordinator)
    data = {"name": "AG Neu", "kind": "working_group", "active_from": "Jan. 2020"}
    response = client.post(f"/{world.cooperation.slug}/gremien/neu/", data)
    assert response.status_code == 302
    body = Body.objects.get(name="AG Neu")
    assert body.cooperation == world.cooperation
    assert str(body.active_from_date) == "01/2020"


# --- References into another cooperation ----------------------------------------------------


def test_membership_with_foreign_person_refused(world: World, other: World) -> None:
    before = (Membership.objects.count(), ActivityEntry.objects.count())
    with pytest.raises(ValidationError) as caught:
        services.membership_save(
            cooperation=world.cooperation,
            fields={
                "person": other.member_person,
                "body": world.public_body,
                "role": Membership.Role.MEMBER,
                "start_date": None,
                "end_date": None,
            },
        )
    assert caught.value.message_dict["person"] == [
        "Dieser Eintrag gehört zu einer anderen Kooperation."
    ]
    assert (Membership.objects.count(), ActivityEntry.objects.count()) == before


def test_membership_in_foreign_body_refused(world: World, other: World) -> None:
    with pytest.raises(ValidationError) as caught:
        services.membership_save(
            cooperation=world.cooperation,
            fields={"person": world.member_person, "body": other.public_body, "role": "member"},
        )
    assert "body" in caught.value.message_dict


def test_membership_end_before_start_refused(world: World) -> None:
    with pytest.raises(ValidationError, match="Ende der Mitgliedschaft"):
        services.membership_save(
            cooperation=world.cooperation,
            fields={
                "person": world.member_person,
                "body": world.public_body,
                "role": "member",
                "start_date": dt.date(2020, 2, 1),
                "end_date": dt.date(2020, 1, 1),
            },
        )


def test_person_with_foreign_municipality_refused(world: World, other: World) -> None:
    with pytest.raises(ValidationError) as caught:
        services.person_save(
            cooperation=world.cooperation,
            fields={
                "given_name": "Eva",
                "family_name": "Fremd",
                "municipality": other.municipality,
            },
        )
    assert "municipality" in caught.value.message_dict
    assert not Person.objects.filter(family_name="Fremd").exists()


def test_location_with_foreign_municipality_refused(world: World, other: World) -> None:
    with pytest.raises(ValidationError):
        services.location_save(
            cooperation=world.cooperation,
            fields={"name": "Fremdes Rathaus", "municipality": other.municipality},
        )
    assert not Location.objects.filter(name="Fremdes Rathaus").exists()


def test_body_merged_into_foreign_body_refused(world: World, other: World) -> None:
    body = world.internal_body
    with pytest.raises(ValidationError) as caught:
        services.body_save(
            cooperation=world.cooperation,
            body=body,
            fields=body_fields(body, merged_into=other.public_body),
        )
    assert "merged_into" in caught.value.message_dict


def test_editing_an_object_of_another_cooperation_refused(world: World, other: World) -> None:
    with pytest.raises(ValidationError, match="anderen Kooperation"):
        services.municipality_save(
            cooperation=world.cooperation,
            municipality=other.municipality,
            fields=municipality_fields(name="Übernommen", ags="14729998"),
        )
    other.municipality.refresh_from_db()
    assert other.municipality.cooperation == other.cooperation
    assert other.municipality.name != "Übernommen"


# --- Successful writes record what happened ------------------------------------------------


def test_successful_saves_are_logged_in_their_own_cooperation(world: World, other: World) -> None:
    municipality = MunicipalityFactory(cooperation=world.cooperation)
    services.person_save(
        cooperation=world.cooperation,
        fields={"given_name": "Anna", "family_name": "Neu", "municipality": municipality},
        actor_id=world.coordinator.pk,
    )
    entry = ActivityEntry.objects.get(kind="cooperation.person_created", data__name="Anna Neu")
    assert entry.cooperation == world.cooperation
    assert entry.actor == world.coordinator
    assert not ActivityEntry.objects.filter(cooperation=other.cooperation).exists()


def test_deletes_stay_within_the_cooperation(world: World) -> None:
    person = PersonFactory(cooperation=world.cooperation)
    location = LocationFactory(cooperation=world.cooperation)
    body = BodyFactory(cooperation=world.cooperation)
    services.person_delete(person=person)
    services.location_delete(location=location)
    services.body_delete(body=body)
    assert not Person.objects.filter(pk=person.pk).exists()
    assert not Location.objects.filter(pk=location.pk).exists()
    assert not Body.objects.filter(pk=body.pk).exists()
