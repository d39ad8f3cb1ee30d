"""Projects in the exchange file: a round trip keeps everything; broken files are refused."""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ikz.dates import PartialDate
from ikz.demo.loader import load_demo
from ikz.exchange.protocol import ExchangeError
from ikz.exchange.services import export_cooperation, import_cooperation
from ikz.meetings.models import Point
from ikz.projects import services
from ikz.projects.models import (
    FundingApplication,
    Goal,
    GoalProject,
    Milestone,
    Participation,
    Project,
    ProjectReference,
    StageChange,
)
from tests.conftest import World
from tests.exchange_support import demo_export, without_volatile
from tests.meetings.factories import points, published
from tests.projects.helpers import DAY, project
from tests.test_exchange_refusals import JSON_VALUES, import_or_refuse, paths_of

pytestmark = pytest.mark.django_db

MODELS = (
    Project,
    StageChange,
    Participation,
    Milestone,
    FundingApplication,
    Goal,
    GoalProject,
    ProjectReference,
)


def test_round_trip_of_the_demo() -> None:
    original = load_demo().cooperation
    first = export_cooperation(cooperation=original)
    section = first["projects"]
    assert len(section["projects"]) == 12
    assert any(change["point"] for p in section["projects"] for change in p["history"])
    assert any(ref.get("task") for p in section["projects"] for ref in p["references"])
    copy_of = import_cooperation(data=first, slug="kopie")
    for model in MODELS:
        assert (
            model.objects.filter(cooperation=copy_of).count()
            == model.objects.filter(cooperation=original).count()
        ), model
    second = export_cooperation(cooperation=copy_of)
    assert without_volatile(second) == without_volatile(first)
    # The deciding point of the copy is the copy's own point, in the copy's meeting.
    change = StageChange.objects.get(
        cooperation=copy_of, project__title="Standesamt", to_stage="not_pursued"
    )
    assert change.point is not None
    assert change.meeting is not None
    assert change.point.cooperation_id == copy_of.pk
    assert change.meeting.cooperation_id == copy_of.pk
    assert change.point.meeting_id == change.meeting_id


def _data() -> dict[str, Any]:
    return demo_export()


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda p: p["projects"][0].update(stage="established"), "Historie endet"),
        (lambda p: p["projects"][0].update(history=[]), "beginnen"),
        (lambda p: p["projects"][0]["history"][0].update(to_stage="vielleicht"), "nicht erlaubt"),
        (lambda p: p["projects"][0].update(field=999), "nicht enthalten"),
        (lambda p: p["projects"][0].update(references=[{}]), "genau einen"),
        (lambda p: p["goals"][0].update(projects=[999]), "nicht enthalten"),
        (lambda p: p["projects"][0].update(colour="rot"), "Unbekanntes Feld"),
    ],
)
def test_broken_files_are_refused_and_change_nothing(mutate, message: str) -> None:
    data = _data()
    broken = copy.deepcopy(data)
    mutate(broken["projects"])
    before = Project.objects.count()
    with pytest.raises(ExchangeError, match=message):
        import_cooperation(data=broken, slug="kaputt")
    assert Project.objects.count() == before


@pytest.fixture
def small_export(world: World) -> dict[str, Any]:
    """A cooperation with one project of every part, exported."""
    session = published(body=world.public_body, is_public=True)
    (decision,) = points(session, "Beschluss", kind=Point.Kind.DECISION)
    target = project(cooperation=world.cooperation, title="Bibliothek", is_public=True)
    services.link_point_to_project(
        point=decision, project=target, to_stage="assessment", actor_id=None
    )
    services.participation_set(
        project=target, municipality=world.municipality, status="council_approved", date=DAY
    )
    services.milestone_save(project=target, title="Workshop", when=PartialDate.month(2020, 1))
    programme = services.funding_programme_save(cooperation=world.cooperation, name="LEADER")
    services.funding_application_save(
        project=target,
        programme=programme,
        deadline=PartialDate.day(2020, 3, 31),
        amount_applied=Decimal("1000.50"),
    )
    parent = services.goal_save(cooperation=world.cooperation, title="Ziel", rank=1)
    services.goal_save(
        cooperation=world.cooperation, title="Teilziel", parent=parent, projects=[target]
    )
    return export_cooperation(cooperation=world.cooperation)


def test_round_trip_of_every_part(small_export: dict[str, Any]) -> None:
    imported = import_cooperation(data=small_export, slug="runde")
    assert without_volatile(export_cooperation(cooperation=imported)) == without_volatile(
        small_export
    )
    child = Goal.objects.get(cooperation=imported, title="Teilziel")
    assert child.parent is not None
    assert child.parent.title == "Ziel"
    assert child.projects.get().title == "Bibliothek"


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_random_mutations_of_the_section_are_refused_cleanly(
    small_export: dict[str, Any], data: st.DataObject
) -> None:
    mutated = copy.deepcopy(small_export)
    section = mutated["projects"]
    paths = paths_of(section)
    path = data.draw(st.sampled_from(paths), label="path")
    parent = section
    for key in path[:-1]:
        parent = parent[key]
    if data.draw(st.booleans(), label="delete"):
        del parent[path[-1]]
    else:
        parent[path[-1]] = data.draw(JSON_VALUES, label="value")
    import_or_refuse(mutated)
