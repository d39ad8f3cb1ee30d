"""Writes to agreements, partners, cost keys, measures (statements: ``services_statements``,
re-exported here).

``agreement_change_state`` is the only code that changes ``Agreement.state``: it checks the move
(``lifecycle.transition_errors``) and writes the ``StateChange`` in the same transaction. A key
is saved whole (components and fixed shares) and refused, with nothing saved, unless its
weights add up to 100 %. An issued statement is frozen: its snapshot is never recomputed, and a
correction is a new draft version.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ikz.activity.services import record_activity
from ikz.agreements import allocation, events, lifecycle, selectors
from ikz.agreements.models import (
    Agreement,
    Component,
    ComponentKind,
    CostKey,
    FixedShare,
    Measure,
    Partner,
    StateChange,
    Statement,
)
from ikz.agreements.services_common import OTHER_COOPERATION, _check_refs, _log, _save

# Statements live in services_statements; their names stay importable from here.
from ikz.agreements.services_statements import (
    STATEMENT_FIELDS,
    statement_correct,
    statement_delete,
    statement_issue,
    statement_save,
)
from ikz.cooperation.models import Cooperation, Municipality
from ikz.meetings.models import Point

AGREEMENT_FIELDS = frozenset(
    {
        "title",
        "kind",
        "task",
        "performing_municipality",
        "project",
        "description",
        "term_start",
        "term_end",
        "notice_months",
    }
)
MEASURE_YEARS = (1990, 2200)
PARTNER_FIELDS = frozenset(
    {
        "municipality",
        "resolution_date",
        "resolution_reference",
        "resolution_point",
        "signed_on",
        "joined_on",
        "left_on",
    }
)


# --- Agreements --------------------------------------------------------------------------------


@transaction.atomic
def agreement_save(
    *,
    cooperation: Cooperation,
    values: Mapping[str, Any],
    agreement: Agreement | None = None,
    actor_id: int | None = None,
    date: dt.date | None = None,
) -> Agreement:
    """Create (state Entwurf, with the first history entry) or edit an agreement."""
    unknown = set(values) - AGREEMENT_FIELDS
    if unknown:
        raise ValueError(f"not agreement fields: {sorted(unknown)}")
    if agreement is not None and agreement.cooperation_id != cooperation.pk:
        raise ValidationError(OTHER_COOPERATION)
    created = agreement is None
    instance = agreement or Agreement(cooperation=cooperation)
    for name, value in values.items():
        setattr(instance, name, value)
    instance.title = (instance.title or "").strip()
    _check_refs(
        cooperation,
        performing_municipality=instance.performing_municipality,
        project=instance.project,
    )
    _save(instance)
    if created:
        _save(
            StateChange(
                cooperation=cooperation,
                agreement=instance,
                from_state="",
                to_state=instance.state,
                date=date or timezone.localdate(),
                author_id=actor_id,
                reason=_("angelegt"),
            )
        )
    _log(instance, events.AGREEMENT_CREATED if created else events.AGREEMENT_CHANGED, {}, actor_id)
    return instance


@transaction.atomic
def agreement_change_state(
    *,
    agreement: Agreement,
    to_state: str,
    date: dt.date,
    reason: str = "",
    actor_id: int | None = None,
    approval_date: dt.date | None = None,
    approval_reference: str | None = None,
    publication_date: dt.date | None = None,
    publication_place: str | None = None,
) -> StateChange:
    """Move the agreement on in its lifecycle; approval and publication bring their data."""
    locked = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if approval_date is not None:
        locked.approval_date = approval_date
    if approval_reference is not None:
        locked.approval_reference = approval_reference.strip()
    if publication_date is not None:
        locked.publication_date = publication_date
    if publication_place is not None:
        locked.publication_place = publication_place.strip()
    errors = lifecycle.transition_errors(locked, selectors.partners(agreement=locked), to_state)
    if errors:
        raise ValidationError(errors)
    change = StateChange(
        cooperation=locked.cooperation,
        agreement=locked,
        from_state=locked.state,
        to_state=to_state,
        date=date,
        author_id=actor_id,
        reason=(reason or "").strip(),
    )
    _save(change)
    locked.state = to_state
    _save(locked)
    agreement.refresh_from_db()
    _log(
        locked,
        events.AGREEMENT_STATE,
        {"old": change.from_state, "new": str(to_state)},
        actor_id,
    )
    return change


@transaction.atomic
def agreement_delete(*, agreement: Agreement, actor_id: int | None = None) -> None:
    if Statement.objects.filter(agreement=agreement, status=Statement.Status.ISSUED).exists():
        raise ValidationError(
            _("Die Vereinbarung hat ausgestellte Abrechnungen und kann nicht gelöscht werden.")
        )
    title = agreement.title
    cooperation = agreement.cooperation
    agreement.delete()
    record_activity(
        cooperation=cooperation,
        actor_id=actor_id,
        event=events.AGREEMENT_DELETED,
        data={"title": title},
        coordinators_only=True,
    )


# --- Partners ----------------------------------------------------------------------------------


@transaction.atomic
def partner_save(
    *,
    agreement: Agreement,
    values: Mapping[str, Any],
    partner: Partner | None = None,
    actor_id: int | None = None,
) -> Partner:
    unknown = set(values) - PARTNER_FIELDS
    if unknown:
        raise ValueError(f"not partner fields: {sorted(unknown)}")
    if partner is not None and partner.agreement_id != agreement.pk:
        raise ValidationError(OTHER_COOPERATION)
    instance = partner or Partner(cooperation=agreement.cooperation, agreement=agreement)
    for name, value in values.items():
        setattr(instance, name, value)
    municipality: Municipality | None = getattr(instance, "municipality", None)
    point: Point | None = instance.resolution_point
    _check_refs(agreement.cooperation, municipality=municipality, resolution_point=point)
    if point is not None and instance.resolution_date is None:
        instance.resolution_date = point.meeting.date
    _save(instance)
    _log(
        agreement,
        events.PARTNER_SAVED,
        {"name": instance.municipality.name},
        actor_id,
    )
    return instance


@transaction.atomic
def partner_delete(*, partner: Partner, actor_id: int | None = None) -> None:
    agreement = partner.agreement
    if Statement.objects.filter(agreement=agreement, status=Statement.Status.ISSUED).exists():
        raise ValidationError(
            _(
                "Für die Vereinbarung gibt es ausgestellte Abrechnungen: statt zu löschen, "
                "das Ausscheiden eintragen."
            )
        )
    name = partner.municipality.name
    FixedShare.objects.filter(key__agreement=agreement, municipality=partner.municipality).delete()
    partner.delete()
    _log(
        agreement,
        events.PARTNER_REMOVED,
        {"name": name},
        actor_id,
    )


# --- Cost keys ---------------------------------------------------------------------------------


def partner_ids_of(agreement: Agreement) -> set[int]:
    return set(
        Partner.objects.filter(agreement=agreement).values_list("municipality_id", flat=True)
    )


def check_measure_year(year: int) -> None:
    """The years measures are kept for; the measures' service and the importer call this."""
    if not MEASURE_YEARS[0] <= year <= MEASURE_YEARS[1]:
        raise ValidationError(_("Bitte ein Jahr zwischen 1990 und 2200 angeben."))


def check_measure_partner(municipality_id: int, partner_ids: set[int]) -> None:
    """Measures only of the agreement's partners (the service's and the importer's rule)."""
    if municipality_id not in partner_ids:
        raise ValidationError(_("Kennzahlen gibt es nur für Partnerkommunen."))


def check_cost_key(
    *,
    agreement: Agreement,
    components: Sequence[allocation.ComponentInput],
    fixed: Mapping[int, Decimal],
) -> None:
    """A key that can be used: components whose weights make 100 %, fixed shares (municipality
    id → percent) only for partners and making 100 %. The key's service and the importer
    (``agreements.exchange``) both call this; the agreement's partners must be saved first."""
    if set(fixed) - partner_ids_of(agreement):
        raise ValidationError(_("Feste Anteile gibt es nur für Partnerkommunen."))
    if not components:
        raise ValidationError(_("Ein Kostenschlüssel braucht mindestens eine Komponente."))
    errors = allocation.key_errors(components, fixed)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def cost_key_save(
    *,
    agreement: Agreement,
    name: str,
    components: Sequence[allocation.ComponentInput],
    fixed: Mapping[int, Decimal] | None = None,
    population_reference: str = "",
    key: CostKey | None = None,
    actor_id: int | None = None,
) -> CostKey:
    """Save a key whole; refused (nothing saved) unless the weights make 100 %."""
    if key is not None and key.agreement_id != agreement.pk:
        raise ValidationError(OTHER_COOPERATION)
    fixed = {k: v for k, v in (fixed or {}).items() if v is not None}
    if not any(c.kind == ComponentKind.FIXED for c in components):
        fixed = {}
    check_cost_key(agreement=agreement, components=components, fixed=fixed)
    instance = key or CostKey(cooperation=agreement.cooperation, agreement=agreement)
    instance.name = (name or "").strip()
    instance.population_reference = (population_reference or "").strip()
    _save(instance)
    Component.objects.filter(key=instance).delete()
    FixedShare.objects.filter(key=instance).delete()
    for position, component in enumerate(components):
        _save(
            Component(
                cooperation=agreement.cooperation,
                key=instance,
                position=position,
                kind=component.kind,
                weight=component.weight,
                measure=component.measure.strip(),
                fee_cents=component.fee_cents,
            )
        )
    for municipality_id, percent in fixed.items():
        _save(
            FixedShare(
                cooperation=agreement.cooperation,
                key=instance,
                municipality_id=municipality_id,
                percent=percent,
            )
        )
    _log(
        agreement,
        events.KEY_SAVED,
        {"name": instance.name},
        actor_id,
    )
    return instance


# --- Measures ----------------------------------------------------------------------------------


@transaction.atomic
def measures_save(
    *,
    agreement: Agreement,
    year: int,
    values: Mapping[tuple[int, str], Decimal | None],
    actor_id: int | None = None,
) -> int:
    """Set a year's measures per (municipality id, measure name); None removes a value."""
    check_measure_year(year)
    partner_ids = partner_ids_of(agreement)
    changed = 0
    for (municipality_id, name), value in values.items():
        check_measure_partner(municipality_id, partner_ids)
        existing = Measure.objects.filter(
            agreement=agreement, municipality_id=municipality_id, year=year, name=name
        ).first()
        if value is None:
            if existing is not None:
                existing.delete()
                changed += 1
            continue
        measure = existing or Measure(
            cooperation=agreement.cooperation,
            agreement=agreement,
            municipality_id=municipality_id,
            year=year,
            name=name,
        )
        measure.value = value
        _save(measure)
        changed += 1
    _log(
        agreement,
        events.MEASURES_SAVED,
        {"year": year},
        actor_id,
    )
    return changed


__all__ = [
    "AGREEMENT_FIELDS",
    "OTHER_COOPERATION",
    "PARTNER_FIELDS",
    "STATEMENT_FIELDS",
    "agreement_change_state",
    "agreement_delete",
    "agreement_save",
    "check_cost_key",
    "check_measure_partner",
    "check_measure_year",
    "cost_key_save",
    "measures_save",
    "partner_delete",
    "partner_save",
    "statement_correct",
    "statement_delete",
    "statement_issue",
    "statement_save",
]
