"""A feed of what happened in a cooperation, for the dashboard's "recent activity"."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ActivityEntry(models.Model):
    cooperation = models.ForeignKey(
        "cooperation.Cooperation", on_delete=models.CASCADE, related_name="activity"
    )
    created_at = models.DateTimeField(_("Zeitpunkt"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    # A structured event (ikz.activity.events): its type and data, made into text when shown.
    kind = models.CharField(_("Art"), max_length=80, blank=True, db_index=True)
    data = models.JSONField(_("Daten"), default=dict, blank=True)
    # Only for entries whose type is unknown (written before types existed, and not matched
    # by the migration that turned the old sentences into types).
    summary = models.CharField(_("Beschreibung"), max_length=300, blank=True)
    url = models.CharField(max_length=300, blank=True)
    # Entries about an internal body are shown only to those who may read that body.
    body = models.ForeignKey(
        "cooperation.Body", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Entries only the coordination may read (e.g. about an agreement members are not party to).
    coordinators_only = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("Aktivität")
        verbose_name_plural = _("Aktivitäten")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["cooperation", "-created_at"])]

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        """The entry in the current language."""
        from ikz.activity.events import render

        return render(self.kind, self.data, self.summary)
