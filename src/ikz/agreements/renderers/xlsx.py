"""A cost statement as XLSX (openpyxl): the overview with amounts as numbers in euros.

Sheet "Übersicht": one row per partner (period, days, the basis of every component, direct
charges, share in percent, amount) and a total row; amounts are numbers with a euro format,
so they can be summed in the spreadsheet and agree to the cent with the statement.
"""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from ikz.agreements.document import StatementDocument

EURO = '#,##0.00 "€"'


def render(document: StatementDocument) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = _("Übersicht")
    data = document.as_data()
    bold = Font(bold=True)
    sheet.append([data["agreement"]])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([data["title"], data["status"]])
    sheet.append([_("Kostenschlüssel"), data["key"], "; ".join(data["components"])])
    statement = document.statement
    for label, cents in (
        (_("Gesamtkosten"), statement.costs_cents),
        (_("Einnahmen aus Gebühren"), statement.fees_cents),
        (_("Zuwendungen"), statement.grants_cents),
        (_("zu verteilen"), statement.distributable_cents),
    ):
        sheet.append([label, _euros(cents)])
        sheet.cell(row=sheet.max_row, column=2).number_format = EURO
    sheet.append([])
    header = [
        _("Kommune"),
        _("Zeitraum"),
        _("Tage"),
        *data["component_labels"],
        _("direkt (€)"),
        _("Anteil (%)"),
        _("Betrag (€)"),
    ]
    sheet.append(header)
    for cell in sheet[sheet.max_row]:
        cell.font = bold
    first = sheet.max_row + 1
    for row in document.rows():
        sheet.append(
            [
                row["name"],
                row["period"],
                row["days"],
                *row["basis_labels"],
                _euros(row["direct_cents"]),
                float(Decimal(row["percent"].replace(".", "").replace(",", "."))),
                _euros(row["cents"]),
            ]
        )
        sheet.cell(row=sheet.max_row, column=len(header) - 2).number_format = EURO
        sheet.cell(row=sheet.max_row, column=len(header)).number_format = EURO
    last = sheet.max_row
    sheet.append(
        [
            _("Summe"),
            *[""] * (len(header) - 2),
            _euros((document.snapshot or {}).get("total_cents", 0)),
        ]
    )
    sheet.cell(row=sheet.max_row, column=len(header)).number_format = EURO
    sheet.cell(row=sheet.max_row, column=1).font = bold
    sheet.cell(row=sheet.max_row, column=len(header)).font = bold
    del first, last
    for column, width in zip("ABC", (28, 26, 8), strict=True):
        sheet.column_dimensions[column].width = width
    output = BytesIO()
    workbook.save(output)
    return output.getvalue()


def _euros(cents: int) -> Decimal:
    return (Decimal(int(cents)) / 100).quantize(Decimal("0.01"))
