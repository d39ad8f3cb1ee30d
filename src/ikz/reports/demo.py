"""Demo data of the reports app: where each body stood in December 2019 (from the seed report).

The texts are the seed's "Stand der Gremien"; the transition of the AG Verwaltung into the
Lenkungsgruppe is not text here: it follows from the body's ``merged_into`` and ``active_until``.
"""

from __future__ import annotations

from typing import Any

from ikz.cooperation.models import Cooperation
from ikz.cooperation.services import body_set_status

STATUS_TEXTS = {
    "AG Bauhof": (
        "Konzentration auf konkrete Projekte und Kooperationen in den kommunalen Standorten"
    ),
    "AG Verwaltung": (
        "Konkretisierung der Maßnahmen zu Bibliotheken und Fachkräfteakquise und -ausbildung, "
        "Verfahrensvorschläge"
    ),
    "Strategiewerkstatt": (
        "Erarbeitung eines strategischen Rahmens für die Zusammenarbeit im Partheland mit Stadt- "
        "und Gemeinderäten; Arbeitsgrundlage Bürgerwerkstatt im Februar 2020"
    ),
}


def load(*, cooperation: Cooperation, refs: dict[str, Any]) -> None:  # noqa: ARG001 - the demo loader protocol
    for name, text in STATUS_TEXTS.items():
        body_set_status(body=refs[f"body:{name}"], text=text)
