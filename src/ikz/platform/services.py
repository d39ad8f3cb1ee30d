"""Writes of the platform operation: create, archive and reactivate cooperations; and the
cooperation's own settings, which its coordinators edit."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ikz.access.models import Invitation
from ikz.access.services import invitation_create
from ikz.accounts.models import CooperationRole
from ikz.activity.services import record_activity
from ikz.cooperation.models import RESERVED_SLUGS, Cooperation
from ikz.platform import events

CREATE_FIELDS = ("name", "slug", "region", "coordinating_organisation", "website", "description")
SETTINGS_FIELDS = (
    "name",
    "process_title",
    "region",
    "coordinating_organisation",
    "website",
    "description",
    "steering_body",
    "report_period",
    "report_extra_recipients",
    "require_coordinator_2fa",
)


@transaction.atomic
def cooperation_create(
    *, fields: dict[str, Any], coordinator_email: str = "", actor_id: int | None = None
) -> tuple[Cooperation, Invitation | None]:
    """A new, empty cooperation; with ``coordinator_email`` its first coordinator is invited."""
    unknown = set(fields) - set(CREATE_FIELDS)
    if unknown:
        raise ValidationError(_("Unbekannte Angaben: %(names)s") % {"names": ", ".join(unknown)})
    if fields.get("slug") in RESERVED_SLUGS:
        raise ValidationError({"slug": _("Dieser Kurzname ist für Systemseiten reserviert.")})
    cooperation = Cooperation(**fields)
    cooperation.full_clean()
    cooperation.save()
    record_activity(
        cooperation=cooperation,
        actor_id=actor_id,
        event=events.COOPERATION_CREATED,
        data={"name": cooperation.name},
    )
    invitation = None
    if coordinator_email:
        invitation = invitation_create(
            cooperation=cooperation,
            email=coordinator_email,
            role=CooperationRole.Role.COORDINATOR,
            actor_id=actor_id,
        )
    return cooperation, invitation


@transaction.atomic
def cooperation_archive(*, cooperation: Cooperation, actor_id: int | None = None) -> Cooperation:
    """Read-only from now on and left off the start page; nothing is deleted."""
    cooperation = Cooperation.objects.select_for_update().get(pk=cooperation.pk)
    if cooperation.archived_at is None:
        cooperation.archived_at = timezone.now()
        cooperation.save(update_fields=["archived_at"])
        record_activity(
            cooperation=cooperation, actor_id=actor_id, event=events.COOPERATION_ARCHIVED
        )
    return cooperation


@transaction.atomic
def cooperation_reactivate(*, cooperation: Cooperation, actor_id: int | None = None) -> Cooperation:
    cooperation = Cooperation.objects.select_for_update().get(pk=cooperation.pk)
    if cooperation.archived_at is not None:
        cooperation.archived_at = None
        cooperation.save(update_fields=["archived_at"])
        record_activity(
            cooperation=cooperation, actor_id=actor_id, event=events.COOPERATION_REACTIVATED
        )
    return cooperation


@transaction.atomic
def settings_save(
    *, cooperation: Cooperation, fields: dict[str, Any], actor_id: int | None = None
) -> Cooperation:
    unknown = set(fields) - set(SETTINGS_FIELDS)
    if unknown:
        raise ValidationError(_("Unbekannte Angaben: %(names)s") % {"names": ", ".join(unknown)})
    cooperation = Cooperation.objects.select_for_update().get(pk=cooperation.pk)
    for name, value in fields.items():
        setattr(cooperation, name, value)
    body = cooperation.steering_body
    if body is not None and body.cooperation_id != cooperation.pk:
        raise ValidationError(
            {"steering_body": _("Dieses Gremium gehört zu einer anderen Kooperation.")}
        )
    cooperation.full_clean()  # also checks and normalises the extra recipients (model clean)
    cooperation.save()
    record_activity(
        cooperation=cooperation,
        actor_id=actor_id,
        event=events.SETTINGS_CHANGED,
    )
    return cooperation
