"""What "Mein Konto" keeps beside the log-in: the devices logged in and the mail wishes."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class LoginSession(models.Model):
    """One log-in on one device: lets the user see their sessions and end them all."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="login_sessions"
    )
    session_key = models.CharField(max_length=40, unique=True)
    created_at = models.DateTimeField(_("angemeldet am"), auto_now_add=True)
    user_agent = models.CharField(_("Gerät"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("Anmeldung")
        verbose_name_plural = _("Anmeldungen")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.user} – {self.created_at:%Y-%m-%d %H:%M}"


class MailPreferences(models.Model):
    """Which mails of the platform a log-in wants; without a row, all of them."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mail_preferences"
    )
    meeting_invitations = models.BooleanField(
        _("Einladungen zu Sitzungen (mit Kalenderdatei)"), default=True
    )
    survey_reminders = models.BooleanField(_("Erinnerungen an offene Umfragen"), default=True)
    status_reports = models.BooleanField(
        _("Veröffentlichte Statusberichte (PDF im Anhang)"), default=True
    )

    class Meta:
        verbose_name = _("E-Mail-Einstellungen")
        verbose_name_plural = _("E-Mail-Einstellungen")

    def __str__(self) -> str:
        return str(self.user)
