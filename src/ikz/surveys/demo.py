"""Demo surveys: the AG Bauhof's Kennzahlenabfrage (answered by all seven municipalities,
closed and evaluated) and the open survey on staff sharing and training, due 31.01.2020.

The Kennzahlenabfrage's evaluation is linked to the agenda of the 2. AG Verwaltung (seed:
"10.12.2019 2. AG Verwaltung: Auswertung der Kennzahlenabfrage") and to the machine-pool
project of ``ikz.projects.demo``, which runs before this module (surveys sit above projects).

The figures are invented but plausible for building yards of towns of 3,000 to 10,000
inhabitants; they are not the real answers of these municipalities.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Model

from ikz.cooperation.models import Cooperation
from ikz.meetings.models import AgendaItem
from ikz.surveys import services
from ikz.surveys.models import Question, Response, Survey

BERLIN = ZoneInfo("Europe/Berlin")


def _fix_times(survey: Survey, opened: dt.datetime, submitted: dt.datetime) -> None:
    """Historic, fixed times instead of "now": the demo looks the same every time it loads."""
    Survey.objects.filter(pk=survey.pk).update(opened_at=opened)
    Response.objects.filter(survey=survey, status=Response.Status.SUBMITTED).update(
        submitted_at=submitted
    )


# staff, FTE, trainees, road km, green ha, trees, winter km, personnel €, winter €, green €,
# share machines, winter service, machines wanted
BAUHOF = {
    "Belgershain": (5, 4.5, 0, 38.5, 14, 650, 30, 205_000, 41_000, 52_000, True, 0, ["Hubsteiger"]),
    "Borsdorf": (
        11,
        10.0,
        1,
        52.3,
        31,
        1_480,
        47,
        452_000,
        96_000,
        118_000,
        True,
        0,
        ["Kehrmaschine", "Hubsteiger"],
    ),
    "Brandis": (
        14,
        13.5,
        2,
        96.8,
        46,
        2_150,
        81,
        598_000,
        172_000,
        151_000,
        True,
        1,
        ["Großflächenmäher"],
    ),
    "Großpösna": (9, 8.0, 1, 71.2, 58, 1_720, 62, 371_000, 118_000, 164_000, False, 0, []),
    "Machern": (
        8,
        7.5,
        0,
        64.9,
        27,
        1_190,
        55,
        322_000,
        101_000,
        88_000,
        True,
        1,
        ["Baumpflegetechnik", "Hubsteiger"],
    ),
    "Naunhof": (
        13,
        12.0,
        1,
        88.4,
        39,
        2_030,
        70,
        545_000,
        149_000,
        127_000,
        True,
        0,
        ["Kehrmaschine", "Winterdiensttechnik"],
    ),
    "Parthenstein": (
        5,
        5.0,
        0,
        47.6,
        12,
        540,
        41,
        214_000,
        69_000,
        43_000,
        True,
        2,
        ["Kehrmaschine", "Großflächenmäher"],
    ),
}
# per municipality: machine type index → (count, oldest year, hours per year)
MACHINES = {
    "Belgershain": {0: (1, 2011, 640), 1: (1, 2004, 380), 5: (1, 2011, 120)},
    "Borsdorf": {
        0: (2, 2009, 1250),
        1: (1, 2012, 520),
        2: (1, 2015, 410),
        4: (1, 2018, 300),
        5: (2, 2009, 210),
        6: (2, 2016, 900),
    },
    "Brandis": {
        0: (3, 2008, 1420),
        1: (2, 2006, 610),
        2: (1, 2013, 480),
        3: (1, 2017, 350),
        4: (1, 2016, 420),
        5: (3, 2008, 260),
        6: (2, 2014, 980),
    },
    "Großpösna": {
        0: (2, 2013, 1110),
        1: (1, 2010, 450),
        4: (2, 2019, 520),
        5: (1, 2013, 180),
        6: (1, 2017, 700),
    },
    "Machern": {0: (2, 2010, 990), 1: (1, 2001, 300), 2: (1, 2012, 350), 5: (1, 2010, 190)},
    "Naunhof": {
        0: (3, 2011, 1320),
        1: (1, 2014, 580),
        2: (1, 2009, 430),
        3: (1, 2015, 310),
        5: (2, 2011, 240),
        6: (2, 2018, 860),
    },
    "Parthenstein": {0: (1, 2007, 720), 1: (1, 1998, 410), 5: (1, 2007, 150)},
}
WINTER = [
    "vollständig durch den Bauhof",
    "teilweise an Firmen vergeben",
    "vollständig an Firmen vergeben",
]
NOTES = {
    "Borsdorf": "Kehrmaschine ist ausgelastet; Interesse an gemeinsamer Beschaffung eines "
    "Hubsteigers.",
    "Parthenstein": "Winterdienst auf Kreisstraßen durch Nachbarbauhof.",
}
STAFF_SHARING = {
    "Naunhof": (
        "submitted",
        ["Standesamt", "Bibliothek", "Vergabestelle"],
        "beides",
        2,
        3,
        "Verwaltungsfachangestellte",
        True,
        True,
    ),
    "Großpösna": (
        "submitted",
        ["Bibliothek", "IT und Digitalisierung"],
        "als aufnehmende Kommune",
        1,
        2,
        "Verwaltungsfachangestellte",
        True,
        True,
    ),
    "Belgershain": (
        "submitted",
        ["Personalverwaltung und Lohnabrechnung", "Kasse und Vollstreckung"],
        "als aufnehmende Kommune",
        1,
        0,
        "",
        True,
        False,
    ),
    "Brandis": (
        "draft",
        ["Standesamt", "Gewerbeamt"],
        "als abgebende Kommune",
        3,
        None,
        "",
        None,
        True,
    ),
    "Parthenstein": (
        "draft",
        ["Personalverwaltung und Lohnabrechnung"],
        None,
        None,
        None,
        "",
        None,
        None,
    ),
}


def _answers(survey: Survey, values: dict[str, Any]) -> dict[str, Any]:
    keys = dict(Question.objects.filter(survey=survey).values_list("key", "pk"))
    return {str(keys[key]): value for key, value in values.items() if value is not None}


def _bauhof_survey(cooperation: Cooperation, refs: dict[str, Any]) -> Survey:
    survey = services.survey_from_builtin(
        cooperation=cooperation,
        key="bauhof",
        fields={
            "title": "Kennzahlenabfrage Bauhof 2019",
            "deadline": dt.date(2019, 11, 22),
            "body": refs["body:AG Bauhof"],
            "evaluation_visibility": Survey.Visibility.ANONYMISED,
        },
    )
    survey = services.survey_open(survey=survey)
    for name, row in BAUHOF.items():
        (
            staff,
            fte,
            trainees,
            km,
            green,
            trees,
            winter_km,
            personnel,
            winter,
            green_cost,
            share,
            winter_kind,
            wanted,
        ) = row
        machines = {
            str(index): {"anzahl": count, "baujahr": year, "stunden": hours}
            for index, (count, year, hours) in MACHINES[name].items()
        }
        values = {
            "beschaeftigte": staff,
            "vollzeit": fte,
            "auszubildende": trainees,
            "maschinen": machines,
            "maschinen_teilen": share,
            "bedarf_maschinen": wanted,
            "strassen_km": km,
            "gruenflaechen_ha": green,
            "strassenbaeume": trees,
            "winterdienst_km": winter_km,
            "winterdienst_art": WINTER[winter_kind],
            "kosten_personal": personnel,
            "kosten_winterdienst": winter,
            "kosten_gruenpflege": green_cost,
            "anmerkungen": NOTES.get(name),
        }
        person: Model | None = refs.get(f"person:bauhof:{name}")
        services.response_save(
            survey=survey,
            municipality=refs[f"municipality:{name}"],
            data=_answers(survey, values),
            version=None,
            submit=True,
            actor_id=getattr(person, "user_id", None),
        )
    _fix_times(
        survey,
        dt.datetime(2019, 10, 21, 9, tzinfo=BERLIN),
        dt.datetime(2019, 11, 20, 15, tzinfo=BERLIN),
    )
    survey = services.survey_close(survey=survey)
    # _fix_times wrote the dates past this instance: later saves must not undo them.
    survey.refresh_from_db()
    return survey


def _staff_sharing_survey(cooperation: Cooperation, refs: dict[str, Any]) -> Survey:
    survey = services.survey_from_builtin(
        cooperation=cooperation,
        key="personal",
        fields={
            "deadline": dt.date(2020, 1, 31),
            "body": refs["body:AG Verwaltung"],
            "evaluation_visibility": Survey.Visibility.MEMBERS,
        },
    )
    survey = services.survey_open(survey=survey)
    for name, row in STAFF_SHARING.items():
        state, tasks, role, vacancies, trainees, jobs, joint, platform = row
        values = {
            "aufgaben_ikz": tasks,
            "sharing_rolle": role,
            "offene_stellen": vacancies,
            "azubis_verwaltung": trainees,
            "ausbildungsberufe": jobs or None,
            "gemeinsame_ausbildung": joint,
            "stellenplattform": platform,
        }
        services.response_save(
            survey=survey,
            municipality=refs[f"municipality:{name}"],
            data=_answers(survey, values),
            version=None,
            submit=state == "submitted",
        )
    _fix_times(
        survey,
        dt.datetime(2019, 12, 16, 10, tzinfo=BERLIN),
        dt.datetime(2020, 1, 8, 11, tzinfo=BERLIN),
    )
    survey.refresh_from_db()
    return survey


# The seed: "10.12.2019 2. AG Verwaltung: Auswertung der Kennzahlenabfrage". The meeting's
# minutes are published, so its existing agenda item is linked instead of a new one added.
EVALUATION_AGENDA = ("2. AG Verwaltung", "Ergebnisse der Kennzahlenabfrage")


def _evaluation_on_agenda(survey: Survey, refs: dict[str, Any]) -> None:
    meeting_key, title = EVALUATION_AGENDA
    meeting = refs.get(f"meeting:{meeting_key}")
    item = AgendaItem.objects.filter(meeting=meeting, title=title).first() if meeting else None
    if meeting is not None and item is not None:
        services.attach_evaluation_to_agenda(survey=survey, meeting=meeting, item=item)


def _project_link(cooperation: Cooperation, survey: Survey, refs: dict[str, Any]) -> None:
    """The Kennzahlenabfrage Bauhof supplies the machine-pool project with figures."""
    project = refs.get("project:Maschinenparkkooperation")
    if project is None:
        return
    author = refs.get("user:coordinator")
    services.survey_save(
        cooperation=cooperation,
        survey=survey,
        fields={"project": project},
        actor_id=author.pk if author else None,
    )


def load(*, cooperation: Cooperation, refs: dict[str, Any]) -> None:
    refs["survey:bauhof"] = _bauhof_survey(cooperation, refs)
    refs["survey:personal"] = _staff_sharing_survey(cooperation, refs)
    _evaluation_on_agenda(refs["survey:bauhof"], refs)
    _project_link(cooperation, refs["survey:bauhof"], refs)
