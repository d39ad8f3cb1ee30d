"""The lifecycle table, and that no stage exists without its history record."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.core.exceptions import ValidationError

from ikz.dates import PartialDate
from ikz.meetings.models import Point
from ikz.projects import services
from ikz.projects.forms import ProjectForm
from ikz.projects.models import Project, Stage, StageChange
from tests.conftest import World
from tests.meetings.factories import meeting, points
from tests.projects.helpers import DAY, move_to, project

# Sorted: TRANSITIONS holds sets, and pytest-xdist needs the same order in every worker.
ALLOWED = sorted(
    (source, target) for source, targets in services.TRANSITIONS.items() for target in targets
)
FORBIDDEN = [
    (Stage.IDEA, Stage.CONCEPT),
    (Stage.IDEA, Stage.DECIDED),
    (Stage.IDEA, Stage.ESTABLISHED),
    (Stage.ASSESSMENT, Stage.DECIDED),
    (Stage.CONCEPT, Stage.IMPLEMENTATION),
    (Stage.DECIDED, Stage.ESTABLISHED),
    (Stage.IMPLEMENTATION, Stage.IDEA),
    (Stage.ESTABLISHED, Stage.NOT_PURSUED),
    (Stage.ESTABLISHED, Stage.IDEA),
    (Stage.NOT_PURSUED, Stage.CONCEPT),
    (Stage.NOT_PURSUED, Stage.BILATERAL),
    (Stage.BILATERAL, Stage.CONCEPT),
]


def test_table_is_the_documented_one() -> None:
    S = Stage
    assert services.TRANSITIONS[S.IDEA] == {S.ASSESSMENT, S.NOT_PURSUED, S.BILATERAL}
    assert services.TRANSITIONS[S.ESTABLISHED] == {S.IMPLEMENTATION}
    assert services.TRANSITIONS[S.NOT_PURSUED] == {S.IDEA}
    assert set(services.TRANSITIONS) == set(Stage.values)
    assert not {(a, b) for a, b in FORBIDDEN} & set(ALLOWED)


@pytest.mark.parametrize(("source", "target"), ALLOWED)
def test_every_allowed_transition(world: World, source: str, target: str) -> None:
    created = move_to(project(cooperation=world.cooperation), source)
    change = services.project_change_stage(
        project=created, to_stage=target, date=DAY, actor_id=world.coordinator.pk, reason="weil"
    )
    created.refresh_from_db()
    assert created.stage == target
    assert (change.from_stage, change.to_stage) == (source, target)
    assert change.author_id == world.coordinator.pk


@pytest.mark.parametrize(("source", "target"), FORBIDDEN)
def test_forbidden_transitions_change_nothing(world: World, source: str, target: str) -> None:
    created = move_to(project(cooperation=world.cooperation), source)
    before = StageChange.objects.filter(project=created).count()
    with pytest.raises(ValidationError) as error:
        services.project_change_stage(
            project=created, to_stage=target, date=DAY, actor_id=None, reason="weil"
        )
    assert "kann ein Vorhaben nicht" in str(error.value)
    created.refresh_from_db()
    assert created.stage == source
    assert StageChange.objects.filter(project=created).count() == before


def test_reason_required_without_point(world: World) -> None:
    created = project(cooperation=world.cooperation)
    with pytest.raises(ValidationError, match="begründen"):
        services.project_change_stage(
            project=created, to_stage=Stage.ASSESSMENT, date=DAY, actor_id=None, reason="  "
        )


def test_unknown_stage_refused(world: World) -> None:
    created = project(cooperation=world.cooperation)
    with pytest.raises(ValidationError, match="gibt es nicht"):
        services.project_change_stage(
            project=created, to_stage="vielleicht", date=DAY, actor_id=None, reason="x"
        )


def test_every_stage_has_a_record(world: World) -> None:
    created = move_to(project(cooperation=world.cooperation), Stage.ESTABLISHED)
    history = list(StageChange.objects.filter(project=created).order_by("pk"))
    assert history[0].from_stage == ""
    assert history[0].to_stage == Stage.IDEA
    # Each record starts where the one before ended, and the last is the current stage.
    for earlier, later in itertools.pairwise(history):
        assert later.from_stage == earlier.to_stage
    assert history[-1].to_stage == Project.objects.get(pk=created.pk).stage


def test_update_cannot_change_stage(world: World) -> None:
    created = project(cooperation=world.cooperation)
    with pytest.raises(ValidationError, match="Nicht änderbare Felder"):
        services.project_update(project=created, fields={"stage": Stage.ESTABLISHED})
    created.refresh_from_db()
    assert created.stage == Stage.IDEA


def test_project_form_has_no_stage_field(world: World) -> None:
    assert "stage" not in ProjectForm(cooperation=world.cooperation).fields


def test_point_decides_and_links_meeting(world: World) -> None:
    session = meeting(body=world.member_body, when=PartialDate.day(2019, 12, 10))
    (decision,) = points(session, "Bibliothek: Konzepterstellung", kind=Point.Kind.DECISION)
    created = move_to(project(cooperation=world.cooperation), Stage.ASSESSMENT)
    reference = services.link_point_to_project(
        point=decision, project=created, to_stage=Stage.CONCEPT, actor_id=world.coordinator.pk
    )
    change = StageChange.objects.get(project=created, to_stage=Stage.CONCEPT)
    assert change.point == decision
    assert change.meeting == session
    assert change.date == dt.date(2019, 12, 10)  # the meeting's day
    assert change.reason == decision.text
    assert reference.point == decision


def test_information_point_cannot_decide(world: World) -> None:
    session = meeting(body=world.member_body)
    (info,) = points(session, "Nur eine Information")
    created = project(cooperation=world.cooperation)
    with pytest.raises(ValidationError, match="Beschluss"):
        services.link_point_to_project(
            point=info, project=created, to_stage=Stage.ASSESSMENT, actor_id=None
        )
    created.refresh_from_db()
    assert created.stage == Stage.IDEA
    # The whole step is one transaction: no half-made link either.
    assert not created.references.exists()


def test_point_of_other_cooperation_refused(world: World, other: World) -> None:
    session = meeting(body=other.member_body)
    (decision,) = points(session, "fremder Beschluss", kind=Point.Kind.DECISION)
    created = project(cooperation=world.cooperation)
    with pytest.raises(ValidationError, match="anderen Kooperation"):
        services.link_point_to_project(
            point=decision, project=created, to_stage=Stage.ASSESSMENT, actor_id=None
        )
    with pytest.raises(ValidationError, match="anderen Kooperation"):
        services.project_change_stage(
            project=created,
            to_stage=Stage.ASSESSMENT,
            date=DAY,
            actor_id=None,
            reason="x",
            point=decision,
        )


def test_references_into_other_cooperation_refused(world: World, other: World) -> None:
    with pytest.raises(ValidationError, match="anderen Kooperation"):
        services.project_create(
            cooperation=world.cooperation,
            fields={"title": "X", "lead_municipality": other.municipality},
        )
    assert not Project.objects.filter(title="X").exists()


def test_new_project_from_point(world: World) -> None:
    session = meeting(body=world.member_body)
    (decision,) = points(session, "Standesamt: nicht weiter", kind=Point.Kind.NOT_PURSUED)
    reference = services.link_point_to_new_project(
        point=decision, title="Standesamt", to_stage=Stage.NOT_PURSUED, actor_id=None
    )
    first = reference.project.stage_changes.get()
    assert (first.from_stage, first.to_stage, first.point) == ("", Stage.NOT_PURSUED, decision)


def test_change_cannot_predate_the_history(world: World) -> None:
    created = project(cooperation=world.cooperation)
    with pytest.raises(ValidationError, match="nicht vor dem letzten Eintrag"):
        services.project_change_stage(
            project=created,
            to_stage=Stage.ASSESSMENT,
            date=dt.date(2019, 1, 1),
            actor_id=None,
            reason="zu früh",
        )
    assert created.stage_changes.count() == 1
