"""The activity feed stores events (type + data) and writes the text when it is shown."""

from __future__ import annotations

import importlib
from pathlib import Path

from django.utils import translation

from ikz.activity.models import ActivityEntry
from ikz.cooperation import services as cooperation_services
from ikz.meetings.models import Meeting
from tests.conftest import World, client_for
from tests.meetings.factories import meeting
from tests.test_i18n import english_catalogue  # noqa: F401  (fixture)

migration = importlib.import_module("ikz.activity.migrations.0002_structured_events")


def test_an_entry_stores_type_and_data_not_a_sentence(world: World) -> None:
    cooperation_services.municipality_delete(
        municipality=world.other_municipality, actor_id=world.coordinator.pk
    )
    entry = ActivityEntry.objects.get(kind="cooperation.municipality_deleted")
    assert entry.data == {"name": "A-Dorf"}
    assert entry.summary == ""
    with translation.override("de"):
        assert entry.text == "Kommune „A-Dorf“ gelöscht"


def test_the_text_follows_the_readers_language(world: World, english_catalogue: Path) -> None:  # noqa: F811
    cooperation_services.municipality_delete(
        municipality=world.other_municipality, actor_id=world.coordinator.pk
    )
    client = client_for(world.coordinator)
    german = client.get(f"/{world.cooperation.slug}/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    english = client.get(f"/{world.cooperation.slug}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Kommune „A-Dorf“ gelöscht" in german
    assert "Municipality “A-Dorf” deleted" in english


def test_a_state_is_stored_as_its_code_and_shown_with_its_label(world: World) -> None:
    from ikz.meetings import services

    session = meeting(body=world.member_body)
    services.meeting_set_state(meeting=session, state=Meeting.State.HELD)
    entry = ActivityEntry.objects.get(kind="meetings.meeting_state")
    assert entry.data["state"] == "held"
    with translation.override("de"):
        assert entry.text == f"Sitzung „{session.heading}“: durchgeführt"


def test_old_sentences_are_parsed_into_events() -> None:
    # A literal table of sentences as the code before this change wrote them.
    cases = {
        "Kommune „Borsdorf“ gelöscht": (
            "cooperation.municipality_deleted",
            {"name": "Borsdorf"},
        ),
        "Statusbericht 01/2020 gelöscht": (
            "reports.report_deleted",
            {"label": "Statusbericht 01/2020"},
        ),
        "Sitzung „5. Lenkungsgruppensitzung“: Protokoll veröffentlicht": (
            "meetings.meeting_state",
            {"heading": "5. Lenkungsgruppensitzung", "state": "minutes_published"},
        ),
        "Vorhaben „Bauhof“: Idee → Prüfung": (
            "projects.project_stage",
            {"title": "Bauhof", "current": "idea", "target": "assessment"},
        ),
        "Einladung zu „5. Lenkungsgruppensitzung“ an 7 Personen versendet": (
            "meetings.invitation_sent",
            {"heading": "5. Lenkungsgruppensitzung", "count": 7},
        ),
        "Umfrage „Winterdienst“ versendet, Frist 31.01.2020": (
            "surveys.survey_opened",
            {"title": "Winterdienst", "deadline": "2020-01-31"},
        ),
        "Anna Beispiel in „Lenkungsgruppe“ (Vorsitz)": (
            "cooperation.membership_saved",
            {"person": "Anna Beispiel", "body": "Lenkungsgruppe", "role": "chair"},
        ),
    }
    for sentence, expected in cases.items():
        assert migration.parse(sentence) == expected, sentence
    assert migration.parse("Etwas ganz anderes") is None


def test_migrated_entries_read_as_before(world: World) -> None:
    from django.apps import apps

    entry = ActivityEntry.objects.create(
        cooperation=world.cooperation, summary="Vorhaben „Bauhof“: Idee → Prüfung"
    )
    unknown = ActivityEntry.objects.create(cooperation=world.cooperation, summary="Altbestand")
    migration.forwards(apps, None)
    entry.refresh_from_db()
    unknown.refresh_from_db()
    assert entry.kind == "projects.project_stage"
    assert entry.summary == ""
    with translation.override("de"):
        assert entry.text == "Vorhaben „Bauhof“: Idee → Prüfung"
        assert unknown.text == "Altbestand"
