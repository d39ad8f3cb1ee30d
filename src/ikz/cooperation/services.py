"""Writes to a cooperation's structure.

Each service runs in one transaction, validates the whole object (constraints included) and
refuses references into another cooperation, so that a forged form value cannot cross the
tenant boundary.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from ikz.activity.events import Event
from ikz.activity.services import record_activity
from ikz.cooperation import events
from ikz.cooperation.models import Body, Cooperation, Location, Membership, Municipality, Person
from ikz.inputs import normalise_text

TenantModel = TypeVar("TenantModel", Municipality, Body, Person, Membership, Location)


def _check_same_cooperation(instance: models.Model, cooperation: Cooperation) -> None:
    for field in instance._meta.concrete_fields:
        if not isinstance(field, models.ForeignKey) or field.name == "cooperation":
            continue
        target = getattr(instance, field.name, None)
        target_cooperation_id = getattr(target, "cooperation_id", None)
        if target is not None and target_cooperation_id not in (None, cooperation.pk):
            raise ValidationError(
                {field.name: _("Dieser Eintrag gehört zu einer anderen Kooperation.")}
            )


def _save(
    *, instance: TenantModel, cooperation: Cooperation, fields: dict[str, Any]
) -> TenantModel:
    if instance.pk is not None and instance.cooperation_id != cooperation.pk:
        raise ValidationError(_("Dieser Eintrag gehört zu einer anderen Kooperation."))
    for name, value in fields.items():
        setattr(instance, name, value)
    instance.cooperation = cooperation
    _check_same_cooperation(instance, cooperation)
    instance.full_clean()
    instance.save()
    return instance


def _log(
    *,
    cooperation: Cooperation,
    actor_id: int | None,
    event: Event,
    name: str,
    url: str = "",
) -> None:
    record_activity(
        cooperation=cooperation, actor_id=actor_id, event=event, data={"name": name}, url=url
    )


# --- Municipalities ----------------------------------------------------------------------------


@transaction.atomic
def municipality_save(
    *,
    cooperation: Cooperation,
    fields: dict[str, Any],
    municipality: Municipality | None = None,
    actor_id: int | None = None,
) -> Municipality:
    created = municipality is None
    saved = _save(instance=municipality or Municipality(), cooperation=cooperation, fields=fields)
    _log(
        cooperation=cooperation,
        actor_id=actor_id,
        event=events.MUNICIPALITY_CREATED if created else events.MUNICIPALITY_CHANGED,
        name=saved.name,
        url=reverse("cooperation:municipality_detail", args=[cooperation.slug, saved.pk]),
    )
    return saved


@transaction.atomic
def municipality_delete(*, municipality: Municipality, actor_id: int | None = None) -> None:
    cooperation = municipality.cooperation
    name = municipality.name
    municipality.delete()
    record_activity(
        cooperation=cooperation,
        actor_id=actor_id,
        event=events.MUNICIPALITY_DELETED,
        data={"name": name},
    )


# --- Bodies ------------------------------------------------------------------------------------


def check_merge_target(body: Body) -> None:
    """A body may pass into another, but never into itself or into a chain that leads back.

    The body form's service and the importer (``cooperation.exchange``) both call this."""
    target = body.merged_into
    seen = {body.pk}
    while target is not None:
        if target.pk in seen:
            raise ValidationError(
                {"merged_into": _("Ein Gremium kann nicht in sich selbst übergehen.")}
            )
        seen.add(target.pk)
        target = target.merged_into


@transaction.atomic
def body_save(
    *,
    cooperation: Cooperation,
    fields: dict[str, Any],
    body: Body | None = None,
    actor_id: int | None = None,
) -> Body:
    created = body is None
    instance = body or Body()
    for name, value in fields.items():
        setattr(instance, name, value)
    check_merge_target(instance)
    saved = _save(instance=instance, cooperation=cooperation, fields={})
    url = reverse("cooperation:body_detail", args=[cooperation.slug, saved.pk])
    record_activity(
        cooperation=cooperation,
        actor_id=actor_id,
        event=events.BODY_CREATED if created else events.BODY_CHANGED,
        data={"name": saved.name},
        url=url,
        body=saved,
    )
    return saved


@transaction.atomic
def body_set_status(*, body: Body, text: str, actor_id: int | None = None) -> Body:
    """Set where the body stands ("Konzentration auf …"), e.g. from the report editor."""
    # Raw request text (the report editor posts it without a form): as a form would clean it.
    body.status_text = normalise_text(text or "").strip()
    body.full_clean()
    body.save(update_fields=["status_text"])
    record_activity(
        cooperation=body.cooperation,
        actor_id=actor_id,
        event=events.BODY_STATUS_CHANGED,
        data={"name": body.name},
        url=reverse("cooperation:body_detail", args=[body.cooperation.slug, body.pk]),
        body=body,
    )
    return body


@transaction.atomic
def body_delete(*, body: Body, actor_id: int | None = None) -> None:
    cooperation = body.cooperation
    name = body.name
    try:
        body.delete()
    except (models.ProtectedError, models.RestrictedError) as error:  # meetings: RESTRICT
        raise ValidationError(
            _(
                "Das Gremium hat Sitzungen oder Aufgaben und kann daher nicht gelöscht werden. "
                "Setzen Sie stattdessen ein Datum bei „aktiv bis“."
            )
        ) from error
    record_activity(
        cooperation=cooperation,
        actor_id=actor_id,
        event=events.BODY_DELETED,
        data={"name": name},
    )


# --- People and memberships --------------------------------------------------------------------


@transaction.atomic
def person_save(
    *,
    cooperation: Cooperation,
    fields: dict[str, Any],
    person: Person | None = None,
    actor_id: int | None = None,
) -> Person:
    created = person is None
    saved = _save(instance=person or Person(), cooperation=cooperation, fields=fields)
    _log(
        cooperation=cooperation,
        actor_id=actor_id,
        event=events.PERSON_CREATED if created else events.PERSON_CHANGED,
        name=saved.full_name,
        url=reverse("cooperation:person_detail", args=[cooperation.slug, saved.pk]),
    )
    return saved


@transaction.atomic
def person_delete(*, person: Person, actor_id: int | None = None) -> None:
    cooperation = person.cooperation
    name = person.full_name
    person.delete()
    record_activity(
        cooperation=cooperation,
        actor_id=actor_id,
        event=events.PERSON_DELETED,
        data={"name": name},
    )


@transaction.atomic
def membership_save(
    *,
    cooperation: Cooperation,
    fields: dict[str, Any],
    membership: Membership | None = None,
    actor_id: int | None = None,
) -> Membership:
    saved = _save(instance=membership or Membership(), cooperation=cooperation, fields=fields)
    record_activity(
        cooperation=cooperation,
        actor_id=actor_id,
        event=events.MEMBERSHIP_SAVED,
        data={"person": saved.person.full_name, "body": saved.body.name, "role": saved.role},
        url=reverse("cooperation:body_detail", args=[cooperation.slug, saved.body_id]),
        body=saved.body,
    )
    return saved


@transaction.atomic
def membership_delete(*, membership: Membership, actor_id: int | None = None) -> None:
    cooperation, body = membership.cooperation, membership.body
    person = membership.person.full_name
    membership.delete()
    record_activity(
        cooperation=cooperation,
        actor_id=actor_id,
        event=events.MEMBERSHIP_DELETED,
        data={"person": person, "body": body.name},
        url=reverse("cooperation:body_detail", args=[cooperation.slug, body.pk]),
        body=body,
    )


# --- Locations ---------------------------------------------------------------------------------


@transaction.atomic
def location_save(
    *,
    cooperation: Cooperation,
    fields: dict[str, Any],
    location: Location | None = None,
    actor_id: int | None = None,
) -> Location:
    created = location is None
    saved = _save(instance=location or Location(), cooperation=cooperation, fields=fields)
    _log(
        cooperation=cooperation,
        actor_id=actor_id,
        event=events.LOCATION_CREATED if created else events.LOCATION_CHANGED,
        name=saved.name,
        url=reverse("cooperation:location_detail", args=[cooperation.slug, saved.pk]),
    )
    return saved


@transaction.atomic
def location_delete(*, location: Location, actor_id: int | None = None) -> None:
    cooperation, name = location.cooperation, location.name
    location.delete()
    _log(cooperation=cooperation, actor_id=actor_id, event=events.LOCATION_DELETED, name=name)


# --- Cooperations ------------------------------------------------------------------------------


@transaction.atomic
def cooperation_create(*, fields: dict[str, Any]) -> Cooperation:
    cooperation = Cooperation(**fields)
    cooperation.full_clean()
    cooperation.save()
    return cooperation
