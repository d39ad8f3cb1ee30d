"""Requests for a password-reset mail, counted per address and per account."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ResetRequest(models.Model):
    """One request on the "Passwort vergessen" page (kept for a day, then pruned)."""

    address = models.CharField(_("Adresse"), max_length=64, db_index=True)
    # SHA-256 of the lower-cased e-mail address: counts per account without storing it.
    account = models.CharField(_("Konto"), max_length=64, db_index=True)
    requested_at = models.DateTimeField(_("angefragt am"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("Anfrage zum Zurücksetzen des Passworts")
        verbose_name_plural = _("Anfragen zum Zurücksetzen des Passworts")

    def __str__(self) -> str:
        return f"{self.address} {self.requested_at:%Y-%m-%d %H:%M}"


class LoginFailure(models.Model):
    """One failed log-in, counted per address across accounts (kept for a day)."""

    address = models.CharField(_("Adresse"), max_length=64, db_index=True)
    attempted_at = models.DateTimeField(_("versucht am"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("fehlgeschlagene Anmeldung")
        verbose_name_plural = _("fehlgeschlagene Anmeldungen")

    def __str__(self) -> str:
        return f"{self.address} {self.attempted_at:%Y-%m-%d %H:%M}"
