"""Questionnaires shipped with the software, as plain data (see services.survey_from_builtin)."""

from __future__ import annotations

from typing import Any

MACHINE_COLUMNS = [
    {"key": "anzahl", "label": "Anzahl", "kind": "number", "unit": "Stück"},
    {"key": "baujahr", "label": "Baujahr (ältestes)", "kind": "number", "unit": ""},
    {"key": "stunden", "label": "Betriebsstunden je Jahr", "kind": "number", "unit": "h"},
]
MACHINE_ROWS = [
    "Kommunalfahrzeug (z. B. Multicar)",
    "Traktor",
    "Radlader",
    "Kehrmaschine",
    "Großflächenmäher",
    "Winterdienstfahrzeug mit Streuer",
    "Transporter / Pritsche",
]


def _n(key: str, text: str, unit: str, low: int, high: int, **extra: Any) -> dict[str, Any]:
    return {"key": key, "text": text, "kind": "number", "unit": unit, "min": low, "max": high} | (
        extra
    )


BAUHOF_KPI: dict[str, Any] = {
    "title": "Kennzahlenabfrage Bauhof",
    "description": (
        "Vergleich der Bauhöfe im Verbund: Personal, Fuhrpark und Maschinen, zu betreuende "
        "Straßen und Grünflächen, Winterdienst und Kosten. Stichtag ist der 31.12. des "
        "Vorjahres; Kosten bitte als Jahreswerte in Euro."
    ),
    "sections": [
        {
            "title": "Personal",
            "questions": [
                _n("beschaeftigte", "Anzahl Beschäftigte Bauhof", "Personen", 0, 500),
                _n("vollzeit", "Vollzeitäquivalente Bauhof", "VZÄ", 0, 500),
                _n("auszubildende", "Auszubildende im Bauhof", "Personen", 0, 50, required=False),
            ],
        },
        {
            "title": "Fuhrpark und Maschinen",
            "questions": [
                {
                    "key": "maschinen",
                    "text": "Fahrzeuge und Maschinen",
                    "kind": "table",
                    "help_text": "Je Maschinenart: Anzahl, Baujahr der ältesten, Einsatzstunden.",
                    "required": False,
                    "rows": MACHINE_ROWS,
                    "columns": MACHINE_COLUMNS,
                },
                {
                    "key": "maschinen_teilen",
                    "text": "Wären Sie bereit, Maschinen mit anderen Kommunen zu teilen?",
                    "kind": "yes_no",
                },
                {
                    "key": "bedarf_maschinen",
                    "text": "Für welche Maschinen hätten Sie Bedarf an gemeinsamer Nutzung?",
                    "kind": "multiple_choice",
                    "required": False,
                    "choices": [
                        "Kehrmaschine",
                        "Großflächenmäher",
                        "Hubsteiger",
                        "Baumpflegetechnik",
                        "Winterdiensttechnik",
                    ],
                },
            ],
        },
        {
            "title": "Straßen und Grünflächen",
            "questions": [
                _n("strassen_km", "Straßennetz in km", "km", 0, 2000),
                _n("gruenflaechen_ha", "Zu pflegende Grünflächen", "ha", 0, 5000),
                _n("strassenbaeume", "Straßenbäume", "Stück", 0, 100000, required=False),
            ],
        },
        {
            "title": "Winterdienst",
            "questions": [
                _n("winterdienst_km", "Im Winterdienst betreute Strecke", "km", 0, 2000),
                {
                    "key": "winterdienst_art",
                    "text": "Wie wird der Winterdienst erbracht?",
                    "kind": "single_choice",
                    "choices": [
                        "vollständig durch den Bauhof",
                        "teilweise an Firmen vergeben",
                        "vollständig an Firmen vergeben",
                    ],
                },
            ],
        },
        {
            "title": "Kosten",
            "questions": [
                _n("kosten_personal", "Personalkosten Bauhof", "€", 0, 50_000_000),
                _n("kosten_winterdienst", "Kosten Winterdienst", "€", 0, 10_000_000),
                _n("kosten_gruenpflege", "Kosten Grünpflege", "€", 0, 10_000_000),
                {
                    "key": "anmerkungen",
                    "text": "Anmerkungen",
                    "kind": "long_text",
                    "required": False,
                },
            ],
        },
    ],
    "indicators": [
        {
            "key": "winterdienst_je_km",
            "name": "Kosten Winterdienst je km Straße",
            "formula": "kosten_winterdienst / strassen_km",
            "unit": "€/km",
        },
        {
            "key": "strasse_je_vzae",
            "name": "Straßennetz je Vollzeitäquivalent",
            "formula": "strassen_km / vollzeit",
            "unit": "km/VZÄ",
        },
        {
            "key": "personal_je_ew",
            "name": "Personalkosten Bauhof je Einwohner",
            "formula": "kosten_personal / einwohner",
            "unit": "€/EW",
        },
    ],
}

STAFF_SHARING: dict[str, Any] = {
    "title": "Abfrage zu Personal-Sharing und Ausbildung in den Kommunen",
    "description": (
        "Welche Aufgaben kommen für eine interkommunale Zusammenarbeit in Frage, und wie "
        "bilden die Kommunen heute aus? Grundlage für die Suche nach Lösungen jenseits eines "
        "Shared-Service-Centers (z. B. einzelne Zweckvereinbarungen)."
    ),
    "sections": [
        {
            "title": "Personal-Sharing",
            "questions": [
                {
                    "key": "aufgaben_ikz",
                    "text": "Welche Aufgaben kommen für eine Zusammenarbeit in Frage?",
                    "kind": "multiple_choice",
                    "choices": [
                        "Standesamt",
                        "Bibliothek",
                        "Personalverwaltung und Lohnabrechnung",
                        "Vergabestelle",
                        "IT und Digitalisierung",
                        "Kasse und Vollstreckung",
                        "Gewerbeamt",
                    ],
                },
                {
                    "key": "sharing_rolle",
                    "text": "Wie würde sich Ihre Kommune beteiligen?",
                    "kind": "single_choice",
                    "choices": [
                        "als abgebende Kommune",
                        "als aufnehmende Kommune",
                        "beides",
                        "derzeit nicht",
                    ],
                },
                _n(
                    "offene_stellen",
                    "Derzeit unbesetzte Stellen in der Verwaltung",
                    "Stellen",
                    0,
                    200,
                ),
            ],
        },
        {
            "title": "Ausbildung",
            "questions": [
                _n("azubis_verwaltung", "Auszubildende in der Verwaltung", "Personen", 0, 100),
                {
                    "key": "ausbildungsberufe",
                    "text": "In welchen Berufen bilden Sie aus?",
                    "kind": "short_text",
                    "required": False,
                },
                {
                    "key": "gemeinsame_ausbildung",
                    "text": "Interesse an gemeinsamer Ausbildung im Verbund?",
                    "kind": "yes_no",
                },
                {
                    "key": "stellenplattform",
                    "text": "Interesse an einer gemeinsamen Plattform für Stellenausschreibungen?",
                    "kind": "yes_no",
                },
                {
                    "key": "hinweise",
                    "text": "Hinweise und Ideen",
                    "kind": "long_text",
                    "required": False,
                },
            ],
        },
    ],
    "indicators": [],
}

BUILTIN_TEMPLATES: dict[str, dict[str, Any]] = {
    "bauhof": BAUHOF_KPI,
    "personal": STAFF_SHARING,
}
