"""The facts of the seed report (Statusbericht Dezember, 19.12.2019) the demo must reproduce."""

from __future__ import annotations

TITLE_BLOCK = [
    "Steuerung und Begleitung des Kooperationsprozesses einer interkommunalen Zusammenarbeit "
    "in der Region „Partheland“",
    "Statusbericht Dezember",
    "19.12.2019",
    "beratungsraum Kommunal- und Unternehmensberatung GmbH",
    "Projektstatus im Monat Dezember 2019",
]

MEETINGS = [
    "05.12.2019 — 2. AG Bauhof in Borsdorf",
    "10.12.2019 — 2. AG Verwaltung in Großpösna",
    "18.12.2019 — Strategiewerkstatt in Großpösna",
]

# (depth, text) in seed order, meeting by meeting.
POINTS = {
    MEETINGS[0]: [
        (0, "fachliche Bewertung der Maschinenparkkooperation"),
        (0, "Übertragung guter Beispiele:"),
        (1, "Einsatz von Freiwilligendiensten"),
        (1, "Entwicklung der Bauhof-Standorte"),
        (1, "Lehrgangsplanung"),
        (1, "Dreck-Weg-App"),
        (0, "gemeinsame Projekte:"),
        (1, "Blühstreifen / -flächen"),
        (
            1,
            "Klimaanpassungsstrategien (Gießmanagement, klimaangepasste Pflanzungen, Entsorgung "
            "von befallenen Todholz ...)",
        ),
    ],
    MEETINGS[1]: [
        (0, "Auswertung der Kennzahlenabfrage"),
        (
            0,
            "Standesamt: keine weitere Verfolgung einer weiteren Kooperation im Projekt, "
            "ggf. bilateral",
        ),
        (0, "Digitaler Wandel: Idee von Co-Working-Spaces im Partheland"),
        (
            0,
            "Personal-Sharing nicht in einem Shared-Service-Center organisieren, sondern Suche "
            "nach anderer Lösung (z. B. einzelne Zweckvereinbarungen)",
        ),
        (
            1,
            "Abfrage, welche Aufgaben für interkommunale Zusammenarbeit in den Kommunen in Frage "
            "kommen",
        ),
        (0, "Idee der gemeinsamen Plattform für Stellenausschreibungen & gemeinsame Ausbildung"),
        (
            0,
            "Bibliothek: Konzepterstellung gemeinsam mit Bibliotheksmitarbeiter, Workshop im "
            "Januar, ff.: Antrag Fördermittel bis 31.03.2020",
        ),
    ],
    MEETINGS[2]: [
        (0, "Erarbeitung eines gemeinsamen strategischen Rahmens für das Partheland"),
        (0, "Teilnehmer: Bürgermeister, Fachbereichsleiter, Gemeinde- und Stadträte"),
        (0, "TOP 5 der erarbeiteten Zielstellungen:"),
        (0, "weitere Informationen unter: https://partheland.de/strategischer-rahmen/"),
    ],
}

BODIES = [
    "AG Bauhof: Konzentration auf konkrete Projekte und Kooperationen in den kommunalen Standorten",
    "AG Verwaltung: Konkretisierung der Maßnahmen zu Bibliotheken und Fachkräfteakquise und "
    "-ausbildung, Verfahrensvorschläge",
    "ab 01/2020: Übergang AG Verwaltung in Lenkungsgruppe",
    "Strategiewerkstatt: Erarbeitung eines strategischen Rahmens für die Zusammenarbeit im "
    "Partheland mit Stadt- und Gemeinderäten; Arbeitsgrundlage Bürgerwerkstatt im Februar 2020",
]

OUTLOOK = [
    "01/2020: Workshop Bibliothek",
    "Konzepterstellung für Förderantrag",
    "01/2020: Workshop Blühstreifen",
    "14.01.2020: 5. Lenkungsgruppensitzung in Großpösna",
    "01/2020: Planung und Einladung Bürgerwerkstatt am 26.02.2020",
    "Abfrage zu Personal-Sharing und Ausbildung in den Kommunen",
]


def all_texts() -> list[str]:
    points = [text for block in POINTS.values() for _, text in block]
    return [*TITLE_BLOCK, *MEETINGS, *points, *BODIES, *OUTLOOK]
