"""The OParl ledger: when each published object was created and last changed, and whether it
was ever public (then its removal is announced as ``deleted: true``).

Most domain models carry no timestamps, and OParl 1.1 requires ``created`` and ``modified`` on
every object. Rather than add columns to every app, ``ikz.oparl.ledger`` keeps one row per
object here, written by signals in the same transaction as the change (see docs/api.md).
"""

from __future__ import annotations

from django.db import models

from ikz.cooperation.models import Cooperation


class Stamp(models.Model):
    # No database constraint: while a whole cooperation is deleted, its rows' signals still
    # stamp them; ``ledger`` removes the cooperation's stamps once it is gone.
    cooperation = models.ForeignKey(
        Cooperation, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    kind = models.CharField(max_length=20)
    object_id = models.PositiveBigIntegerField()
    created = models.DateTimeField()
    modified = models.DateTimeField()
    # True once the object was visible to the public: only such objects get a tombstone.
    was_public = models.BooleanField(default=False)

    class Meta:
        verbose_name = "OParl-Zeitstempel"
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="oparl_stamp_unique"),
        ]
        indexes = [models.Index(fields=["cooperation", "kind", "modified"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}"
