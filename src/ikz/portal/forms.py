from __future__ import annotations

from django import forms

from ikz.portal.models import PortalSettings
from ikz.ui.forms import KernModelForm


class PortalSettingsForm(KernModelForm):
    class Meta:
        model = PortalSettings
        fields = ["imprint", "privacy", "accessibility", "licence", "attribution"]
        widgets = {
            "imprint": forms.Textarea(attrs={"rows": 8}),
            "privacy": forms.Textarea(attrs={"rows": 12}),
            "accessibility": forms.Textarea(attrs={"rows": 10}),
        }
