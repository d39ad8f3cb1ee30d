"""The importer applies the services' rules, with the same German message as the form (issue 12).

Each rule once through the service (what the form shows) and once through a file that breaks
it: the import is refused with the same sentence and nothing is written.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from ikz.cooperation import services as cooperation_services
from ikz.cooperation.models import Cooperation
from ikz.dates import PartialDate
from ikz.exchange.protocol import ExchangeError
from ikz.exchange.services import dumps, export_cooperation, import_cooperation, parse
from ikz.projects import services as project_services
from ikz.projects.models import Milestone, Participation
from tests.conftest import World
from tests.projects.helpers import project

DONE_ON = "Ein Erledigt-Datum setzt „erledigt“ voraus."
COUNCIL_DATE = "Bitte das Datum des Ratsbeschlusses angeben."
MERGE = "Ein Gremium kann nicht in sich selbst übergehen."


def _exported(world: World) -> dict[str, Any]:
    target = project(cooperation=world.cooperation, title="Bibliothek")
    project_services.milestone_save(
        project=target, title="Ratsbeschluss", when=PartialDate.month(2020, 3)
    )
    project_services.participation_set(
        project=target,
        municipality=world.municipality,
        status=Participation.Status.COUNCIL_APPROVED,
        date=dt.date(2020, 2, 1),
        note="",
    )
    return export_cooperation(cooperation=world.cooperation)


def _project(data: dict[str, Any]) -> dict[str, Any]:
    projects: list[dict[str, Any]] = data["projects"]["projects"]
    return next(p for p in projects if p["title"] == "Bibliothek")


def _done_on_without_done(data: dict[str, Any]) -> None:
    milestone = _project(data)["milestones"][0]
    milestone["done"], milestone["done_on"] = False, "2020-03-02"


def _council_without_date(data: dict[str, Any]) -> None:
    _project(data)["participation"][0]["date"] = None


def _merge_cycle(data: dict[str, Any]) -> None:
    first, second = data["structure"]["bodies"][:2]
    first["merged_into"], second["merged_into"] = second["id"], first["id"]


BROKEN: dict[str, tuple[Callable[[dict[str, Any]], None], str]] = {
    "milestone done_on": (_done_on_without_done, DONE_ON),
    "council decision date": (_council_without_date, COUNCIL_DATE),
    "body merge cycle": (_merge_cycle, MERGE),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_a_file_breaking_a_service_rule_is_refused_with_the_forms_message(
    world: World, case: str
) -> None:
    change, message = BROKEN[case]
    data = copy.deepcopy(_exported(world))
    change(data)
    before = Cooperation.objects.count()
    with pytest.raises(ExchangeError) as refused:
        import_cooperation(data=parse(dumps(data)), slug="regelbruch")
    assert message in str(refused.value)
    assert Cooperation.objects.count() == before
    assert not Cooperation.objects.filter(slug="regelbruch").exists()


def test_the_unbroken_file_imports(world: World) -> None:
    data = _exported(world)
    imported = import_cooperation(data=parse(dumps(data)), slug="regeltreu")
    assert Milestone.objects.filter(cooperation=imported, title="Ratsbeschluss").count() == 1


def test_the_services_give_the_same_messages(world: World) -> None:
    target = project(cooperation=world.cooperation, title="Bibliothek")
    with pytest.raises(ValidationError) as refused:
        project_services.milestone_save(
            project=target,
            title="Ratsbeschluss",
            when=PartialDate.month(2020, 3),
            done=False,
            done_on=dt.date(2020, 3, 2),
        )
    assert refused.value.message_dict == {"done_on": [DONE_ON]}
    with pytest.raises(ValidationError) as refused:
        project_services.participation_set(
            project=target,
            municipality=world.municipality,
            status=Participation.Status.COUNCIL_DECLINED,
            date=None,
            note="",
        )
    assert refused.value.message_dict == {"date": [COUNCIL_DATE]}
    world.member_body.merged_into = world.internal_body
    world.member_body.save()
    with pytest.raises(ValidationError) as refused:
        cooperation_services.body_save(
            cooperation=world.cooperation,
            body=world.internal_body,
            fields={"merged_into": world.member_body},
        )
    assert MERGE in refused.value.messages


def test_the_database_refuses_what_bypasses_full_clean(world: World) -> None:
    target = project(cooperation=world.cooperation, title="Bibliothek")
    with pytest.raises(IntegrityError), transaction.atomic():
        Milestone.objects.create(
            cooperation=world.cooperation,
            project=target,
            title="x",
            date=dt.date(2020, 3, 1),
            done=False,
            done_on=dt.date(2020, 3, 2),
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Participation.objects.create(
            cooperation=world.cooperation,
            project=target,
            municipality=world.municipality,
            status=Participation.Status.COUNCIL_APPROVED,
            date=None,
        )


def test_council_decisions_are_the_two_council_states() -> None:
    from ikz.projects.models import COUNCIL_DECISIONS

    assert set(COUNCIL_DECISIONS) == {
        Participation.Status.COUNCIL_APPROVED,
        Participation.Status.COUNCIL_DECLINED,
    }
