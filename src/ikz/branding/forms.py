from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ikz.ui.forms import KernForm


class BrandingForm(KernForm):
    organisation = forms.CharField(
        label=_("Organisation (Fußzeile)"),
        required=False,
        max_length=200,
        help_text=_("Leer: die koordinierende Organisation der Kooperation."),
    )
    address = forms.CharField(
        label=_("Anschrift (Fußzeile)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Eine Zeile je Angabe, z. B. Straße, PLZ Ort, Telefon."),
    )
    accent = forms.CharField(
        label=_("Akzentfarbe"),
        required=False,
        max_length=7,
        help_text=_(
            "#RRGGBB, z. B. #1f4e79. Sie färbt die Navigationsleiste der Seiten; deren Schrift "
            "wird schwarz oder weiß, je nachdem, was sich besser lesen lässt."
        ),
        widget=forms.TextInput(attrs={"type": "color"}),
    )
    logo = forms.FileField(
        label=_("Logo"),
        required=False,
        help_text=_("PNG oder JPEG, höchstens 2 MB"),
        widget=forms.FileInput(attrs={"accept": ".png,.jpg,.jpeg"}),
    )
    logo_alt = forms.CharField(
        label=_("Alternativtext des Logos"),
        required=False,
        max_length=200,
        help_text=_(
            "Was das Logo zeigt, für Screenreader, z. B. „Wappen des Zweckverbands“; "
            "leer: „Logo von“ und der Name der Kooperation."
        ),
    )
    clear_logo = forms.BooleanField(label=_("Logo entfernen"), required=False)
    pptx_template = forms.FileField(
        label=_("PowerPoint-Vorlage"),
        required=False,
        help_text=_("PPTX oder POTX; ihre Folienlayouts tragen die Präsentation des Berichts."),
        widget=forms.FileInput(attrs={"accept": ".pptx,.potx"}),
    )
    clear_pptx_template = forms.BooleanField(
        label=_("PowerPoint-Vorlage entfernen"), required=False
    )
    docx_template = forms.FileField(
        label=_("Word-Vorlage"),
        required=False,
        help_text=_(
            "DOCX oder DOTX; ihre Formatvorlagen, Kopf- und Fußzeilen tragen Bericht, "
            "Einladung und Protokoll."
        ),
        widget=forms.FileInput(attrs={"accept": ".docx,.dotx"}),
    )
    clear_docx_template = forms.BooleanField(label=_("Word-Vorlage entfernen"), required=False)
