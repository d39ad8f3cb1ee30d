"""How a historical record reads: field labels and German values, old → new."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils.translation import gettext as _

from ikz.dates import de_date
from ikz.numbers import de_number

# Columns that change with every save and say nothing to a reader.
_NOISE = {"updated_at", "created_at", "sequence", "uid", "cooperation", "position"}
_MAX = 300


@dataclass(frozen=True)
class Change:
    name: str
    label: str
    old: str
    new: str


def user_label(user: Any) -> str:
    if user is None:
        return _("System (Import, Befehl oder Hintergrundaufgabe)")
    return str(user.get_full_name() or user.get_username())


class Resolver:
    """Names of referenced rows, looked up once per (model, id) for a whole page."""

    def __init__(self) -> None:
        self._cache: dict[tuple[type[models.Model], Any], str] = {}

    def label(self, model: type[models.Model], pk: Any) -> str:
        key = (model, pk)
        if key not in self._cache:
            row = model._default_manager.filter(pk=pk).first()
            self._cache[key] = (
                str(row) if row is not None else _("gelöscht (Nr. %(id)s)") % {"id": pk}
            )
        return self._cache[key]


def display_value(field: models.Field[Any, Any], value: Any, resolver: Resolver) -> str:
    if value is None or value == "":
        return "–"
    if field.is_relation and field.related_model is not None:
        return resolver.label(field.related_model, value)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("ja") if value else _("nein")
    if isinstance(value, (dt.date, dt.datetime)):
        return de_date(value)
    if isinstance(value, Decimal | float):
        return de_number(value, 2 if value % 1 else 0)
    if isinstance(value, (bytes, memoryview)):
        return _("(Datei)")
    text = str(value)
    return text if len(text) <= _MAX else text[: _MAX - 1] + "…"


def shown_fields(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    return [
        field
        for field in model._meta.concrete_fields
        if not field.primary_key and field.name not in _NOISE
    ]


def field_label(field: models.Field[Any, Any]) -> str:
    """The field's German name; a foreign key without one is named after its model."""
    label = str(field.verbose_name)
    if (
        field.is_relation
        and field.related_model is not None
        and label == field.name.replace("_", " ")
    ):
        label = str(field.related_model._meta.verbose_name)
    return label[:1].upper() + label[1:]


def field_changes(
    model: type[models.Model], old: Any, new: Any, resolver: Resolver | None = None
) -> list[Change]:
    """The fields that differ between two states (records or instances) of ``model``;
    with ``old`` None every filled field of ``new`` (a creation)."""
    resolver = resolver or Resolver()
    changes = []
    for field in shown_fields(model):
        before = getattr(old, field.attname) if old is not None else None
        after = getattr(new, field.attname)
        if before == after or (old is None and after in (None, "", False)):
            continue
        changes.append(
            Change(
                name=field.name,
                label=field_label(field),
                old=display_value(field, before, resolver),
                new=display_value(field, after, resolver),
            )
        )
    return changes
