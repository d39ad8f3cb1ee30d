"""Pages per role, the participation matrix, deadlines with a fixed clock, query counts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ikz.accounts.access import Access, Level
from ikz.dates import PartialDate
from ikz.meetings import services as meeting_services
from ikz.meetings.models import Point
from ikz.projects import selectors, services
from ikz.projects.models import Participation, Project, Stage, StageChange
from ikz.projects.selectors import listing
from tests.conftest import World, client_for
from tests.meetings.factories import points, published
from tests.projects.helpers import CREATED, DAY, move_to, project


def url(world: World, name: str, *args: object) -> str:
    return reverse(f"projects:{name}", args=[world.cooperation.slug, *args])


def access(world: World, level: Level) -> Access:
    return Access(cooperation=world.cooperation, level=level)


@pytest.fixture
def two(world: World) -> tuple[Project, Project]:
    public = project(cooperation=world.cooperation, title="Dreck-Weg-App", is_public=True)
    internal = project(cooperation=world.cooperation, title="Personal-Sharing")
    return public, internal


READ_PAGES = ["board", "list", "deadlines", "goals"]


@pytest.mark.parametrize("name", READ_PAGES)
def test_public_pages_show_only_public_projects(world: World, two, name: str) -> None:
    response = client_for(None).get(url(world, name))
    assert response.status_code == 200
    if name in {"board", "list"}:
        assert "Dreck-Weg-App" in response.content.decode()
    assert "Personal-Sharing" not in response.content.decode()


@pytest.mark.parametrize("name", ["board", "list"])
def test_members_see_internal_projects(world: World, two, name: str) -> None:
    body = client_for(world.member).get(url(world, name)).content.decode()
    assert "Personal-Sharing" in body
    assert "Dreck-Weg-App" in body
    assert "Phase ändern" not in body  # the member cannot move cards


def test_detail_visibility(world: World, two) -> None:
    public, internal = two
    assert client_for(None).get(url(world, "detail", public.pk)).status_code == 200
    assert client_for(None).get(url(world, "detail", internal.pk)).status_code == 404
    assert client_for(world.outsider).get(url(world, "detail", internal.pk)).status_code == 404
    assert client_for(world.member).get(url(world, "detail", internal.pk)).status_code == 200


def test_other_cooperation_gets_404(world: World, other: World, two) -> None:
    public, internal = two
    coordinator = client_for(other.coordinator)
    for name, args in [
        ("detail", [public.pk]),
        ("edit", [internal.pk]),
        ("stage", [internal.pk]),
        ("delete", [internal.pk]),
        ("participation", [internal.pk, world.municipality.pk]),
        ("milestone_create", [internal.pk]),
        ("funding_create", [internal.pk]),
    ]:
        path = reverse(f"projects:{name}", args=[other.cooperation.slug, *args])
        assert coordinator.get(path).status_code == 404, name
        if name != "detail":
            posted = coordinator.post(path, {"to_stage": "assessment", "reason": "x"})
            assert posted.status_code == 404, name


WRITE_PAGES = ["create", "fields", "goal_create"]


@pytest.mark.parametrize("name", WRITE_PAGES)
def test_write_pages_per_role(world: World, name: str) -> None:
    assert client_for(None).get(url(world, name)).status_code == 302  # to the log-in
    assert client_for(world.outsider).get(url(world, name)).status_code == 403
    assert client_for(world.member).get(url(world, name)).status_code == 403
    assert (
        client_for(world.member).post(url(world, name), {"title": "x", "name": "x"}).status_code
        == 403
    )
    assert client_for(world.coordinator).get(url(world, name)).status_code == 200


def test_member_cannot_post_stage_change(world: World, two) -> None:
    _, internal = two
    response = client_for(world.member).post(
        url(world, "stage", internal.pk),
        {"to_stage": "assessment", "date": "10.12.2019", "reason": "x"},
    )
    assert response.status_code == 403
    internal.refresh_from_db()
    assert internal.stage == Stage.IDEA


def test_create_and_edit_through_pages(world: World) -> None:
    client = client_for(world.coordinator)
    response = client.post(url(world, "create"), {"title": "Co-Working-Spaces", "is_public": "on"})
    created = Project.objects.get(title="Co-Working-Spaces")
    assert response.status_code == 302
    assert created.stage_changes.get().to_stage == Stage.IDEA
    # A stage in the POST is ignored: the edit form has no such field.
    client.post(url(world, "edit", created.pk), {"title": "Coworking", "stage": "established"})
    created.refresh_from_db()
    assert (created.title, created.stage) == ("Coworking", Stage.IDEA)


def test_stage_change_page_keeps_input_on_error(world: World, two) -> None:
    _, internal = two
    client = client_for(world.coordinator)
    response = client.post(
        url(world, "stage", internal.pk),
        {"to_stage": "concept", "date": "10.12.2019", "reason": "mein Grund"},
    )
    assert response.status_code == 400  # concept is not reachable from idea
    assert "mein Grund" in response.content.decode()
    response = client.post(
        url(world, "stage", internal.pk) + "?zurueck=board",
        {"to_stage": "assessment", "date": "10.12.2019", "reason": "Prüfauftrag"},
    )
    assert response.status_code == 302
    assert response["Location"] == url(world, "board")
    internal.refresh_from_db()
    assert internal.stage == Stage.ASSESSMENT
    assert internal.stage_changes.last().reason == "Prüfauftrag"


def test_participation_matrix_htmx(world: World, two) -> None:
    public, _ = two
    client = client_for(world.coordinator)
    path = url(world, "participation", public.pk, world.municipality.pk)
    prefix = f"m{world.municipality.pk}"
    response = client.post(
        path,
        {f"{prefix}-status": "council_approved", f"{prefix}-date": "", f"{prefix}-note": "x"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 422  # the row with the error, swapped by the htmx config
    assert "Ratsbeschlusses angeben" in response.content.decode()
    assert not Participation.objects.exists()
    response = client.post(
        path,
        {f"{prefix}-status": "council_approved", f"{prefix}-date": "15.01.2020"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "gespeichert" in response.content.decode()
    row = Participation.objects.get()
    assert (row.status, row.date) == ("council_approved", dt.date(2020, 1, 15))
    # The page shows every municipality as a row, the one who left greyed.
    world.other_municipality.left_on = dt.date(2020, 1, 1)
    world.other_municipality.save()
    page = client_for(None).get(url(world, "detail", public.pk)).content.decode()
    assert "Ratsbeschluss: zugestimmt" in page
    assert "ikz-row--left" in page
    assert world.other_municipality.name in page


def test_participation_service_updates_one_row(world: World, two) -> None:
    public, _ = two
    services.participation_set(project=public, municipality=world.municipality, status="interested")
    services.participation_set(
        project=public, municipality=world.municipality, status="participating", date=DAY
    )
    matrix = selectors.participation_matrix(access=access(world, Level.PUBLIC), project=public)
    statuses = {row.municipality.pk: row.status for row in matrix}
    assert statuses == {
        world.municipality.pk: "participating",
        world.other_municipality.pk: "not_involved",
    }


def test_deadline_flags_with_fixed_clock(world: World, two) -> None:
    public, internal = two
    today = dt.date(2020, 3, 20)
    services.milestone_save(project=public, title="Workshop", when=PartialDate.month(2020, 1))
    services.milestone_save(
        project=public, title="überfällig", when=PartialDate.day(2020, 3, 19), is_deadline=True
    )
    services.milestone_save(
        project=public, title="Monat läuft", when=PartialDate.month(2020, 3), is_deadline=True
    )
    services.milestone_save(
        project=public, title="bald", when=PartialDate.day(2020, 4, 3), is_deadline=True
    )
    services.milestone_save(
        project=public, title="später", when=PartialDate.day(2020, 4, 4), is_deadline=True
    )
    services.milestone_save(
        project=public,
        title="erledigt",
        when=PartialDate.day(2020, 3, 1),
        is_deadline=True,
        done=True,
    )
    programme = services.funding_programme_save(cooperation=world.cooperation, name="LEADER")
    services.funding_application_save(
        project=internal, programme=programme, deadline=PartialDate.day(2020, 3, 31)
    )
    rows = selectors.deadline_list(access=access(world, Level.MEMBER), today=today)
    flags = {row.title: (row.overdue, row.due_soon) for row in rows}
    assert flags == {
        "überfällig": (True, False),
        "Monat läuft": (False, True),
        "bald": (False, True),
        "später": (False, False),
        "Förderantrag LEADER": (False, True),
    }
    public_rows = selectors.deadline_list(access=access(world, Level.PUBLIC), today=today)
    assert "Förderantrag LEADER" not in {row.title for row in public_rows}


def test_report_selectors(world: World, two) -> None:
    public, internal = two
    move_to(public, Stage.CONCEPT, day=dt.date(2020, 1, 15))
    services.project_change_stage(
        project=public,
        to_stage=Stage.DECIDED,
        date=dt.date(2020, 2, 1),
        actor_id=None,
        reason="intern",
        is_public=False,
    )
    services.participation_set(
        project=internal,
        municipality=world.municipality,
        status="council_approved",
        date=dt.date(2020, 1, 20),
    )
    start, end = dt.date(2020, 1, 1), dt.date(2020, 1, 31)
    member, anonymous = access(world, Level.MEMBER), access(world, Level.PUBLIC)
    changes = selectors.stage_changes_in_period(access=member, start=start, end=end)
    assert [c.to_stage for c in changes] == [Stage.ASSESSMENT, Stage.CONCEPT]
    feb = selectors.stage_changes_in_period(
        access=anonymous, start=dt.date(2020, 2, 1), end=dt.date(2020, 2, 29)
    )
    assert feb == []  # not public
    assert len(selectors.council_decisions_in_period(access=member, start=start, end=end)) == 1
    assert selectors.council_decisions_in_period(access=anonymous, start=start, end=end) == []
    new = selectors.new_projects_in_period(access=member, start=CREATED, end=CREATED)
    assert {p.title for p in new} == {"Dreck-Weg-App", "Personal-Sharing"}
    services.milestone_save(project=public, title="Workshop", when=PartialDate.month(2020, 1))
    upcoming = selectors.upcoming_milestones_and_deadlines(
        access=anonymous, start=dt.date(2020, 1, 20), end=dt.date(2020, 2, 20)
    )
    assert [(d.title, str(d.when)) for d in upcoming] == [("Workshop", "01/2020")]
    goal = services.goal_save(
        cooperation=world.cooperation, title="Ziel", rank=1, projects=[internal, public]
    )
    ranked = selectors.goals_ranked(access=anonymous)
    assert ranked[0].goal == goal
    assert [p.title for p in ranked[0].projects] == ["Dreck-Weg-App"]
    # The period is in Berlin days: between 23:00 and 24:00 UTC the UTC date is the day before.
    day = timezone.localdate(goal.updated_at)
    assert selectors.goals_changed_in_period(access=member, start=day, end=day) == [goal]


def test_timeline_public_history_and_points(world: World) -> None:
    public = project(cooperation=world.cooperation, title="Bibliothek", is_public=True)
    open_meeting = published(body=world.public_body, is_public=True)
    internal_meeting = published(body=world.internal_body)
    (visible_point,) = points(open_meeting, "Workshop Bibliothek", kind=Point.Kind.DECISION)
    (hidden_point,) = points(internal_meeting, "intern beraten", kind=Point.Kind.DECISION)
    (parent,) = points(open_meeting, "interner Punkt", is_internal=True)
    child = meeting_services.point_add(
        meeting=open_meeting, text="darunter", parent=parent, kind=Point.Kind.DECISION
    )
    services.link_point_to_project(
        point=visible_point, project=public, to_stage="assessment", actor_id=None
    )
    services.link_point_to_project(point=hidden_point, project=public, actor_id=None)
    services.link_point_to_project(point=child, project=public, actor_id=None)
    services.project_change_stage(
        project=public,
        to_stage="concept",
        date=DAY,
        actor_id=None,
        reason="geheim",
        is_public=False,
    )
    events, _ = selectors.timeline(access=access(world, Level.PUBLIC), project=public)
    texts = [e.title for e in events]
    assert "Workshop Bibliothek" in texts
    assert "intern beraten" not in texts
    assert "darunter" not in texts
    assert not any("geheim" in e.detail for e in events)
    coordinator_events, _ = selectors.timeline(
        access=access(world, Level.COORDINATOR), project=public
    )
    assert {"intern beraten", "darunter"} <= {e.title for e in coordinator_events}
    stage_event = next(
        e for e in events if e.kind == "stage" and e.change is not None and e.change.point
    )
    assert stage_event.meeting == open_meeting
    assert f"#point-{visible_point.pk}" in stage_event.url


def _bulk(world: World, count: int, events: int) -> None:
    for index in range(count):
        created = project(cooperation=world.cooperation, title=f"Vorhaben {index}", is_public=True)
        services.participation_set(
            project=created, municipality=world.municipality, status="participating"
        )
        services.milestone_save(project=created, title="M", when=PartialDate.day(2020, 1, 1))
    target = Project.objects.filter(cooperation=world.cooperation).first()
    StageChange.objects.bulk_create(
        StageChange(
            cooperation=world.cooperation,
            project=target,
            from_stage="idea",
            to_stage="idea",
            date=DAY,
            reason=f"{n}",
        )
        for n in range(events)
    )


@pytest.mark.parametrize("name", ["board", "list"])
def test_query_count_constant(world: World, django_assert_max_num_queries, name: str) -> None:
    client = client_for(world.coordinator)
    _bulk(world, 3, 3)
    with django_assert_max_num_queries(14) as small:
        client.get(url(world, name))
    _bulk_more = 30
    for index in range(_bulk_more):
        project(cooperation=world.cooperation, title=f"Mehr {index}")
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(url(world, name)).status_code == 200


def test_project_page_query_count_constant(world: World, django_assert_max_num_queries) -> None:
    client = client_for(world.coordinator)
    _bulk(world, 1, 3)
    target = Project.objects.get(cooperation=world.cooperation)
    session = published(body=world.member_body)
    for text in ("a", "b"):
        (point,) = points(session, text, kind=Point.Kind.DECISION)
        services.link_point_to_project(point=point, project=target, actor_id=None)
    with django_assert_max_num_queries(25) as small:
        client.get(url(world, "detail", target.pk))
    _bulk(world, 0, 300)
    for text in ("c", "d", "e"):
        (point,) = points(session, text, kind=Point.Kind.TASK)
        services.link_point_to_project(point=point, project=target, actor_id=None)
    for index in range(5):
        services.milestone_save(project=target, title=f"M{index}", when=PartialDate.day(2020, 2, 1))
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url(world, "detail", target.pk))
    assert "ältere Einträge anzeigen" in response.content.decode()


def test_list_counts_each_participation_once(world: World, two) -> None:
    public, _ = two
    move_to(public, Stage.CONCEPT)
    for town in (world.municipality, world.other_municipality):
        services.participation_set(project=public, municipality=town, status="participating")
    page = selectors.project_page(
        access=access(world, Level.MEMBER),
        filters=selectors.ProjectFilter(),
        sort="-aenderung",
        page=1,
    )
    row = next(p for p in page.object_list if p.pk == public.pk)
    # The selector annotates both; django-stubs cannot carry them through the page's Projects.
    assert row.participating_count == 2  # type: ignore[attr-defined]
    assert row.last_change == DAY  # type: ignore[attr-defined]


def test_board_column_shows_first_cards_and_links_the_rest(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(listing, "BOARD_COLUMN_LIMIT", 2)
    for title in ("A", "B", "C"):
        project(cooperation=world.cooperation, title=title, is_public=True)
    moved = project(cooperation=world.cooperation, title="D", is_public=True)
    move_to(moved, Stage.ASSESSMENT)
    body = client_for(None).get(url(world, "board")).content.decode()
    assert "1 weiteres Vorhaben anzeigen" in body
    assert "?phase=idea" in body  # without JavaScript: the list filtered by stage
    assert f'hx-get="/{world.cooperation.slug}/vorhaben/spalte/idea/?ab=2"' in body
    listed = client_for(None).get(url(world, "list") + "?phase=assessment").content.decode()
    assert ">D</a>" in listed
    assert ">A</a>" not in listed


def test_point_link_of_other_cooperation_is_404(world: World, other: World) -> None:
    (decision,) = points(published(body=world.member_body), "B", kind=Point.Kind.DECISION)
    path = reverse("projects:point_link", args=[other.cooperation.slug, decision.pk])
    assert client_for(other.coordinator).get(path).status_code == 404
    assert client_for(other.coordinator).post(path, {"new_title": "X"}).status_code == 404
    assert not Project.objects.filter(title="X").exists()


def test_point_link_page_creates_project_from_point(world: World) -> None:
    (decision,) = points(published(body=world.member_body), "Co-Working", kind=Point.Kind.IDEA)
    path = url(world, "point_link", decision.pk)
    client = client_for(world.coordinator)
    response = client.post(path, {"new_title": "Co-Working-Spaces", "to_stage": "", "reason": ""})
    assert response.status_code == 302
    created = Project.objects.get(title="Co-Working-Spaces")
    assert created.references.get().point == decision
    assert created.stage_changes.get().point is None  # an idea point does not decide
    # Both a project and a new title: refused, input kept.
    response = client.post(path, {"project": created.pk, "new_title": "Noch eins"})
    assert response.status_code == 400
    assert "Noch eins" in response.content.decode()


def test_deleting_the_cooperation_deletes_its_projects(world: World, two) -> None:
    public, _ = two
    programme = services.funding_programme_save(cooperation=world.cooperation, name="LEADER")
    services.funding_application_save(project=public, programme=programme)
    world.cooperation.delete()
    assert not Project.objects.exists()


@pytest.mark.parametrize("sort", ["titel", "-aenderung", "phase"])
def test_list_aggregates_only_the_rows_of_its_page(
    world: World, monkeypatch: pytest.MonkeyPatch, sort: str
) -> None:
    """Ids first (sorted and cut without any aggregate), then counts for the page's rows."""
    monkeypatch.setattr(listing, "LIST_PAGE_SIZE", 3)
    for index in range(7):
        project(cooperation=world.cooperation, title=f"V{index}", is_public=True)
    with CaptureQueriesContext(connection) as queries:
        page = selectors.project_page(
            access=access(world, Level.MEMBER),
            filters=selectors.ProjectFilter(),
            sort=sort,
            page=2,
        )
        rows = list(page.object_list)
    assert page.paginator.count == 7
    assert len(rows) == 3
    # Participations are read once, for the page's ids only: the sorting and the cut do
    # not join them (a join alone multiplies the rows that are sorted).
    joined = [q["sql"] for q in queries.captured_queries if "projects_participation" in q["sql"]]
    assert len(joined) == 1
    assert "COUNT(" in joined[0].upper()
    assert " IN (" in joined[0]
    if sort == "titel":
        assert [row.title for row in rows] == ["V3", "V4", "V5"]
