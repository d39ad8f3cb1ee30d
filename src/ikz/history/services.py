"""Restore: an object back to an earlier state, or a deleted object with its deleted children.

A restore is itself a change: it is saved through the model (so it gets its own historical
record, marked "Wiederhergestellt") and recorded in the activity feed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from ikz.activity.services import record_activity
from ikz.history import events
from ikz.lookups import shared_lookups
from ikz.tracking.records import TRACKED, historical_model

if TYPE_CHECKING:
    # For the signatures only: a restore works on any tracked model through TRACKED, the
    # cooperation app's included; history sits below it and runs none of its code.
    from ikz.cooperation.models import Cooperation

RESTORED = "Wiederhergestellt"


def _check_references(instance: models.Model) -> None:
    """A reference to a row that is gone: cleared where allowed, else the restore is refused."""
    for field in instance._meta.concrete_fields:
        if not field.is_relation or field.related_model is None:
            continue
        value = getattr(instance, field.attname)
        if value is None:
            continue
        target = field.related_model
        if target._default_manager.filter(pk=value).exists():
            continue
        # A row deleted with what it belonged to (CASCADE) comes back only with it.
        on_delete = getattr(field.remote_field, "on_delete", None)
        if field.null and on_delete is not models.CASCADE:
            setattr(instance, field.attname, None)
            continue
        raise ValidationError(
            _(
                "„%(what)s“ kann nicht allein wiederhergestellt werden, weil „%(field)s“ "
                "gelöscht ist. Stellen Sie zuerst das übergeordnete Objekt wieder her."
            )
            % {"what": instance, "field": field.verbose_name}
        )


def _save_restored(
    record: Any,
    current: models.Model | None = None,
    *,
    parent: tuple[models.Field[Any, Any], models.Model] | None = None,
) -> models.Model:
    """Save the record's state: a deleted object comes back at its place; an existing one
    gets the recorded values except where it sits (ordering fields stay as they are now).
    ``parent``: the foreign key and the just restored object it points to, handed to the
    instance so that its ``clean()`` reads the parent without a query per child."""
    instance: models.Model = record.instance
    if parent is not None:
        field, parent_object = parent
        setattr(instance, field.name, parent_object)
    instance._state.adding = current is None  # unique checks: an existing row is not new
    _check_references(instance)
    options = TRACKED.get(type(instance))
    if current is not None and options is not None:
        for field in instance._meta.concrete_fields:
            if field.name in options.version_exclude:
                setattr(instance, field.attname, getattr(current, field.attname))
    elif options is not None and options.before_restore is not None:
        options.before_restore(instance)
    instance.full_clean(validate_unique=True, validate_constraints=True)
    instance._change_reason = RESTORED  # type: ignore[attr-defined]  # read by simple-history
    instance.save()
    return instance


def _restore_children(parent: models.Model, batch: str, cooperation: Cooperation) -> int:
    """Rows that pointed to ``parent`` and were deleted in the same request: back, recursively."""
    count = 0
    for child in TRACKED:
        for field in child._meta.concrete_fields:
            if not field.is_relation or field.related_model is not type(parent):
                continue
            pk_name = child._meta.pk.attname
            records = (
                historical_model(child)
                ._default_manager.filter(
                    history_type="-", batch=batch, **{field.attname: parent.pk}
                )
                .exclude(**{f"{pk_name}__in": child._default_manager.values("pk")})
                .order_by("history_id")
            )
            if child._meta.label_lower != "cooperation.cooperation":
                records = records.filter(cooperation_id=cooperation.pk)
            for record in records:
                if child._default_manager.filter(pk=getattr(record, pk_name)).exists():
                    continue  # restored already through another path
                restored = _save_restored(record, parent=(field, parent))
                count += 1 + _restore_children(restored, batch, cooperation)
    return count


@transaction.atomic
def restore(
    *, cooperation: Cooperation, model: type[models.Model], record: Any, actor_id: int | None
) -> tuple[models.Model, int]:
    """Bring back the state of ``record``; returns the object and how many children came back."""
    pk = getattr(record, model._meta.pk.attname)
    current = model._default_manager.select_for_update().filter(pk=pk).first()
    existed = current is not None
    if record.history_type == "-" and existed:
        raise ValidationError(_("Dieses Objekt ist bereits wiederhergestellt."))
    # A deletion record holds the state just before the deletion.
    # Each restored row re-indexes itself (signals) and looks up its parents: share them.
    with shared_lookups():
        instance = _save_restored(record, current)
        children = 0 if existed else _restore_children(instance, record.batch, cooperation)
    record_activity(
        cooperation=cooperation,
        actor_id=actor_id,
        event=events.REVERTED if existed else events.RESTORED,
        data={"what": str(model._meta.verbose_name), "name": str(instance)},
    )
    return instance, children
