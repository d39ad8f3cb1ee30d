"""Every one of the 56 stage moves against a literal copy of the table in docs/projects.md.

The expectations must not come from ``services.TRANSITIONS``: a forbidden move added to that
table would otherwise be "expected" too. So the table is written out here, checked against the
documentation, and every ordered pair of stages is tried: without a point, with a deciding
minutes point (``project_change_stage(point=…)``, ``link_point_to_project``) and through the
point-link form. One scene per test, each move in a savepoint that is rolled back.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import re
from collections.abc import Callable
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from ikz.meetings.models import Point
from ikz.projects import services
from ikz.projects.models import Project, ProjectReference, StageChange
from tests.conftest import World, client_for
from tests.meetings.factories import meeting, points

CREATED = dt.date(2019, 11, 1)  # before the meeting and the moves
DAY = dt.date(2019, 12, 10)
# docs/projects.md, "Lifecycle", written out by hand: from each stage, where a project may go.
DOCUMENTED: dict[str, set[str]] = {
    "idea": {"assessment", "not_pursued", "bilateral"},
    "assessment": {"concept", "not_pursued", "bilateral", "idea"},
    "concept": {"decided", "not_pursued", "bilateral", "assessment"},
    "decided": {"implementation", "not_pursued", "bilateral", "concept"},
    "implementation": {"established", "not_pursued", "bilateral"},
    "established": {"implementation"},
    "not_pursued": {"idea"},
    "bilateral": {"idea", "not_pursued"},
}
# The German words the documentation's table uses for the stages.
DOC_WORDS = {
    "Idee": "idea",
    "Idee (wiederbelebt)": "idea",
    "Prüfung": "assessment",
    "Konzept": "concept",
    "Beschluss": "decided",
    "Umsetzung": "implementation",
    "verstetigt": "established",
    "nicht weiterverfolgt": "not_pursued",
    "bilateral": "bilateral",
}
PAIRS = [(a, b) for a, b in itertools.permutations(DOCUMENTED, 2)]


class _Rollback(Exception):
    pass


def _outcome(world: World, source: str, move: Callable[[Project], object]) -> tuple[bool, str]:
    """Whether ``move`` took the project (created in ``source``) elsewhere; rolled back after."""
    result = (False, source)
    try:
        with transaction.atomic():
            created = services.project_create(
                cooperation=world.cooperation,
                fields={"title": "Vorhaben"},
                stage=source,
                date=CREATED,
            )
            changes = StageChange.objects.filter(project=created).count()
            with contextlib.suppress(ValidationError):  # a refusal: checked below
                move(created)
            created.refresh_from_db()
            moved = StageChange.objects.filter(project=created).count() != changes
            assert moved == (created.stage != source), "stage and history disagree"
            result = (moved, created.stage)
            raise _Rollback
    except _Rollback:
        pass
    return result


def _wrong(world: World, move: Callable[[str], Callable[[Project], object]]) -> list[str]:
    wrong = []
    for source, target in PAIRS:
        moved, stage = _outcome(world, source, move(target))
        allowed = target in DOCUMENTED[source]
        if moved != allowed or (moved and stage != target):
            wrong.append(f"{source} → {target}: {'moved' if moved else 'refused'}")
    return wrong


def test_the_literal_table_is_the_documented_one() -> None:
    text = (Path(__file__).parents[2] / "docs" / "projects.md").read_text()
    section = text.split("## Lifecycle", 1)[1].split("###", 1)[0]
    rows = re.findall(r"^\| ([^|]+?) \| ([^|]+?) \|$", section, flags=re.MULTILINE)
    table = {
        DOC_WORDS[source]: {DOC_WORDS[word.strip()] for word in targets.split(",")}
        for source, targets in rows
        if source not in {"from", "---"}
    }
    assert table == DOCUMENTED


def test_every_pair_of_stages_without_a_point(world: World) -> None:
    def move(target: str) -> Callable[[Project], object]:
        return lambda p: services.project_change_stage(
            project=p, to_stage=target, date=DAY, actor_id=None, reason="weil"
        )

    assert _wrong(world, move) == []


def test_a_deciding_point_moves_only_along_the_table(world: World) -> None:
    session = meeting(body=world.member_body)
    (decision,) = points(session, "Beschluss", kind=Point.Kind.DECISION)
    (dropped,) = points(session, "Eingestellt", kind=Point.Kind.NOT_PURSUED)

    def link(target: str) -> Callable[[Project], object]:
        # link_point_to_project moves through project_change_stage(point=…): both paths.
        return lambda p: services.link_point_to_project(
            point=decision, project=p, to_stage=target, actor_id=None, date=DAY
        )

    def change(target: str) -> Callable[[Project], object]:
        return lambda p: services.project_change_stage(
            project=p, to_stage=target, date=DAY, actor_id=None, reason="", point=dropped
        )

    assert _wrong(world, link) == []
    assert _wrong(world, change) == []


def test_the_point_link_form_refuses_a_forbidden_move(world: World) -> None:
    """The form path: a decision may not skip from idea to "verstetigt", and leaves no link."""
    session = meeting(body=world.member_body)
    (decision,) = points(session, "Beschluss", kind=Point.Kind.DECISION)
    target = services.project_create(
        cooperation=world.cooperation, fields={"title": "Vorhaben"}, date=CREATED
    )
    url = f"/{world.cooperation.slug}/vorhaben/protokollpunkt/{decision.pk}/verknuepfen/"
    client = client_for(world.coordinator)
    for stage in ("established", "implementation", "decided", "concept"):
        response = client.post(url, {"project": target.pk, "to_stage": stage, "reason": "x"})
        assert response.status_code == 400, (stage, response.status_code)
        assert "kann ein Vorhaben nicht" in response.content.decode(), stage
    target.refresh_from_db()
    assert target.stage == "idea"
    assert not ProjectReference.objects.filter(project=target).exists()
    assert StageChange.objects.filter(project=target).count() == 1
