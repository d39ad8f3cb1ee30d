"""Writes of the yearly cost statements: draft, issue (frozen snapshot), correction, delete.

Split from ``services`` (which re-exports every name here, so callers keep
``from ikz.agreements import services``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from ikz.agreements import allocation, events, selectors
from ikz.agreements.models import Agreement, Statement
from ikz.agreements.services_common import OTHER_COOPERATION, _log, _save

# --- Statements --------------------------------------------------------------------------------

STATEMENT_FIELDS = frozenset(
    {"key", "year", "basis", "costs_cents", "fees_cents", "grants_cents", "note"}
)


@transaction.atomic
def statement_save(
    *,
    agreement: Agreement,
    values: Mapping[str, Any],
    statement: Statement | None = None,
    actor_id: int | None = None,
) -> Statement:
    """Create or edit a draft statement; an issued one is frozen."""
    unknown = set(values) - STATEMENT_FIELDS
    if unknown:
        raise ValueError(f"not statement fields: {sorted(unknown)}")
    if statement is not None and statement.is_issued:
        raise ValidationError(
            _("Eine ausgestellte Abrechnung ist eingefroren; bitte eine Korrektur anlegen.")
        )
    instance = statement or Statement(cooperation=agreement.cooperation, agreement=agreement)
    for name, value in values.items():
        setattr(instance, name, value)
    key = instance.key if instance.key_id else None
    if key is not None and key.agreement_id != agreement.pk:
        raise ValidationError({"key": OTHER_COOPERATION})
    if statement is None:
        latest = Statement.objects.filter(
            agreement=agreement, year=instance.year, basis=instance.basis
        ).aggregate(latest=Max("version"))["latest"]
        if latest is not None:
            raise ValidationError(
                _(
                    "Für %(year)s gibt es bereits eine Abrechnung (%(basis)s); bitte diese "
                    "bearbeiten oder korrigieren."
                )
                % {"year": instance.year, "basis": Statement.Basis(instance.basis).label}
            )
    # Income above the costs: Statement.clean, via _save.
    _save(instance)
    _log(
        agreement,
        events.STATEMENT_SAVED,
        {"year": instance.year, "basis": instance.basis},
        actor_id,
    )
    return instance


@transaction.atomic
def statement_issue(
    *, statement: Statement, date: dt.date | None = None, actor_id: int | None = None
) -> Statement:
    """Freeze the allocation into the statement; refused if the key or data do not allow it."""
    locked = (
        Statement.objects.select_for_update(of=("self",))
        .select_related("agreement", "key")
        .get(pk=statement.pk)
    )
    if locked.is_issued:
        raise ValidationError(_("Diese Abrechnung ist bereits ausgestellt."))
    result = selectors.statement_allocation(statement=locked)
    locked.snapshot = allocation.snapshot(
        result, costs=locked.costs_cents, fees=locked.fees_cents, grants=locked.grants_cents
    )
    locked.status = Statement.Status.ISSUED
    locked.issued_on = date or timezone.localdate()
    locked.issued_by_id = actor_id
    _save(locked)
    _log(
        locked.agreement,
        events.STATEMENT_ISSUED,
        {"year": locked.year, "basis": locked.basis, "version": locked.version},
        actor_id,
    )
    return locked


@transaction.atomic
def statement_correct(*, statement: Statement, actor_id: int | None = None) -> Statement:
    """A new draft version of an issued statement, with the same figures to correct."""
    if not statement.is_issued:
        raise ValidationError(_("Nur eine ausgestellte Abrechnung kann korrigiert werden."))
    latest = Statement.objects.filter(
        agreement_id=statement.agreement_id, year=statement.year, basis=statement.basis
    ).aggregate(latest=Max("version"))["latest"]
    if latest != statement.version:
        raise ValidationError(_("Es gibt bereits eine neuere Fassung dieser Abrechnung."))
    copy = Statement(
        cooperation=statement.cooperation,
        agreement=statement.agreement,
        key=statement.key,
        year=statement.year,
        basis=statement.basis,
        version=statement.version + 1,
        costs_cents=statement.costs_cents,
        fees_cents=statement.fees_cents,
        grants_cents=statement.grants_cents,
        note=statement.note,
    )
    _save(copy)
    _log(
        statement.agreement,
        events.STATEMENT_CORRECTED,
        {"year": copy.year, "version": copy.version},
        actor_id,
    )
    return copy


@transaction.atomic
def statement_delete(*, statement: Statement, actor_id: int | None = None) -> None:
    if statement.is_issued:
        raise ValidationError(_("Eine ausgestellte Abrechnung kann nicht gelöscht werden."))
    agreement = statement.agreement
    statement.delete()
    _log(
        agreement,
        events.STATEMENT_DELETED,
        {"year": statement.year},
        actor_id,
    )
