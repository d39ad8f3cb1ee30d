"""Every domain model keeps its history, written in the same transaction as the change."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import transaction
from django.test import Client

from ikz.cooperation import services as cooperation_services
from ikz.cooperation.models import Municipality
from ikz.tracking.records import TRACKED
from tests.conftest import World, client_for

# The apps whose rows are the cooperation's records. A new domain app goes here, and each of
# its models is either tracked (``track(Model)`` in its models.py) or listed below with why.
DOMAIN_APPS = {
    "cooperation",
    "meetings",
    "projects",
    "surveys",
    "reports",
    "agreements",
    "attachments",
    "branding",
    "portal",
}
NOT_TRACKED = {
    # A secret per user, not a record of the cooperation; a new one is made on demand.
    "meetings.calendartoken",
    # A log of reminder mails sent; itself a history.
    "surveys.reminder",
    # A published version is frozen (its bytes never change) and is never deleted on its own.
    "reports.reportversion",
    # A stored file version never changes; replacing a file adds a version.
    "attachments.attachmentversion",
}


def test_every_concrete_domain_model_is_tracked() -> None:
    labels = {
        model._meta.label_lower
        for model in apps.get_models()
        if model._meta.app_label in DOMAIN_APPS
        and not model._meta.abstract
        and not model.__name__.startswith("Historical")
    }
    tracked = {model._meta.label_lower for model in TRACKED}
    assert labels - NOT_TRACKED <= tracked, sorted(labels - NOT_TRACKED - tracked)
    assert not (NOT_TRACKED & tracked)
    # The list, spelled out: a model dropped from tracking fails here too.
    for label in (
        "meetings.meeting",
        "meetings.agendaitem",
        "meetings.point",
        "meetings.task",
        "meetings.attendance",
        "projects.project",
        "projects.participation",
        "projects.milestone",
        "projects.fundingapplication",
        "projects.goal",
        "surveys.survey",
        "surveys.question",
        "cooperation.municipality",
        "cooperation.body",
        "cooperation.person",
        "cooperation.membership",
        "cooperation.location",
        "reports.statusreport",
    ):
        assert label in tracked


def test_a_service_change_is_recorded_with_old_and_new_value(world: World) -> None:
    municipality = world.municipality
    cooperation_services.municipality_save(
        cooperation=world.cooperation,
        municipality=municipality,
        fields={"name": "Neustadt", "kind": municipality.kind, "ags": municipality.ags},
        actor_id=world.coordinator.pk,
    )
    # simple-history adds the ``history`` manager at run time; django-stubs cannot see it.
    history = Municipality.history  # type: ignore[attr-defined]
    newest, before = list(history.filter(id=municipality.pk).order_by("-history_id"))[:2]
    assert newest.history_type == "~"
    assert newest.name == "Neustadt"
    assert before.name == "A-Stadt"
    assert newest.batch


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_change_leaves_no_record() -> None:
    from tests.factories import CooperationFactory

    cooperation = CooperationFactory()

    def create_then_fail() -> None:
        with transaction.atomic():
            Municipality.objects.create(
                cooperation=cooperation, name="Kurz", kind="gemeinde", ags="14729001"
            )
            raise RuntimeError

    with pytest.raises(RuntimeError):
        create_then_fail()
    assert not Municipality.history.filter(name="Kurz").exists()  # type: ignore[attr-defined]


def test_a_web_change_names_the_user_and_a_deletion_is_recorded(world: World) -> None:
    client = client_for(world.coordinator)
    url = f"/{world.cooperation.slug}/kommunen/{world.other_municipality.pk}/loeschen/"
    assert client.post(url).status_code == 302
    record = Municipality.history.filter(id=world.other_municipality.pk).latest()  # type: ignore[attr-defined]
    assert record.history_type == "-"
    assert record.history_user == world.coordinator
    assert record.name == "A-Dorf"


def test_a_change_in_the_admin_is_recorded(world: World) -> None:
    from tests.factories import UserFactory

    admin = UserFactory(is_superuser=True, is_staff=True)
    client = Client()
    client.force_login(admin)
    municipality = world.municipality
    response = client.post(
        f"/admin/cooperation/municipality/{municipality.pk}/change/",
        {
            "cooperation": world.cooperation.pk,
            "name": "Adminstadt",
            "kind": municipality.kind,
            "ags": municipality.ags,
        },
    )
    assert response.status_code == 302
    record = Municipality.history.filter(id=municipality.pk).latest()  # type: ignore[attr-defined]
    assert record.name == "Adminstadt"
    assert record.history_user == admin


def test_bulk_writes_of_attendance_are_recorded(world: World) -> None:
    from ikz.meetings import services as meeting_services
    from ikz.meetings.models import Attendance
    from tests.meetings.factories import meeting

    session = meeting(body=world.member_body)
    assert meeting_services.attendance_from_members(meeting=session) == 1
    entry = Attendance.objects.get(meeting=session)
    meeting_services.attendance_update(meeting=session, statuses={entry.person: "excused"})
    kinds = list(
        Attendance.history.filter(id=entry.pk)  # type: ignore[attr-defined]
        .order_by("history_id")
        .values_list("history_type", "status")
    )
    assert kinds == [("+", "present"), ("~", "excused")]


def test_a_stage_change_of_a_project_is_in_its_history(world: World) -> None:
    from ikz.projects import services as project_services
    from ikz.projects.models import Project

    project = project_services.project_create(
        cooperation=world.cooperation, fields={"title": "Bauhof"}, actor_id=None
    )
    project_services.project_change_stage(
        project=project, to_stage="assessment", date=None, actor_id=None, reason="Start"
    )
    stages = list(
        Project.history.filter(id=project.pk)  # type: ignore[attr-defined]
        .order_by("history_id")
        .values_list("stage", flat=True)
    )
    assert stages[-2:] == ["idea", "assessment"]


def test_an_import_is_recorded_as_a_system_change(db: None) -> None:
    from ikz.cooperation.models import Membership
    from ikz.exchange.services import export_cooperation, import_cooperation
    from tests.exchange_support import build_full_cooperation

    source = build_full_cooperation()
    data = export_cooperation(cooperation=source)
    imported = import_cooperation(data=data, slug="kopie")
    created = Municipality.history.filter(cooperation_id=imported.pk, history_type="+")  # type: ignore[attr-defined]
    assert created.count() == Municipality.objects.filter(cooperation=imported).count() > 0
    assert all(record.history_user is None for record in created)
    memberships = Membership.objects.filter(cooperation=imported).count()
    assert memberships > 0
    assert Membership.history.filter(cooperation_id=imported.pk).count() == memberships  # type: ignore[attr-defined]


def test_moving_a_point_in_the_minutes_tree_is_recorded(world: World) -> None:
    from ikz.meetings.models import Point
    from ikz.meetings.services_minutes import point_add, point_indent, point_move_up, point_outdent
    from tests.meetings.factories import meeting

    session = meeting(body=world.member_body)
    first = point_add(meeting=session, text="Erster")
    second = point_add(meeting=session, text="Zweiter")

    def trail(point: Point) -> list[tuple[str, int | None, int]]:
        return list(
            Point.history.filter(id=point.pk)  # type: ignore[attr-defined]
            .order_by("history_id")
            .values_list("history_type", "parent_id", "position")
        )

    point_indent(point=Point.objects.get(pk=second.pk))
    assert trail(second) == [("+", None, 1), ("~", first.pk, 0)]
    point_outdent(point=Point.objects.get(pk=second.pk))
    assert trail(second)[-1] == ("~", None, 1)
    point_move_up(point=Point.objects.get(pk=second.pk))
    # A swap moves both points: each gets its own record with its new place.
    assert trail(second)[-1] == ("~", None, 0)
    assert trail(first)[-1] == ("~", None, 1)
