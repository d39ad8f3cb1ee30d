"""Builders for project tests: they go through the services, so every stage has its record."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ikz.cooperation.models import Cooperation
from ikz.projects import services
from ikz.projects.models import Project, Stage

DAY = dt.date(2019, 12, 10)
CREATED = dt.date(2019, 11, 1)  # before every meeting of the tests


def project(
    *, cooperation: Cooperation, title: str = "Bibliothek", is_public: bool = False, **fields: Any
) -> Project:
    return services.project_create(
        cooperation=cooperation,
        fields={"title": title, "is_public": is_public, **fields},
        date=CREATED,
    )


# A path through the lifecycle to reach each stage from "idea".
PATH: dict[str, list[Stage]] = {
    Stage.IDEA: [],
    Stage.ASSESSMENT: [Stage.ASSESSMENT],
    Stage.CONCEPT: [Stage.ASSESSMENT, Stage.CONCEPT],
    Stage.DECIDED: [Stage.ASSESSMENT, Stage.CONCEPT, Stage.DECIDED],
    Stage.IMPLEMENTATION: [Stage.ASSESSMENT, Stage.CONCEPT, Stage.DECIDED, Stage.IMPLEMENTATION],
    Stage.ESTABLISHED: [
        Stage.ASSESSMENT,
        Stage.CONCEPT,
        Stage.DECIDED,
        Stage.IMPLEMENTATION,
        Stage.ESTABLISHED,
    ],
    Stage.NOT_PURSUED: [Stage.NOT_PURSUED],
    Stage.BILATERAL: [Stage.BILATERAL],
}


def move_to(target: Project, stage: str, *, day: dt.date = DAY) -> Project:
    for step in PATH[stage]:
        services.project_change_stage(
            project=target, to_stage=step, date=day, actor_id=None, reason=f"nach {step}"
        )
    return target
