"""Projects and goals of the demo cooperation, true to the seed report of 19.12.2019.

From the seed: the projects named in the December minutes and their state ("Standesamt: keine
weitere Verfolgung … ggf. bilateral" → not pursued, decided in the 2. AG Verwaltung;
"Personal-Sharing nicht in einem Shared-Service-Center …" → still under assessment, decided
there; "Bibliothek: Konzepterstellung …, Workshop im Januar, ff.: Antrag Fördermittel bis
31.03.2020" → concept, with the workshop as a milestone and the funding application), the
fields of action, and the "TOP 5 der erarbeiteten Zielstellungen" of the Strategiewerkstatt.

Chosen here, not in the seed: the wording of the five goals (the seed does not list them), the
participation of the municipalities, the funding programme's name and funder, which projects
are public, and the October starts of projects first raised in the 1. AG Bauhof/Verwaltung.

Minutes points are found by their exact text in ``ikz.meetings.demo``; only points of kind
"Beschluss" or "nicht weiterverfolgt" are cited by stage changes, the others are linked as
references (they appear in the timeline). Writes go through the projects services.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ikz.cooperation.models import Cooperation
from ikz.dates import PartialDate
from ikz.meetings.models import Meeting, Point
from ikz.projects import services
from ikz.projects.models import FundingApplication, Participation, Stage

FIELDS = ("Bauhof", "Verwaltung", "Digitalisierung", "Fachkräfte", "Klima", "Kultur/Bibliothek")

P = Participation.Status
OCT_10, OCT_16 = dt.date(2019, 10, 10), dt.date(2019, 10, 16)
DEC_5, DEC_10 = dt.date(2019, 12, 5), dt.date(2019, 12, 10)

# Exact texts of points in ikz.meetings.demo (meeting key, text).
MASCHINENPARK = ("2. AG Bauhof", "fachliche Bewertung der Maschinenparkkooperation")
FREIWILLIGE = ("2. AG Bauhof", "Einsatz von Freiwilligendiensten")
STANDORTE = ("2. AG Bauhof", "Entwicklung der Bauhof-Standorte")
LEHRGANG = ("2. AG Bauhof", "Lehrgangsplanung")
DRECK_WEG = ("2. AG Bauhof", "Dreck-Weg-App")
GEMEINSAM = ("2. AG Bauhof", "gemeinsame Projekte:")
BLUEH = ("2. AG Bauhof", "Blühstreifen / -flächen")
KLIMA = (
    "2. AG Bauhof",
    "Klimaanpassungsstrategien (Gießmanagement, klimaangepasste Pflanzungen, Entsorgung von "
    "befallenen Todholz ...)",
)
THEMEN = ("AG Verwaltung 1", "Themen: Standesamt, Personal-Sharing, Bibliotheken, Digitalisierung")
STANDESAMT = (
    "2. AG Verwaltung",
    "Standesamt: keine weitere Verfolgung einer weiteren Kooperation im Projekt, ggf. bilateral",
)
COWORKING = ("2. AG Verwaltung", "Digitaler Wandel: Idee von Co-Working-Spaces im Partheland")
PERSONAL = (
    "2. AG Verwaltung",
    "Personal-Sharing nicht in einem Shared-Service-Center organisieren, sondern Suche nach "
    "anderer Lösung (z. B. einzelne Zweckvereinbarungen)",
)
STELLEN = (
    "2. AG Verwaltung",
    "Idee der gemeinsamen Plattform für Stellenausschreibungen & gemeinsame Ausbildung",
)
BIBLIOTHEK = (
    "2. AG Verwaltung",
    "Bibliothek: Konzepterstellung gemeinsam mit Bibliotheksmitarbeiter, Workshop im Januar, "
    "ff.: Antrag Fördermittel bis 31.03.2020",
)


@dataclass(frozen=True)
class Step:
    stage: str
    date: dt.date
    reason: str
    point: tuple[str, str] | None = None  # cited as the deciding point


@dataclass(frozen=True)
class Demo:
    title: str
    field: str
    description: str
    steps: tuple[Step, ...]  # the first is the initial stage
    lead_body: str = ""
    lead_municipality: str = ""
    is_public: bool = True
    references: tuple[tuple[str, str], ...] = ()
    tasks: tuple[str, ...] = ()  # refs keys "task:<title>"
    participation: tuple[tuple[str, str, dt.date | None, str], ...] = ()


BAUHOF_TOWNS = ("Belgershain", "Borsdorf", "Brandis", "Großpösna", "Naunhof")


def _all(status: str, date: dt.date, towns: tuple[str, ...] = BAUHOF_TOWNS) -> tuple[Any, ...]:
    return tuple((town, status, date, "") for town in towns)


PROJECTS = (
    Demo(
        title="Maschinenparkkooperation",
        field="Bauhof",
        description="Gemeinsame Nutzung von Fahrzeugen und Maschinen der Bauhöfe.",
        lead_body="AG Bauhof",
        lead_municipality="Borsdorf",
        steps=(
            Step(Stage.IDEA, OCT_10, "Thema der 1. AG Bauhof: Maschinenpark"),
            Step(Stage.ASSESSMENT, DEC_5, "fachliche Bewertung in der 2. AG Bauhof"),
        ),
        references=(MASCHINENPARK,),
        tasks=("task:Erfassung des Maschinenparks aller Bauhöfe",),
        participation=(
            *_all(P.PARTICIPATING, DEC_5, ("Borsdorf", "Brandis", "Großpösna", "Naunhof")),
            ("Belgershain", P.INTERESTED, DEC_5, "in der 2. AG Bauhof entschuldigt"),
        ),
    ),
    Demo(
        title="Freiwilligendienste",
        field="Bauhof",
        description="Einsatz von Freiwilligendiensten in den Bauhöfen (gutes Beispiel).",
        lead_body="AG Bauhof",
        steps=(Step(Stage.IDEA, DEC_5, "Übertragung guter Beispiele (2. AG Bauhof)"),),
        references=(FREIWILLIGE,),
    ),
    Demo(
        title="Bauhof-Standorte",
        field="Bauhof",
        description="Gemeinsame Entwicklung der Bauhof-Standorte.",
        lead_body="AG Bauhof",
        is_public=False,
        steps=(Step(Stage.IDEA, DEC_5, "Übertragung guter Beispiele (2. AG Bauhof)"),),
        references=(STANDORTE,),
    ),
    Demo(
        title="Lehrgangsplanung",
        field="Bauhof",
        description="Gemeinsame Planung von Lehrgängen für die Beschäftigten der Bauhöfe.",
        lead_body="AG Bauhof",
        is_public=False,
        steps=(Step(Stage.IDEA, DEC_5, "Übertragung guter Beispiele (2. AG Bauhof)"),),
        references=(LEHRGANG,),
    ),
    Demo(
        title="Dreck-Weg-App",
        field="Digitalisierung",
        description="Meldung wilder Müllablagerungen per App (gutes Beispiel).",
        lead_body="AG Bauhof",
        steps=(Step(Stage.IDEA, DEC_5, "Übertragung guter Beispiele (2. AG Bauhof)"),),
        references=(DRECK_WEG,),
    ),
    Demo(
        title="Blühstreifen / -flächen",
        field="Klima",
        description="Gemeinsames Projekt der Bauhöfe: Blühstreifen und Blühflächen anlegen.",
        lead_body="AG Bauhof",
        steps=(
            Step(
                Stage.ASSESSMENT,
                DEC_5,
                "als gemeinsames Projekt beschlossen; Workshop Blühstreifen im Januar 2020",
                GEMEINSAM,
            ),
        ),
        references=(GEMEINSAM, BLUEH),
        tasks=(
            "task:Vorschläge für Blühflächen in den Kommunen für den Workshop Blühstreifen sammeln",
        ),
        participation=_all(P.INTERESTED, DEC_5),
    ),
    Demo(
        title="Klimaanpassungsstrategien",
        field="Klima",
        description="Gießmanagement, klimaangepasste Pflanzungen, Entsorgung von befallenem "
        "Totholz.",
        lead_body="AG Bauhof",
        steps=(Step(Stage.ASSESSMENT, DEC_5, "als gemeinsames Projekt beschlossen", GEMEINSAM),),
        references=(GEMEINSAM, KLIMA),
        participation=_all(P.INTERESTED, DEC_5),
    ),
    Demo(
        title="Standesamt",
        field="Verwaltung",
        description="Kooperation der Standesämter.",
        lead_body="AG Verwaltung",
        is_public=False,
        steps=(
            Step(Stage.IDEA, OCT_16, "Themensammlung der 1. AG Verwaltung"),
            Step(
                Stage.NOT_PURSUED,
                DEC_10,
                "keine weitere Kooperation im Projekt, ggf. bilateral",
                STANDESAMT,
            ),
        ),
        references=(THEMEN, STANDESAMT),
        participation=(
            ("Brandis", P.INTERESTED, DEC_10, "ggf. bilateral"),
            ("Naunhof", P.INTERESTED, DEC_10, "ggf. bilateral"),
        ),
    ),
    Demo(
        title="Co-Working-Spaces",
        field="Digitalisierung",
        description="Co-Working-Spaces im Partheland (Digitaler Wandel).",
        lead_body="AG Verwaltung",
        steps=(Step(Stage.IDEA, DEC_10, "Idee aus der 2. AG Verwaltung"),),
        references=(COWORKING,),
    ),
    Demo(
        title="Personal-Sharing",
        field="Fachkräfte",
        description="Gemeinsame Nutzung von Personal: statt eines Shared-Service-Centers "
        "einzelne Zweckvereinbarungen.",
        lead_body="AG Verwaltung",
        is_public=False,
        steps=(
            Step(Stage.IDEA, OCT_16, "Themensammlung der 1. AG Verwaltung"),
            Step(
                Stage.ASSESSMENT,
                DEC_10,
                "kein Shared-Service-Center; Suche nach anderer Lösung, z. B. einzelne "
                "Zweckvereinbarungen",
                PERSONAL,
            ),
        ),
        references=(THEMEN, PERSONAL),
        tasks=(
            "task:Abfrage, welche Aufgaben für interkommunale Zusammenarbeit in den Kommunen "
            "in Frage kommen",
            "task:Abfrage zu Personal-Sharing und Ausbildung in den Kommunen",
        ),
        participation=_all(
            P.INTERESTED, DEC_10, ("Borsdorf", "Brandis", "Großpösna", "Naunhof", "Parthenstein")
        ),
    ),
    Demo(
        title="Gemeinsame Stellenplattform und Ausbildung",
        field="Fachkräfte",
        description="Gemeinsame Plattform für Stellenausschreibungen und gemeinsame Ausbildung.",
        lead_body="AG Verwaltung",
        is_public=False,
        steps=(Step(Stage.IDEA, DEC_10, "Idee aus der 2. AG Verwaltung"),),
        references=(STELLEN,),
    ),
    Demo(
        title="Bibliothek",
        field="Kultur/Bibliothek",
        description="Gemeinsames Konzept der Bibliotheken, erarbeitet mit den "
        "Bibliotheksmitarbeitern; Grundlage für einen Förderantrag.",
        lead_body="AG Verwaltung",
        lead_municipality="Naunhof",
        steps=(
            Step(Stage.ASSESSMENT, OCT_16, "Themensammlung der 1. AG Verwaltung: Bibliotheken"),
            Step(
                Stage.CONCEPT,
                DEC_10,
                "Konzepterstellung gemeinsam mit Bibliotheksmitarbeitern, Workshop im Januar, "
                "Förderantrag bis 31.03.2020",
                BIBLIOTHEK,
            ),
        ),
        references=(THEMEN, BIBLIOTHEK),
        tasks=("task:Konzepterstellung für Förderantrag Bibliothek",),
        participation=(
            ("Borsdorf", P.PARTICIPATING, DEC_10, ""),
            ("Brandis", P.PARTICIPATING, DEC_10, ""),
            ("Naunhof", P.PARTICIPATING, DEC_10, ""),
            ("Großpösna", P.INTERESTED, DEC_10, ""),
        ),
    ),
)

# Plausible wording: the seed names the TOP 5 but does not list them.
GOALS = (
    (
        "Verwaltungen gemeinsam leistungsfähig und bürgernah aufstellen",
        ("Personal-Sharing", "Standesamt", "Co-Working-Spaces"),
    ),
    (
        "Fachkräfte gemeinsam gewinnen, ausbilden und halten",
        ("Gemeinsame Stellenplattform und Ausbildung", "Personal-Sharing", "Lehrgangsplanung"),
    ),
    (
        "Bauhöfe vernetzen: Technik, Personal und Wissen teilen",
        ("Maschinenparkkooperation", "Bauhof-Standorte", "Freiwilligendienste"),
    ),
    (
        "Klimaanpassung und Artenvielfalt im Partheland voranbringen",
        ("Blühstreifen / -flächen", "Klimaanpassungsstrategien"),
    ),
    (
        "Digitale Angebote und Kultur für alle Generationen stärken",
        ("Bibliothek", "Dreck-Weg-App", "Co-Working-Spaces"),
    ),
)


def _point_finder(cooperation: Cooperation, refs: dict[str, Any]) -> Any:
    meetings: dict[str, Meeting | None] = {
        key: refs.get(f"meeting:{key}")
        for key in ("2. AG Bauhof", "2. AG Verwaltung", "Strategiewerkstatt")
    }
    meetings["AG Verwaltung 1"] = Meeting.objects.filter(
        cooperation=cooperation, body__name="AG Verwaltung", number=1
    ).first()
    cache: dict[tuple[str, str], Point | None] = {}

    def find(key: tuple[str, str]) -> Point | None:
        # Missing meetings or texts are skipped: the projects still load without the link.
        if key not in cache:
            meeting = meetings.get(key[0])
            cache[key] = (
                Point.objects.filter(meeting=meeting, text=key[1]).first() if meeting else None
            )
        return cache[key]

    return find


def load(*, cooperation: Cooperation, refs: dict[str, Any]) -> None:
    author = refs.get("user:coordinator")
    actor_id = author.pk if author else None
    fields = {name: services.field_save(cooperation=cooperation, name=name) for name in FIELDS}
    find = _point_finder(cooperation, refs)
    projects = {}
    for demo in PROJECTS:
        first, *rest = demo.steps
        project = services.project_create(
            cooperation=cooperation,
            fields={
                "title": demo.title,
                "description": demo.description,
                "field": fields[demo.field],
                "lead_body": refs.get(f"body:{demo.lead_body}"),
                "lead_municipality": refs.get(f"municipality:{demo.lead_municipality}"),
                "contact_person": refs.get("person:coordinator"),
                "is_public": demo.is_public,
            },
            stage=first.stage,
            date=first.date,
            actor_id=actor_id,
            reason=first.reason,
            point=find(first.point) if first.point else None,
        )
        for step in rest:
            services.project_change_stage(
                project=project,
                to_stage=step.stage,
                date=step.date,
                actor_id=actor_id,
                reason=step.reason,
                point=find(step.point) if step.point else None,
            )
        for key in demo.references:
            point = find(key)
            if point is not None:
                services.link_point_to_project(point=point, project=project, actor_id=actor_id)
        for task_key in demo.tasks:
            if task_key in refs:
                services.link_task_to_project(task=refs[task_key], project=project)
        for town, status, date, note in demo.participation:
            services.participation_set(
                project=project,
                municipality=refs[f"municipality:{town}"],
                status=status,
                date=date,
                note=note,
            )
        projects[demo.title] = project
        refs[f"project:{demo.title}"] = project
    _library(cooperation, projects["Bibliothek"], projects["Blühstreifen / -flächen"])
    strategy = refs.get("meeting:Strategiewerkstatt")
    for rank, (title, linked) in enumerate(GOALS, start=1):
        refs[f"goal:{rank}"] = services.goal_save(
            cooperation=cooperation,
            title=title,
            rank=rank,
            set_in_meeting=strategy,
            projects=[projects[name] for name in linked],
            actor_id=actor_id,
        )


def _library(cooperation: Cooperation, library: Any, flowers: Any) -> None:
    services.milestone_save(
        project=library, title="Workshop Bibliothek", when=PartialDate.month(2020, 1)
    )
    # The application deadline itself is the FundingApplication's (no second milestone for it).
    programme = services.funding_programme_save(
        cooperation=cooperation,
        name="Förderung öffentlicher Bibliotheken",
        funder="Freistaat Sachsen",
    )
    services.funding_application_save(
        project=library,
        programme=programme,
        deadline=PartialDate.day(2020, 3, 31),
        amount_applied=Decimal("25000.00"),
        state=FundingApplication.State.PLANNED,
    )
    services.milestone_save(
        project=flowers, title="Workshop Blühstreifen", when=PartialDate.month(2020, 1)
    )
