"""Helpers shared by the agreement services (``services`` and ``services_statements``)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy

from ikz.activity.events import Event
from ikz.activity.services import record_activity
from ikz.agreements.models import Agreement
from ikz.cooperation.models import Cooperation

OTHER_COOPERATION = gettext_lazy("Dieser Eintrag gehört zu einer anderen Kooperation.")


def _check_refs(cooperation: Cooperation, **references: models.Model | None) -> None:
    for name, target in references.items():
        if target is not None and getattr(target, "cooperation_id", None) != cooperation.pk:
            raise ValidationError({name: OTHER_COOPERATION})


def _save(instance: models.Model) -> None:
    instance.full_clean()
    instance.save()


def _url(agreement: Agreement) -> str:
    return reverse("agreements:detail", args=[agreement.cooperation.slug, agreement.pk])


def _log(agreement: Agreement, event: Event, data: dict[str, Any], actor_id: int | None) -> None:
    # Members read only the agreements their municipality is party to, so the feed (which
    # every member reads) names an agreement to the coordination only.
    record_activity(
        cooperation=agreement.cooperation,
        actor_id=actor_id,
        event=event,
        data={"title": agreement.title, **data},
        url=_url(agreement),
        coordinators_only=True,
    )
