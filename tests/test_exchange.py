"""The exchange format: lossless round trips, tenant isolation, and refusal of broken files
with a German message and without a single row written."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from ikz.accounts.models import CooperationRole
from ikz.branding.models import Branding
from ikz.cooperation.models import Body, Cooperation, Municipality, Person
from ikz.demo.loader import load_demo
from ikz.exchange import ExchangeError, ExportIds, ImportRefs
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
    row_counts,
    structure_rows,
    without_volatile,
)
from tests.factories import LocationFactory, MembershipFactory, PersonFactory

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


# --- References ----------------------------------------------------------------------------------


def test_import_refs_name_the_path_of_a_dangling_reference() -> None:
    refs = ImportRefs()
    refs.put(Body, 1, "body one")
    assert refs.get("cooperation.Body", 1, path="x") == "body one"
    with pytest.raises(ExchangeError) as error:
        refs.get(Body, 17, path="memberships[4].body")
    assert str(error.value) == "memberships[4].body: Gremium 17 ist in der Datei nicht enthalten."
    with pytest.raises(ExchangeError, match="muss eine Nummer sein"):
        refs.get(Body, "1", path="p")
    with pytest.raises(ExchangeError, match="doppelt"):
        refs.put(Body, 1, "again", path="bodies[1].id")


# --- Broken files --------------------------------------------------------------------------------

Mutation = Callable[[dict[str, Any]], None]


def _set(path: tuple[Any, ...], value: Any) -> Mutation:
    def mutate(data: dict[str, Any]) -> None:
        target = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return mutate


def _delete(path: tuple[Any, ...]) -> Mutation:
    def mutate(data: dict[str, Any]) -> None:
        target = data
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]

    return mutate


def _duplicate_first_municipality_id(data: dict[str, Any]) -> None:
    municipalities = data["structure"]["municipalities"]
    municipalities[1]["id"] = municipalities[0]["id"]


def _duplicate_ags(data: dict[str, Any]) -> None:
    municipalities = data["structure"]["municipalities"]
    municipalities[1]["ags"] = municipalities[0]["ags"]


def _merge_cycle(data: dict[str, Any]) -> None:
    first, second = data["structure"]["bodies"][:2]
    first["merged_into"], second["merged_into"] = second["id"], first["id"]


S = "structure"
BROKEN: list[Any] = [
    pytest.param(
        _set(("format",), "andere-software"),
        "format: Das ist keine Austauschdatei",
        id="wrong-format-marker",
    ),
    pytest.param(_delete(("format",)), "keine Austauschdatei", id="no-format-marker"),
    pytest.param(_set(("version",), 2), "version: Die Datei hat Version 2", id="newer-version"),
    pytest.param(_set(("version",), 0), "Version 0 gibt es nicht", id="version-zero"),
    pytest.param(_set(("version",), "1"), "ganze Zahl als Version", id="version-as-text"),
    pytest.param(
        _set(("exported_at",), "gestern"),
        "exported_at: Erwartet wird ein Zeitpunkt",
        id="bad-timestamp",
    ),
    pytest.param(
        _set(("besprechungen",), []), "Unbekannter Abschnitt „besprechungen“", id="unknown-section"
    ),
    pytest.param(_delete(("cooperation",)), "cooperation: Pflichtfeld fehlt", id="no-cooperation"),
    pytest.param(
        _delete(("cooperation", "name")),
        "cooperation.name: Pflichtfeld fehlt",
        id="missing-cooperation-name",
    ),
    pytest.param(_set(("cooperation", "slug"), "admin"), "reserviert", id="reserved-slug"),
    pytest.param(
        _set(("cooperation", "slug"), "Mit Leerzeichen"), "cooperation.slug:", id="invalid-slug"
    ),
    pytest.param(
        _delete((S, "municipalities", 0, "name")),
        "structure.municipalities[0].name: Pflichtfeld fehlt",
        id="missing-name",
    ),
    pytest.param(
        _set((S, "municipalities", 0, "population"), "viele"),
        "structure.municipalities[0].population: Erwartet wird eine ganze Zahl",
        id="population-as-text",
    ),
    pytest.param(
        _set((S, "municipalities", 0, "population"), True), "ganze Zahl", id="population-as-boolean"
    ),
    pytest.param(
        _set((S, "municipalities", 0, "population"), 10**40), "zwischen", id="huge-population"
    ),
    pytest.param(
        _set((S, "municipalities", 0, "ags"), "1472902"),
        "structure.municipalities[0].ags: Der Amtliche Gemeindeschlüssel (AGS) besteht "
        "aus genau 8 Ziffern",
        id="bad-ags",
    ),
    pytest.param(_duplicate_ags, "Eine Kommune mit diesem Gemeindeschlüssel", id="duplicate-ags"),
    pytest.param(
        _set((S, "municipalities", 0, "area_km2"), 15.64),
        "Dezimalzahl als Text",
        id="area-as-float",
    ),
    pytest.param(
        _set((S, "municipalities", 0, "kind"), "dorf"),
        "„dorf“ ist nicht erlaubt",
        id="unknown-kind",
    ),
    pytest.param(
        _set((S, "municipalities", 0, "joined_on"), "2019-02-30"),
        "Erwartet wird ein Datum",
        id="impossible-date",
    ),
    pytest.param(
        _set((S, "municipalities", 0, "joined_on"), "05.12.2019"),
        "Erwartet wird ein Datum",
        id="german-date",
    ),
    pytest.param(
        _set((S, "municipalities", 0, "name"), "Null\x00Byte"), "Nullzeichen", id="nul-character"
    ),
    pytest.param(
        _set((S, "people", 0, "family_name"), "\ud800"),
        "ungültige Unicode-Zeichen",
        id="lone-surrogate",
    ),
    pytest.param(
        _set((S, "municipalities", 0, "bürgermeister"), "X"),
        "Unbekanntes Feld „bürgermeister“",
        id="unknown-field",
    ),
    pytest.param(_duplicate_first_municipality_id, "doppelt", id="duplicate-id"),
    pytest.param(_set((S, "municipalities", 0, "id"), 0), "positive ganze Zahl", id="zero-id"),
    pytest.param(
        _set((S, "municipalities"), {"id": 1}),
        "structure.municipalities: Erwartet wird eine Liste",
        id="object-instead-of-list",
    ),
    pytest.param(
        _set((S, "municipalities", 0), "Anger"),
        "Erwartet wird ein Objekt",
        id="text-instead-of-object",
    ),
    pytest.param(
        _set((S, "bodies", 0, "active_from"), "Dezember 2019"),
        "oder ein Monat wie „2020-01“",
        id="bad-partial-date",
    ),
    pytest.param(_set((S, "bodies", 0, "is_public"), "ja"), "true oder false", id="bad-boolean"),
    pytest.param(
        _set((S, "bodies", 0, "merged_into"), 99),
        "structure.bodies[0].merged_into: Gremium 99 ist in der Datei nicht enthalten",
        id="dangling-merge",
    ),
    pytest.param(_merge_cycle, "nicht in sich selbst", id="merge-cycle"),
    pytest.param(
        _set((S, "memberships", 0, "body"), 42),
        "structure.memberships[0].body: Gremium 42 ist in der Datei nicht enthalten",
        id="dangling-reference",
    ),
    pytest.param(
        _set((S, "memberships", 0, "person"), None), "darf nicht leer sein", id="null-reference"
    ),
    pytest.param(
        _set((S, "memberships", 0, "end_date"), "1990-01-01"),
        "nicht vor ihrem Beginn",
        id="membership-ends-before-start",
    ),
    pytest.param(
        _set((S, "people", 0, "email"), "keine-adresse"), "people[0].email", id="bad-email"
    ),
    pytest.param(
        _set((S, "people", 0, "municipality"), "1"), "muss eine Nummer sein", id="reference-as-text"
    ),
    pytest.param(
        _set(("cooperation", "steering_body"), 9),
        "cooperation.steering_body: Gremium 9 ist in der Datei nicht enthalten",
        id="dangling-steering-body",
    ),
    pytest.param(
        _set(("cooperation", "report_period"), "year"),
        "cooperation.report_period: „year“ ist nicht erlaubt. Erlaubt sind: month, quarter",
        id="unknown-report-period",
    ),
    pytest.param(
        _set(("cooperation", "report_extra_recipients"), "presse@a.example\nkeine-adresse"),
        "cooperation.report_extra_recipients: „keine-adresse“ ist keine E-Mail-Adresse",
        id="bad-extra-recipient",
    ),
    pytest.param(
        _set(("cooperation", "require_coordinator_2fa"), "ja"),
        "cooperation.require_coordinator_2fa: Erwartet wird true oder false",
        id="bad-2fa-flag",
    ),
    pytest.param(
        _set(("branding",), {"accent": "rot"}),
        "branding.accent: Bitte eine Farbe als #RRGGBB angeben",
        id="bad-accent",
    ),
    # The last section fails after all others were written: nothing may stay.
    pytest.param(
        _set((S, "locations", 0, "name"), "x" * 201),
        "structure.locations[0].name",
        id="late-failure",
    ),
]


@pytest.fixture
def valid_export(world: World) -> dict[str, Any]:
    LocationFactory(cooperation=world.cooperation, municipality=world.municipality)
    data = export_cooperation(cooperation=world.cooperation)
    data["cooperation"]["slug"] = "importiert"
    # Give the memberships a start so that an end before it is a real contradiction.
    data["structure"]["memberships"][0]["start_date"] = "2019-01-01"
    return data


@pytest.mark.parametrize(("mutate", "message"), BROKEN)
def test_broken_file_is_refused_and_nothing_is_written(
    valid_export: dict[str, Any], mutate: Mutation, message: str
) -> None:
    import_cooperation(data=copy.deepcopy(valid_export), slug="probe")  # the file is valid
    Cooperation.objects.get(slug="probe").delete()
    before = row_counts()

    broken = copy.deepcopy(valid_export)
    mutate(broken)
    with pytest.raises(ExchangeError) as error:
        import_cooperation(data=broken)
    assert message in str(error.value)
    assert row_counts() == before


def test_duplicate_slug_is_refused(valid_export: dict[str, Any], world: World) -> None:
    before = row_counts()
    with pytest.raises(ExchangeError) as error:
        import_cooperation(data=valid_export, slug=world.cooperation.slug)
    assert str(error.value) == (
        f"cooperation.slug: Eine Kooperation mit dem Kurznamen „{world.cooperation.slug}“ gibt "
        "es bereits. Importieren Sie die Datei unter einem anderen Kurznamen."
    )
    assert row_counts() == before


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        pytest.param(b"{nicht json", "kein gültiges JSON (Zeile 1, Spalte 2)", id="not-json"),
        pytest.param(b"", "kein gültiges JSON", id="empty"),
        pytest.param("ä".encode("latin-1"), "nicht UTF-8", id="not-utf8"),
        pytest.param(b"[1, 2]", "JSON-Objekt enthalten, nicht eine Liste", id="list"),
        pytest.param(b"[" * 100_000, "kein", id="too-deep"),
    ],
)
@pytest.mark.django_db
def test_unreadable_file_is_refused(raw: bytes, message: str) -> None:
    with pytest.raises(ExchangeError) as error:
        parse(raw)
    assert message in str(error.value)


@pytest.mark.django_db
def test_parse_accepts_a_byte_order_mark() -> None:
    data = {"format": FORMAT, "version": 1, "cooperation": {"name": "A", "slug": "a"}}
    assert parse(b"\xef\xbb\xbf" + json.dumps(data).encode()) == data


# --- Random input --------------------------------------------------------------------------------

JSON_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=30)
    | st.sampled_from(
        ["", "2019-12", "2019-12-05", "14729020", "15.64", "stadt", "chair", "x" * 301]
    )
)
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=12,
)


def paths_of(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, child in value.items():
            found += paths_of(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += paths_of(child, (*prefix, index))
    return found


def import_or_refuse(data: Any) -> None:
    """Either a clean import (removed again) or an ExchangeError with nothing written."""
    before = row_counts()
    try:
        imported = import_cooperation(data=data, slug=None)
    except ExchangeError as error:
        refusal = str(error)
    else:
        event("importiert")
        imported.delete()
        return
    event("abgelehnt")
    assert refusal
    assert row_counts() == before


FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@FUZZ
@given(value=JSON_VALUES)
def test_random_json_is_refused_cleanly(world: World, value: Any) -> None:
    import_or_refuse(value)
    import_or_refuse({"format": FORMAT, "version": 1, "cooperation": value})
    import_or_refuse(
        {"format": FORMAT, "version": 1, "cooperation": {"name": "Z", "slug": "z"}, S: value}
    )


@FUZZ
@given(data=st.data())
def test_random_mutations_of_a_valid_export_never_break_the_importer(
    valid_export: dict[str, Any], data: st.DataObject
) -> None:
    mutated = copy.deepcopy(valid_export)
    for _ in range(data.draw(st.integers(min_value=1, max_value=3), label="mutations")):
        paths = paths_of(mutated)
        path = data.draw(st.sampled_from(paths), label="path")
        parent = mutated
        for key in path[:-1]:
            parent = parent[key]
        action = data.draw(st.sampled_from(["replace", "delete", "add"]), label="action")
        if action == "delete":
            del parent[path[-1]]
        elif action == "add" and isinstance(parent, dict):
            parent[data.draw(st.text(max_size=8), label="key")] = data.draw(JSON_VALUES)
        else:
            parent[path[-1]] = data.draw(JSON_VALUES, label="value")
    import_or_refuse(mutated)
