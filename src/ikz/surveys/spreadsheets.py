"""Answers and evaluation as XLSX and CSV, and the import of answers from XLSX.

Layout of the answer sheet (export and import alike): row 1 holds the column keys (``ags``,
``kommune``, ``status``, then one key per question; a table cell is ``key.z<row>.<column>``),
row 2 the questions as text, and from row 3 on one row per municipality. The import reads
the municipality from ``ags`` (or, if empty, ``kommune``), checks every cell and imports
nothing unless the whole sheet is clean.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from ikz.cooperation.models import Municipality
from ikz.surveys import evaluation as ev
from ikz.surveys.answers import (
    format_answer,
    format_cell,
)
from ikz.surveys.models import Question, Response, Survey
from ikz.surveys.numbers import NumberError, format_german_number, parse_german_number

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_002  # two header rows and 20,000 municipalities
MAX_COLUMNS = 5_000
FIXED = ["ags", "kommune", "status"]
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    question: Question
    row: int | None = None
    column: dict[str, str] | None = None

    def read(self, data: dict[str, Any]) -> Any:
        value = data.get(self.question.data_key)
        if self.column is None:
            return value
        return ((value or {}).get(str(self.row)) or {}).get(self.column["key"])

    def text(self, data: dict[str, Any]) -> str:
        value = self.read(data)
        if self.column is None:
            return format_answer(self.question, value)
        return format_cell(self.column, value)

    def cell(self, data: dict[str, Any]) -> Any:
        """The XLSX cell value: numbers stay numbers, everything else as it is typed."""
        value = self.read(data)
        if isinstance(value, int | float) and not isinstance(value, bool):
            return value
        return self.text(data) or None


def get_column_letter(index: int) -> str:
    """openpyxl's column letter ("A", "AB"); openpyxl is imported where a sheet is made."""
    from openpyxl.utils import get_column_letter as letter

    column: str = letter(index)
    return column


def answer_columns(questions: list[Question]) -> list[Column]:
    columns = []
    for question in questions:
        if question.kind != Question.Kind.TABLE:
            columns.append(Column(question.key, question.label_with_unit, question))
            continue
        for row_index, row_label in enumerate(question.table_rows):
            for column in question.table_columns:
                unit = f" ({column['unit']})" if column.get("unit") else ""
                columns.append(
                    Column(
                        f"{question.key}.z{row_index + 1}.{column['key']}",
                        f"{question.text} – {row_label} – {column['label']}{unit}",
                        question,
                        row_index,
                        column,
                    )
                )
    return columns


def _ordered_questions(survey: Survey) -> list[Question]:
    return list(
        Question.objects.filter(cooperation_id=survey.cooperation_id, survey=survey)
        .select_related("section")
        .order_by("section__position", "section_id", "position", "pk")
    )


def _answer_rows(survey: Survey) -> tuple[list[Column], list[tuple[Municipality, Response | None]]]:
    columns = answer_columns(_ordered_questions(survey))
    responses = {
        r.municipality_id: r
        for r in Response.objects.filter(cooperation_id=survey.cooperation_id, survey=survey)
    }
    municipalities = Municipality.objects.filter(cooperation_id=survey.cooperation_id).order_by(
        "name"
    )
    return columns, [(m, responses.get(m.pk)) for m in municipalities]


def _status(response: Response | None) -> str:
    if response is None or (not response.data and not response.is_submitted):
        return _("nicht begonnen")
    return response.get_status_display()


def _append(sheet: Any, values: list[Any]) -> None:
    """Append a row; text that looks like a formula ("=HYPERLINK(…)") stays text."""
    sheet.append(values)
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str) and cell.value.startswith("="):
            cell.data_type = "s"


def _csv_safe(value: Any) -> Any:
    # A spreadsheet program would run "=…", "+…", "@…" as a formula: quote it (not "-3,5").
    if not isinstance(value, str) or not value:
        return value
    if value[0] in "=+@\t\r" or (value[0] == "-" and not _is_number_text(value)):
        return "'" + value
    return value


def _is_number_text(value: str) -> bool:
    try:
        parse_german_number(value)
    except NumberError:
        return False
    return True


def answers_xlsx(survey: Survey) -> bytes:
    columns, rows = _answer_rows(survey)
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Antworten")
    _append(sheet, FIXED + [c.key for c in columns])
    _append(sheet, ["AGS", _("Kommune"), _("Status")] + [c.label for c in columns])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for municipality, response in rows:
        data = response.data if response else {}
        _append(
            sheet,
            [municipality.ags, municipality.name, _status(response)]
            + [c.cell(data) for c in columns],
        )
    sheet.freeze_panes = "D3"
    for index in range(1, len(FIXED) + len(columns) + 1):
        sheet.column_dimensions[get_column_letter(index)].width = 18 if index > 3 else 14
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _csv(rows: list[list[Any]]) -> bytes:
    # Semicolons and a BOM: what a German spreadsheet program opens without asking.
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerows([[_csv_safe(value) for value in row] for row in rows])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def answers_csv(survey: Survey) -> bytes:
    columns, rows = _answer_rows(survey)
    table: list[list[Any]] = [FIXED + [c.key for c in columns]]
    table.append(["AGS", _("Kommune"), _("Status")] + [c.label for c in columns])
    for municipality, response in rows:
        data = response.data if response else {}
        table.append(
            [municipality.ags, municipality.name, _status(response)]
            + [c.text(data) for c in columns]
        )
    return _csv(table)


# --- Evaluation ------------------------------------------------------------------------------


def _summary_header() -> list[str]:
    return [
        _("Kennzahl"),
        _("Einheit"),
        _("Bezug"),
        _("Anzahl"),
        _("Minimum"),
        _("1. Quartil"),
        _("Median"),
        _("3. Quartil"),
        _("Maximum"),
        _("Mittelwert"),
    ]


def _values_header() -> list[str]:
    return [
        _("Kennzahl"),
        _("Einheit"),
        _("Bezug"),
        _("Kommune"),
        _("Wert"),
        _("Rang"),
        _("Abweichung vom Median"),
        _("Abweichung vom Median (%)"),
    ]


def _series_all(evaluation: ev.Evaluation) -> list[ev.Series]:
    result: list[ev.Series] = []
    for figure in evaluation.figures:
        bases = ["absolut"] if figure.is_indicator else list(ev.BASES)
        result.extend(evaluation.series(figure, basis) for basis in bases)
    return result


def _summary_rows(evaluation: ev.Evaluation) -> list[list[Any]]:
    rows = []
    for series in _series_all(evaluation):
        s = series.summary
        numbers = [s.count, s.minimum, s.q1, s.median, s.q3, s.maximum, s.mean] if s else [0]
        rows.append([series.figure.label, series.unit_label, series.basis_label, *numbers])
    return rows


NamesFor = Callable[[ev.Series], list[str]]


def _value_rows(evaluation: ev.Evaluation, names_for: NamesFor, own: int | None) -> list[list[Any]]:
    rows = []
    for series in _series_all(evaluation):
        names = names_for(series)
        for row in ev.series_rows(series, names, evaluation.municipality_ids, own):
            rows.append(
                [
                    series.figure.label,
                    series.unit_label,
                    series.basis_label,
                    row["name"],
                    row["value"],
                    row["rank"],
                    row["deviation"],
                    row["deviation_pct"],
                ]
            )
    return rows


def evaluation_xlsx(evaluation: ev.Evaluation, names_for: NamesFor, own: int | None) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    summary = workbook.active
    summary.title = _("Übersicht")
    _append(summary, _summary_header())
    for row in _summary_rows(evaluation):
        _append(summary, row)
    values = workbook.create_sheet(_("Werte"))
    _append(values, _values_header())
    for row in _value_rows(evaluation, names_for, own):
        _append(values, row)
    choices = workbook.create_sheet(_("Auswahlfragen"))
    _append(choices, [_("Frage"), _("Antwort"), _("Anzahl Kommunen")])
    for count in evaluation.choice_counts:
        for option, n in count.counts:
            _append(choices, [count.question.text, option, n])
        _append(choices, [count.question.text, _("keine Angabe"), count.unanswered])
    for sheet in workbook.worksheets:
        for cell in sheet[1]:
            cell.font = Font(bold=True)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def evaluation_csv(evaluation: ev.Evaluation, names_for: NamesFor, own: int | None) -> bytes:
    def text(value: Any) -> Any:
        if isinstance(value, float):
            return format_german_number(round(value, 4))
        return "" if value is None else value

    rows = [[text(v) for v in row] for row in _value_rows(evaluation, names_for, own)]
    return _csv([_values_header(), *rows])
