"""One row per searchable object: its text, folded for the index, and what filters need.

The full-text index itself is database-specific and created by the migration: an FTS5 table
kept in step by triggers on SQLite, a generated ``tsvector`` column with a GIN index on
PostgreSQL. Rows are written by ``ikz.search.indexing`` from model signals, inside the
transaction of the write that changed the object.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from ikz.cooperation.models import Cooperation


class SearchEntry(models.Model):
    cooperation = models.ForeignKey(Cooperation, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("Art"), max_length=30)
    object_id = models.PositiveBigIntegerField()
    # Denormalised for filters and visibility; refreshed when the meeting changes.
    meeting_id = models.PositiveBigIntegerField(null=True, blank=True)
    body_id = models.PositiveBigIntegerField(null=True, blank=True)
    date = models.DateField(null=True, blank=True)
    # Minutes points: internal or below an internal point (kept by ikz.search.hidden).
    is_internal = models.BooleanField(default=False)
    title = models.CharField(max_length=500)
    text = models.TextField(blank=True)
    terms = models.TextField(blank=True)

    class Meta:
        verbose_name = _("Sucheintrag")
        verbose_name_plural = _("Sucheinträge")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_once"),
        ]
        indexes = [
            models.Index(fields=["cooperation", "kind"], name="search_entry_coop_kind"),
            models.Index(fields=["meeting_id"], name="search_entry_meeting"),
            models.Index(
                fields=["cooperation", "kind"],
                condition=models.Q(is_internal=True),
                name="search_entry_internal",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id}"
