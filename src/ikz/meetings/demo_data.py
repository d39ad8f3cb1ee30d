"""The demo's meetings as data: the December 2019 sessions of the seed, history, the outlook.

What is exact from the seed and what is chosen here: see ``ikz.meetings.demo``, which loads
these through the meetings services.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ikz.dates import PartialDate
from ikz.meetings.models import Meeting, Point

K = Point.Kind
# The day of the seed report: "upcoming" and "next meeting" are computed against it.
REPORT_DAY = dt.date(2019, 12, 19)
WORKSHOP_BODY = "Themenworkshops"


@dataclass(frozen=True)
class Item:
    """One minutes point; ``owner`` is a refs key ("person:coordinator"), for tasks."""

    kind: str
    text: str
    children: tuple[Item, ...] = ()
    owner: str = ""
    due: PartialDate | None = None
    done_on: dt.date | None = None


@dataclass(frozen=True)
class Session:
    body: str
    when: PartialDate
    number: int | None = None
    title: str = ""
    location: str = ""
    times: tuple[dt.time, dt.time] | None = None
    is_public: bool = False
    state: str = Meeting.State.MINUTES_PUBLISHED
    agenda: tuple[str, ...] = ()
    attendees: tuple[str, ...] = ()  # refs keys; a trailing "?" marks "entschuldigt"
    points: tuple[Item, ...] = ()
    description: str = ""
    key: str = ""  # refs key "meeting:<key>" for later modules


def _t(hour: int, minute: int = 0) -> dt.time:
    return dt.time(hour, minute)


BAUHOF = ("Belgershain", "Borsdorf", "Brandis", "Großpösna", "Naunhof")
ADMINISTRATION = ("Borsdorf", "Brandis", "Großpösna", "Naunhof", "Parthenstein")
FOUNDING_MAYORS = ("Belgershain", "Borsdorf", "Brandis", "Großpösna", "Naunhof", "Parthenstein")


def _people(prefix: str, municipalities: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(f"person:{prefix}:{name}" for name in municipalities)


# --- The December 2019 sessions, as in the seed -----------------------------------------------

BAUHOF_2 = Session(
    key="2. AG Bauhof",
    body="AG Bauhof",
    number=2,
    when=PartialDate.day(2019, 12, 5),
    location="Bauhof Borsdorf",
    times=(_t(9), _t(12)),
    agenda=(
        "Begrüßung und Protokoll der 1. Sitzung",
        "Maschinenparkkooperation",
        "Gute Beispiele aus den Bauhöfen",
        "Gemeinsame Projekte",
    ),
    attendees=(
        *_people("bauhof", ("Borsdorf", "Brandis", "Großpösna", "Naunhof")),
        "person:bauhof:Belgershain?",
        "person:coordinator",
    ),
    points=(
        Item(K.ASSESSMENT, "fachliche Bewertung der Maschinenparkkooperation"),
        Item(
            K.INFORMATION,
            "Übertragung guter Beispiele:",
            (
                Item(K.GOOD_PRACTICE, "Einsatz von Freiwilligendiensten"),
                Item(K.GOOD_PRACTICE, "Entwicklung der Bauhof-Standorte"),
                Item(K.GOOD_PRACTICE, "Lehrgangsplanung"),
                Item(K.GOOD_PRACTICE, "Dreck-Weg-App"),
            ),
        ),
        Item(
            K.DECISION,
            "gemeinsame Projekte:",
            (
                Item(K.INFORMATION, "Blühstreifen / -flächen"),
                Item(
                    K.INFORMATION,
                    "Klimaanpassungsstrategien (Gießmanagement, klimaangepasste Pflanzungen, "
                    "Entsorgung von befallenen Todholz ...)",
                ),
            ),
        ),
    ),
)

VERWALTUNG_2 = Session(
    key="2. AG Verwaltung",
    body="AG Verwaltung",
    number=2,
    when=PartialDate.day(2019, 12, 10),
    location="Rathaus Großpösna",
    times=(_t(9), _t(12)),
    agenda=(
        "Begrüßung",
        "Ergebnisse der Kennzahlenabfrage",
        "Standesamt",
        "Digitaler Wandel",
        "Personal-Sharing und Fachkräfte",
        "Bibliotheken",
    ),
    attendees=(*_people("administration", ADMINISTRATION), "person:coordinator"),
    points=(
        Item(K.ASSESSMENT, "Auswertung der Kennzahlenabfrage"),
        Item(
            K.NOT_PURSUED,
            "Standesamt: keine weitere Verfolgung einer weiteren Kooperation im Projekt, "
            "ggf. bilateral",
        ),
        Item(K.IDEA, "Digitaler Wandel: Idee von Co-Working-Spaces im Partheland"),
        Item(
            K.DECISION,
            "Personal-Sharing nicht in einem Shared-Service-Center organisieren, sondern Suche "
            "nach anderer Lösung (z. B. einzelne Zweckvereinbarungen)",
            (
                Item(
                    K.TASK,
                    "Abfrage, welche Aufgaben für interkommunale Zusammenarbeit in den Kommunen "
                    "in Frage kommen",
                    owner="person:coordinator",
                    due=PartialDate.month(2020, 1),
                ),
            ),
        ),
        Item(
            K.IDEA,
            "Idee der gemeinsamen Plattform für Stellenausschreibungen & gemeinsame Ausbildung",
        ),
        Item(
            K.DECISION,
            "Bibliothek: Konzepterstellung gemeinsam mit Bibliotheksmitarbeiter, Workshop im "
            "Januar, ff.: Antrag Fördermittel bis 31.03.2020",
        ),
    ),
)

STRATEGIEWERKSTATT = Session(
    key="Strategiewerkstatt",
    body="Strategiewerkstatt",
    number=1,
    title="Strategiewerkstatt",
    when=PartialDate.day(2019, 12, 18),
    location="Rathaus Großpösna",
    times=(_t(16), _t(20)),
    is_public=True,
    agenda=(
        "Einführung: Ziel der Strategiewerkstatt",
        "Erarbeitung von Zielstellungen in Gruppen",
        "Priorisierung der Zielstellungen (Punktabfrage)",
        "Ausblick: Bürgerwerkstatt im Februar 2020",
    ),
    attendees=(
        *_people("mayor", FOUNDING_MAYORS),
        *_people("administration", ADMINISTRATION),
        "person:council:Großpösna",
        "person:council:Naunhof",
        "person:coordinator",
        "person:consultant",
    ),
    points=(
        Item(
            K.INFORMATION, "Erarbeitung eines gemeinsamen strategischen Rahmens für das Partheland"
        ),
        Item(
            K.INFORMATION, "Teilnehmer: Bürgermeister, Fachbereichsleiter, Gemeinde- und Stadträte"
        ),
        Item(K.ASSESSMENT, "TOP 5 der erarbeiteten Zielstellungen:"),
        Item(
            K.INFORMATION,
            "weitere Informationen unter: https://partheland.de/strategischer-rahmen/",
        ),
    ),
)

DECEMBER_2019 = (BAUHOF_2, VERWALTUNG_2, STRATEGIEWERKSTATT)

# --- Earlier sessions: plausible history -------------------------------------------------------

HISTORY = (
    Session(
        body="Lenkungsgruppe",
        number=1,
        when=PartialDate.day(2019, 3, 20),
        location="Rathaus Großpösna",
        times=(_t(17), _t(19)),
        agenda=("Begrüßung", "Auftakt des Kooperationsprozesses", "Arbeitsstruktur"),
        attendees=(*_people("mayor", FOUNDING_MAYORS), "person:coordinator"),
        points=(
            Item(K.INFORMATION, "Auftakt des Kooperationsprozesses: Ziele, Arbeitsweise, Zeitplan"),
            Item(K.DECISION, "Bildung der Arbeitsgruppen Bauhof und Verwaltung"),
        ),
    ),
    Session(
        body="Lenkungsgruppe",
        number=2,
        when=PartialDate.day(2019, 6, 26),
        location="Rathaus Naunhof",
        times=(_t(17), _t(19)),
        agenda=("Begrüßung", "Bestandsaufnahme", "Handlungsfelder"),
        attendees=(*_people("mayor", FOUNDING_MAYORS), "person:coordinator"),
        points=(
            Item(K.INFORMATION, "Bestandsaufnahme der bestehenden Zusammenarbeit der Kommunen"),
            Item(
                K.DECISION,
                "Handlungsfelder: Bauhof, Verwaltung, Digitalisierung, Fachkräfte",
            ),
        ),
    ),
    Session(
        body="Lenkungsgruppe",
        number=3,
        when=PartialDate.day(2019, 9, 18),
        location="Rathaus Brandis",
        times=(_t(17), _t(19)),
        agenda=("Begrüßung", "Kennzahlenabfrage", "Termine der Arbeitsgruppen"),
        attendees=(*_people("mayor", FOUNDING_MAYORS), "person:coordinator"),
        points=(
            Item(K.DECISION, "Kennzahlenabfrage in allen Kommunen im Herbst 2019"),
            Item(K.INFORMATION, "Termine der Arbeitsgruppen im Herbst abgestimmt"),
        ),
    ),
    Session(
        key="4. Lenkungsgruppensitzung",
        body="Lenkungsgruppe",
        number=4,
        when=PartialDate.day(2019, 11, 13),
        location="Rathaus Borsdorf",
        times=(_t(17), _t(19)),
        agenda=("Begrüßung", "Berichte der Arbeitsgruppen", "Strategiewerkstatt"),
        attendees=(*_people("mayor", FOUNDING_MAYORS), "person:coordinator"),
        points=(
            Item(K.INFORMATION, "Zwischenstand der Arbeitsgruppen Bauhof und Verwaltung"),
            Item(K.DECISION, "ab 01/2020: Übergang AG Verwaltung in Lenkungsgruppe"),
            Item(
                K.DECISION,
                "Strategiewerkstatt am 18.12.2019 in Großpösna mit Stadt- und Gemeinderäten",
                (
                    Item(
                        K.TASK,
                        "Räume und Bewirtung für die Strategiewerkstatt bereitstellen",
                        owner="municipality:Großpösna",
                        due=PartialDate.day(2019, 12, 18),
                        done_on=dt.date(2019, 12, 18),
                    ),
                ),
            ),
        ),
    ),
    Session(
        body="AG Bauhof",
        number=1,
        when=PartialDate.day(2019, 10, 10),
        location="Rathaus Brandis",
        times=(_t(9), _t(12)),
        agenda=("Begrüßung", "Vorstellung der Bauhöfe", "Maschinenpark"),
        attendees=(*_people("bauhof", BAUHOF), "person:coordinator"),
        points=(
            Item(K.INFORMATION, "Vorstellung der Bauhöfe: Personal, Aufgaben, Ausstattung"),
            Item(
                K.TASK,
                "Erfassung des Maschinenparks aller Bauhöfe",
                owner="person:member",
                due=PartialDate.month(2019, 11),
                done_on=dt.date(2019, 11, 29),
            ),
        ),
    ),
    Session(
        body="AG Verwaltung",
        number=1,
        when=PartialDate.day(2019, 10, 16),
        location="Rathaus Naunhof",
        times=(_t(9), _t(12)),
        agenda=("Begrüßung", "Kennzahlenabfrage", "Themensammlung"),
        attendees=(*_people("administration", ADMINISTRATION), "person:coordinator"),
        points=(
            Item(K.INFORMATION, "Vorstellung des Fragebogens der Kennzahlenabfrage"),
            Item(
                K.TASK,
                "Rücklauf der Kennzahlenabfrage aus allen Kommunen",
                owner="body:AG Verwaltung",
                due=PartialDate.day(2019, 11, 22),
                done_on=dt.date(2019, 11, 22),
            ),
            Item(K.IDEA, "Themen: Standesamt, Personal-Sharing, Bibliotheken, Digitalisierung"),
        ),
    ),
)

# --- Planned, from the seed's outlook ----------------------------------------------------------

PLANNED = (
    Session(
        key="Workshop Bibliothek",
        body=WORKSHOP_BODY,
        title="Workshop Bibliothek",
        when=PartialDate.month(2020, 1),
        state=Meeting.State.PLANNED,
        description="Konzept für die Bibliotheken gemeinsam mit den Bibliotheksmitarbeitern.",
    ),
    Session(
        key="Workshop Blühstreifen",
        body=WORKSHOP_BODY,
        title="Workshop Blühstreifen",
        when=PartialDate.month(2020, 1),
        state=Meeting.State.PLANNED,
        description="Gemeinsames Projekt der AG Bauhof: Blühstreifen und -flächen.",
    ),
    Session(
        key="5. Lenkungsgruppensitzung",
        body="Lenkungsgruppe",
        number=5,
        when=PartialDate.day(2020, 1, 14),
        location="Rathaus Großpösna",
        times=(_t(17), _t(19)),
        state=Meeting.State.PLANNED,
        agenda=(
            "Begrüßung und Protokoll der 4. Sitzung",
            "Ergebnisse der Strategiewerkstatt",
            "Themen der bisherigen AG Verwaltung: Bibliotheken, Fachkräfteakquise und -ausbildung",
            "Vorbereitung der Bürgerwerkstatt am 26.02.2020",
        ),
    ),
    Session(
        key="Bürgerwerkstatt",
        body="Bürgerwerkstatt",
        number=1,
        title="Bürgerwerkstatt",
        when=PartialDate.day(2020, 2, 26),
        times=(_t(18), _t(20, 30)),
        is_public=True,
        state=Meeting.State.PLANNED,
        description="Ort und Anmeldung werden mit der Einladung bekannt gegeben.",
    ),
)

# Open tasks of the outlook that no point of a session carries: (title, body, owner, due).
OUTLOOK_TASKS = (
    (
        "Abfrage zu Personal-Sharing und Ausbildung in den Kommunen",
        "Lenkungsgruppe",
        "person:coordinator",
        PartialDate.month(2020, 1),
    ),
    (
        "Planung und Einladung Bürgerwerkstatt am 26.02.2020",
        "Lenkungsgruppe",
        "person:coordinator",
        PartialDate.month(2020, 1),
    ),
    (
        "Konzepterstellung für Förderantrag Bibliothek",
        "Lenkungsgruppe",
        "person:coordinator",
        PartialDate.month(2020, 3),
    ),
    (
        "Vorschläge für Blühflächen in den Kommunen für den Workshop Blühstreifen sammeln",
        "AG Bauhof",
        "person:member",
        PartialDate.month(2020, 1),
    ),
)
