"""Personal API tokens: one user, one cooperation, a scope and an expiry."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ikz.cooperation.models import Cooperation


class ApiToken(models.Model):
    class Scope(models.TextChoices):
        READ = "read", _("nur lesen")
        WRITE = "write", _("lesen und schreiben")

    cooperation = models.ForeignKey(Cooperation, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(
        _("Bezeichnung"),
        max_length=100,
        help_text=_("Wofür der Schlüssel ist, z. B. „GIS-Abgleich“."),
    )
    scope = models.CharField(
        _("Berechtigung"), max_length=10, choices=Scope.choices, default=Scope.READ
    )
    expires_on = models.DateField(_("gültig bis"))
    # Only the SHA-256 of the secret is stored; the prefix identifies the token in lists.
    prefix = models.CharField(max_length=12)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("API-Schlüssel")
        verbose_name_plural = _("API-Schlüssel")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(scope__in=["read", "write"]),
                name="api_token_scope_valid",
                violation_error_message=_("Unbekannte Berechtigung."),
            ),
        ]

    def __str__(self) -> str:
        # Never the secret.
        return f"{self.name} ({self.prefix}…)"

    def is_expired(self, today: dt.date) -> bool:
        """Valid through its last day: expired from the day after ``expires_on``."""
        return self.expires_on < today

    @property
    def can_write(self) -> bool:
        return self.scope == self.Scope.WRITE
