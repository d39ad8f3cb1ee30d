"""Forms render in KERN UX markup: label, hint, error and input linked by ids."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, cast

from django import forms
from django.db import models
from django.forms.renderers import DjangoTemplates
from django.forms.widgets import Input
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from ikz.dates import (
    PartialDate,
    PartialDateError,
    format_partial_date,
    parse_partial_date,
    year_range_error,
)
from ikz.inputs import has_foreign_digits, normalise_text, parse_key


class KernFormRenderer(DjangoTemplates):
    form_template_name = "ui/forms/form.html"
    field_template_name = "ui/forms/field.html"


# First match wins: CheckboxSelectMultiple is a subclass of RadioSelect, so it comes first.
_WIDGET_CLASSES: list[tuple[type[forms.Widget], str]] = [
    (forms.CheckboxInput, "kern-form-check__checkbox"),
    (forms.CheckboxSelectMultiple, "kern-form-check__checkbox"),
    (forms.RadioSelect, "kern-form-check__radio"),
    (forms.Select, "kern-form-input__select"),
    (Input, "kern-form-input__input"),
    (forms.Textarea, "kern-form-input__input"),
]


FOREIGN_DIGITS = _("Bitte Zahlen nur mit den Ziffern 0 bis 9 schreiben.")


def normalised_data(data: Any) -> Any:
    """A copy of a form's data with every text value passed through ``normalise_text``."""
    if isinstance(data, QueryDict):
        copy = QueryDict(mutable=True, encoding=data.encoding)
        for key, values in data.lists():
            copy.setlist(normalise_text(key), [_clean(value) for value in values])
        return copy
    if isinstance(data, dict):
        return {key: _clean(value) for key, value in data.items()}
    return data


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return normalise_text(value)
    if isinstance(value, list | tuple):
        return type(value)(_clean(item) for item in value)
    return value


def _integer_keys(field: forms.ModelChoiceField[Any]) -> bool:
    if field.queryset is None:
        return False
    pk = field.queryset.model._meta.pk
    return field.to_field_name is None and isinstance(pk, models.AutoField | models.IntegerField)


def _guard_keys(field: forms.ModelChoiceField[Any]) -> None:
    """A key that cannot be a row ("abc", "²", 10²⁵) is an unknown choice before any query:
    SQLite refuses integers above 2⁶³−1 with an OverflowError, a 500."""
    original = field.clean
    multiple = isinstance(field, forms.ModelMultipleChoiceField)

    def clean(value: Any) -> Any:
        values = value if multiple and isinstance(value, list | tuple) else [value]
        for item in values:
            if item in field.empty_values:
                continue
            if parse_key(item) is None:
                code = "invalid_pk_value" if multiple else "invalid_choice"
                raise forms.ValidationError(
                    field.error_messages[code], code=code, params={"pk": item, "value": item}
                )
        return original(value)

    field.clean = clean  # type: ignore[method-assign]


def _guard(field: forms.Field, check: Callable[[Any], str | None]) -> None:
    original = field.clean

    def clean(value: Any) -> Any:
        if isinstance(value, str) and (message := check(value)):
            raise forms.ValidationError(message, code="invalid")
        cleaned = original(value)
        if isinstance(cleaned, dt.date | PartialDate) and (message := check(cleaned)):
            raise forms.ValidationError(message, code="invalid")
        return cleaned

    field.clean = clean  # type: ignore[method-assign]


def _digits(value: Any) -> str | None:
    return str(FOREIGN_DIGITS) if isinstance(value, str) and has_foreign_digits(value) else None


def _date_range(value: Any) -> str | None:
    if isinstance(value, str):
        return _digits(value)
    year = value.value.year if isinstance(value, PartialDate) else value.year
    return year_range_error(year)


def harden(field: forms.Field) -> None:
    """The checks every field of the site gets, whatever form it is in."""
    if isinstance(field, forms.ModelChoiceField):
        if _integer_keys(field):
            _guard_keys(field)
    elif isinstance(field, forms.DateField | forms.DateTimeField | PartialDateField):
        _guard(field, _date_range)
    elif isinstance(field, forms.IntegerField):  # also DecimalField and FloatField
        _guard(field, _digits)


class KernFormMixin:
    """Gives every widget its KERN class and marks invalid inputs for assistive technology.

    It is also the one place where form input is cleaned: text is normalised (control
    characters removed, line breaks unified), numbers and keys take ASCII digits only, keys
    and dates are bounded (see ``harden``).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        form = cast(forms.BaseForm, self)
        if form.is_bound:
            form.data = normalised_data(form.data)
        for field in self.fields.values():  # type: ignore[attr-defined]
            harden(field)
            for widget_type, css_class in _WIDGET_CLASSES:
                if isinstance(field.widget, widget_type):
                    field.widget.attrs.setdefault("class", css_class)
                    break

    def full_clean(self) -> None:
        # Django itself sets aria-invalid and aria-describedby; KERN also wants an error class.
        super().full_clean()  # type: ignore[misc]
        for name in self.errors:  # type: ignore[attr-defined]
            if name in self.fields:  # type: ignore[attr-defined]
                widget = self.fields[name].widget  # type: ignore[attr-defined]
                existing = widget.attrs.get("class", "")
                if existing and "--error" not in existing:
                    widget.attrs["class"] = f"{existing} {existing.split(' ')[0]}--error"


class KernForm(KernFormMixin, forms.Form):
    pass


class KernModelForm(KernFormMixin, forms.ModelForm[Any]):
    pass


class PartialDateField(forms.Field):
    """A date of day or month precision typed as "05.12.2019" or "01/2020"."""

    widget = forms.TextInput
    default_error_messages = {"invalid": _("Bitte ein Datum als TT.MM.JJJJ oder MM/JJJJ eingeben.")}

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("help_text", _("TT.MM.JJJJ oder nur Monat als MM/JJJJ"))
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("maxlength", "20")

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, PartialDate):
            return format_partial_date(value)
        return value

    def to_python(self, value: Any) -> PartialDate | None:
        if isinstance(value, PartialDate):
            return value
        text = str(value).strip() if value is not None else ""
        if not text:
            return None
        try:
            return parse_partial_date(text)
        except PartialDateError as error:
            raise forms.ValidationError(str(error), code="invalid") from error


class GermanDateField(forms.DateField):
    input_formats = ["%d.%m.%Y", "%Y-%m-%d"]
    default_error_messages = {"invalid": _("Bitte ein Datum als TT.MM.JJJJ eingeben.")}

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.DateInput(format="%d.%m.%Y"))
        kwargs.setdefault("help_text", _("TT.MM.JJJJ"))
        super().__init__(**kwargs)


class MoneyField(forms.Field):
    """An amount in euros typed the German way ("84.000", "84.000,00 €", "84000"), see ikz.money."""

    widget = forms.TextInput

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("help_text", _("in Euro, z. B. 84.000 oder 84.000,50"))
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("inputmode", "decimal")
        self.widget.attrs.setdefault("maxlength", "25")

    def prepare_value(self, value: Any) -> Any:
        from decimal import Decimal

        from ikz.money import money_input

        if isinstance(value, Decimal | int | float) and not isinstance(value, bool):
            return money_input(Decimal(str(value)))
        return value

    def to_python(self, value: Any) -> Any:
        from decimal import Decimal

        from ikz.money import MoneyError, parse_money

        if isinstance(value, Decimal):
            return value
        text = str(value).strip() if value is not None else ""
        if not text:
            return None
        try:
            return parse_money(text)
        except MoneyError as error:
            raise forms.ValidationError(str(error), code="invalid") from error
