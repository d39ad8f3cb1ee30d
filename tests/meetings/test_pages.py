"""The meetings and task pages end to end through Django's test client (German output)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from ikz.cooperation.models import Location
from ikz.dates import PartialDate
from ikz.meetings import services
from ikz.meetings.models import AgendaItem, Attendance, Meeting, Point, Task
from tests.conftest import World, client_for
from tests.markup import squash
from tests.meetings.factories import meeting, published

HTMX: dict[str, Any] = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def coordinator(world: World) -> Client:
    return client_for(world.coordinator)


def url(world: World, path: str = "") -> str:
    return f"/{world.cooperation.slug}/{path}"


def test_list_groups_by_german_month_and_prints_dates_the_german_way(
    world: World, coordinator: Client
) -> None:
    meeting(body=world.member_body, when=PartialDate.day(2019, 12, 5), start_time=dt.time(14))
    meeting(body=world.member_body, when=PartialDate.day(2019, 11, 7), title="Auftakt")
    meeting(body=world.member_body, when=PartialDate.month(2020, 1), title="Workshop Bibliothek")
    html = coordinator.get(url(world, "sitzungen/?zeit=alle&jahr=2019")).content.decode()
    assert html.index("November 2019") < html.index("Dezember 2019")
    assert "05.12.2019, 14:00 Uhr" in squash(html)
    assert "Workshop Bibliothek" not in html  # another year: a link to 2020 instead
    assert '<a class="kern-link" href="?zeit=alle&amp;jahr=2020">2020</a>' in squash(html)
    html = coordinator.get(url(world, "sitzungen/?zeit=alle&jahr=2020")).content.decode()
    assert "01/2020" in html
    assert "Workshop Bibliothek" in html
    assert "Auftakt" not in html


def test_past_meetings_are_listed_one_year_at_a_time(world: World, coordinator: Client) -> None:
    """The past list renders one year's rows, however long the history: newest year first."""
    for year in (2017, 2018, 2019):
        for month in range(1, 13):
            meeting(body=world.member_body, when=PartialDate.day(year, month, 10))
    meeting(body=world.member_body, when=PartialDate.day(2999, 5, 1), title="Zukunft")
    html = coordinator.get(url(world, "sitzungen/?zeit=vergangen")).content.decode()
    assert html.count('<th scope="row"') == 12  # the rows of 2019 only
    assert "10.12.2019" in html
    assert "10.12.2018" not in html
    assert '<span class="kern-body kern-body--bold" aria-current="page">2019</span>' in squash(html)
    for older_year in ("2018", "2017"):
        assert f'href="?zeit=vergangen&amp;jahr={older_year}"' in html
    older = coordinator.get(url(world, "sitzungen/?zeit=vergangen&jahr=2017")).content.decode()
    assert "10.01.2017" in older
    assert "10.01.2019" not in older
    unknown = coordinator.get(url(world, "sitzungen/?zeit=vergangen&jahr=1900")).content.decode()
    assert "10.12.2019" in unknown  # a year without meetings falls back to the newest


def test_upcoming_and_past_and_body_filter(world: World, coordinator: Client) -> None:
    meeting(body=world.member_body, when=PartialDate.day(2999, 5, 1), title="Zukunft")
    meeting(body=world.internal_body, when=PartialDate.day(2000, 5, 1), title="Vergangenheit")
    upcoming = coordinator.get(url(world, "sitzungen/")).content.decode()
    assert "Zukunft" in upcoming
    assert "Vergangenheit" not in upcoming
    past = coordinator.get(url(world, "sitzungen/?zeit=vergangen")).content.decode()
    assert "Vergangenheit" in past
    assert "Zukunft" not in past
    filtered = coordinator.get(url(world, f"sitzungen/?zeit=alle&gremium={world.member_body.pk}"))
    assert "Vergangenheit" not in filtered.content.decode()


def test_calendar_month_view(world: World, coordinator: Client) -> None:
    meeting(body=world.member_body, when=PartialDate.day(2019, 12, 18), title="Strategiewerkstatt")
    meeting(
        body=world.member_body, when=PartialDate.month(2019, 12), title="Irgendwann im Dezember"
    )
    html = coordinator.get(url(world, "sitzungen/kalender/?monat=2019-12")).content.decode()
    assert "Sitzungen im Dezember 2019" in html
    assert "Strategiewerkstatt" in html
    assert "Im Dezember 2019, Tag noch offen" in html
    assert "?monat=2019-11" in html
    assert "?monat=2020-01" in html
    assert coordinator.get(url(world, "sitzungen/kalender/?monat=2019-13")).status_code == 200


def test_create_form_prefills_next_number_and_saves_month_dates(
    world: World, coordinator: Client
) -> None:
    meeting(body=world.member_body)
    form = coordinator.get(url(world, f"sitzungen/neu/?gremium={world.member_body.pk}"))
    assert 'name="number" value="2"' in form.content.decode()
    field = coordinator.get(url(world, f"sitzungen/nummer/?body={world.internal_body.pk}"))
    assert 'value="1"' in field.content.decode()
    assert 'id="id_number"' in field.content.decode()
    response = coordinator.post(
        url(world, "sitzungen/neu/"),
        {"body": world.member_body.pk, "number": "", "when": "01/2020", "title": "Workshop"},
    )
    assert response.status_code == 302
    created = Meeting.objects.get(title="Workshop")
    assert (created.number, str(created.when)) == (2, "01/2020")


def test_create_form_keeps_input_on_errors(world: World, coordinator: Client) -> None:
    meeting(body=world.member_body)
    response = coordinator.post(
        url(world, "sitzungen/neu/"),
        {"body": world.member_body.pk, "number": "1", "when": "01/2020", "start_time": "14:00"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "genauen Tag" in html
    assert 'value="01/2020"' in html
    response = coordinator.post(
        url(world, "sitzungen/neu/"),
        {"body": world.member_body.pk, "number": "1", "when": "05.12.2019", "title": "Doppelt"},
    )
    assert response.status_code == 400
    assert "bereits vergeben" in response.content.decode()
    assert 'value="Doppelt"' in response.content.decode()
    assert Meeting.objects.count() == 1


def test_edit_bumps_sequence_and_state_buttons(world: World, coordinator: Client) -> None:
    created = meeting(body=world.member_body)
    location = Location.objects.create(
        cooperation=world.cooperation, name="Rathaus", municipality=world.municipality
    )
    coordinator.post(
        url(world, f"sitzungen/{created.pk}/bearbeiten/"),
        {"body": world.member_body.pk, "number": 1, "when": "05.12.2019", "location": location.pk},
    )
    created.refresh_from_db()
    assert (created.location, created.sequence) == (location, 1)
    page = coordinator.get(url(world, f"sitzungen/{created.pk}/")).content.decode()
    assert f"Rathaus ({world.municipality.name})" in squash(page)
    assert 'data-state="invited"' in page
    coordinator.post(url(world, f"sitzungen/{created.pk}/status/"), {"state": "held"})
    coordinator.post(url(world, f"sitzungen/{created.pk}/status/"), {"state": "planned"})
    created.refresh_from_db()
    assert created.state == Meeting.State.HELD  # held → planned is refused
    refused = coordinator.get(url(world, f"sitzungen/{created.pk}/")).content.decode()
    assert "kann nicht auf" in refused


def test_agenda_pages(world: World, coordinator: Client) -> None:
    created = meeting(body=world.member_body)
    base = url(world, f"sitzungen/{created.pk}/tagesordnung/")
    coordinator.post(base + "neu/", {"title": "Begrüßung", "duration_minutes": "10"})
    coordinator.post(base + "neu/", {"title": "Maschinenpark"})
    first, second = AgendaItem.objects.order_by("position")
    coordinator.post(base + f"{second.pk}/einruecken/")
    html = coordinator.get(url(world, f"sitzungen/{created.pk}/")).content.decode()
    assert "TOP 1.1" in html
    assert "10 Min." in squash(html)
    coordinator.post(base + f"{second.pk}/bearbeiten/", {"title": "Maschinenparkkooperation"})
    coordinator.post(base + f"{first.pk}/loeschen/")
    assert not AgendaItem.objects.exists()  # the sub-item went with its parent
    assert coordinator.post(base + f"{first.pk}/hoch/").status_code == 404


def test_carry_over_button(world: World, coordinator: Client) -> None:
    december = meeting(body=world.member_body, when=PartialDate.day(2019, 12, 5))
    services.point_add(
        meeting=december, text="Abfrage", kind=Point.Kind.TASK, due=PartialDate.month(2020, 1)
    )
    january = meeting(body=world.member_body, when=PartialDate.day(2020, 1, 14))
    for _ in range(2):
        response = coordinator.post(
            url(world, f"sitzungen/{january.pk}/wiedervorlage/"), follow=True
        )
    assert "Keine offenen Aufgaben zur Wiedervorlage" in response.content.decode()
    assert AgendaItem.objects.filter(meeting=january, carried_over_from__isnull=False).count() == 1


def test_attendance_page_and_municipalities_represented(world: World, coordinator: Client) -> None:
    created = published(body=world.public_body, is_public=True)
    page = url(world, f"sitzungen/{created.pk}/teilnahme/")
    assert coordinator.get(page).status_code == 200
    coordinator.post(
        page,
        {
            f"person_{world.member_person.pk}": "present",
            f"person_{world.coordinator_person.pk}": "excused",
        },
    )
    assert dict(created.attendances.values_list("person_id", "status")) == {
        world.member_person.pk: Attendance.Status.PRESENT,
        world.coordinator_person.pk: Attendance.Status.EXCUSED,
    }
    coordinator.post(page, {f"person_{world.member_person.pk}": "present"})
    assert created.attendances.count() == 1
    public = client_for(None).get(url(world, f"sitzungen/{created.pk}/")).content.decode()
    assert f"Vertretene Kommunen:</strong> {world.municipality.name}" in squash(public)
    assert world.member_person.family_name not in public  # names only for members
    member = client_for(world.member).get(url(world, f"sitzungen/{created.pk}/")).content.decode()
    assert world.member_person.family_name in member


def test_task_list_filters_and_overdue_flag(world: World, coordinator: Client) -> None:
    services.task_create(
        cooperation=world.cooperation,
        body=world.member_body,
        title="Alt und offen",
        due=PartialDate.month(2019, 12),
        owner=world.municipality,
    )
    services.task_create(
        cooperation=world.cooperation,
        body=world.internal_body,
        title="Künftig",
        due=PartialDate.day(2999, 1, 1),
    )
    html = coordinator.get(url(world, "aufgaben/")).content.decode()
    assert "2 Aufgaben" in html
    assert html.count("überfällig</span>") == 1
    overdue = coordinator.get(url(world, "aufgaben/?ueberfaellig=1")).content.decode()
    assert "Alt und offen" in overdue
    assert "Künftig" not in overdue
    owner = coordinator.get(
        url(world, f"aufgaben/?verantwortlich=municipality:{world.municipality.pk}")
    )
    assert "Künftig" not in owner.content.decode()
    body = coordinator.get(url(world, f"aufgaben/?gremium={world.internal_body.pk}"))
    assert "Alt und offen" not in body.content.decode()


def test_task_state_by_htmx_returns_the_row(world: World, coordinator: Client) -> None:
    task = services.task_create(cooperation=world.cooperation, body=world.member_body, title="Tun")
    response = coordinator.post(
        url(world, f"aufgaben/{task.pk}/status/"), {"state": "done"}, **HTMX
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert squash(html).startswith(f'<tr class="kern-table__row" id="task-{task.pk}"')
    assert "erledigt" in html  # the row, read-only, in its new state
    task.refresh_from_db()
    assert task.state == Task.State.DONE
    # Its edit row now offers to open it again.
    edit_row = coordinator.get(url(world, f"aufgaben/{task.pk}/bearbeiten/"), **HTMX)
    assert "Wieder öffnen" in edit_row.content.decode()
    bad = coordinator.post(url(world, f"aufgaben/{task.pk}/status/"), {"state": "x"}, **HTMX)
    assert bad.status_code == 422
    assert "Unbekannter Status" in bad.content.decode()


def test_task_move_page(world: World, coordinator: Client) -> None:
    task = services.task_create(
        cooperation=world.cooperation, body=world.member_body, title="Weiter"
    )
    page = url(world, f"aufgaben/{task.pk}/uebergeben/")
    refused = coordinator.post(page, {"body": world.internal_body.pk})
    assert refused.status_code == 400
    assert "keine anstehende Sitzung" in refused.content.decode()
    target = meeting(body=world.internal_body, when=PartialDate.day(2999, 1, 1))
    assert target.heading in coordinator.get(page).content.decode()
    response = coordinator.post(page, {"body": world.internal_body.pk, "next": "/evil.example/"})
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.follow_up_meeting == target


def test_my_tasks_for_a_member(world: World) -> None:
    services.task_create(
        cooperation=world.cooperation,
        body=world.internal_body,
        title="Meine",
        owner=world.member_person,
    )
    services.task_create(cooperation=world.cooperation, body=world.member_body, title="Gremium")
    html = client_for(world.member).get(url(world, "aufgaben/meine/")).content.decode()
    assert "Meine" in html
    assert "Gremium</th>" not in html
    everything = client_for(world.member).get(url(world, "aufgaben/")).content.decode()
    assert "Gremium" in everything
    assert "Erledigt" not in everything  # members read, the coordination acts


def test_task_edit_and_create_pages(world: World, coordinator: Client) -> None:
    response = coordinator.post(
        url(world, "aufgaben/neu/"),
        {
            "title": "Planung Bürgerwerkstatt",
            "body": world.member_body.pk,
            "due_date": "01/2020",
            "owner": "",
        },
    )
    assert response.status_code == 302
    task = Task.objects.get()
    assert str(task.due_date) == "01/2020"
    coordinator.post(
        url(world, f"aufgaben/{task.pk}/bearbeiten/"),
        {
            "title": "Planung und Einladung Bürgerwerkstatt",
            "due_date": "31.01.2020",
            "owner": f"body:{world.public_body.pk}",
        },
    )
    task.refresh_from_db()
    assert (task.title, str(task.due_date), task.owner) == (
        "Planung und Einladung Bürgerwerkstatt",
        "31.01.2020",
        world.public_body,
    )


def test_meeting_list_shows_the_past_when_nothing_is_upcoming(
    world: World, coordinator_client: Client
) -> None:
    meeting(body=world.member_body)  # 05.12.2019, long past
    url = f"/{world.cooperation.slug}/sitzungen/"

    default = coordinator_client.get(url).content.decode()
    assert "Keine anstehenden Sitzungen – angezeigt werden die vergangenen." in default
    assert "Dezember 2019" in default

    explicit = coordinator_client.get(url, {"zeit": "kommend"}).content.decode()
    assert "Keine anstehenden Sitzungen." in explicit
    assert "Dezember 2019" not in explicit
