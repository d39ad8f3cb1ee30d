"""Field validation of the attachment pages; the rules on files live in the services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ikz.attachments.filetypes import ALLOWED
from ikz.ui.forms import KernForm

# What the file dialog offers; the bytes decide (ikz.attachments.filetypes).
ACCEPT = ",".join(f".{ext}" for _mime, extensions in ALLOWED.values() for ext in extensions)


class AttachmentForm(KernForm):
    title = forms.CharField(
        label=_("Titel"),
        max_length=200,
        required=False,
        help_text=_("Leer lassen für den Dateinamen."),
    )
    file = forms.FileField(
        label=_("Datei"),
        help_text=_("PDF, Office, OpenDocument, Bilder oder Text"),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
        error_messages={
            "required": _("Bitte eine Datei auswählen."),
            "empty": _("Die Datei ist leer."),
            "invalid": _("Das ist keine Datei."),
        },
    )
    description = forms.CharField(
        label=_("Beschreibung"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    is_internal = forms.BooleanField(
        label=_("nur für die Koordination sichtbar"),
        required=False,
        help_text=_("Sonst sieht den Anhang, wer das Objekt sehen darf, an dem er hängt."),
    )


class ReplaceForm(KernForm):
    file = AttachmentForm.base_fields["file"]
