from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ikz.api.models import ApiToken
from ikz.cooperation.models import Cooperation
from ikz.ui.forms import GermanDateField, KernForm


class TokenForm(KernForm):
    cooperation = forms.ModelChoiceField(
        label=_("Kooperation"), queryset=Cooperation.objects.none(), empty_label=None
    )
    name = forms.CharField(
        label=_("Bezeichnung"),
        max_length=100,
        help_text=_("Wofür der Schlüssel ist, z. B. „GIS-Abgleich“."),
    )
    scope = forms.ChoiceField(
        label=_("Berechtigung"),
        choices=ApiToken.Scope.choices,
        widget=forms.RadioSelect,
        initial=ApiToken.Scope.READ,
        help_text=_(
            "Schreiben darf ein Schlüssel nur, was Ihre Rolle auch in der Oberfläche darf."
        ),
    )
    expires_on = GermanDateField(
        label=_("gültig bis"), help_text=_("TT.MM.JJJJ, höchstens ein Jahr ab heute.")
    )

    def __init__(self, *args: Any, cooperations: list[Cooperation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["cooperation"].queryset = Cooperation.objects.filter(  # type: ignore[attr-defined]
            pk__in=[c.pk for c in cooperations]
        )
        self.fields["expires_on"].initial = timezone.localdate() + dt.timedelta(days=90)
