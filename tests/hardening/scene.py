"""One object of every kind, and the URLs of every create/edit form and list filter."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.contrib.auth.models import Permission
from django.db import connection
from django.db.models import Manager
from django.urls import reverse

from ikz.accounts.models import CooperationRole, User
from ikz.agreements import services as agreement_services
from ikz.agreements.models import Agreement, CostKey, Partner, Statement
from ikz.api.schemas import AgendaItemIn, MeetingIn, PersonIn
from ikz.dates import PartialDate
from ikz.meetings import services as meeting_services
from ikz.meetings.models import AgendaItem, Meeting, Point, Task
from ikz.projects import services as project_services
from ikz.projects.models import Field, FundingApplication, Goal, Milestone, Project
from ikz.reports import services as report_services
from ikz.reports.models import StatusReport
from ikz.surveys.models import Survey
from tests.agreements.helpers import agreement, cases_key, partner
from tests.api.helpers import key
from tests.conftest import World
from tests.factories import UserFactory
from tests.meetings.factories import meeting
from tests.projects.helpers import project
from tests.site_map import Scene as StructureScene
from tests.site_map import build_scene, url_names
from tests.surveys.helpers import bauhof


@dataclass
class Scene:
    structure: StructureScene
    meeting: Meeting
    item: AgendaItem
    point: Point
    task: Task
    project: Project
    milestone: Milestone
    application: FundingApplication
    goal: Goal
    field: Field
    survey: Survey
    report: StatusReport
    agreement: Agreement
    partner: Partner
    cost_key: CostKey
    statement: Statement
    role: CooperationRole  # the member's
    operator: User  # runs the platform (creates cooperations)

    @property
    def world(self) -> World:
        return self.structure.world

    @property
    def slug(self) -> str:
        return self.world.cooperation.slug


def build(world: World) -> Scene:
    structure = build_scene(world)
    session = meeting(body=world.member_body)
    item = meeting_services.agenda_item_add(meeting=session, title="Begrüßung")
    point = meeting_services.point_add(
        meeting=session,
        text="Abfrage vorbereiten",
        kind=Point.Kind.TASK,
        due=PartialDate.month(2020, 1),
    )
    target = project(cooperation=world.cooperation, title="Bibliothek", is_public=True)
    milestone = project_services.milestone_save(
        project=target, title="Konzept", when=PartialDate.day(2020, 1, 1)
    )
    programme = project_services.funding_programme_save(
        cooperation=world.cooperation, name="LEADER"
    )
    application = project_services.funding_application_save(project=target, programme=programme)
    goal = project_services.goal_save(cooperation=world.cooperation, title="Verwaltung stärken")
    field = project_services.field_save(cooperation=world.cooperation, name="Bauhof")
    survey = bauhof(world, send=False)
    report = report_services.report_create(
        cooperation=world.cooperation,
        period_start=dt.date(2019, 12, 1),
        period_end=dt.date(2019, 12, 31),
    )
    contract = agreement(cooperation=world.cooperation, title="Gewerbeamt")
    party = partner(contract, world.municipality, joined_on=dt.date(2021, 7, 1))
    partner(contract, world.other_municipality)
    cost_key = cases_key(contract)
    statement = agreement_services.statement_save(
        agreement=contract,
        values={"key": cost_key, "year": 2022, "basis": "actual", "costs_cents": 1_000_000},
    )
    operator = UserFactory()
    operator.user_permissions.add(Permission.objects.get(codename="operate_platform"))
    return Scene(
        structure=structure,
        meeting=session,
        item=item,
        point=point,
        task=point.task,
        project=target,
        milestone=milestone,
        application=application,
        goal=goal,
        field=field,
        survey=survey,
        report=report,
        agreement=contract,
        partner=party,
        cost_key=cost_key,
        statement=statement,
        role=CooperationRole.objects.get(cooperation=world.cooperation, user=world.member),
        operator=operator,
    )


Kwargs = Callable[[Scene], dict[str, Any]]


def _k(**getters: Callable[[Scene], Any]) -> Kwargs:
    return lambda s: {"slug": s.slug} | {key: get(s) for key, get in getters.items()}


def _first_pk(rows: Manager[Any]) -> int:
    """The pk of ``rows.first()``; the scene has one, so there is no None to pass on."""
    first = rows.first()
    assert first is not None
    return int(first.pk)


# Every page with a create/edit form (a POST that saves typed input).
FORMS: dict[str, Kwargs] = {
    "cooperation:municipality_create": _k(),
    "cooperation:municipality_edit": _k(pk=lambda s: s.world.municipality.pk),
    "cooperation:body_create": _k(),
    "cooperation:body_edit": _k(pk=lambda s: s.world.member_body.pk),
    "cooperation:membership_create": _k(body_pk=lambda s: s.world.public_body.pk),
    "cooperation:membership_edit": _k(
        body_pk=lambda s: s.world.member_body.pk, pk=lambda s: s.structure.membership.pk
    ),
    "cooperation:person_create": _k(),
    "cooperation:person_edit": _k(pk=lambda s: s.structure.spare_person.pk),
    "cooperation:location_create": _k(),
    "cooperation:location_edit": _k(pk=lambda s: s.structure.location.pk),
    "meetings:create": _k(),
    "meetings:edit": _k(pk=lambda s: s.meeting.pk),
    "meetings:agenda_create": _k(pk=lambda s: s.meeting.pk),
    "meetings:agenda_edit": _k(pk=lambda s: s.meeting.pk, item_pk=lambda s: s.item.pk),
    "meetings:attendance": _k(pk=lambda s: s.meeting.pk),
    "meetings:point_create": _k(pk=lambda s: s.meeting.pk),
    "meetings:point_change": _k(pk=lambda s: s.meeting.pk, point_pk=lambda s: s.point.pk),
    "tasks:create": _k(),
    "tasks:edit": _k(pk=lambda s: s.task.pk),
    "tasks:move": _k(pk=lambda s: s.task.pk),
    "projects:create": _k(),
    "projects:edit": _k(pk=lambda s: s.project.pk),
    "projects:stage": _k(pk=lambda s: s.project.pk),
    "projects:milestone_create": _k(pk=lambda s: s.project.pk),
    "projects:milestone_edit": _k(pk=lambda s: s.project.pk, milestone_pk=lambda s: s.milestone.pk),
    "projects:funding_create": _k(pk=lambda s: s.project.pk),
    "projects:funding_edit": _k(
        pk=lambda s: s.project.pk, application_pk=lambda s: s.application.pk
    ),
    "projects:goal_create": _k(),
    "projects:goal_edit": _k(pk=lambda s: s.goal.pk),
    "projects:fields": _k(),
    "projects:field_edit": _k(pk=lambda s: s.field.pk),
    "projects:point_link": _k(point_pk=lambda s: s.point.pk),
    "surveys:create": _k(),
    "surveys:edit": _k(pk=lambda s: s.survey.pk),
    "surveys:section_create": _k(pk=lambda s: s.survey.pk),
    "surveys:section_edit": _k(
        pk=lambda s: s.survey.pk, section_pk=lambda s: _first_pk(s.survey.sections)
    ),
    "surveys:question_create": _k(pk=lambda s: s.survey.pk),
    "surveys:question_edit": _k(
        pk=lambda s: s.survey.pk, question_pk=lambda s: _first_pk(s.survey.questions)
    ),
    "surveys:indicator_create": _k(pk=lambda s: s.survey.pk),
    "surveys:status": _k(pk=lambda s: s.survey.pk),
    "surveys:question_move": _k(
        pk=lambda s: s.survey.pk, question_pk=lambda s: _first_pk(s.survey.questions)
    ),
    "surveys:response": _k(
        pk=lambda s: s.survey.pk, municipality_pk=lambda s: s.world.municipality.pk
    ),
    "reports:create": _k(),
    "reports:texts": _k(pk=lambda s: s.report.pk),
    "reports:body_status": _k(pk=lambda s: s.report.pk, body_pk=lambda s: s.world.member_body.pk),
    "access:role_change": _k(pk=lambda s: s.role.pk),
    "agreements:create": _k(),
    "agreements:edit": _k(pk=lambda s: s.agreement.pk),
    "agreements:partner_create": _k(pk=lambda s: s.agreement.pk),
    "agreements:partner_edit": _k(pk=lambda s: s.agreement.pk, partner_pk=lambda s: s.partner.pk),
    "agreements:key_create": _k(pk=lambda s: s.agreement.pk),
    "agreements:key_edit": _k(pk=lambda s: s.agreement.pk, key_pk=lambda s: s.cost_key.pk),
    "agreements:statement_create": _k(pk=lambda s: s.agreement.pk),
    "agreements:statement_edit": _k(
        pk=lambda s: s.agreement.pk, statement_pk=lambda s: s.statement.pk
    ),
    "attachments:create": _k(),
    "branding:edit": _k(),
    "cooperation_settings:edit": _k(),
    "platform:create": lambda s: {},
}
# The query an address needs besides its path (the attachment names its parent).
QUERIES: dict[str, Callable[[Scene], str]] = {
    "attachments:create": lambda s: f"?sitzung={s.meeting.pk}",
}
# Who posts: the coordinator, except where the page belongs to someone else.
USERS: dict[str, Callable[[Scene], User]] = {"platform:create": lambda s: s.operator}

# The API's create operations: generated JSON with a coordinator's read-write key.
API_FORMS: dict[str, tuple[Kwargs, type[Any]]] = {
    "api:meeting_create": (_k(), MeetingIn),
    "api:agenda_item_create": (_k(meeting_id=lambda s: s.meeting.pk), AgendaItemIn),
    "api:person_create": (_k(), PersonIn),
}


def api_key(scene: Scene) -> str:
    return key(scene.world, "coordinator")


# Every list (and the pages that read query parameters), with the parameters they read.
FILTER_PARAMS = (
    "gremium",
    "zeit",
    "monat",
    "vorschau",
    "verantwortlich",
    "status",
    "ueberfaellig",
    "seite",
    "feld",
    "kommune",
    "phase",
    "sort",
    "verlauf",
    "zurueck",
    "bezug",
    "teil",
    "abschnitt",
    "draft",
    "op",
    "focus",
    "next",
    "text",
    "kind",
    "parent",
    "position",
    "agenda_item",
)
LISTS: dict[str, Kwargs] = {
    "cooperation:dashboard": _k(),
    "cooperation:municipality_list": _k(),
    "cooperation:body_list": _k(),
    "cooperation:person_list": _k(),
    "cooperation:location_list": _k(),
    "meetings:list": _k(),
    "meetings:calendar": _k(),
    "meetings:detail": _k(pk=lambda s: s.meeting.pk),
    "meetings:minutes": _k(pk=lambda s: s.meeting.pk),
    "tasks:list": _k(),
    "tasks:mine": _k(),
    "projects:board": _k(),
    "projects:list": _k(),
    "projects:deadlines": _k(),
    "projects:goals": _k(),
    "projects:detail": _k(pk=lambda s: s.project.pk),
    "projects:stage": _k(pk=lambda s: s.project.pk),
    "surveys:list": _k(),
    "surveys:detail": _k(pk=lambda s: s.survey.pk),
    "surveys:evaluation": _k(pk=lambda s: s.survey.pk),
    "surveys:question_create": _k(pk=lambda s: s.survey.pk),
    "reports:list": _k(),
    "reports:detail": _k(pk=lambda s: s.report.pk),
}
# Pages that look like forms but are not create/edit forms of typed input.
NOT_FORMS = {
    "meetings:agenda_op": "buttons that move or remove an item (no typed input)",
    "meetings:attendance_members": "one button: add all members",
    "surveys:indicator_edit": "same form as indicator_create",
    "surveys:my_response": "same answer form as surveys:response, for the member",
    "surveys:import": "a file upload, see test_uploads.py",
}
_FORM_NAME = re.compile(
    r"(^|_)(create|edit|change|texts|status|attendance|move|link|stage|fields)$"
)


def form_like_url_names() -> set[str]:
    """Every URL whose name says it saves input (…_create, …_edit, …)."""
    skipped = {"accounts", "ui", "operations"}
    return {
        name
        for name in url_names()
        if ":" in name and name.split(":")[0] not in skipped and _FORM_NAME.search(name)
    }


def url(name: str, kwargs: Kwargs, scene: Scene) -> str:
    query = QUERIES[name](scene) if name in QUERIES else ""
    return reverse(name, kwargs=kwargs(scene)) + query


_SKIP_MODELS = {"security", "axes", "sessions", "django_tasks_database", "admin", "contenttypes"}


def _snapshot_queries() -> list[tuple[str, str, tuple[Any, ...]]]:
    """(label, SQL, parameters) of every model the snapshot reads, compiled once per process."""
    if not _SNAPSHOT_QUERIES:
        for model in apps.get_models():
            if model._meta.app_label in _SKIP_MODELS or model._meta.app_label == "auth":
                continue
            if model._meta.app_label == "accounts" and model.__name__ == "User":
                continue  # last_login
            if model._meta.label == "profile.LoginSession":
                continue  # written by every log-in, like the sessions themselves
            if model._meta.label == "api.ApiToken":
                continue  # every call with a key stamps when it was last used
            sql, params = model._default_manager.order_by("pk").values().query.sql_with_params()
            _SNAPSHOT_QUERIES.append((model._meta.label, sql, tuple(params)))
    return _SNAPSHOT_QUERIES


_SNAPSHOT_QUERIES: list[tuple[str, str, tuple[Any, ...]]] = []


def snapshot() -> dict[str, list[dict[str, Any]]]:
    """Every row of every domain model (and the activity feed), to prove nothing changed.

    The rows are read with the SQL the ORM compiles once (compiling ``values()`` for some ninety
    models was most of the time of each generated-input example); the values are the database's
    own, which is what "nothing changed" is about.
    """
    rows = {}
    with connection.cursor() as cursor:
        for label, sql, params in _snapshot_queries():
            cursor.execute(sql, params)
            columns = [column[0] for column in cursor.description]
            rows[label] = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
    return rows
