"""Writes of the portal: the coordinator's legal pages and licence."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from ikz.activity.services import record_activity
from ikz.cooperation.models import Cooperation
from ikz.portal import events
from ikz.portal.models import PortalSettings

FIELDS = ("imprint", "privacy", "accessibility", "licence", "attribution")


def settings_of(cooperation: Cooperation) -> PortalSettings:
    """The cooperation's settings, unsaved defaults if the coordinator has not written any."""
    found = PortalSettings.objects.filter(cooperation=cooperation).first()
    return found or PortalSettings(cooperation=cooperation)


@transaction.atomic
def portal_settings_save(
    *, cooperation: Cooperation, fields: dict[str, Any], actor_id: int | None = None
) -> PortalSettings:
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise ValidationError(_("Unbekannte Felder: %(names)s") % {"names": ", ".join(unknown)})
    row = PortalSettings.objects.select_for_update().filter(cooperation=cooperation).first()
    row = row or PortalSettings(cooperation=cooperation)
    for name, value in fields.items():
        setattr(row, name, value.strip() if isinstance(value, str) else value)
    row.updated_by_id = actor_id
    row.full_clean()
    row.save()
    record_activity(
        cooperation=cooperation,
        actor_id=actor_id,
        event=events.LEGAL_SAVED,
        url=reverse("portal:home", args=[cooperation.slug]),
    )
    return row
