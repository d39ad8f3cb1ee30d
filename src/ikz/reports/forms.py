"""Field validation of the report pages; the rules on periods live in the services."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ikz.reports.models import StatusReport
from ikz.reports.periods import PeriodError, checked, parse_period, presets
from ikz.ui.forms import GermanDateField, KernForm


class ReportCreateForm(KernForm):
    preset = forms.ChoiceField(
        label=_("Berichtszeitraum"),
        required=False,
        widget=forms.RadioSelect,
        help_text=_("Ein Vorschlag, oder unten einen anderen Zeitraum angeben."),
    )
    period = forms.CharField(
        label=_("anderer Zeitraum"),
        required=False,
        max_length=40,
        help_text=_(
            "Monat 2024-07, Quartal 2024-Q3, Halbjahr 2024-H2, Jahr 2024 oder ein "
            "beliebiger Zeitraum 2024-11-01..2025-10-31"
        ),
    )
    period_start = GermanDateField(label=_("oder: Zeitraum von"), required=False)
    period_end = GermanDateField(label=_("Zeitraum bis"), required=False)
    audience = forms.ChoiceField(
        label=_("Zielgruppe"),
        choices=StatusReport.Audience.choices,
        initial=StatusReport.Audience.INTERNAL,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, today: dt.date, preferred: str = "month", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        periods = presets(today)
        choices = [(p.notation, f"{p.title} ({p.label})") for p in periods]
        field = self.fields["preset"]
        field.choices = [*choices, ("", _("anderer Zeitraum (unten)"))]  # type: ignore[attr-defined]
        # The cooperation's usual report period (its settings) is proposed first.
        kinds = [p.kind for p in periods]
        field.initial = choices[kinds.index(preferred) if preferred in kinds else 0][0]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        start: dt.date | None = data.get("period_start")
        end: dt.date | None = data.get("period_end")
        typed = (data.get("period") or "").strip() or (data.get("preset") or "")
        try:
            if start or end:
                if not (start and end):
                    raise forms.ValidationError(_("Bitte Beginn und Ende des Zeitraums angeben."))
                period = checked(start, end)
            elif typed:
                period = parse_period(typed)
            else:
                if not self.errors:
                    raise forms.ValidationError(_("Bitte einen Berichtszeitraum angeben."))
                return data
        except PeriodError as error:
            self.add_error("period" if typed and not start else None, str(error))
            return data
        data["period_start"], data["period_end"] = period.start, period.end
        return data


class ReportTextsForm(KernForm):
    title = forms.CharField(label=_("Titel"), required=False, max_length=200)
    subtitle = forms.CharField(label=_("Untertitel"), required=False, max_length=200)
    issued_on = GermanDateField(label=_("Stand"), required=False)
    outlook_months = forms.IntegerField(
        label=_("Ausblick (Monate nach dem Zeitraum)"),
        required=False,
        min_value=0,
        max_value=24,
        error_messages={
            "min_value": _("Der Ausblick umfasst 0 bis 24 Monate."),
            "max_value": _("Der Ausblick umfasst 0 bis 24 Monate."),
            "invalid": _("Bitte eine ganze Zahl von Monaten angeben."),
        },
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

    def __init__(self, *args: Any, defaults: dict[str, str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The generated value is shown as the field's hint: leaving it empty keeps it.
        for name, value in (defaults or {}).items():
            self.fields[name].help_text = _("Leer lassen für „%(value)s“.") % {"value": value}


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
