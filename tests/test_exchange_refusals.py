"""The exchange format refuses broken and random files with a German message, and writes
nothing: each broken rule of the format, unreadable bytes, random JSON and mutations."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from ikz.cooperation.models import Body, Cooperation
from ikz.exchange import ExchangeError, ImportRefs
from ikz.exchange.services import (
    FORMAT,
    export_cooperation,
    import_cooperation,
    parse,
)
from tests.conftest import World
from tests.exchange_support import (
    Mutation,
    delete_at,
    row_counts,
    set_at,
)
from tests.factories import LocationFactory

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

_set, _delete = set_at, delete_at


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
