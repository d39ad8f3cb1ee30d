"""The structure of the demo cooperation "Region Partheland".

Municipality facts (kind, AGS, population, area) are real; people are invented and any likeness
to real persons is unintended; addresses and e-mail addresses are plausible, not verified
(e-mail addresses use the reserved domain ".example").

Keys this module leaves in ``refs`` for later demo modules:

- ``"cooperation"``: the Cooperation
- ``"municipality:<name>"``: each Municipality, e.g. ``"municipality:Borsdorf"``
- ``"body:<name>"``: "Lenkungsgruppe", "AG Bauhof", "AG Verwaltung", "Strategiewerkstatt",
  "Bürgerwerkstatt"
- ``"location:<name>"``: "Rathaus <municipality>" for each municipality and "Bauhof Borsdorf"
- ``"person:coordinator"`` (project lead, log-in ``koordination``), ``"person:consultant"``,
  ``"person:member"`` (head of the Borsdorf building yard, log-in ``mitglied``)
- ``"person:mayor:<municipality>"`` for all seven, ``"person:bauhof:<municipality>"`` and
  ``"person:administration:<municipality>"`` for several, ``"person:council:<municipality>"``
  for Großpösna and Naunhof
- ``"user:coordinator"``, ``"user:member"``: the demo log-ins
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, TypeVar

from django.db import models

from ikz.accounts.models import CooperationRole, User
from ikz.cooperation.models import Body, Cooperation, Location, Membership, Municipality, Person
from ikz.dates import PartialDate, Precision
from ikz.demo.logins import COORDINATOR_LOGIN, DEMO_SLUG, MEMBER_LOGIN

ModelT = TypeVar("ModelT", bound=models.Model)

ORGANISATION = "beratungsraum Kommunal- und Unternehmensberatung GmbH"
COOPERATION_FIELDS = {
    "name": "Region Partheland",
    "slug": DEMO_SLUG,
    "process_title": (
        "Steuerung und Begleitung des Kooperationsprozesses einer interkommunalen "
        "Zusammenarbeit in der Region „Partheland“"
    ),
    "region": "Landkreis Leipzig, Sachsen",
    "coordinating_organisation": ORGANISATION,
    "website": "https://partheland.de/",
    "description": (
        "Sieben Städte und Gemeinden im Landkreis Leipzig arbeiten im Partheland zusammen: "
        "in den Bauhöfen, in der Verwaltung und bei der Gewinnung von Fachkräften."
    ),
}

FOUNDED = dt.date(2019, 1, 1)
MACHERN_JOINED = dt.date(2021, 1, 1)

# name, kind, AGS, population, year, area km²
MUNICIPALITIES = (
    ("Belgershain", Municipality.Kind.MUNICIPALITY, "14729020", 3372, 2023, "22.8"),
    ("Borsdorf", Municipality.Kind.MUNICIPALITY, "14729060", 8195, 2022, "15.64"),
    ("Brandis", Municipality.Kind.CITY, "14729070", 9676, 2022, "34.89"),
    ("Großpösna", Municipality.Kind.MUNICIPALITY, "14729190", 5508, 2022, "41.56"),
    ("Machern", Municipality.Kind.MUNICIPALITY, "14729250", 6767, 2022, "38.93"),
    ("Naunhof", Municipality.Kind.CITY, "14729300", 8839, 2022, "39.71"),
    ("Parthenstein", Municipality.Kind.MUNICIPALITY, "14729340", 3545, 2022, "35.05"),
)

# Plausible addresses, not verified against the real town halls.
LOCATIONS = (
    ("Rathaus Belgershain", "Hauptstraße 34, 04683 Belgershain", "Belgershain"),
    ("Rathaus Borsdorf", "Rathausstraße 1, 04451 Borsdorf", "Borsdorf"),
    ("Bauhof Borsdorf", "Am Bauhof 2, 04451 Borsdorf", "Borsdorf"),
    ("Rathaus Brandis", "Markt 1, 04821 Brandis", "Brandis"),
    ("Rathaus Großpösna", "Im Rittergut 1, 04463 Großpösna", "Großpösna"),
    ("Rathaus Machern", "Schloßplatz 1, 04827 Machern", "Machern"),
    ("Rathaus Naunhof", "Markt 1, 04683 Naunhof", "Naunhof"),
    ("Rathaus Parthenstein", "Hauptstraße 20, 04668 Parthenstein", "Parthenstein"),
)

# Invented people: (title, given name, family name, function) per municipality.
MAYORS = {
    "Belgershain": ("", "Frank", "Wendler", "Bürgermeister"),
    "Borsdorf": ("", "Katrin", "Hollmann", "Bürgermeisterin"),
    "Brandis": ("", "Stefan", "Markwardt", "Bürgermeister"),
    "Großpösna": ("", "Anja", "Lindemeyer", "Bürgermeisterin"),
    "Machern": ("", "Ralf", "Kühnert", "Bürgermeister"),
    "Naunhof": ("Dr.", "Jörg", "Ebersbach", "Bürgermeister"),
    "Parthenstein": ("", "Simone", "Wetzig", "Bürgermeisterin"),
}
BAUHOF_HEADS = {
    "Belgershain": ("", "Andreas", "Zschau", "Bauhofleiter"),
    "Borsdorf": ("", "Marco", "Pietzsch", "Bauhofleiter"),
    "Brandis": ("", "Uwe", "Kammler", "Bauhofleiter"),
    "Großpösna": ("", "Sven", "Rothe", "Bauhofleiter"),
    "Naunhof": ("", "Dirk", "Hoffmeister", "Bauhofleiter"),
}
ADMINISTRATION_HEADS = {
    "Borsdorf": ("", "Sabine", "Köhlert", "Hauptamtsleiterin"),
    "Brandis": ("", "Petra", "Vogelsang", "Hauptamtsleiterin"),
    "Großpösna": ("", "Claudia", "Mehnert", "Hauptamtsleiterin"),
    "Naunhof": ("", "Michael", "Opitz", "Hauptamtsleiter"),
    "Parthenstein": ("", "Kerstin", "Albrechts", "Hauptamtsleiterin"),
}
COUNCIL_MEMBERS = {
    "Großpösna": ("", "Heike", "Trautmann", "Gemeinderätin"),
    "Naunhof": ("", "Peter", "Ulbrich", "Stadtrat"),
}


def _save(instance: ModelT) -> ModelT:
    instance.full_clean()
    instance.save()
    return instance


def load(*, cooperation: Cooperation, refs: dict[str, Any]) -> None:
    refs["cooperation"] = cooperation
    _municipalities(cooperation, refs)
    _bodies(cooperation, refs)
    _locations(cooperation, refs)
    _people(cooperation, refs)
    _memberships(cooperation, refs)
    _logins(cooperation, refs)


def _municipalities(cooperation: Cooperation, refs: dict[str, Any]) -> None:
    for name, kind, ags, population, year, area in MUNICIPALITIES:
        refs[f"municipality:{name}"] = _save(
            Municipality(
                cooperation=cooperation,
                name=name,
                kind=kind,
                ags=ags,
                population=population,
                population_year=year,
                area_km2=Decimal(area),
                joined_on=MACHERN_JOINED if name == "Machern" else FOUNDED,
            )
        )


def _body(cooperation: Cooperation, **fields: Any) -> Body:
    active_from: PartialDate | None = fields.pop("active_from", None)
    active_until: PartialDate | None = fields.pop("active_until", None)
    return _save(
        Body(
            cooperation=cooperation,
            active_from=active_from.value if active_from else None,
            active_from_precision=active_from.precision if active_from else Precision.DAY,
            active_until=active_until.value if active_until else None,
            active_until_precision=active_until.precision if active_until else Precision.DAY,
            **fields,
        )
    )


def _bodies(cooperation: Cooperation, refs: dict[str, Any]) -> None:
    steering = _body(
        cooperation,
        name="Lenkungsgruppe",
        kind=Body.Kind.STEERING_GROUP,
        description=(
            "Die Bürgermeisterinnen und Bürgermeister der Mitgliedskommunen mit der "
            "Koordination. Entscheidet über die Vorhaben der Zusammenarbeit; seit 01/2020 auch "
            "über die Themen der früheren AG Verwaltung."
        ),
        active_from=PartialDate.month(2019, 3),
    )
    bodies = [
        steering,
        _body(
            cooperation,
            name="AG Bauhof",
            short_name="AG Bauhof",
            kind=Body.Kind.WORKING_GROUP,
            description=(
                "Die Leiter der Bauhöfe: Maschinenparkkooperation, gute Beispiele, gemeinsame "
                "Projekte wie Blühstreifen und Klimaanpassung."
            ),
            active_from=PartialDate.month(2019, 10),
        ),
        _body(
            cooperation,
            name="AG Verwaltung",
            short_name="AG Verwaltung",
            kind=Body.Kind.WORKING_GROUP,
            description=(
                "Die Hauptamtsleitungen: Kennzahlenvergleich, Personal-Sharing, Bibliotheken, "
                "Fachkräftegewinnung. Ab 01/2020 in der Lenkungsgruppe aufgegangen."
            ),
            active_from=PartialDate.month(2019, 10),
            active_until=PartialDate.month(2019, 12),
            merged_into=steering,
        ),
        _body(
            cooperation,
            name="Strategiewerkstatt",
            kind=Body.Kind.STRATEGY_WORKSHOP,
            description=(
                "Bürgermeister, Fachbereichsleitungen sowie Gemeinde- und Stadträte erarbeiten "
                "einen gemeinsamen strategischen Rahmen für das Partheland."
            ),
            is_public=True,
            active_from=PartialDate.day(2019, 12, 18),
        ),
        _body(
            cooperation,
            name="Bürgerwerkstatt",
            kind=Body.Kind.CITIZEN_WORKSHOP,
            description=(
                "Öffentliche Werkstatt, in der Bürgerinnen und Bürger den strategischen Rahmen "
                "mitgestalten."
            ),
            is_public=True,
            active_from=PartialDate.month(2020, 2),
        ),
    ]
    for body in bodies:
        refs[f"body:{body.name}"] = body
    # The cooperation's setting: the report mail and the help texts name this body.
    cooperation.steering_body = steering
    cooperation.full_clean()
    cooperation.save(update_fields=["steering_body"])


def _locations(cooperation: Cooperation, refs: dict[str, Any]) -> None:
    for name, address, municipality in LOCATIONS:
        refs[f"location:{name}"] = _save(
            Location(
                cooperation=cooperation,
                name=name,
                address=address,
                municipality=refs[f"municipality:{municipality}"],
            )
        )


def _person(
    cooperation: Cooperation,
    details: tuple[str, str, str, str],
    *,
    municipality: Municipality | None = None,
    organisation: str = "",
    domain: str,
) -> Person:
    title, given_name, family_name, function = details
    local = f"{given_name}.{family_name}".lower()
    for umlaut, plain in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        local = local.replace(umlaut, plain)
    return _save(
        Person(
            cooperation=cooperation,
            title=title,
            given_name=given_name,
            family_name=family_name,
            function=function,
            municipality=municipality,
            organisation=organisation,
            email=f"{local}@{domain}",
        )
    )


def _domain(municipality: str) -> str:
    plain = municipality.lower().replace("ö", "oe").replace("ß", "ss")
    return f"{plain}.example"


def _people(cooperation: Cooperation, refs: dict[str, Any]) -> None:
    groups = (
        ("mayor", MAYORS),
        ("bauhof", BAUHOF_HEADS),
        ("administration", ADMINISTRATION_HEADS),
        ("council", COUNCIL_MEMBERS),
    )
    for key, people in groups:
        for municipality, details in people.items():
            refs[f"person:{key}:{municipality}"] = _person(
                cooperation,
                details,
                municipality=refs[f"municipality:{municipality}"],
                domain=_domain(municipality),
            )
    consultancy = "beratungsraum.example"
    refs["person:coordinator"] = _person(
        cooperation,
        ("", "Julia", "Berger", "Projektleitung Kooperationsmanagement"),
        organisation=ORGANISATION,
        domain=consultancy,
    )
    refs["person:consultant"] = _person(
        cooperation,
        ("", "Tobias", "Hahnemann", "Berater Kooperationsmanagement"),
        organisation=ORGANISATION,
        domain=consultancy,
    )
    refs["person:member"] = refs["person:bauhof:Borsdorf"]


def _member(
    cooperation: Cooperation,
    person: Person,
    body: Body,
    role: str = Membership.Role.MEMBER,
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> None:
    _save(
        Membership(
            cooperation=cooperation,
            person=person,
            body=body,
            role=role,
            start_date=start,
            end_date=end,
        )
    )


def _memberships(cooperation: Cooperation, refs: dict[str, Any]) -> None:
    steering = refs["body:Lenkungsgruppe"]
    bauhof = refs["body:AG Bauhof"]
    administration = refs["body:AG Verwaltung"]
    strategy = refs["body:Strategiewerkstatt"]
    for municipality in MAYORS:
        mayor = refs[f"person:mayor:{municipality}"]
        start = MACHERN_JOINED if municipality == "Machern" else None
        role = Membership.Role.CHAIR if municipality == "Großpösna" else Membership.Role.MEMBER
        _member(cooperation, mayor, steering, role, start=start)
        if municipality != "Machern":  # the workshop of 12/2019 was before Machern joined
            _member(cooperation, mayor, strategy)
    for municipality in BAUHOF_HEADS:
        _member(cooperation, refs[f"person:bauhof:{municipality}"], bauhof)
    for municipality in ADMINISTRATION_HEADS:
        person = refs[f"person:administration:{municipality}"]
        _member(cooperation, person, administration, end=dt.date(2019, 12, 31))
        # With the merger the administration heads joined the steering group as guests.
        _member(cooperation, person, steering, Membership.Role.GUEST, start=dt.date(2020, 1, 1))
    for municipality in COUNCIL_MEMBERS:
        _member(cooperation, refs[f"person:council:{municipality}"], strategy)
    for key in ("person:coordinator", "person:consultant"):
        for body in (steering, bauhof, administration, strategy, refs["body:Bürgerwerkstatt"]):
            _member(cooperation, refs[key], body, Membership.Role.COORDINATION)


def _logins(cooperation: Cooperation, refs: dict[str, Any]) -> None:
    for key, login, role in (
        ("coordinator", COORDINATOR_LOGIN, CooperationRole.Role.COORDINATOR),
        ("member", MEMBER_LOGIN, CooperationRole.Role.MEMBER),
    ):
        person: Person = refs[f"person:{key}"]
        user = User.objects.create_user(
            username=login.username,
            password=login.password,
            first_name=person.given_name,
            last_name=person.family_name,
            email=person.email,
        )
        _save(CooperationRole(user=user, cooperation=cooperation, role=role))
        person.user = user
        _save(person)
        refs[f"user:{key}"] = user
