"""Field validation of the report pages; the rules on periods live in the services."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ikz.reports.models import StatusReport
from ikz.reports.periods import PeriodError, parse_month
from ikz.ui.forms import GermanDateField, KernForm


class ReportCreateForm(KernForm):
    month = forms.CharField(
        label=_("Berichtsmonat"),
        required=False,
        help_text=_(
            "JJJJ-MM, z. B. 2019-12. Für einen anderen Zeitraum leer lassen und unten Beginn "
            "und Ende angeben."
        ),
        widget=forms.TextInput(attrs={"type": "month", "maxlength": "7"}),
    )
    period_start = GermanDateField(label=_("Zeitraum von"), required=False)
    period_end = GermanDateField(label=_("Zeitraum bis"), required=False)
    audience = forms.ChoiceField(
        label=_("Zielgruppe"),
        choices=StatusReport.Audience.choices,
        initial=StatusReport.Audience.INTERNAL,
        widget=forms.RadioSelect,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        start: dt.date | None = data.get("period_start")
        end: dt.date | None = data.get("period_end")
        if start or end:
            if not (start and end):
                raise forms.ValidationError(_("Bitte Beginn und Ende des Zeitraums angeben."))
        elif data.get("month"):
            try:
                data["period_start"], data["period_end"] = parse_month(data["month"])
            except PeriodError as error:
                self.add_error("month", str(error))
        elif not self.errors:
            raise forms.ValidationError(_("Bitte einen Monat oder einen Zeitraum angeben."))
        return data


class ReportTextsForm(KernForm):
    title = forms.CharField(
        label=_("Titel"),
        required=False,
        max_length=200,
        help_text=_("Leer lassen für „Statusbericht <Monat>“."),
    )
    introduction = forms.CharField(
        label=_("Einleitung"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=10000,
    )
    remarks = forms.CharField(
        label=_("Anmerkungen"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=10000,
    )


class PublishForm(KernForm):
    mail_steering_group = forms.BooleanField(
        label=_("An das Lenkungsgremium per E-Mail senden (PDF im Anhang)"), required=False
    )

    def __init__(self, *args: Any, steering_body: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if steering_body:
            self.fields["mail_steering_group"].label = _(
                "An „%(body)s“ per E-Mail senden (PDF im Anhang)"
            ) % {"body": steering_body}
