"""Finding German word forms and transliterations, filters, the index kept in step with
writes (same transaction), and the search page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection, transaction

from ikz.dates import PartialDate
from ikz.meetings import services as meeting_services
from ikz.meetings.models import Meeting
from ikz.projects.models import Project
from ikz.search.models import SearchEntry
from ikz.search.selectors import Filters, search
from tests.conftest import World, client_for
from tests.meetings.factories import meeting, points, published
from tests.projects.helpers import project
from tests.search.helpers import access_of


def texts(world: World, text: str, role: str = "coordinator", **filters: object) -> set[str]:
    results = search(access=access_of(world, role), text=text, filters=Filters(**filters))  # type: ignore[arg-type]
    return {r.hit.text or r.hit.title for g in results.groups for r in g.results}


@pytest.fixture
def minutes(world: World) -> Meeting:
    session = published(body=world.public_body, is_public=True, title="Bürgerforum")
    points(
        session,
        "Der Bauhof in Großpösna übernimmt den Winterdienst.",
        "Die Gemeinden prüfen eine gemeinsame Beschaffung.",
        "Straßenbeleuchtung wird auf LED umgestellt.",
    )
    return session


@pytest.mark.parametrize(
    ("query", "finds"),
    [
        ("Grosspoesna", "Der Bauhof in Großpösna übernimmt den Winterdienst."),
        ("Grosspösna", "Der Bauhof in Großpösna übernimmt den Winterdienst."),
        ("GROSSPÖSNA", "Der Bauhof in Großpösna übernimmt den Winterdienst."),
        ("Bauhöfe", "Der Bauhof in Großpösna übernimmt den Winterdienst."),  # plural
        ("Bauhofs", "Der Bauhof in Großpösna übernimmt den Winterdienst."),  # genitive
        ("Gemeinde", "Die Gemeinden prüfen eine gemeinsame Beschaffung."),  # singular
        ("pruefen", "Die Gemeinden prüfen eine gemeinsame Beschaffung."),
        ("Strassenbeleuchtung", "Straßenbeleuchtung wird auf LED umgestellt."),
        ("strassen", "Straßenbeleuchtung wird auf LED umgestellt."),  # prefix of a compound
    ],
)
def test_word_forms_and_transliterations(
    world: World, minutes: Meeting, query: str, finds: str
) -> None:
    assert finds in texts(world, query, role="anonymous")


def test_all_words_must_match(world: World, minutes: Meeting) -> None:
    assert texts(world, "Bauhof Winterdienst") == {
        "Der Bauhof in Großpösna übernimmt den Winterdienst."
    }
    assert texts(world, "Bauhof Beschaffung") == set()


def test_query_syntax_is_just_words(world: World, minutes: Meeting) -> None:
    for junk in ['"Bauhof', "Bauhof*", "NEAR(Bauhof)", "-Bauhof", "Bauhof:*", "Bau'hof", "a & !b"]:
        search(access=access_of(world, "anonymous"), text=junk)  # no database error
    assert texts(world, '"Bauhof" AND*') == set()  # "and" is a word that is not there


def test_hits_carry_context_and_highlights(world: World, minutes: Meeting) -> None:
    results = search(access=access_of(world, "anonymous"), text="Grosspoesna")
    (group,) = [g for g in results.groups if g.kind == "point"]
    (result,) = group.results
    assert result.hit.context == ["Bürgerforum", "05.12.2019", world.public_body.name]
    assert result.excerpt == ("Der Bauhof in <mark>Großpösna</mark> übernimmt den Winterdienst.")
    assert result.hit.url.endswith(
        f"/sitzungen/{minutes.pk}/#point-{result.hit.url.rsplit('-', 1)[1]}"
    )


def test_hit_urls_name_the_slug_and_the_object_even_when_the_slug_holds_digits(
    world: World, minutes: Meeting
) -> None:
    # The hits fill each id into a URL reversed once with a stand-in id (987654321): a slug
    # holding those digits must stay as it is.
    world.cooperation.slug = "verband-987654321"
    world.cooperation.save()
    (point,) = [p for p in minutes.points.all() if "Großpösna" in p.text]
    project(cooperation=world.cooperation, title="Bauhof Großpösna", is_public=True)
    results = search(access=access_of(world, "anonymous"), text="Grosspoesna")
    urls = {g.kind: (g.results[0].hit.url, g.results[0].hit.portal_url) for g in results.groups}
    assert urls["point"] == (
        f"/verband-987654321/sitzungen/{minutes.pk}/#point-{point.pk}",
        f"/verband-987654321/portal/sitzungen/{minutes.pk}/#point-{point.pk}",
    )
    (found,) = Project.objects.filter(title="Bauhof Großpösna")
    assert urls["project"] == (
        f"/verband-987654321/vorhaben/{found.pk}/",
        f"/verband-987654321/portal/vorhaben/{found.pk}/",
    )


def test_filters_by_body_kind_and_period(world: World, minutes: Meeting) -> None:
    later = published(body=world.member_body, title="Bauhofrunde", when=PartialDate.day(2020, 3, 2))
    points(later, "Der Bauhof bekommt einen Radlader.")
    everything = texts(world, "Bauhof")
    assert {
        "Der Bauhof in Großpösna übernimmt den Winterdienst.",
        "Der Bauhof bekommt einen Radlader.",
    } <= everything
    by_body = texts(world, "Bauhof", body_id=world.member_body.pk)
    assert by_body == {"Der Bauhof bekommt einen Radlader.", "Bauhofrunde"}  # point, meeting
    in_2019 = texts(world, "Bauhof", start=dt.date(2019, 12, 1), end=dt.date(2019, 12, 31))
    assert in_2019 == {"Der Bauhof in Großpösna übernimmt den Winterdienst."}
    only_meetings = search(
        access=access_of(world, "coordinator"), text="Bauhof", filters=Filters(kind="meeting")
    )
    assert [g.kind for g in only_meetings.groups] == ["meeting"]
    assert [r.hit.title for r in only_meetings.groups[0].results] == ["Bauhofrunde"]


def test_index_follows_writes_in_the_same_transaction(world: World) -> None:
    session = published(body=world.public_body, is_public=True)
    with transaction.atomic():
        point = meeting_services.point_add(meeting=session, text="Neuer Kreisverkehr")
        assert texts(world, "Kreisverkehr") == {"Neuer Kreisverkehr"}
        meeting_services.point_update(point=point, text="Neue Ampel")
        assert texts(world, "Kreisverkehr") == set()
        assert texts(world, "Ampel") == {"Neue Ampel"}
        transaction.set_rollback(True)
    # Rolled back together with the point.
    assert not SearchEntry.objects.filter(kind="point").exists()
    assert texts(world, "Ampel") == set()


def test_deleting_removes_points_meetings_and_agenda(world: World) -> None:
    session = meeting(body=world.public_body, is_public=True, title="Sondersitzung")
    (point,) = points(session, "Punkt zum Zauberwort")
    meeting_services.agenda_item_add(meeting=session, title="Zauberwort auf der Tagesordnung")
    assert SearchEntry.objects.filter(meeting_id=session.pk).count() == 3
    meeting_services.point_delete(point=point)
    assert SearchEntry.objects.filter(meeting_id=session.pk).count() == 2
    meeting_id = session.pk
    meeting_services.meeting_delete(meeting=session)  # cascades to the agenda
    assert not SearchEntry.objects.filter(meeting_id=meeting_id).exists()
    assert texts(world, "Zauberwort") == set()


def test_moving_a_meeting_moves_its_points_in_the_filters(world: World) -> None:
    session = published(body=world.public_body, is_public=True)
    points(session, "Radweg nach Naunhof")
    meeting_services.meeting_update(
        meeting=session, fields={"body": world.member_body, "when": PartialDate.day(2020, 5, 4)}
    )
    assert texts(world, "Radweg", body_id=world.member_body.pk) == {"Radweg nach Naunhof"}
    assert texts(world, "Radweg", body_id=world.public_body.pk) == set()
    assert texts(world, "Radweg", start=dt.date(2020, 5, 1), end=dt.date(2020, 5, 31)) == {
        "Radweg nach Naunhof"
    }


def test_renaming_a_body_reindexes_its_meetings(world: World) -> None:
    meeting(body=world.public_body, is_public=True)
    from ikz.cooperation import services as cooperation_services

    cooperation_services.body_save(
        cooperation=world.cooperation,
        body=world.public_body,
        fields={"name": "Zukunftswerkstatt", "kind": world.public_body.kind, "is_public": True},
    )
    assert any("Zukunftswerkstatt" in t or t == "" for t in texts(world, "Zukunftswerkstatt"))
    assert search(access=access_of(world, "anonymous"), text="Zukunftswerkstatt").total == 1


def test_rebuild_gives_the_same_index(world: World, minutes: Meeting) -> None:
    from ikz.search.indexing import rebuild

    before = sorted(SearchEntry.objects.values_list("kind", "object_id", "terms", "body_id"))
    assert rebuild(cooperation_ids=[world.cooperation.pk]) == len(before)
    after = sorted(SearchEntry.objects.values_list("kind", "object_id", "terms", "body_id"))
    assert after == before


def test_search_page(world: World, minutes: Meeting) -> None:
    url = f"/{world.cooperation.slug}/suche/"
    html = client_for(world.member).get(url, {"q": "Grosspoesna"}).content.decode()
    assert "<mark>Großpösna</mark>" in html
    assert "1 Treffer" in html or "Ein Treffer" in html
    header = client_for(world.member).get(f"/{world.cooperation.slug}/").content.decode()
    assert f'action="{url}"' in header  # the search box in the header


def test_search_page_bad_input_is_a_german_message(world: World) -> None:
    url = f"/{world.cooperation.slug}/suche/"
    client = client_for(world.coordinator)
    response = client.get(url, {"q": "x", "von": "gestern", "art": "geheim", "gremium": "abc"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "ist kein Datum" in html
    response = client.get(url, {"q": "Bauhof", "von": "01/2020", "bis": "12/2019"})
    assert response.status_code == 400
    assert "„bis“ liegt vor „von“." in response.content.decode()
    short = client.get(url, {"q": "a"})
    assert short.status_code == 200
    assert "mindestens ein Wort mit zwei Buchstaben" in short.content.decode()


def test_portal_search_is_public_even_for_the_coordinator(world: World) -> None:
    from tests.search.helpers import populate

    populate(world)
    url = f"/{world.cooperation.slug}/portal/suche/"
    html = client_for(world.coordinator).get(url, {"q": "Zauberwort"}).content.decode()
    assert "Radweg" in html
    assert "öffentlich" in html
    secrets = ("Bibliothek", "Fremdpunkt", "Mitgliederpunkt", "darunter", "Vorbereitung", "Greta")
    for secret in secrets:
        assert secret not in html, secret
    assert 'value="task"' not in html  # kinds the public never sees are not offered
    assert client_for(None).get(url, {"q": "x", "art": "person"}).status_code == 400


def test_search_index_command(world: World, minutes: Meeting) -> None:
    from django.core.management import CommandError, call_command

    SearchEntry.objects.all().delete()
    assert texts(world, "Grosspoesna") == set()
    call_command("search_index", cooperation=world.cooperation.slug)
    assert texts(world, "Grosspoesna") == {"Der Bauhof in Großpösna übernimmt den Winterdienst."}
    with pytest.raises(CommandError, match="Keine Kooperation"):
        call_command("search_index", cooperation="gibt-es-nicht")


def test_a_stem_finds_every_word_it_begins_whether_looked_up_or_left_to_fts5(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = published(body=world.public_body, is_public=True, title="Bürgerforum")
    points(
        session,
        "Der Bauhof räumt.",
        "Die Bauhofleitung plant.",
        "Bauhöfe teilen Geräte.",
        "Der Baumschnitt folgt.",
    )
    expected = {"Der Bauhof räumt.", "Die Bauhofleitung plant.", "Bauhöfe teilen Geräte."}
    assert texts(world, "Bauhof", role="anonymous") == expected
    # More terms than MAX_TERMS: the stem stays an FTS5 prefix; the same rows.
    monkeypatch.setattr("ikz.search.selectors.MAX_TERMS", 1)
    assert texts(world, "Bauhof", role="anonymous") == expected
    assert texts(world, "Baum", role="anonymous") == {"Der Baumschnitt folgt."}


def test_a_word_that_is_nowhere_in_the_index_costs_one_query(
    world: World, minutes: Meeting, django_assert_num_queries: object
) -> None:
    access = access_of(world, "coordinator")
    if connection.vendor != "sqlite":  # the terms are looked up on SQLite only (docs/search.md)
        assert search(access=access, text="Bauhof Xylophon").groups == []
        return
    with django_assert_num_queries(1):  # type: ignore[operator]
        results = search(access=access, text="Bauhof Xylophon")
    assert results.groups == []


def test_the_window_counts_the_newest_matches_and_says_there_are_more(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("ikz.search.selectors.WINDOW", 3)
    for day in (1, 2, 3, 4, 5):
        # Written one after the other: the later, the newer in the index.
        session = published(body=world.public_body, is_public=True, title=f"Forum {day}")
        points(session, f"Winterdienst Nummer {day}")
    results = search(access=access_of(world, "anonymous"), text="Winterdienst")
    (group,) = [g for g in results.groups if g.kind == "point"]
    assert (group.count, group.capped) == (3, True)
    assert {r.hit.text for r in group.results} == {
        "Winterdienst Nummer 3",
        "Winterdienst Nummer 4",
        "Winterdienst Nummer 5",
    }
