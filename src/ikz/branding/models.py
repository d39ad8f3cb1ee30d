"""One "Erscheinungsbild" per cooperation: what the documents (PDF, DOCX, PPTX) carry."""

from __future__ import annotations

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from ikz.cooperation.models import Cooperation
from ikz.tracking.records import track


def _path(instance: Branding, filename: str) -> str:
    return f"branding/{instance.cooperation_id}/{filename}"


class Branding(models.Model):
    cooperation = models.OneToOneField(
        Cooperation, on_delete=models.CASCADE, related_name="branding"
    )
    organisation = models.CharField(
        _("Organisation"),
        max_length=200,
        blank=True,
        help_text=_("Name in der Fußzeile; leer: die koordinierende Organisation."),
    )
    address = models.TextField(
        _("Anschrift"), blank=True, max_length=500, help_text=_("Eine Zeile je Angabe.")
    )
    accent = models.CharField(
        _("Akzentfarbe"),
        max_length=7,
        blank=True,
        validators=[
            RegexValidator(
                r"^#[0-9a-fA-F]{6}$", _("Bitte eine Farbe als #RRGGBB angeben, z. B. #1f4e79.")
            )
        ],
    )
    logo = models.FileField(_("Logo"), upload_to=_path, blank=True, max_length=300)
    logo_alt = models.CharField(
        _("Alternativtext des Logos"),
        max_length=200,
        blank=True,
        help_text=_("Was das Logo zeigt, für Screenreader; leer: „Logo von <Name>“."),
    )
    pptx_template = models.FileField(
        _("PowerPoint-Vorlage"), upload_to=_path, blank=True, max_length=300
    )
    docx_template = models.FileField(_("Word-Vorlage"), upload_to=_path, blank=True, max_length=300)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Erscheinungsbild")
        verbose_name_plural = _("Erscheinungsbilder")

    def __str__(self) -> str:
        return str(_("Erscheinungsbild von %(name)s") % {"name": self.cooperation})

    @property
    def version(self) -> str:
        """Changes with every save: the pages' links to the stylesheet and the logo carry it,
        so that a browser fetches them again after a change (and caches them until then)."""
        return self.updated_at.strftime("%Y%m%d%H%M%S%f") if self.updated_at else "0"


track(Branding)  # history of every change (ikz.history)
