from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ikz.cooperation.models import RESERVED_SLUGS, Body, Cooperation
from ikz.ui.forms import KernModelForm


class CooperationCreateForm(KernModelForm):
    coordinator_email = forms.EmailField(
        label=_("E-Mail der ersten Koordinatorin oder des ersten Koordinators"),
        required=False,
        help_text=_(
            "Sie erhält eine Einladung mit der Rolle Koordination und richtet alles Weitere ein."
        ),
    )

    class Meta:
        model = Cooperation
        fields = ["name", "slug", "region", "coordinating_organisation", "website", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def clean_slug(self) -> str:
        # The database constraint would name no field; say at the field what is wrong.
        slug: str = self.cleaned_data["slug"]
        if slug in RESERVED_SLUGS:
            raise forms.ValidationError(_("Dieser Kurzname ist für Systemseiten reserviert."))
        return slug

    def model_fields(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class SettingsForm(KernModelForm):
    class Meta:
        model = Cooperation
        fields = [
            "name",
            "process_title",
            "region",
            "coordinating_organisation",
            "website",
            "description",
            "steering_body",
            "report_period",
            "report_extra_recipients",
            "require_coordinator_2fa",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "report_extra_recipients": forms.Textarea(attrs={"rows": 3}),
            "report_period": forms.RadioSelect,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["steering_body"]
        field.queryset = Body.objects.filter(cooperation=self.instance).order_by("name")  # type: ignore[attr-defined]
        field.empty_label = _("– noch keines gewählt –")  # type: ignore[attr-defined]

    def model_fields(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}
