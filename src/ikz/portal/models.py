"""What the coordinator writes for the portal: the legal pages and the open-data licence."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ikz.cooperation.models import Cooperation
from ikz.tracking.records import track


class Licence(models.TextChoices):
    """Open licences for the downloads (https://www.govdata.de/lizenzen)."""

    DL_DE_BY = "dl-de/by-2-0", _("Datenlizenz Deutschland – Namensnennung – Version 2.0")
    DL_DE_ZERO = "dl-de/zero-2-0", _("Datenlizenz Deutschland – Zero – Version 2.0")
    CC_BY = "cc-by/4.0", _("Creative Commons Namensnennung 4.0 International")
    CC_ZERO = "cc-zero/1.0", _("Creative Commons Zero 1.0 (gemeinfrei)")


LICENCE_URLS = {
    Licence.DL_DE_BY: "https://www.govdata.de/dl-de/by-2-0",
    Licence.DL_DE_ZERO: "https://www.govdata.de/dl-de/zero-2-0",
    Licence.CC_BY: "https://creativecommons.org/licenses/by/4.0/deed.de",
    Licence.CC_ZERO: "https://creativecommons.org/publicdomain/zero/1.0/deed.de",
}


class PortalSettings(models.Model):
    cooperation = models.OneToOneField(
        Cooperation, on_delete=models.CASCADE, related_name="portal_settings"
    )
    imprint = models.TextField(
        _("Impressum"),
        blank=True,
        help_text=_("Anbieterkennzeichnung nach § 5 DDG: Name, Anschrift, Vertretung, Kontakt."),
    )
    privacy = models.TextField(
        _("Datenschutzerklärung"),
        blank=True,
        help_text=_("Verantwortliche Stelle, Zwecke, Rechtsgrundlagen, Rechte der Betroffenen."),
    )
    accessibility = models.TextField(
        _("Erklärung zur Barrierefreiheit"),
        blank=True,
        help_text=_(
            "Stand der Vereinbarkeit, nicht barrierefreie Inhalte, Feedback-Kontakt, "
            "Schlichtungsverfahren."
        ),
    )
    licence = models.CharField(
        _("Lizenz der offenen Daten"),
        max_length=20,
        choices=Licence.choices,
        default=Licence.DL_DE_BY,
    )
    attribution = models.CharField(
        _("Namensnennung"),
        max_length=200,
        blank=True,
        help_text=_("Wie die Quelle genannt werden soll; leer: der Name der Kooperation."),
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("Portaleinstellungen")
        verbose_name_plural = _("Portaleinstellungen")
        constraints = [
            models.CheckConstraint(
                condition=Q(licence__in=[choice.value for choice in Licence]),
                name="portal_licence_known",
                violation_error_message=_("Unbekannte Lizenz."),
            )
        ]

    def __str__(self) -> str:
        return str(_("Portal von %(name)s") % {"name": self.cooperation_id})

    @property
    def licence_url(self) -> str:
        return LICENCE_URLS[Licence(self.licence)]


track(PortalSettings)  # history of every change (ikz.history): the legal pages among them
