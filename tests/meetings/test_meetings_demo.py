"""The demo's meetings reproduce the seed report (status report of 19.12.2019) exactly."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from ikz.accounts.access import Access, Level
from ikz.accounts.models import User
from ikz.cooperation.access import access_for
from ikz.cooperation.models import Body, Cooperation
from ikz.cooperation.services import body_delete
from ikz.demo.loader import DemoResult, load_demo
from ikz.meetings import ical, selectors
from ikz.meetings.models import AgendaItem, Attendance, Meeting, Point, Task

# Copied verbatim from the seed (shared/seed/000_ce1aa28728f48fab.txt), "Projektstatus im
# Monat Dezember 2019" up to the Strategiewerkstatt's last point.
SEED_DECEMBER = """
05.12.2019

2. AG Bauhof in Borsdorf:

- fachliche Bewertung der Maschinenparkkooperation
- Übertragung guter Beispiele:
 - Einsatz von Freiwilligendiensten
 - Entwicklung der Bauhof-Standorte
 - Lehrgangsplanung
 - Dreck-Weg-App
- gemeinsame Projekte:
 - Blühstreifen / -flächen
 - Klimaanpassungsstrategien (Gießmanagement, klimaangepasste Pflanzungen, Entsorgung von befallenen Todholz ...)

10.12.2019

2. AG Verwaltung in Großpösna:

- Auswertung der Kennzahlenabfrage
- Standesamt: keine weitere Verfolgung einer weiteren Kooperation im Projekt, ggf. bilateral
- Digitaler Wandel: Idee von Co-Working-Spaces im Partheland
- Personal-Sharing nicht in einem Shared-Service-Center organisieren, sondern Suche nach anderer Lösung (z. B. einzelne Zweckvereinbarungen)
 - Abfrage, welche Aufgaben für interkommunale Zusammenarbeit in den Kommunen in Frage kommen
- Idee der gemeinsamen Plattform für Stellenausschreibungen & gemeinsame Ausbildung
- Bibliothek: Konzepterstellung gemeinsam mit Bibliotheksmitarbeiter, Workshop im Januar, ff.: Antrag Fördermittel bis 31.03.2020

18.12.2019

Strategiewerkstatt in Großpösna:

- Erarbeitung eines gemeinsamen strategischen Rahmens für das Partheland
- Teilnehmer: Bürgermeister, Fachbereichsleiter, Gemeinde- und Stadträte
- TOP 5 der erarbeiteten Zielstellungen:



- weitere Informationen unter: <https://partheland.de/strategischer-rahmen/>
"""  # noqa: E501

# The kinds are the demo's reading of the seed (the seed itself has none).
KINDS = {
    "fachliche Bewertung der Maschinenparkkooperation": "assessment",
    "Übertragung guter Beispiele:": "information",
    "Einsatz von Freiwilligendiensten": "good_practice",
    "Entwicklung der Bauhof-Standorte": "good_practice",
    "Lehrgangsplanung": "good_practice",
    "Dreck-Weg-App": "good_practice",
    "gemeinsame Projekte:": "decision",
    "Blühstreifen / -flächen": "information",
    "Auswertung der Kennzahlenabfrage": "assessment",
    "Digitaler Wandel: Idee von Co-Working-Spaces im Partheland": "idea",
    "Idee der gemeinsamen Plattform für Stellenausschreibungen & gemeinsame Ausbildung": "idea",
    "TOP 5 der erarbeiteten Zielstellungen:": "assessment",
}
KIND_PREFIXES = {
    "Klimaanpassungsstrategien": "information",
    "Standesamt:": "not_pursued",
    "Personal-Sharing nicht": "decision",
    "Abfrage, welche Aufgaben": "task",
    "Bibliothek:": "decision",
    "Erarbeitung eines": "information",
    "Teilnehmer:": "information",
    "weitere Informationen": "information",
}

Tree = list[tuple[str, "Tree"]]


def parse_seed(text: str) -> list[dict[str, Any]]:
    """The sessions of the seed: date, heading, host and the nested points."""
    sessions: list[dict[str, Any]] = []
    date = ""
    for line in text.splitlines():
        if re.fullmatch(r"\d\d\.\d\d\.\d{4}", line):
            date = line
        elif match := re.fullmatch(r"(.+) in (.+):", line):
            sessions.append({"date": date, "heading": match[1], "host": match[2], "points": []})
        elif match := re.fullmatch(r"( *)- (.+)", line):
            depth = len(match[1])
            text_ = re.sub(r"<(https?://[^>]+)>", r"\1", match[2])  # Markdown autolink
            siblings: Tree = sessions[-1]["points"]
            for _ in range(depth):
                siblings = siblings[-1][1]
            siblings.append((text_, []))
    return sessions


def tree_of(meeting: Meeting) -> Tree:
    points = list(Point.objects.filter(meeting=meeting))
    by_parent: dict[int | None, list[Point]] = {}
    for point in points:
        by_parent.setdefault(point.parent_id, []).append(point)

    def build(parent_id: int | None) -> Tree:
        children = sorted(by_parent.get(parent_id, []), key=lambda p: p.position)
        assert [p.position for p in children] == list(range(len(children)))
        return [(p.text, build(p.pk)) for p in children]

    assert all(p.agenda_item_id is None for p in points)
    return build(None)


def expected_kind(text: str) -> str:
    if text in KINDS:
        return KINDS[text]
    return next(kind for prefix, kind in KIND_PREFIXES.items() if text.startswith(prefix))


@pytest.fixture
def demo(shared_demo: DemoResult) -> Cooperation:
    return shared_demo.cooperation


def meeting(cooperation: Cooperation, heading: str) -> Meeting:
    (found,) = [
        m
        for m in Meeting.objects.filter(cooperation=cooperation).select_related(
            "body", "location__municipality"
        )
        if m.heading == heading
    ]
    return found


def test_seed_parser_reads_three_sessions() -> None:
    sessions = parse_seed(SEED_DECEMBER)
    assert [s["heading"] for s in sessions] == [
        "2. AG Bauhof",
        "2. AG Verwaltung",
        "Strategiewerkstatt",
    ]
    assert len(sessions[0]["points"][1][1]) == 4


class TestTheDemoMeetings:
    """One demo for the class (conftest ``shared_demo``); each test in its own savepoint."""

    def test_december_sessions_exactly_as_in_the_seed(self, demo: Cooperation) -> None:
        for session in parse_seed(SEED_DECEMBER):
            found = meeting(demo, session["heading"])
            assert str(found.when) == session["date"]
            assert found.location is not None
            assert found.location.municipality is not None
            assert found.location.municipality.name == session["host"]
            assert found.state == Meeting.State.MINUTES_PUBLISHED
            assert tree_of(found) == session["points"]

    def test_every_point_has_its_kind(self, demo: Cooperation) -> None:
        for session in parse_seed(SEED_DECEMBER):
            found = meeting(demo, session["heading"])
            for point in Point.objects.filter(meeting=found):
                assert point.kind == expected_kind(point.text), point.text

    def test_numbers_and_headings(self, demo: Cooperation) -> None:
        meetings = Meeting.objects.filter(cooperation=demo).select_related("body")
        by_body: dict[str, list[int]] = {}
        for m in meetings:
            by_body.setdefault(m.body.name, []).append(m.number)
        assert sorted(by_body["Lenkungsgruppe"]) == [1, 2, 3, 4, 5]
        assert sorted(by_body["AG Bauhof"]) == [1, 2]
        assert sorted(by_body["AG Verwaltung"]) == [1, 2]
        headings = {m.heading for m in meetings}
        assert {
            "1. Lenkungsgruppensitzung",
            "4. Lenkungsgruppensitzung",
            "5. Lenkungsgruppensitzung",
            "1. AG Bauhof",
            "1. AG Verwaltung",
        } <= headings

    def test_planned_meetings_of_the_outlook(self, demo: Cooperation) -> None:
        steering = meeting(demo, "5. Lenkungsgruppensitzung")
        assert str(steering.when) == "14.01.2020"
        assert steering.location is not None
        assert steering.location.municipality is not None
        assert steering.location.municipality.name == "Großpösna"
        assert steering.state == Meeting.State.PLANNED
        for title in ("Workshop Bibliothek", "Workshop Blühstreifen"):
            workshop = meeting(demo, title)
            assert str(workshop.when) == "01/2020"
            assert workshop.state == Meeting.State.PLANNED
            assert not ical.in_calendar(workshop)
        citizens = meeting(demo, "Bürgerwerkstatt")
        assert str(citizens.when) == "26.02.2020"
        assert citizens.is_public

    def test_open_tasks_of_the_outlook(self, demo: Cooperation) -> None:
        tasks = {t.title: t for t in Task.objects.filter(cooperation=demo).select_related("body")}
        for title in (
            "Abfrage zu Personal-Sharing und Ausbildung in den Kommunen",
            "Planung und Einladung Bürgerwerkstatt am 26.02.2020",
            "Abfrage, welche Aufgaben für interkommunale Zusammenarbeit in den Kommunen "
            "in Frage kommen",
        ):
            assert tasks[title].state == Task.State.OPEN
            assert str(tasks[title].due_date) == "01/2020"
        assert tasks["Konzepterstellung für Förderantrag Bibliothek"].state == Task.State.OPEN
        assert sum(t.state == Task.State.DONE for t in tasks.values()) == 3
        assert all(t.completed_on for t in tasks.values() if t.state == Task.State.DONE)

    def test_verwaltung_task_moved_to_the_steering_group(self, demo: Cooperation) -> None:
        """ "ab 01/2020: Übergang AG Verwaltung in Lenkungsgruppe": its task follows it there."""
        task = Task.objects.get(cooperation=demo, title__startswith="Abfrage, welche Aufgaben")
        steering = meeting(demo, "5. Lenkungsgruppensitzung")
        assert task.body.name == "Lenkungsgruppe"
        assert task.follow_up_meeting == steering
        carried = AgendaItem.objects.filter(meeting=steering, carried_over_from__isnull=False)
        assert task.pk in {item.carried_over_from_id for item in carried}
        decision = Point.objects.get(meeting__cooperation=demo, text__startswith="ab 01/2020")
        assert decision.text == "ab 01/2020: Übergang AG Verwaltung in Lenkungsgruppe"
        assert decision.kind == Point.Kind.DECISION

    def test_strategiewerkstatt_attendance(self, demo: Cooperation) -> None:
        workshop = meeting(demo, "Strategiewerkstatt")
        present = Attendance.objects.filter(
            meeting=workshop, status=Attendance.Status.PRESENT
        ).select_related("person")
        functions = {a.person.function for a in present}
        assert {"Bürgermeister", "Bürgermeisterin"} <= functions
        assert {"Gemeinderätin", "Stadtrat"} <= functions
        assert any(f.startswith("Hauptamtsleiter") for f in functions)
        assert present.count() >= 12

    def test_visibility_of_the_demo(self, demo: Cooperation) -> None:
        public = Access(cooperation=demo, level=Level.PUBLIC)
        visible = {m.heading for m in selectors.visible_meetings(access=public)}
        assert visible == {"Strategiewerkstatt", "Bürgerwerkstatt"}
        member = access_for(user=User.objects.get(username="mitglied"), cooperation=demo)
        member_sees = {m.heading for m in selectors.visible_meetings(access=member)}
        assert "2. AG Bauhof" in member_sees
        assert "2. AG Verwaltung" not in member_sees

    def test_demo_calendar_feed(self, demo: Cooperation) -> None:
        meetings = (
            Meeting.objects.filter(cooperation=demo)
            .select_related("body", "cooperation", "location__municipality")
            .prefetch_related("agenda_items")
        )
        data = ical.calendar_for(meetings, name="Demo", site_url="https://ikz.example")
        assert b"SUMMARY:5. Lenkungsgruppensitzung" in data
        assert b"DTSTART;TZID=Europe/Berlin:20200114T170000" in data
        assert b"Workshop Bibliothek" not in data
        assert dt.date(2019, 12, 5).strftime("%Y%m%d").encode() in data

    def test_demo_reset_deletes_meetings_with_the_cooperation(self, demo: Cooperation) -> None:
        """Meeting.body and Task.body are RESTRICT: the cooperation can go, a body alone cannot."""
        body = Body.objects.get(cooperation=demo, name="AG Bauhof")
        with pytest.raises(ValidationError, match="hat Sitzungen oder Aufgaben"):
            body_delete(body=body)
        assert Meeting.objects.filter(body=body).exists()
        second = load_demo(reset=True).cooperation
        assert not Meeting.objects.filter(cooperation_id=demo.pk).exists()
        assert Meeting.objects.filter(cooperation=second).count() == 13
