"""The import of answers from an XLSX sheet laid out like the export (``spreadsheets.py``).

The whole sheet is read and checked before anything is saved: ``plan_import`` returns either
errors (row, column, German message) or the answers per municipality, never both, so a sheet
with one bad cell changes nothing. Saving the plan is the surveys service's job.
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from ikz.cooperation.models import Municipality
from ikz.surveys.answers import (
    AnswerError,
    is_empty,
    parse_cell,
    parse_number,
    parse_text_answer,
    without_empty,
)
from ikz.surveys.models import Question, Response, Survey
from ikz.surveys.numbers import format_german_number
from ikz.surveys.spreadsheets import (
    FIXED,
    MAX_COLUMNS,
    MAX_ROWS,
    MAX_UPLOAD_BYTES,
    Column,
    _ordered_questions,
    answer_columns,
    get_column_letter,
)
from ikz.uploads import UploadRefused, XlsxLimits, check_xlsx

Row = Sequence[Any]


@dataclass(frozen=True)
class CellError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        if self.column:
            where = _("Zeile %(row)s, Spalte %(column)s") % {"row": self.row, "column": self.column}
        else:
            where = _("Zeile %(row)s") % {"row": self.row}
        return f"{where}: {self.message}"


@dataclass
class ImportPlan:
    errors: list[CellError]
    answers: dict[int, dict[str, Any]]


@dataclass
class _Sheet:
    """What the rows of a sheet are checked against, and what the check found so far."""

    survey: Survey
    submit: bool
    questions: list[Question]
    header: dict[int, Column]
    width: int
    by_ags: dict[str, Municipality]
    by_name: dict[str, Municipality]
    existing: dict[int, Response]
    errors: list[CellError] = field(default_factory=list)
    seen: dict[int, int] = field(default_factory=dict)


def plan_import(*, survey: Survey, content: bytes, submit: bool) -> ImportPlan:
    """Read and check the whole sheet; ``answers`` is empty whenever ``errors`` is not."""
    rows = _read_rows(content)
    if isinstance(rows, CellError):
        return ImportPlan([rows], {})
    if not rows or _cell_text(rows[0][0] if rows[0] else "").lower() != "ags":
        message = _("In Zeile 1 werden die Kürzel erwartet, beginnend mit „ags“.")
        return ImportPlan([CellError(1, "A", message)], {})
    sheet = _sheet(survey=survey, submit=submit, first_row=rows[0])
    answers: dict[int, dict[str, Any]] = {}
    for row_number, row in enumerate(rows[2:], start=3):
        planned = _plan_row(sheet, row_number, row)
        if planned is not None:
            answers[planned[0]] = planned[1]
    if sheet.errors:
        return ImportPlan(sheet.errors, {})
    return ImportPlan([], answers)


def _read_rows(content: bytes) -> list[Row] | CellError:
    try:
        check_xlsx(content, XlsxLimits(compressed_bytes=MAX_UPLOAD_BYTES))
    except UploadRefused as refusal:
        return CellError(0, "", str(refusal))
    try:
        from openpyxl import load_workbook

        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds of errors for a broken file
        return CellError(
            0, "", _("Die Datei ist keine lesbare XLSX-Tabelle (Excel 2007 oder neuer).")
        )
    sheet = workbook[_("Antworten")] if _("Antworten") in workbook.sheetnames else workbook.active
    # Bounded reading: a small file may unpack into a huge sheet.
    rows = list(
        itertools.islice(sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS), MAX_ROWS + 1)
    )
    workbook.close()
    if len(rows) > MAX_ROWS:
        limit = f"{MAX_ROWS:,}".replace(",", ".")
        return CellError(0, "", _("Die Tabelle hat mehr als %(rows)s Zeilen.") % {"rows": limit})
    return rows


def _sheet(*, survey: Survey, submit: bool, first_row: Row) -> _Sheet:
    questions = _ordered_questions(survey)
    by_key = {c.key: c for c in answer_columns(questions)}
    errors: list[CellError] = []
    header: dict[int, Column] = {}
    for index, key in enumerate(first_row):
        text = _cell_text(key)
        if index < len(FIXED) or not text:
            continue
        if text not in by_key:
            message = _("„%(key)s“ ist kein Kürzel einer Frage dieser Umfrage.") % {"key": text}
            errors.append(CellError(1, get_column_letter(index + 1), message))
        else:
            header[index] = by_key[text]
    municipalities = list(Municipality.objects.filter(cooperation_id=survey.cooperation_id))
    existing = Response.objects.filter(cooperation_id=survey.cooperation_id, survey=survey)
    return _Sheet(
        survey=survey,
        submit=submit,
        questions=questions,
        header=header,
        width=len(first_row),
        by_ags={m.ags: m for m in municipalities},
        by_name={m.name.casefold(): m for m in municipalities},
        existing={r.municipality_id: r for r in existing},
        errors=errors,
    )


def _plan_row(sheet: _Sheet, row_number: int, row: Row) -> tuple[int, dict[str, Any]] | None:
    """The answers of one municipality's row, or None (empty row, or errors noted in sheet)."""
    cells = list(row) + [None] * (sheet.width - len(row))
    if all(_cell_text(v) == "" for v in cells):
        return None
    municipality = _municipality(sheet, row_number, cells)
    if municipality is None:
        return None
    response = sheet.existing.get(municipality.pk)
    data = {k: _copy(v) for k, v in (response.data if response else {}).items()}
    touched = False
    for index, column in sheet.header.items():
        try:
            value = _read_value(column, cells[index])
        except AnswerError as error:
            letter = get_column_letter(index + 1)
            sheet.errors.append(CellError(row_number, letter, f"{column.key}: {error}"))
            continue
        touched = touched or value is not None
        _write(data, column, value)
    data = without_empty(data)
    if not touched and response is None:
        return None
    if sheet.submit:
        for question in sheet.questions:
            if question.required and is_empty(data.get(question.data_key)):
                message = _("%(key)s: Pflichtfrage ohne Antwort.") % {"key": question.key}
                sheet.errors.append(
                    CellError(row_number, _letter_of(sheet.header, question), message)
                )
    if response is not None and response.is_submitted and data != response.data:
        message = _(
            "Die Antwort von %(municipality)s ist bereits abgegeben; bitte zuerst wieder öffnen."
        ) % {"municipality": municipality.name}
        sheet.errors.append(CellError(row_number, "", message))
    return municipality.pk, data


def _municipality(sheet: _Sheet, row_number: int, cells: list[Any]) -> Municipality | None:
    """The row's municipality by AGS (or by name without one), seen once in the sheet."""
    ags, name = _cell_text(cells[0]), _cell_text(cells[1] if len(cells) > 1 else "")
    municipality = sheet.by_ags.get(ags) if ags else sheet.by_name.get(name.casefold())
    if municipality is None:
        if ags:
            message = _("AGS „%(ags)s“ ist keine Kommune der Kooperation.") % {"ags": ags}
        else:
            message = _("„%(name)s“ ist keine Kommune der Kooperation.") % {"name": name}
        sheet.errors.append(CellError(row_number, "A", message))
        return None
    if municipality.pk in sheet.seen:
        message = _("%(municipality)s steht schon in Zeile %(row)s.") % {
            "municipality": municipality.name,
            "row": sheet.seen[municipality.pk],
        }
        sheet.errors.append(CellError(row_number, "A", message))
        return None
    sheet.seen[municipality.pk] = row_number
    return municipality


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    return str(value).strip()


def _read_value(column: Column, value: Any) -> Any:
    """A cell as the answer it stands for (numbers may arrive as numbers or as text)."""
    question = column.question
    is_number = (
        (column.column or {}).get("kind") == "number"
        if column.column
        else (question.kind == Question.Kind.NUMBER)
    )
    if hasattr(value, "year"):
        raise AnswerError(_("Hier steht ein Datum; erwartet wird ein anderer Wert."))
    if is_number and isinstance(value, int | float) and not isinstance(value, bool):
        low = None if column.column else question.min_value
        high = None if column.column else question.max_value
        return parse_number(format_german_number(Decimal(str(value))), low=low, high=high)
    if isinstance(value, bool) and question.kind == Question.Kind.YES_NO:
        return value
    text = _cell_text(value)
    if column.column is not None:
        return parse_cell(column.column, text)
    return parse_text_answer(question, text)


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: dict(v) if isinstance(v, dict) else v for k, v in value.items()}
    return value


def _write(data: dict[str, Any], column: Column, value: Any) -> None:
    key = column.question.data_key
    if column.column is None:
        data[key] = value
        return
    table = data.setdefault(key, {})
    if not isinstance(table, dict):
        table = data[key] = {}
    table.setdefault(str(column.row), {})[column.column["key"]] = value


def _letter_of(header: dict[int, Column], question: Question) -> str:
    for index, column in header.items():
        if column.question.pk == question.pk:
            return get_column_letter(index + 1)
    return ""
