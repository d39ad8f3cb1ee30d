"""The form in which a municipality answers a survey, built from its questions.

Fields are named ``q_<question id>`` (a table's cells ``q_<id>_<row>_<column key>``). A draft
may be incomplete; only submitting enforces the required questions. Values are read with the
same functions as in the spreadsheet import (ikz.surveys.answers).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ikz.surveys.answers import (
    AnswerError,
    format_answer,
    format_cell,
    parse_cell,
    parse_text_answer,
)
from ikz.surveys.models import Question, Section
from ikz.surveys.numbers import format_german_number
from ikz.ui.forms import _WIDGET_CLASSES, KernForm

Kind = Question.Kind
YES_NO_CHOICES = [("ja", _("Ja")), ("nein", _("Nein"))]


class _DraftAware:
    """Required only when submitting: a draft may leave questions open."""

    enforce_required = False

    def validate(self, value: Any) -> None:
        if not self.enforce_required and value in self.empty_values:  # type: ignore[attr-defined]
            return
        super().validate(value)  # type: ignore[misc]


class AnswerTextField(_DraftAware, forms.CharField):
    def __init__(self, *, question: Question, **kwargs: Any) -> None:
        self.question = question
        super().__init__(**kwargs)

    def clean(self, value: Any) -> Any:
        text = super().clean(value)
        try:
            return parse_text_answer(self.question, text)
        except AnswerError as error:
            raise forms.ValidationError(str(error), code="invalid") from error


class AnswerChoiceField(_DraftAware, forms.ChoiceField):
    pass


class AnswerMultipleField(_DraftAware, forms.MultipleChoiceField):
    pass


class CellField(forms.CharField):
    def __init__(self, *, column: dict[str, str], **kwargs: Any) -> None:
        self.column = column
        super().__init__(required=False, **kwargs)
        if column.get("kind") == "number":
            self.widget.attrs["inputmode"] = "decimal"

    def clean(self, value: Any) -> Any:
        try:
            return parse_cell(self.column, super().clean(value))
        except AnswerError as error:
            raise forms.ValidationError(str(error), code="invalid") from error


def _number_hint(question: Question) -> str:
    parts = []
    if question.unit:
        parts.append(_("Einheit: %(unit)s") % {"unit": question.unit})
    low, high = question.min_value, question.max_value
    if low is not None and high is not None:
        parts.append(
            _("von %(low)s bis %(high)s")
            % {"low": format_german_number(low), "high": format_german_number(high)}
        )
    elif low is not None:
        parts.append(_("mindestens %(low)s") % {"low": format_german_number(low)})
    elif high is not None:
        parts.append(_("höchstens %(high)s") % {"high": format_german_number(high)})
    parts.append(str(_("z. B. 1.234,5")))
    return " · ".join(parts)


def cell_name(question: Question, row: int, column: dict[str, str]) -> str:
    return f"q_{question.pk}_{row}_{column['key']}"


class AnswerForm(KernForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(
        self,
        *args: Any,
        sections: list[Section],
        answers: dict[str, Any],
        version: int | None,
        submitting: bool = False,
        disabled: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.sections = sections
        self.submitting = submitting
        self.initial["version"] = version
        for section in sections:
            for question in section.questions.all():
                self._add(question, answers.get(question.data_key))
        for field in self.fields.values():
            field.disabled = disabled
            # KernFormMixin styles the fields that exist at its __init__; these came later.
            for widget_type, css_class in _WIDGET_CLASSES:
                if isinstance(field.widget, widget_type):
                    field.widget.attrs.setdefault("class", css_class)
                    break

    def _add(self, question: Question, value: Any) -> None:
        name = f"q_{question.pk}"
        common: dict[str, Any] = {"label": question.text, "required": question.required}
        if question.kind == Kind.TABLE:
            for row_index in range(len(question.table_rows)):
                cells = (value or {}).get(str(row_index), {})
                for column in question.table_columns:
                    field_name = cell_name(question, row_index, column)
                    self.fields[field_name] = CellField(
                        column=column,
                        label=f"{question.table_rows[row_index]}: {column['label']}",
                    )
                    self.initial[field_name] = format_cell(column, cells.get(column["key"]))
            return
        if question.kind == Kind.YES_NO:
            field: forms.Field = AnswerChoiceField(
                choices=YES_NO_CHOICES, widget=forms.RadioSelect, **common
            )
            initial: Any = format_answer(question, value)
        elif question.kind == Kind.SINGLE_CHOICE:
            field = AnswerChoiceField(
                choices=[(c, c) for c in question.choices], widget=forms.RadioSelect, **common
            )
            initial = value or ""
        elif question.kind == Kind.MULTIPLE_CHOICE:
            field = AnswerMultipleField(
                choices=[(c, c) for c in question.choices],
                widget=forms.CheckboxSelectMultiple,
                **common,
            )
            initial = value or []
        else:
            widget = forms.Textarea(attrs={"rows": 4}) if question.kind == Kind.LONG_TEXT else None
            field = AnswerTextField(question=question, widget=widget, **common)
            if question.kind == Kind.NUMBER:
                field.widget.attrs.update({"inputmode": "decimal", "autocomplete": "off"})
                field.widget.attrs["class"] = "kern-form-input__input ikz-number-input"
            initial = format_answer(question, value)
        hints = [question.help_text] if question.help_text else []
        if question.kind == Kind.NUMBER:
            hints.append(_number_hint(question))
        field.help_text = " · ".join(hints)
        field.enforce_required = self.submitting  # type: ignore[attr-defined]
        self.fields[name] = field
        self.initial[name] = initial

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.submitting:
            return data
        for section in self.sections:
            for question in section.questions.all():
                if not (question.kind == Kind.TABLE and question.required):
                    continue
                if not any(v is not None for v in self._table(question).values()):
                    first = cell_name(question, 0, question.table_columns[0])
                    self.add_error(
                        first,
                        _("Bitte die Tabelle „%(question)s“ ausfüllen.")
                        % {"question": question.text},
                    )
        return data

    def _table(self, question: Question) -> dict[str, Any]:
        cells = {}
        for row_index in range(len(question.table_rows)):
            for column in question.table_columns:
                name = cell_name(question, row_index, column)
                cells[name] = self.cleaned_data.get(name)
        return cells

    def answers(self) -> dict[str, Any]:
        """The typed answers, keyed by question id, for services.response_save."""
        result: dict[str, Any] = {}
        for section in self.sections:
            for question in section.questions.all():
                if question.kind == Kind.TABLE:
                    table: dict[str, dict[str, Any]] = {}
                    for row_index in range(len(question.table_rows)):
                        row = {}
                        for column in question.table_columns:
                            value = self.cleaned_data.get(cell_name(question, row_index, column))
                            if value is not None:
                                row[column["key"]] = value
                        if row:
                            table[str(row_index)] = row
                    result[question.data_key] = table
                    continue
                value = self.cleaned_data.get(f"q_{question.pk}")
                if question.kind == Kind.YES_NO:
                    value = {"ja": True, "nein": False}.get(value or "")
                result[question.data_key] = value
        return result

    def layout(self) -> list[dict[str, Any]]:
        """Sections with their questions and bound fields, in the order of the page."""
        result = []
        for section in self.sections:
            items = []
            for question in section.questions.all():
                item: dict[str, Any] = {"question": question}
                if question.kind == Kind.TABLE:
                    item["rows"] = [
                        (
                            label,
                            [self[cell_name(question, index, c)] for c in question.table_columns],
                        )
                        for index, label in enumerate(question.table_rows)
                    ]
                else:
                    item["field"] = self[f"q_{question.pk}"]
                items.append(item)
            result.append({"section": section, "items": items})
        return result
