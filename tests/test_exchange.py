"""The exchange format: lossless round trips, tenant isolation, and refusal of broken files
with a German message and without a single row written."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ikz.accounts.models import CooperationRole
from ikz.branding.models import Branding
from ikz.cooperation.models import Body, Cooperation, Municipality, Person
from ikz.demo.loader import load_demo
from ikz.exchange import ExchangeError, ExportIds
from ikz.exchange.services import (
    FORMAT,
    VERSION,
    dumps,
    export_cooperation,
    import_cooperation,
    parse,
)
from tests.conftest import World
from tests.exchange_support import (
    build_full_cooperation,
    structure_rows,
    without_volatile,
)
from tests.factories import MembershipFactory, PersonFactory

# --- Round trips ---------------------------------------------------------------------------------


def round_trip(cooperation: Cooperation, new_slug: str) -> tuple[dict[str, Any], Cooperation]:
    first = export_cooperation(cooperation=cooperation)
    copy_ = import_cooperation(data=parse(dumps(first)), slug=new_slug)
    return first, copy_


@pytest.mark.django_db
def test_round_trip_of_the_demo_is_equal() -> None:
    demo = load_demo().cooperation
    first, imported = round_trip(demo, "partheland-kopie")
    second = export_cooperation(cooperation=imported)

    assert imported.slug == "partheland-kopie"
    assert second["cooperation"]["slug"] == "partheland-kopie"
    assert without_volatile(second) == without_volatile(first)
    assert structure_rows(imported) == structure_rows(demo)
    # Apart from the slug and the time stamp the files are byte-identical.
    second["cooperation"]["slug"] = first["cooperation"]["slug"]
    second["exported_at"] = first["exported_at"]
    assert dumps(second) == dumps(first)


@pytest.mark.django_db
def test_round_trip_keeps_every_field_of_a_fully_filled_cooperation() -> None:
    original = build_full_cooperation()
    first, imported = round_trip(original, "voll-kopie")

    assert structure_rows(imported) == structure_rows(original)
    for field in ("name", "process_title", "region", "coordinating_organisation", "website"):
        assert getattr(imported, field) == getattr(original, field)
    assert imported.description == original.description
    # The settings of the coordination (issue 9) and the branding travel as well.
    assert imported.steering_body is not None
    assert imported.steering_body.name == "Zentrale Lenkung"
    assert imported.steering_body.cooperation_id == imported.pk
    assert (
        imported.report_period,
        imported.report_extra_recipients,
        imported.require_coordinator_2fa,
    ) == ("quarter", "presse@voll.example\nbuero@voll.example", True)
    assert Branding.objects.filter(cooperation=imported).values_list(
        "organisation", "address", "accent", "logo_alt"
    ).get() == ("Beratung & Partner", "Markt 1\n04668 Grimma", "#8a1538", "Wappen des Verbunds")
    assert without_volatile(export_cooperation(cooperation=imported)) == without_volatile(first)
    body = Body.objects.get(cooperation=imported, name="AG Alt")
    assert body.merged_into is not None
    assert body.merged_into.cooperation_id == imported.pk
    assert body.active_until_date is not None
    assert body.active_until_date.iso() == "2019-12"


@pytest.mark.django_db
def test_export_writes_the_documented_shapes() -> None:
    build_full_cooperation()
    data = export_cooperation(cooperation=Cooperation.objects.get(slug="voll"))
    assert data["format"] == FORMAT
    assert data["version"] == VERSION
    structure = data["structure"]
    town = next(m for m in structure["municipalities"] if m["name"] == "Großstadt")
    assert town["area_km2"] == "34.89"
    assert town["left_on"] == "2023-06-30"
    bodies = {body["name"]: body for body in structure["bodies"]}
    assert bodies["AG Alt"]["active_from"] == "2019-10"
    assert bodies["Zentrale Lenkung"]["active_from"] == "2019-03-05"
    assert bodies["AG Alt"]["merged_into"] == bodies["Zentrale Lenkung"]["id"]
    # File-local numbers, 1, 2, … in sort order, never database keys.
    assert [body["id"] for body in structure["bodies"]] == [1, 2]
    assert [person["id"] for person in structure["people"]] == [1, 2, 3]
    # "AG Alt" is body 1, "Zentrale Lenkung" body 2: the steering body refers to it.
    assert {key: data["cooperation"][key] for key in list(data["cooperation"])[7:]} == {
        "steering_body": 2,
        "report_period": "quarter",
        "report_extra_recipients": "presse@voll.example\nbuero@voll.example",
        "require_coordinator_2fa": True,
    }
    assert data["branding"] == {
        "organisation": "Beratung & Partner",
        "address": "Markt 1\n04668 Grimma",
        "accent": "#8a1538",
        "logo_alt": "Wappen des Verbunds",
        "logo": None,
        "pptx_template": None,
        "docx_template": None,
    }


@pytest.mark.django_db
def test_log_ins_and_roles_are_never_exported_nor_created() -> None:
    original = build_full_cooperation()
    user = Person.objects.get(family_name="Mustermann").user
    assert user is not None
    CooperationRole.objects.create(
        user=user,
        cooperation=original,
        role=CooperationRole.Role.COORDINATOR,
    )
    text = dumps(export_cooperation(cooperation=original))
    assert "erika-login" not in text
    assert '"user"' not in text
    roles_before = CooperationRole.objects.count()

    imported = import_cooperation(data=parse(text), slug="ohne-konten")
    assert not Person.objects.filter(cooperation=imported, user__isnull=False).exists()
    assert CooperationRole.objects.count() == roles_before
    assert not CooperationRole.objects.filter(cooperation=imported).exists()


@pytest.mark.django_db
def test_sections_missing_from_a_file_are_empty() -> None:
    imported = import_cooperation(
        data={"format": FORMAT, "version": 1, "cooperation": {"name": "Leer", "slug": "leer"}}
    )
    assert imported.name == "Leer"
    assert not Municipality.objects.filter(cooperation=imported).exists()
    # A file from before the settings of issue 9 takes their defaults.
    assert (
        imported.steering_body,
        imported.report_period,
        imported.report_extra_recipients,
        imported.require_coordinator_2fa,
    ) == (None, "month", "", False)
    assert not Branding.objects.filter(cooperation=imported).exists()

    partial = {
        "format": FORMAT,
        "version": 1,
        "cooperation": {"name": "Teil", "slug": "teil"},
        "structure": {"municipalities": [{"id": 1, "name": "Anger", "ags": "14729020"}]},
    }
    imported = import_cooperation(data=partial)
    municipality = Municipality.objects.get(cooperation=imported)
    assert (municipality.name, municipality.kind, municipality.population) == (
        "Anger",
        Municipality.Kind.MUNICIPALITY,
        None,
    )


@pytest.mark.django_db
def test_a_slug_given_on_import_replaces_the_files_slug() -> None:
    data = {"format": FORMAT, "version": 1, "cooperation": {"name": "Ohne Kurzname"}}
    with pytest.raises(ExchangeError, match=r"cooperation\.slug: Pflichtfeld fehlt"):
        import_cooperation(data=copy.deepcopy(data))
    assert import_cooperation(data=data, slug="mit-kurzname").name == "Ohne Kurzname"


# --- Tenant isolation ----------------------------------------------------------------------------


def strings_in(value: Any) -> set[str]:
    if isinstance(value, str):
        return {value}
    if isinstance(value, dict):
        return set().union(*(strings_in(v) for v in value.values())) if value else set()
    if isinstance(value, list):
        return set().union(*(strings_in(v) for v in value)) if value else set()
    return set()


def test_export_of_a_contains_nothing_of_b(world: World, other: World) -> None:
    data = export_cooperation(cooperation=world.cooperation)
    of_b = {
        other.cooperation.name,
        other.cooperation.slug,
        *(m.name for m in Municipality.objects.filter(cooperation=other.cooperation)),
        *(m.ags for m in Municipality.objects.filter(cooperation=other.cooperation)),
        *(b.name for b in Body.objects.filter(cooperation=other.cooperation)),
        *(p.family_name for p in Person.objects.filter(cooperation=other.cooperation)),
        *(p.email for p in Person.objects.filter(cooperation=other.cooperation)),
    }
    # The check can fail: B's own export holds all of these.
    assert of_b <= strings_in(export_cooperation(cooperation=other.cooperation))
    assert not of_b & strings_in(data)
    structure = data["structure"]
    assert len(structure["municipalities"]) == 2
    assert len(structure["bodies"]) == 3
    assert len(structure["people"]) == Person.objects.filter(cooperation=world.cooperation).count()
    assert len(structure["memberships"]) == 1


def test_export_ids_refuse_an_object_of_another_cooperation(world: World, other: World) -> None:
    ids = ExportIds(cooperation=world.cooperation)
    assert ids.of(world.member_body) == 1
    assert ids.of(world.public_body) == 2
    assert ids.of(world.member_body) == 1
    assert ids.of(world.municipality) == 1  # numbered per model
    with pytest.raises(RuntimeError):
        ids.of(other.member_body)


def test_export_query_count_does_not_grow_with_rows(world: World) -> None:
    with CaptureQueriesContext(connection) as small:
        export_cooperation(cooperation=world.cooperation)
    for _ in range(15):
        MembershipFactory(
            cooperation=world.cooperation,
            body=world.internal_body,
            person=PersonFactory(cooperation=world.cooperation, municipality=world.municipality),
        )
    with CaptureQueriesContext(connection) as large:
        data = export_cooperation(cooperation=world.cooperation)
    assert len(data["structure"]["memberships"]) == 16
    assert len(large.captured_queries) == len(small.captured_queries)
