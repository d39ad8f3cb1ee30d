"""Register a domain model for history: one line at the end of the app's ``models.py``.

    from ikz.tracking.records import track
    track(Point, under=("meeting",), after_publication=point_in_published_minutes)

``track`` attaches django-simple-history (``Model.history``, a ``Historical<Model>`` table in
the model's own app, written by signals in the same transaction as every save and delete,
whether from a service, the importer or the admin). Every record also carries

- ``batch``: one key per request (or per transaction outside a request), so that a deleted
  object can be restored together with the children that were deleted with it;
- ``after_publication``: the change was made to minutes that were already published.

The checklist for a new model is in docs/decisions/0004-history.md.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, models, transaction
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _
from simple_history import register
from simple_history.models import HistoricalRecords
from simple_history.signals import pre_create_historical_record


class HistoryFields(models.Model):
    """Extra columns of every historical table."""

    batch = models.CharField(_("Vorgang"), max_length=32, blank=True, db_index=True)
    after_publication = models.BooleanField(_("nach Veröffentlichung"), default=False)

    class Meta:
        abstract = True


@dataclass(frozen=True)
class Tracked:
    """How a tracked model shows in the "Verlauf" pages."""

    model: type[models.Model]
    # Foreign keys to the objects on whose "Verlauf" page this model's records also appear.
    under: tuple[str, ...] = ()
    # Fields left out of the version token (ordering only; moving is not an edit conflict).
    version_exclude: frozenset[str] = field(default_factory=frozenset)
    after_publication: Callable[[Any], bool] | None = None
    # Called with a deleted object's instance before it is saved again (e.g. to make room in
    # an ordered tree).
    before_restore: Callable[[Any], None] | None = None


TRACKED: dict[type[models.Model], Tracked] = {}


def track(
    model: type[models.Model],
    *,
    under: Iterable[str] = (),
    version_exclude: Iterable[str] = ("position",),
    after_publication: Callable[[Any], bool] | None = None,
    before_restore: Callable[[Any], None] | None = None,
    excluded_fields: Iterable[str] = (),
) -> None:
    """Keep the history of ``model`` (see the module docstring)."""
    if model in TRACKED:
        return
    register(
        model,
        bases=[HistoryFields],
        excluded_fields=list(excluded_fields),
        user_related_name="+",
    )
    TRACKED[model] = Tracked(
        model=model,
        under=tuple(under),
        version_exclude=frozenset(version_exclude),
        after_publication=after_publication,
        before_restore=before_restore,
    )


def tracked(model: type[models.Model]) -> Tracked | None:
    return TRACKED.get(model)


def historical_model(model: type[models.Model]) -> type[models.Model]:
    history: type[models.Model] = model.history.model  # type: ignore[attr-defined]
    return history


# --- The batch key ------------------------------------------------------------------------------

_TRANSACTION_KEY = "_ikz_history_batch"


def current_batch() -> str:
    """One key per request; outside a request one per transaction (cleared on commit; a
    rolled-back transaction leaves its key to the next one, which is harmless because none of
    its records survive)."""
    request = getattr(HistoricalRecords.context, "request", None)
    if request is not None:
        key = getattr(request, _TRANSACTION_KEY, None)
        if key is None:
            key = uuid.uuid4().hex
            setattr(request, _TRANSACTION_KEY, key)
        return str(key)
    if not connection.in_atomic_block:
        return uuid.uuid4().hex
    key = getattr(connection, _TRANSACTION_KEY, None)
    if key is None:
        key = uuid.uuid4().hex
        setattr(connection, _TRANSACTION_KEY, key)
        transaction.on_commit(lambda: setattr(connection, _TRANSACTION_KEY, None))
    return str(key)


def history_attrs(instance: models.Model) -> dict[str, Any]:
    """The extra columns for a record of ``instance`` (also for the bulk helpers)."""
    options = TRACKED.get(type(instance))
    published = bool(options and options.after_publication and options.after_publication(instance))
    return {"batch": current_batch(), "after_publication": published}


@receiver(pre_create_historical_record)
def _fill_history_fields(*, instance: models.Model, history_instance: Any, **_: Any) -> None:
    for name, value in history_attrs(instance).items():
        setattr(history_instance, name, value)


def _request_user() -> Any:
    request = getattr(HistoricalRecords.context, "request", None)
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


def bulk_create(model: type[models.Model], objs: list[Any], **kwargs: Any) -> list[Any]:
    """``bulk_create`` that writes history too (simple-history's helper, with our columns)."""
    from simple_history.utils import bulk_create_with_history

    if not objs:
        return []
    attrs = history_attrs(objs[0])
    created: list[Any] = bulk_create_with_history(
        objs, model, custom_historical_attrs=attrs, default_user=_request_user(), **kwargs
    )
    return created


def bulk_update(
    model: type[models.Model], objs: list[Any], fields: list[str], **kwargs: Any
) -> int:
    from simple_history.utils import bulk_update_with_history

    if not objs:
        return 0
    attrs = history_attrs(objs[0])
    updated: int = bulk_update_with_history(
        objs, model, fields, custom_historical_attrs=attrs, default_user=_request_user(), **kwargs
    )
    return updated
