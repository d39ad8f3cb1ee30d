"""The search form: words, and filters by kind, body and period."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ikz.accounts.access import Access
from ikz.cooperation.models import Body
from ikz.search.selectors import Filters, kind_choices
from ikz.ui.forms import KernForm, PartialDateField


class SearchForm(KernForm):
    q = forms.CharField(label=_("Suchbegriffe"), max_length=200, required=False)
    art = forms.ChoiceField(label=_("Art"), required=False)
    gremium = forms.TypedChoiceField(
        label=_("Gremium"), required=False, coerce=int, empty_value=None
    )
    von = PartialDateField(label=_("von"), required=False)
    bis = PartialDateField(label=_("bis"), required=False)
    seite = forms.IntegerField(
        required=False, min_value=1, max_value=10_000, widget=forms.HiddenInput
    )

    def __init__(self, *args: Any, access: Access, bodies: list[Body], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kind_field, body_field = self.fields["art"], self.fields["gremium"]
        assert isinstance(kind_field, forms.ChoiceField)
        assert isinstance(body_field, forms.ChoiceField)
        kind_field.choices = [("", _("alle Arten")), *kind_choices(access)]
        body_field.choices = [("", _("alle Gremien")), *((b.pk, b.name) for b in bodies)]
        self.fields["q"].widget.attrs.update({"type": "search", "autocomplete": "off"})

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("von"), data.get("bis")
        if start is not None and end is not None and end.last_day < start.first_day:
            self.add_error("bis", _("„bis“ liegt vor „von“."))
        return data

    def filters(self) -> Filters:
        data = self.cleaned_data
        start, end = data.get("von"), data.get("bis")
        return Filters(
            kind=data.get("art") or "",
            body_id=data.get("gremium"),
            start=start.first_day if start else None,
            end=end.last_day if end else None,
        )
