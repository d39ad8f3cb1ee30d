"""What an answer to each kind of question looks like, read from text and checked.

Stored shapes in ``Response.data`` (keyed by question id; an empty answer is left out):
number → int or float, yes/no → bool, single choice → str, multiple choice → list of str,
text → str, table → {"<row index>": {"<column key>": number or str}}.

The same functions serve the answer form and the spreadsheet import, so that a value is
accepted or refused with the same German message wherever it is typed.
"""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from ikz.inputs import parse_int
from ikz.surveys.models import Question
from ikz.surveys.numbers import (
    NumberError,
    format_german_number,
    parse_german_number,
    to_json_number,
)

SHORT_TEXT_MAX = 300
LONG_TEXT_MAX = 5000
YES = {"ja", "j", "x", "1", "true", "wahr", "yes"}
NO = {"nein", "n", "0", "false", "falsch", "no"}
Kind = Question.Kind


class AnswerError(ValueError):
    """A German message about one value, shown to the user as it is."""


def parse_number(text: str, *, low: Decimal | None = None, high: Decimal | None = None) -> Any:
    try:
        value = parse_german_number(text)
    except NumberError as error:
        raise AnswerError(str(error)) from error
    if low is not None and value < low:
        raise AnswerError(
            _("Der Wert muss mindestens %(low)s sein.") % {"low": format_german_number(low)}
        )
    if high is not None and value > high:
        raise AnswerError(
            _("Der Wert darf höchstens %(high)s sein.") % {"high": format_german_number(high)}
        )
    return to_json_number(value)


def without_currency(text: str, unit: str) -> str:
    """ "84.000 €" → "84.000" for a question in euros ("€", "€/km", "EUR"): the amount is
    typed as on an invoice (German money, see ikz.money); other units keep their text."""
    if "€" not in unit and "eur" not in unit.lower():
        return text
    stripped = text.strip()
    for symbol in ("€", "EUR", "Euro"):
        if stripped.lower().endswith(symbol.lower()):
            return stripped[: -len(symbol)].strip()
        if stripped.lower().startswith(symbol.lower()):
            return stripped[len(symbol) :].strip()
    return stripped


def parse_yes_no(text: str) -> bool:
    cleaned = text.strip().lower()
    if cleaned in YES:
        return True
    if cleaned in NO:
        return False
    raise AnswerError(_("„%(text)s“: bitte „ja“ oder „nein“ angeben.") % {"text": text.strip()})


def _match_choice(question: Question, text: str) -> str:
    cleaned = text.strip()
    for option in question.choices:
        if option.casefold() == cleaned.casefold():
            return str(option)
    allowed = ", ".join(f"„{option}“" for option in question.choices)
    raise AnswerError(
        _("„%(value)s“ ist keine Auswahlmöglichkeit. Erlaubt: %(allowed)s.")
        % {"value": cleaned, "allowed": allowed}
    )


def parse_text_answer(question: Question, text: str) -> Any:
    """The stored value for a non-table question typed as text ("" gives None)."""
    cleaned = (text or "").strip()
    if not cleaned:
        return None
    if question.kind == Kind.NUMBER:
        return parse_number(
            without_currency(cleaned, question.unit),
            low=question.min_value,
            high=question.max_value,
        )
    if question.kind == Kind.YES_NO:
        return parse_yes_no(cleaned)
    if question.kind == Kind.SINGLE_CHOICE:
        return _match_choice(question, cleaned)
    if question.kind == Kind.MULTIPLE_CHOICE:
        parts = [part for part in cleaned.replace("\n", ";").split(";") if part.strip()]
        chosen = {_match_choice(question, part) for part in parts}
        return [option for option in question.choices if option in chosen]
    limit = SHORT_TEXT_MAX if question.kind == Kind.SHORT_TEXT else LONG_TEXT_MAX
    if len(cleaned) > limit:
        raise AnswerError(
            _("Der Text ist zu lang (höchstens %(limit)s Zeichen).") % {"limit": limit}
        )
    return cleaned


def parse_cell(column: dict[str, str], text: str) -> Any:
    """One cell of a table question."""
    cleaned = (text or "").strip()
    if not cleaned:
        return None
    if column.get("kind") == "number":
        return parse_number(without_currency(cleaned, column.get("unit", "")))
    if len(cleaned) > SHORT_TEXT_MAX:
        raise AnswerError(
            _("Der Text ist zu lang (höchstens %(limit)s Zeichen).") % {"limit": SHORT_TEXT_MAX}
        )
    return cleaned


def format_answer(question: Question, value: Any) -> str:
    """The text a person would type for ``value`` (form fields, exports)."""
    if value is None:
        return ""
    if question.kind == Kind.NUMBER:
        return format_german_number(value)
    if question.kind == Kind.YES_NO:
        return "ja" if value else "nein"
    if question.kind == Kind.MULTIPLE_CHOICE:
        return "; ".join(str(v) for v in value)
    return str(value)


def format_cell(column: dict[str, str], value: Any) -> str:
    if value is None:
        return ""
    if column.get("kind") == "number" and isinstance(value, int | float):
        return format_german_number(value)
    return str(value)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _check_type(question: Question, value: Any) -> None:
    kind = question.kind
    checks: dict[str, bool] = {
        Kind.NUMBER: _is_number(value),
        Kind.YES_NO: isinstance(value, bool),
        Kind.SINGLE_CHOICE: isinstance(value, str),
        Kind.MULTIPLE_CHOICE: isinstance(value, list) and all(isinstance(v, str) for v in value),
        Kind.SHORT_TEXT: isinstance(value, str),
        Kind.LONG_TEXT: isinstance(value, str),
        Kind.TABLE: isinstance(value, dict),
    }
    ok = checks.get(str(kind), False)
    if not ok:
        raise AnswerError(
            _("Die Antwort hat nicht die Form einer %(kind)s.")
            % {"kind": question.get_kind_display()}
        )


def _check_cell_type(column: dict[str, str], value: Any) -> None:
    if column.get("kind") == "number" and not _is_number(value):
        raise AnswerError(_("„%(column)s“ erwartet eine Zahl.") % {"column": column.get("label")})
    if column.get("kind") != "number" and not isinstance(value, str):
        raise AnswerError(_("„%(column)s“ erwartet einen Text.") % {"column": column.get("label")})


def _check_stored(question: Question, value: Any) -> None:
    """Re-check a typed value (the service's own validation, whatever the caller)."""
    _check_type(question, value)
    if question.kind == Kind.TABLE:
        if not isinstance(value, dict):
            raise AnswerError(_("Die Tabelle hat ein ungültiges Format."))
        columns = {c["key"]: c for c in question.table_columns}
        for row_key, cells in value.items():
            row = parse_int(row_key, low=0, high=len(question.table_rows) - 1)
            if row is None:
                raise AnswerError(_("Die Tabelle enthält eine unbekannte Zeile."))
            if not isinstance(cells, dict) or not set(cells) <= set(columns):
                raise AnswerError(_("Die Tabelle enthält eine unbekannte Spalte."))
            for column_key, cell in cells.items():
                _check_cell_type(columns[column_key], cell)
                parse_cell(columns[column_key], _as_text(cell))
        return
    parse_text_answer(question, _as_text(value))


def _as_text(value: Any) -> str:
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, int | float):
        return format_german_number(value)
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    return str(value)


def is_empty(value: Any) -> bool:
    if value is None or value == "" or value == []:
        return True
    if isinstance(value, dict):
        cells = [c for row in value.values() if isinstance(row, dict) for c in row.values()]
        return all(is_empty(cell) for cell in cells)
    return False


def check_answers(
    questions: list[Question], data: dict[str, Any], *, complete: bool
) -> dict[str, str]:
    """Errors by question id: wrong values always, missing required answers if ``complete``."""
    errors: dict[str, str] = {}
    by_id = {q.data_key: q for q in questions}
    for key in data:
        if key not in by_id:
            errors[key] = _("Diese Frage gehört nicht zur Umfrage.")
    for question in questions:
        value = data.get(question.data_key)
        if is_empty(value):
            if complete and question.required:
                errors[question.data_key] = _("Bitte beantworten Sie diese Pflichtfrage.")
            continue
        try:
            _check_stored(question, value)
        except AnswerError as error:
            errors[question.data_key] = str(error)
    return errors


def without_empty(data: dict[str, Any]) -> dict[str, Any]:
    cleaned: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, dict):
            rows = {
                row: {c: v for c, v in cells.items() if not is_empty(v)}
                for row, cells in value.items()
            }
            value = {row: cells for row, cells in rows.items() if cells}
        if not is_empty(value):
            cleaned[key] = value
    return cleaned
