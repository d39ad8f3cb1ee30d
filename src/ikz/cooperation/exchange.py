"""The cooperation's structure in the exchange file (see docs/data-exchange.md).

The cooperation's own fields live under the file's top-level key ``cooperation``; everything
below it (municipalities, bodies, people, memberships, locations) in the section ``structure``.
Log-ins are never part of the file: ``Person.user`` is neither written nor read.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ikz.cooperation.models import Body, Cooperation, Location, Membership, Municipality, Person
from ikz.cooperation.services import check_merge_target
from ikz.dates import Precision
from ikz.exchange.fields import (
    Record,
    create,
    decimal_text,
    iso_date,
    iso_partial_date,
    records,
    validation_message,
)
from ikz.exchange.protocol import ExchangeError, ExportIds, ImportRefs

NAME = "structure"

COOPERATION_KEYS = (
    "name",
    "slug",
    "process_title",
    "region",
    "coordinating_organisation",
    "website",
    "description",
    # The settings of the coordination (issue 9); older files without them take the defaults.
    "steering_body",
    "report_period",
    "report_extra_recipients",
    "require_coordinator_2fa",
)
TEXT_KEYS = (*COOPERATION_KEYS[:7], "report_extra_recipients")
MUNICIPALITY_KEYS = (
    "id",
    "name",
    "kind",
    "ags",
    "population",
    "population_year",
    "area_km2",
    "joined_on",
    "left_on",
)
BODY_KEYS = (
    "id",
    "name",
    "short_name",
    "session_name",
    "kind",
    "description",
    "status_text",
    "is_public",
    "active_from",
    "active_until",
    "merged_into",
)
PERSON_KEYS = (
    "id",
    "title",
    "given_name",
    "family_name",
    "function",
    "municipality",
    "organisation",
    "email",
    "phone",
    "publication_consent",
)
MEMBERSHIP_KEYS = ("person", "body", "role", "start_date", "end_date")
LOCATION_KEYS = ("id", "name", "address", "municipality")
PARTS = ("municipalities", "bodies", "people", "memberships", "locations")


# --- The cooperation itself ----------------------------------------------------------------------


def export_cooperation_fields(*, cooperation: Cooperation) -> dict[str, Any]:
    """The cooperation's own fields; ``steering_body`` stays None until
    ``export_cooperation_references`` fills it in, after the bodies are numbered."""
    fields: dict[str, Any] = {key: getattr(cooperation, key) for key in TEXT_KEYS}
    fields["steering_body"] = None
    fields["report_period"] = cooperation.report_period
    fields["require_coordinator_2fa"] = cooperation.require_coordinator_2fa
    return {key: fields[key] for key in COOPERATION_KEYS}


def export_cooperation_references(
    *, cooperation: Cooperation, fields: dict[str, Any], ids: ExportIds
) -> None:
    """Fill in the references of the cooperation's fields: run after every section, so that the
    steering body has the number of its place in ``structure.bodies``."""
    fields["steering_body"] = ids.maybe(cooperation.steering_body)


def import_cooperation_fields(*, data: Any, slug: str | None = None) -> Cooperation:
    """Create the cooperation from the file's ``cooperation`` object, under ``slug`` if given."""
    record = Record(data, "cooperation", keys=COOPERATION_KEYS)
    required = {"name"} if slug is not None else {"name", "slug"}
    fields: dict[str, Any] = {key: record.text(key, required=key in required) for key in TEXT_KEYS}
    choices = Cooperation._meta.get_field("report_period").choices or ()
    periods = [str(value) for value, _label in choices]
    fields["report_period"] = record.text("report_period") or "month"
    if fields["report_period"] not in periods:
        raise ExchangeError(
            _("„%(value)s“ ist nicht erlaubt. Erlaubt sind: %(allowed)s.")
            % {"value": fields["report_period"], "allowed": ", ".join(periods)},
            path=record.at("report_period"),
        )
    fields["require_coordinator_2fa"] = record.boolean("require_coordinator_2fa")
    if slug is not None:
        fields["slug"] = slug
    fields["slug"] = fields["slug"].lower()
    if Cooperation.objects.filter(slug__iexact=fields["slug"]).exists():
        raise ExchangeError(
            _(
                "Eine Kooperation mit dem Kurznamen „%(slug)s“ gibt es bereits. "
                "Importieren Sie die Datei unter einem anderen Kurznamen."
            )
            % {"slug": fields["slug"]},
            path=record.at("slug"),
        )
    return create(Cooperation(**fields), path="cooperation")


def import_cooperation_references(*, cooperation: Cooperation, data: Any, refs: ImportRefs) -> None:
    """Set the references of the cooperation's fields once the sections are read: the steering
    body is a body of ``structure.bodies``."""
    record = Record(data, "cooperation", keys=COOPERATION_KEYS)
    body = record.ref("steering_body", Body, refs)
    if body is not None:
        cooperation.steering_body = body
        create(cooperation, path="cooperation")


# --- Export --------------------------------------------------------------------------------------


def export_section(*, cooperation: Cooperation, ids: ExportIds) -> dict[str, Any]:
    municipalities = list(
        Municipality.objects.filter(cooperation=cooperation).order_by("name", "pk")
    )
    bodies = list(
        Body.objects.filter(cooperation=cooperation)
        .select_related("merged_into")
        .order_by("name", "pk")
    )
    people = list(
        Person.objects.filter(cooperation=cooperation)
        .select_related("municipality")
        .order_by("family_name", "given_name", "pk")
    )
    memberships = list(
        Membership.objects.filter(cooperation=cooperation).select_related("person", "body")
    )
    locations = list(
        Location.objects.filter(cooperation=cooperation)
        .select_related("municipality")
        .order_by("name", "pk")
    )
    # Number every object in its own order before anything refers to it (merged_into may point
    # forward), so that the numbers depend only on the sort order.
    for obj in (*municipalities, *bodies, *people):
        ids.of(obj)
    memberships.sort(
        key=lambda m: (ids.of(m.body), ids.of(m.person), m.start_date or dt.date.min, m.pk)
    )
    return {
        "municipalities": [_municipality(m, ids) for m in municipalities],
        "bodies": [_body(b, ids) for b in bodies],
        "people": [_person(p, ids) for p in people],
        "memberships": [_membership(m, ids) for m in memberships],
        "locations": [_location(loc, ids) for loc in locations],
    }


def _municipality(municipality: Municipality, ids: ExportIds) -> dict[str, Any]:
    return {
        "id": ids.of(municipality),
        "name": municipality.name,
        "kind": municipality.kind,
        "ags": municipality.ags,
        "population": municipality.population,
        "population_year": municipality.population_year,
        "area_km2": decimal_text(municipality.area_km2),
        "joined_on": iso_date(municipality.joined_on),
        "left_on": iso_date(municipality.left_on),
    }


def _body(body: Body, ids: ExportIds) -> dict[str, Any]:
    return {
        "id": ids.of(body),
        "name": body.name,
        "short_name": body.short_name,
        "session_name": body.session_name,
        "kind": body.kind,
        "description": body.description,
        "status_text": body.status_text,
        "is_public": body.is_public,
        "active_from": iso_partial_date(body.active_from_date),
        "active_until": iso_partial_date(body.active_until_date),
        "merged_into": ids.maybe(body.merged_into),
    }


def _person(person: Person, ids: ExportIds) -> dict[str, Any]:
    return {
        "id": ids.of(person),
        "title": person.title,
        "given_name": person.given_name,
        "family_name": person.family_name,
        "function": person.function,
        "municipality": ids.maybe(person.municipality),
        "organisation": person.organisation,
        "email": person.email,
        "phone": person.phone,
        "publication_consent": person.publication_consent,
    }


def _membership(membership: Membership, ids: ExportIds) -> dict[str, Any]:
    return {
        "person": ids.of(membership.person),
        "body": ids.of(membership.body),
        "role": membership.role,
        "start_date": iso_date(membership.start_date),
        "end_date": iso_date(membership.end_date),
    }


def _location(location: Location, ids: ExportIds) -> dict[str, Any]:
    return {
        "id": ids.of(location),
        "name": location.name,
        "address": location.address,
        "municipality": ids.maybe(location.municipality),
    }


# --- Import --------------------------------------------------------------------------------------


def import_section(*, cooperation: Cooperation, data: Any, refs: ImportRefs) -> None:
    section = Record(data, NAME, keys=PARTS)
    parts = {part: section.raw(part) if part in section.data else [] for part in PARTS}
    for record in records(
        parts["municipalities"], section.at("municipalities"), keys=MUNICIPALITY_KEYS
    ):
        _import_municipality(record, cooperation, refs)
    _import_bodies(
        records(parts["bodies"], section.at("bodies"), keys=BODY_KEYS), cooperation, refs
    )
    for record in records(parts["people"], section.at("people"), keys=PERSON_KEYS):
        _import_person(record, cooperation, refs)
    for record in records(parts["memberships"], section.at("memberships"), keys=MEMBERSHIP_KEYS):
        _import_membership(record, cooperation, refs)
    for record in records(parts["locations"], section.at("locations"), keys=LOCATION_KEYS):
        _import_location(record, cooperation, refs)


def _import_municipality(record: Record, cooperation: Cooperation, refs: ImportRefs) -> None:
    number = record.number()
    municipality = Municipality(
        cooperation=cooperation,
        name=record.text("name", required=True),
        kind=record.choice("kind", Municipality.Kind, default=Municipality.Kind.MUNICIPALITY),
        ags=record.text("ags", required=True),
        population=record.integer("population", minimum=0),
        population_year=record.integer("population_year", minimum=0),
        area_km2=record.decimal("area_km2"),
        joined_on=record.date("joined_on"),
        left_on=record.date("left_on"),
    )
    refs.put(Municipality, number, create(municipality, path=record.path), path=record.at("id"))


def _import_bodies(items: list[Record], cooperation: Cooperation, refs: ImportRefs) -> None:
    # Two passes: a body may pass into one that comes later in the file.
    created: list[tuple[Record, Body]] = []
    for record in items:
        number = record.number()
        active_from = record.partial_date("active_from")
        active_until = record.partial_date("active_until")
        body = Body(
            cooperation=cooperation,
            name=record.text("name", required=True),
            short_name=record.text("short_name"),
            session_name=record.text("session_name"),
            kind=record.choice("kind", Body.Kind, default=Body.Kind.OTHER),
            description=record.text("description"),
            status_text=record.text("status_text"),
            is_public=record.boolean("is_public"),
            active_from=active_from.value if active_from else None,
            active_from_precision=active_from.precision if active_from else Precision.DAY,
            active_until=active_until.value if active_until else None,
            active_until_precision=active_until.precision if active_until else Precision.DAY,
        )
        refs.put(Body, number, create(body, path=record.path), path=record.at("id"))
        created.append((record, body))
    for record, body in created:
        target = record.ref("merged_into", Body, refs)
        if target is None:
            continue
        body.merged_into = target
        try:
            check_merge_target(body)  # the service's rule, with the form's message
        except ValidationError as error:
            raise validation_message(error, record.path) from None
        body.save(update_fields=["merged_into"])


def _import_person(record: Record, cooperation: Cooperation, refs: ImportRefs) -> None:
    number = record.number()
    person = Person(
        cooperation=cooperation,
        title=record.text("title"),
        given_name=record.text("given_name", required=True),
        family_name=record.text("family_name", required=True),
        function=record.text("function"),
        municipality=record.ref("municipality", Municipality, refs),
        organisation=record.text("organisation"),
        email=record.text("email"),
        phone=record.text("phone"),
        publication_consent=record.boolean("publication_consent"),
    )
    refs.put(Person, number, create(person, path=record.path), path=record.at("id"))


def _import_membership(record: Record, cooperation: Cooperation, refs: ImportRefs) -> None:
    membership = Membership(
        cooperation=cooperation,
        person=record.ref("person", Person, refs, required=True),
        body=record.ref("body", Body, refs, required=True),
        role=record.choice("role", Membership.Role, default=Membership.Role.MEMBER),
        start_date=record.date("start_date"),
        end_date=record.date("end_date"),
    )
    create(membership, path=record.path)


def _import_location(record: Record, cooperation: Cooperation, refs: ImportRefs) -> None:
    number = record.number()
    location = Location(
        cooperation=cooperation,
        name=record.text("name", required=True),
        address=record.text("address"),
        municipality=record.ref("municipality", Municipality, refs),
    )
    refs.put(Location, number, create(location, path=record.path), path=record.at("id"))
