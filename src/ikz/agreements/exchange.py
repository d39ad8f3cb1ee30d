"""Agreements in the exchange file: section ``agreements`` (see docs/agreements.md).

Layout::

    "agreements": [{"id", "title", "kind", "task", "performing_municipality", "project",
                    "description", "state", "term_start", "term_end", "notice_months",
                    "approval_date", "approval_reference", "publication_date",
                    "publication_place",
                    "history": [{"from_state", "to_state", "date", "reason"}],
                    "partners": [{"municipality", "resolution_date", "resolution_reference",
                                  "resolution_point", "signed_on", "joined_on", "left_on"}],
                    "keys": [{"id", "name", "population_reference",
                              "components": [{"kind", "weight" ("70.00"), "measure",
                                              "fee_cents"}],
                              "fixed": [{"municipality", "percent"}]}],
                    "measures": [{"municipality", "year", "name", "value" ("812.00")}],
                    "statements": [{"key", "year", "basis", "version", "status",
                                    "costs_cents", "fees_cents", "grants_cents", "note",
                                    "issued_on", "snapshot"}]}]

Municipalities, projects and minutes points are referred to by the numbers of the earlier
sections. An issued statement keeps its frozen snapshot; its rows name municipalities by file
number ("municipality") instead of database id. The author of a state change is a log-in and
is not exported. An import restores the history as it is (a past step may predate a rule) but
refuses an agreement whose history does not end in its state.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ikz.agreements import services
from ikz.agreements.allocation import ComponentInput
from ikz.agreements.models import (
    Agreement,
    Component,
    ComponentKind,
    CostKey,
    FixedShare,
    Kind,
    Measure,
    Partner,
    State,
    StateChange,
    Statement,
)
from ikz.cooperation.models import Cooperation, Municipality
from ikz.exchange.fields import (
    Record,
    create,
    decimal_text,
    iso_date,
    records,
    validation_message,
)
from ikz.exchange.protocol import ExchangeError, ExportIds, ImportRefs
from ikz.meetings.models import Point
from ikz.projects.models import Project

NAME = "agreements"
AGREEMENT_KEYS = (
    "id",
    "title",
    "kind",
    "task",
    "performing_municipality",
    "project",
    "description",
    "state",
    "term_start",
    "term_end",
    "notice_months",
    "approval_date",
    "approval_reference",
    "publication_date",
    "publication_place",
    "history",
    "partners",
    "keys",
    "measures",
    "statements",
)
HISTORY_KEYS = ("from_state", "to_state", "date", "reason")
PARTNER_KEYS = (
    "municipality",
    "resolution_date",
    "resolution_reference",
    "resolution_point",
    "signed_on",
    "joined_on",
    "left_on",
)
KEY_KEYS = ("id", "name", "population_reference", "components", "fixed")
COMPONENT_KEYS = ("kind", "weight", "measure", "fee_cents")
FIXED_KEYS = ("municipality", "percent")
MEASURE_KEYS = ("municipality", "year", "name", "value")
STATEMENT_KEYS = (
    "key",
    "year",
    "basis",
    "version",
    "status",
    "costs_cents",
    "fees_cents",
    "grants_cents",
    "note",
    "issued_on",
    "snapshot",
)
CENTS_MAX = 10**15


def _int(record: Record, key: str, *, minimum: int, maximum: int) -> int:
    value = record.integer(key, minimum=minimum, maximum=maximum)
    if value is None:
        raise ExchangeError(_("Pflichtfeld fehlt."), path=record.at(key))
    return value


def _decimal(record: Record, key: str) -> Decimal:
    value = record.decimal(key)
    if value is None:
        raise ExchangeError(_("Pflichtfeld fehlt."), path=record.at(key))
    return value


def _date(record: Record, key: str) -> dt.date:
    value = record.date(key)
    if value is None:
        raise ExchangeError(_("Pflichtfeld fehlt."), path=record.at(key))
    return value


def _check(path: str, rule: Callable[..., None], *args: Any, **kwargs: Any) -> None:
    """Run a rule of the services; its ValidationError becomes an ExchangeError at ``path``."""
    try:
        rule(*args, **kwargs)
    except ValidationError as error:
        raise validation_message(error, path) from None


def _grouped(rows: Any, attribute: str = "agreement_id") -> dict[int, list[Any]]:
    grouped: dict[int, list[Any]] = defaultdict(list)
    for row in rows:
        grouped[getattr(row, attribute)].append(row)
    return grouped


# --- Export --------------------------------------------------------------------------------------


def export_section(*, cooperation: Cooperation, ids: ExportIds) -> list[dict[str, Any]]:
    of = {"cooperation": cooperation}
    agreements = list(
        Agreement.objects.filter(**of)
        .select_related("performing_municipality", "project")
        .order_by("title", "pk")
    )
    history = _grouped(StateChange.objects.filter(**of).order_by("pk"))
    partners = _grouped(
        Partner.objects.filter(**of)
        .select_related("municipality", "resolution_point")
        .order_by("municipality__name", "pk")
    )
    keys = _grouped(CostKey.objects.filter(**of).order_by("name", "pk"))
    components = _grouped(
        Component.objects.filter(**of).order_by("position", "pk"), attribute="key_id"
    )
    fixed = _grouped(
        FixedShare.objects.filter(**of)
        .select_related("municipality")
        .order_by("municipality__name", "pk"),
        attribute="key_id",
    )
    measures = _grouped(
        Measure.objects.filter(**of)
        .select_related("municipality")
        .order_by("year", "name", "municipality__name", "pk")
    )
    statements = _grouped(
        Statement.objects.filter(**of).select_related("key").order_by("year", "basis", "version")
    )
    towns = {m.pk: m for m in Municipality.objects.filter(**of)}
    for agreement in agreements:
        ids.of(agreement)
        for key in keys[agreement.pk]:
            ids.of(key)
    return [
        {
            "id": ids.of(a),
            "title": a.title,
            "kind": a.kind,
            "task": a.task,
            "performing_municipality": ids.maybe(a.performing_municipality),
            "project": ids.maybe(a.project),
            "description": a.description,
            "state": a.state,
            "term_start": iso_date(a.term_start),
            "term_end": iso_date(a.term_end),
            "notice_months": a.notice_months,
            "approval_date": iso_date(a.approval_date),
            "approval_reference": a.approval_reference,
            "publication_date": iso_date(a.publication_date),
            "publication_place": a.publication_place,
            "history": [
                {
                    "from_state": c.from_state,
                    "to_state": c.to_state,
                    "date": iso_date(c.date),
                    "reason": c.reason,
                }
                for c in history[a.pk]
            ],
            "partners": [
                {
                    "municipality": ids.of(p.municipality),
                    "resolution_date": iso_date(p.resolution_date),
                    "resolution_reference": p.resolution_reference,
                    "resolution_point": ids.maybe(p.resolution_point),
                    "signed_on": iso_date(p.signed_on),
                    "joined_on": iso_date(p.joined_on),
                    "left_on": iso_date(p.left_on),
                }
                for p in partners[a.pk]
            ],
            "keys": [
                {
                    "id": ids.of(k),
                    "name": k.name,
                    "population_reference": k.population_reference,
                    "components": [
                        {
                            "kind": c.kind,
                            "weight": decimal_text(c.weight),
                            "measure": c.measure,
                            "fee_cents": c.fee_cents,
                        }
                        for c in components[k.pk]
                    ],
                    "fixed": [
                        {"municipality": ids.of(f.municipality), "percent": decimal_text(f.percent)}
                        for f in fixed[k.pk]
                    ],
                }
                for k in keys[a.pk]
            ],
            "measures": [
                {
                    "municipality": ids.of(m.municipality),
                    "year": m.year,
                    "name": m.name,
                    "value": decimal_text(m.value),
                }
                for m in measures[a.pk]
            ],
            "statements": [
                {
                    "key": ids.of(s.key),
                    "year": s.year,
                    "basis": s.basis,
                    "version": s.version,
                    "status": s.status,
                    "costs_cents": s.costs_cents,
                    "fees_cents": s.fees_cents,
                    "grants_cents": s.grants_cents,
                    "note": s.note,
                    "issued_on": iso_date(s.issued_on),
                    "snapshot": _snapshot_out(s.snapshot, towns, ids),
                }
                for s in statements[a.pk]
            ],
        }
        for a in agreements
    ]


def _snapshot_out(
    snapshot: dict[str, Any] | None, towns: dict[int, Municipality], ids: ExportIds
) -> dict[str, Any] | None:
    if snapshot is None:
        return None
    result = copy.deepcopy(snapshot)
    for row in result["rows"]:
        town = towns.get(row.pop("municipality_id"))
        row["municipality"] = ids.maybe(town)
    return result


# --- Import --------------------------------------------------------------------------------------


def import_section(*, cooperation: Cooperation, data: Any, refs: ImportRefs) -> None:
    for record in records(data, NAME, keys=AGREEMENT_KEYS):
        _import_agreement(record, cooperation, refs)


def _import_agreement(record: Record, cooperation: Cooperation, refs: ImportRefs) -> None:
    agreement = Agreement(
        cooperation=cooperation,
        title=record.text("title", required=True),
        kind=record.choice("kind", Kind, default=Kind.DELEGATING),
        task=record.text("task"),
        performing_municipality=record.ref("performing_municipality", Municipality, refs),
        project=record.ref("project", Project, refs),
        description=record.text("description"),
        state=record.choice("state", State, default=State.DRAFT),
        term_start=record.date("term_start"),
        term_end=record.date("term_end"),
        notice_months=record.integer("notice_months", minimum=0, maximum=600),
        approval_date=record.date("approval_date"),
        approval_reference=record.text("approval_reference"),
        publication_date=record.date("publication_date"),
        publication_place=record.text("publication_place"),
    )
    create(agreement, path=record.path)
    refs.put(Agreement, record.number(), agreement, path=record.at("id"))
    last = ""
    for item in records(record.raw("history") or [], record.at("history"), keys=HISTORY_KEYS):
        change = StateChange(
            cooperation=cooperation,
            agreement=agreement,
            from_state=item.text("from_state"),
            to_state=item.choice("to_state", State, default=State.DRAFT),
            date=_date(item, "date"),
            reason=item.text("reason"),
        )
        create(change, path=item.path)
        last = change.to_state
    if last != agreement.state:
        raise ExchangeError(
            _("Der Verlauf endet nicht im Stand der Vereinbarung („%(state)s“).")
            % {"state": agreement.state},
            path=record.at("history"),
        )
    for item in records(record.raw("partners") or [], record.at("partners"), keys=PARTNER_KEYS):
        create(
            Partner(
                cooperation=cooperation,
                agreement=agreement,
                municipality=item.ref("municipality", Municipality, refs, required=True),
                resolution_date=item.date("resolution_date"),
                resolution_reference=item.text("resolution_reference"),
                resolution_point=item.ref("resolution_point", Point, refs),
                signed_on=item.date("signed_on"),
                joined_on=item.date("joined_on"),
                left_on=item.date("left_on"),
            ),
            path=item.path,
        )
    for item in records(record.raw("keys") or [], record.at("keys"), keys=KEY_KEYS):
        _import_key(item, agreement, refs)
    partner_ids = services.partner_ids_of(agreement)
    for item in records(record.raw("measures") or [], record.at("measures"), keys=MEASURE_KEYS):
        measure = Measure(
            cooperation=cooperation,
            agreement=agreement,
            municipality=item.ref("municipality", Municipality, refs, required=True),
            year=_int(item, "year", minimum=1900, maximum=2200),
            name=item.text("name", required=True),
            value=_decimal(item, "value"),
        )
        _check(item.at("year"), services.check_measure_year, measure.year)
        _check(
            item.at("municipality"),
            services.check_measure_partner,
            measure.municipality_id,
            partner_ids,
        )
        create(measure, path=item.path)
    for item in records(
        record.raw("statements") or [], record.at("statements"), keys=STATEMENT_KEYS
    ):
        _import_statement(item, agreement, refs)


def _import_key(record: Record, agreement: Agreement, refs: ImportRefs) -> None:
    cooperation = agreement.cooperation
    key = CostKey(
        cooperation=cooperation,
        agreement=agreement,
        name=record.text("name", required=True),
        population_reference=record.text("population_reference"),
    )
    create(key, path=record.path)
    refs.put(CostKey, record.number(), key, path=record.at("id"))
    parts = records(record.raw("components") or [], record.at("components"), keys=COMPONENT_KEYS)
    components = [
        create(
            Component(
                cooperation=cooperation,
                key=key,
                position=position,
                kind=item.choice("kind", ComponentKind, default=ComponentKind.POPULATION),
                weight=_decimal(item, "weight"),
                measure=item.text("measure"),
                fee_cents=item.integer("fee_cents", minimum=0, maximum=CENTS_MAX),
            ),
            path=item.path,
        )
        for position, item in enumerate(parts)
    ]
    shares = [
        create(
            FixedShare(
                cooperation=cooperation,
                key=key,
                municipality=item.ref("municipality", Municipality, refs, required=True),
                percent=_decimal(item, "percent"),
            ),
            path=item.path,
        )
        for item in records(record.raw("fixed") or [], record.at("fixed"), keys=FIXED_KEYS)
    ]
    # The key as a whole (weights, fixed shares of partners): the key service's own check.
    _check(
        record.path,
        services.check_cost_key,
        agreement=agreement,
        components=[
            ComponentInput(kind=c.kind, weight=c.weight, measure=c.measure, fee_cents=c.fee_cents)
            for c in components
        ],
        fixed={share.municipality_id: share.percent for share in shares},
    )


def _import_statement(record: Record, agreement: Agreement, refs: ImportRefs) -> None:
    snapshot = record.raw("snapshot")
    if snapshot is not None:
        if not isinstance(snapshot, dict) or not isinstance(snapshot.get("rows"), list):
            raise ExchangeError(
                _("Der Stand einer Abrechnung ist ein Objekt mit Zeilen („rows“)."),
                path=record.at("snapshot"),
            )
        snapshot = copy.deepcopy(snapshot)
        for index, row in enumerate(snapshot["rows"]):
            if not isinstance(row, dict):
                raise ExchangeError(
                    _("Erwartet wird ein Objekt."), path=f"{record.at('snapshot')}.rows[{index}]"
                )
            number = row.pop("municipality", None)
            town = (
                refs.get(Municipality, number, path=f"{record.at('snapshot')}.rows[{index}]")
                if number is not None
                else None
            )
            row["municipality_id"] = town.pk if town is not None else None
    statement = Statement(
        cooperation=agreement.cooperation,
        agreement=agreement,
        key=record.ref("key", CostKey, refs, required=True),
        year=_int(record, "year", minimum=1900, maximum=2200),
        basis=record.choice("basis", Statement.Basis, default=Statement.Basis.ACTUAL),
        version=record.integer("version", minimum=1, maximum=1000) or 1,
        status=record.choice("status", Statement.Status, default=Statement.Status.DRAFT),
        costs_cents=_int(record, "costs_cents", minimum=0, maximum=CENTS_MAX),
        fees_cents=record.integer("fees_cents", minimum=0, maximum=CENTS_MAX) or 0,
        grants_cents=record.integer("grants_cents", minimum=0, maximum=CENTS_MAX) or 0,
        note=record.text("note"),
        issued_on=record.date("issued_on"),
        snapshot=snapshot,
    )
    if statement.key.agreement_id != agreement.pk:
        raise ExchangeError(
            _("Der Kostenschlüssel gehört zu einer anderen Vereinbarung."), path=record.at("key")
        )
    create(statement, path=record.path)
