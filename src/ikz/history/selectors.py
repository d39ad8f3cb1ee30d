"""Reads of the history, always within the visitor's cooperation (coordinators only)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.http import Http404

from ikz.accounts.access import Access
from ikz.tracking.display import Change, Resolver, field_changes, user_label
from ikz.tracking.records import TRACKED, historical_model

PAGE_SIZE = 100


@dataclass(frozen=True)
class Row:
    """One historical record as a line of a "Verlauf" page."""

    model: type[models.Model]
    record: Any
    label: str
    kind: str  # "+", "~", "-"
    who: str
    changes: list[Change]
    exists: bool

    @property
    def model_label(self) -> str:
        return self.model._meta.label_lower

    @property
    def verbose_name(self) -> str:
        return str(self.model._meta.verbose_name)

    @property
    def object_id(self) -> Any:
        return getattr(self.record, self.model._meta.pk.attname)

    @property
    def restorable(self) -> bool:
        """A deleted object can come back; an existing one can go back to an earlier state."""
        return (self.kind == "-" and not self.exists) or (self.kind != "-" and self.exists)


def tracked_model(label: str) -> type[models.Model]:
    for model in TRACKED:
        if model._meta.label_lower == label:
            return model
    raise Http404


def _in_cooperation(model: type[models.Model], access: Access) -> dict[str, Any]:
    if model._meta.label_lower == "cooperation.cooperation":
        return {"id": access.cooperation.pk}
    return {"cooperation_id": access.cooperation.pk}


def history_of(model: type[models.Model], access: Access) -> models.QuerySet[Any]:
    return historical_model(model)._default_manager.filter(**_in_cooperation(model, access))


def object_exists(model: type[models.Model], access: Access, pk: Any) -> bool:
    return model._default_manager.filter(pk=pk, **_in_cooperation(model, access)).exists()


def _rows(selected: list[tuple[type[models.Model], Any]], access: Access) -> list[Row]:
    """Rows for the given records, each compared with the record before it (one query per
    model for the earlier records, one per model for which objects still exist)."""
    by_model: dict[type[models.Model], list[Any]] = defaultdict(list)
    for model, record in selected:
        by_model[model].append(record)
    previous: dict[tuple[type[models.Model], int], Any] = {}
    existing: dict[type[models.Model], set[Any]] = {}
    for model, records in by_model.items():
        pk_name = model._meta.pk.attname
        ids = {getattr(record, pk_name) for record in records}
        every = history_of(model, access).filter(**{f"{pk_name}__in": ids}).order_by("history_id")
        last: dict[Any, Any] = {}
        for earlier in every:
            object_id = getattr(earlier, pk_name)
            previous[(model, earlier.history_id)] = last.get(object_id)
            last[object_id] = earlier
        existing[model] = set(
            model._default_manager.filter(pk__in=ids).values_list("pk", flat=True)
        )
    resolver = Resolver()
    rows = []
    for model, record in selected:
        before = previous.get((model, record.history_id))
        object_id = getattr(record, model._meta.pk.attname)
        changes = (
            [] if record.history_type == "-" else field_changes(model, before, record, resolver)
        )
        rows.append(
            Row(
                model=model,
                record=record,
                label=_record_label(model, record),
                kind=record.history_type,
                who=user_label(record.history_user),
                changes=changes,
                exists=object_id in existing[model],
            )
        )
    return rows


def _record_label(model: type[models.Model], record: Any) -> str:
    """The object's name as it was, without touching related rows (no query per row)."""
    for name in ("heading", "title", "name", "text", "label"):
        value = getattr(record, name, None)
        if isinstance(value, str) and value:
            return value if len(value) <= 80 else value[:79] + "…"
    if hasattr(record, "given_name"):
        return f"{record.given_name} {record.family_name}".strip()
    return f"{model._meta.verbose_name} Nr. {getattr(record, model._meta.pk.attname)}"


def _newest(
    querysets: list[tuple[type[models.Model], models.QuerySet[Any]]], limit: int
) -> list[tuple[type[models.Model], Any]]:
    merged = [
        (model, record)
        for model, queryset in querysets
        for record in queryset.select_related("history_user").order_by(
            "-history_date", "-history_id"
        )[:limit]
    ]
    merged.sort(key=lambda pair: (pair[1].history_date, pair[1].history_id), reverse=True)
    return merged[:limit]


def object_history(*, access: Access, model: type[models.Model], pk: int) -> list[Row]:
    """The object's own records and those of the rows shown under it (``track(under=…)``)."""
    own = history_of(model, access).filter(**{model._meta.pk.attname: pk})
    if not own.exists() and not object_exists(model, access, pk):
        raise Http404
    querysets: list[tuple[type[models.Model], models.QuerySet[Any]]] = [(model, own)]
    for child, options in TRACKED.items():
        for name in options.under:
            field = child._meta.get_field(name)
            assert isinstance(field, models.ForeignKey)
            if field.related_model is model:
                querysets.append((child, history_of(child, access).filter(**{field.attname: pk})))
    return _rows(_newest(querysets, PAGE_SIZE * 2), access)


def cooperation_history(*, access: Access, deleted_only: bool = False) -> list[Row]:
    """The newest changes of the whole cooperation; or only objects deleted and not restored."""
    querysets = []
    for model in TRACKED:
        records = history_of(model, access)
        if deleted_only:
            records = records.filter(history_type="-").exclude(
                **{f"{model._meta.pk.attname}__in": model._default_manager.values("pk")}
            )
        querysets.append((model, records))
    rows = _rows(_newest(querysets, PAGE_SIZE), access)
    if deleted_only:
        # Once per object: its last deletion.
        seen: set[tuple[type[models.Model], Any]] = set()
        unique = []
        for row in rows:
            if (row.model, row.object_id) not in seen:
                seen.add((row.model, row.object_id))
                unique.append(row)
        rows = unique
    return rows


def changed_after_publication(*, model: type[models.Model], meeting_id: int) -> dict[int, Any]:
    """Rows of a meeting's minutes changed after the minutes were published: id → last change
    (one query). Shown as a mark in the minutes, to everyone who may read them."""
    records = (
        historical_model(model)
        ._default_manager.filter(meeting_id=meeting_id, after_publication=True)
        .values_list(model._meta.pk.attname, "history_date")
        .order_by("history_date")
    )
    return dict(records)


def record_get(*, access: Access, model: type[models.Model], history_id: int) -> Any:
    record = history_of(model, access).filter(history_id=history_id).first()
    if record is None:
        raise Http404
    return record
