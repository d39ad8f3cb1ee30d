"""Helpers shared by the project services (``services`` and ``services_plan``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from ikz.activity.events import Event
from ikz.activity.services import record_activity
from ikz.cooperation.models import Cooperation
from ikz.projects.models import Project

OTHER_COOPERATION = gettext_lazy("Dieser Eintrag gehört zu einer anderen Kooperation.")


def _check_refs(cooperation: Cooperation, **references: models.Model | None) -> None:
    for name, target in references.items():
        if target is not None and getattr(target, "cooperation_id", None) != cooperation.pk:
            raise ValidationError({name: OTHER_COOPERATION})


def _save(instance: models.Model, **exclude: Any) -> None:
    instance.full_clean(**exclude)
    instance.save()


def _project_url(project: Project) -> str:
    return reverse("projects:detail", args=[project.cooperation.slug, project.pk])


def _log(project: Project, event: Event, actor_id: int | None, **data: str) -> None:
    record_activity(
        cooperation=project.cooperation,
        actor_id=actor_id,
        event=event,
        data={"title": project.title, **data},
        url=_project_url(project),
    )


def _today() -> dt.date:
    return timezone.localdate()
