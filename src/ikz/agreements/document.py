"""A cost statement as plain, formatted data: what the page, the PDF and the XLSX show.

An issued statement is read from its frozen snapshot; a draft is computed from the current
data (and may fail with the allocation's German messages).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ikz.agreements import allocation, selectors
from ikz.agreements.models import Agreement, Kind, Statement
from ikz.agreements.money import format_cents
from ikz.dates import PartialDate, format_partial_date


@dataclass
class StatementDocument:
    agreement: Agreement
    statement: Statement
    snapshot: dict[str, Any] | None
    errors: list[str] = field(default_factory=list)

    @property
    def title(self) -> str:
        return _("Kostenabrechnung %(year)s (%(basis)s)") % {
            "year": self.statement.year,
            "basis": self.statement.get_basis_display(),
        }

    @property
    def status_label(self) -> str:
        statement = self.statement
        if statement.is_issued and statement.issued_on:
            return _("Fassung %(version)s, ausgestellt am %(date)s") % {
                "version": statement.version,
                "date": format_partial_date(PartialDate(statement.issued_on)),
            }
        return _("Fassung %(version)s, Entwurf (noch nicht ausgestellt)") % {
            "version": statement.version
        }

    def rows(self, municipality_id: int | None = None) -> list[dict[str, Any]]:
        if self.snapshot is None:
            return []
        rows = self.snapshot["rows"]
        if municipality_id is not None:
            rows = [row for row in rows if row["municipality_id"] == municipality_id]
        return [
            {
                **row,
                "period": allocation.period_label(row),
                "amount": format_cents(row["cents"]),
                "direct": format_cents(row["direct_cents"]) if row["direct_cents"] else "–",
                "percent_label": f"{row['percent']} %",
                "basis_labels": [
                    (b["value"] if b["value"] is not None else "–") for b in row["bases"]
                ],
            }
            for row in rows
        ]

    def components(self) -> list[dict[str, Any]]:
        if self.snapshot is None:
            return []
        result = []
        for component in self.snapshot["components"]:
            weight = component["weight"].replace(".", ",").removesuffix(",00")
            if component["kind"] == "direct":
                text = _("%(label)s × %(fee)s (direkt)") % {
                    "label": component["label"],
                    "fee": format_cents(component["fee_cents"]),
                }
            else:
                text = f"{weight} % {component['label']}"
            result.append({**component, "text": text})
        return result

    def totals(self) -> dict[str, str]:
        snap = self.snapshot or {}
        statement = self.statement
        return {
            "costs": format_cents(statement.costs_cents),
            "fees": format_cents(statement.fees_cents),
            "grants": format_cents(statement.grants_cents),
            "distributable": format_cents(statement.distributable_cents),
            "total": format_cents(snap.get("total_cents")) if snap else "–",
        }

    def as_data(self, municipality_id: int | None = None) -> dict[str, Any]:
        """Everything the Typst template reads (strings only, already formatted)."""
        agreement = self.agreement
        return {
            "cooperation": agreement.cooperation.name,
            "agreement": agreement.title,
            "kind": str(Kind(agreement.kind).label),
            "task": agreement.task,
            "performing": agreement.performing_municipality.name
            if agreement.performing_municipality
            else "",
            "title": self.title,
            "status": self.status_label,
            "key": self.statement.key.name,
            "population_reference": self.statement.key.population_reference,
            "note": self.statement.note,
            "components": [c["text"] for c in self.components()],
            "component_labels": [c["label"] for c in self.components()],
            "rows": [
                {
                    "name": row["name"],
                    "period": row["period"],
                    "days": str(row["days"]),
                    "bases": row["basis_labels"],
                    "direct": row["direct"],
                    "percent": row["percent_label"],
                    "amount": row["amount"],
                }
                for row in self.rows(municipality_id)
            ],
            "single": municipality_id is not None,
            "totals": self.totals(),
            "days_in_year": str((self.snapshot or {}).get("days_in_year", "")),
        }


def statement_document(*, agreement: Agreement, statement: Statement) -> StatementDocument:
    statement.agreement = agreement
    if statement.is_issued:
        return StatementDocument(agreement, statement, statement.snapshot)
    try:
        result = selectors.statement_allocation(statement=statement)
    except ValidationError as error:
        return StatementDocument(agreement, statement, None, errors=list(error.messages))
    snap = allocation.snapshot(
        result,
        costs=statement.costs_cents,
        fees=statement.fees_cents,
        grants=statement.grants_cents,
    )
    return StatementDocument(agreement, statement, snap)
