"""Helpers for the exchange tests: row counts of every table, a fully filled cooperation."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.db import connection

from ikz.branding.models import Branding
from ikz.cooperation.models import Body, Cooperation, Location, Membership, Municipality, Person
from ikz.dates import Precision
from tests.factories import UserFactory

# A change to an exchange file, for the tests that break one rule in it.
Mutation = Callable[[dict[str, Any]], None]


def set_at(path: tuple[Any, ...], value: Any) -> Mutation:
    """Set the value at ``path`` (keys and list indexes) of the file."""

    def mutate(data: dict[str, Any]) -> None:
        target = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return mutate


def delete_at(path: tuple[Any, ...]) -> Mutation:
    """Remove the key at ``path`` of the file."""

    def mutate(data: dict[str, Any]) -> None:
        target = data
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]

    return mutate


def row_counts() -> dict[str, int]:
    """The number of rows in every table of every installed model."""
    tables = set(connection.introspection.table_names())
    return {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models(include_auto_created=True)
        if model._meta.db_table in tables and model._meta.managed
    }


def without_volatile(data: dict[str, Any]) -> dict[str, Any]:
    """An export minus what may differ between two exports of equal data."""
    copy = {key: value for key, value in data.items() if key != "exported_at"}
    copy["cooperation"] = {k: v for k, v in data["cooperation"].items() if k != "slug"}
    return copy


def build_full_cooperation(slug: str = "voll") -> Cooperation:
    """A cooperation in which every exported field of every model holds a non-default value."""
    cooperation = Cooperation.objects.create(
        name="Verbund Voll",
        slug=slug,
        process_title="Begleitung „Voll“ – Prozess",
        region="Landkreis Leipzig, Sachsen",
        coordinating_organisation="Beratung & Partner GmbH",
        website="https://voll.example/",
        description="Zeile 1\nZeile 2 mit Umlauten: äöüß €",
    )
    town = Municipality.objects.create(
        cooperation=cooperation,
        name="Großstadt",
        kind=Municipality.Kind.CITY,
        ags="14729070",
        population=9676,
        population_year=2022,
        area_km2=Decimal("34.89"),
        joined_on=dt.date(2019, 1, 1),
        left_on=dt.date(2023, 6, 30),
    )
    village = Municipality.objects.create(
        cooperation=cooperation,
        name="Anger",
        kind=Municipality.Kind.MUNICIPALITY,
        ags="14729020",
        population=3372,
        population_year=2023,
        area_km2=Decimal("22.80"),
        joined_on=dt.date(2021, 1, 1),
    )
    # "Zentrale" sorts after "AG Alt", so the merge points forward in the file.
    central = Body.objects.create(
        cooperation=cooperation,
        name="Zentrale Lenkung",
        short_name="LG",
        session_name="Lenkungsgruppensitzung",
        kind=Body.Kind.STEERING_GROUP,
        description="Entscheidet.",
        status_text="Berät über den strategischen Rahmen.",
        is_public=True,
        active_from=dt.date(2019, 3, 5),
        active_from_precision=Precision.DAY,
    )
    Body.objects.create(
        cooperation=cooperation,
        name="AG Alt",
        short_name="AG A",
        kind=Body.Kind.WORKING_GROUP,
        description="Aufgegangen.",
        is_public=False,
        active_from=dt.date(2019, 10, 1),
        active_from_precision=Precision.MONTH,
        active_until=dt.date(2019, 12, 1),
        active_until_precision=Precision.MONTH,
        merged_into=central,
    )
    mayor = Person.objects.create(
        cooperation=cooperation,
        title="Dr.",
        given_name="Erika",
        family_name="Mustermann",
        email="erika@grossstadt.example",
        phone="+49 341 000000",
        function="Bürgermeisterin",
        municipality=town,
        user=UserFactory(username="erika-login"),
    )
    # Two people with the same name: their order must survive through the database keys.
    # A person has a municipality or an organisation, never both (a database constraint).
    twins = [
        Person.objects.create(
            cooperation=cooperation,
            given_name="Max",
            family_name="Gleich",
            function=function,
            organisation=organisation,
        )
        for function, organisation in (("Erster", "Stadtverwaltung"), ("Zweiter", ""))
    ]
    Membership.objects.create(
        cooperation=cooperation,
        person=mayor,
        body=central,
        role=Membership.Role.CHAIR,
        start_date=dt.date(2019, 3, 5),
        end_date=dt.date(2023, 6, 30),
    )
    for twin, role in zip(
        twins, (Membership.Role.GUEST, Membership.Role.COORDINATION), strict=True
    ):
        Membership.objects.create(cooperation=cooperation, person=twin, body=central, role=role)
    Location.objects.create(
        cooperation=cooperation,
        name="Rathaus Anger",
        address="Markt 1, 04683 Anger",
        municipality=village,
    )
    Location.objects.create(cooperation=cooperation, name="Online", address="")
    # The settings of the coordination: the steering body is the second body in the file.
    cooperation.steering_body = central
    cooperation.report_period = "quarter"
    cooperation.report_extra_recipients = "presse@voll.example\nbuero@voll.example"
    cooperation.require_coordinator_2fa = True
    cooperation.save()
    Branding.objects.create(
        cooperation=cooperation,
        organisation="Beratung & Partner",
        address="Markt 1\n04668 Grimma",
        accent="#8a1538",
        logo_alt="Wappen des Verbunds",
    )
    return cooperation


STRUCTURE_FIELDS: dict[type, tuple[str, ...]] = {
    Municipality: (
        "name",
        "kind",
        "ags",
        "population",
        "population_year",
        "area_km2",
        "joined_on",
        "left_on",
    ),
    Body: (
        "name",
        "short_name",
        "session_name",
        "kind",
        "description",
        "status_text",
        "is_public",
        "active_from",
        "active_from_precision",
        "active_until",
        "active_until_precision",
        "merged_into__name",
    ),
    Person: (
        "title",
        "given_name",
        "family_name",
        "email",
        "phone",
        "function",
        "municipality__name",
        "organisation",
        "publication_consent",
    ),
    Membership: (
        "person__family_name",
        "person__function",
        "body__name",
        "role",
        "start_date",
        "end_date",
    ),
    Location: ("name", "address", "municipality__name"),
}


def structure_rows(cooperation: Cooperation) -> dict[str, list[tuple[Any, ...]]]:
    """Every exported value of the cooperation's rows, sorted, without database keys."""
    return {
        model.__name__: sorted(
            model.objects.filter(cooperation=cooperation).values_list(*fields),  # type: ignore[attr-defined]
            key=repr,
        )
        for model, fields in STRUCTURE_FIELDS.items()
    }


_DEMO_EXPORT: list[str] = []


def demo_export() -> dict[str, Any]:
    """The demo's exchange file, loaded and exported once per test process.

    Loading the demo takes seconds; tests that only need its file (to break it and import
    it) share one copy. The first caller needs the database; the demo rows it loads roll back
    with that test, the text stays. Each caller gets its own parsed copy to change.
    """
    if not _DEMO_EXPORT:
        from ikz.demo.loader import load_demo
        from ikz.exchange.services import dumps, export_cooperation

        _DEMO_EXPORT.append(dumps(export_cooperation(cooperation=load_demo().cooperation)))
    return json.loads(_DEMO_EXPORT[0])  # type: ignore[no-any-return]
