"""Forms render in KERN UX markup: label, hint, error and input linked by ids."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.renderers import DjangoTemplates
from django.forms.widgets import Input
from django.utils.translation import gettext_lazy as _

from ikz.dates import PartialDate, PartialDateError, format_partial_date, parse_partial_date


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


class KernFormMixin:
    """Gives every widget its KERN class and marks invalid inputs for assistive technology."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():  # type: ignore[attr-defined]
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


class KernModelForm(KernFormMixin, forms.ModelForm):
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
