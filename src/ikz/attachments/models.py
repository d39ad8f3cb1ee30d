"""An attachment hangs on exactly one parent (a meeting, an agenda item, a project, a body,
an agreement);
replacing its file adds a version and keeps the earlier ones.

A new kind of parent is one nullable foreign key here, one line in the
check constraint and one entry in ``ikz.attachments.parents.PARENTS`` (see docs/attachments.md).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ikz.agreements.models import Agreement
from ikz.cooperation.models import Body, Cooperation
from ikz.meetings.models import AgendaItem, Meeting
from ikz.projects.models import Project
from ikz.tracking.records import track

PARENT_FIELDS = ("meeting", "agenda_item", "project", "body", "agreement")


def _exactly_one_parent() -> Q:
    condition = Q()
    for field in PARENT_FIELDS:
        others = {f"{other}__isnull": True for other in PARENT_FIELDS if other != field}
        condition |= Q(**{f"{field}__isnull": False}, **others)
    return condition


class Attachment(models.Model):
    cooperation = models.ForeignKey(Cooperation, on_delete=models.CASCADE, related_name="+")
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, null=True, blank=True, related_name="attachments"
    )
    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, null=True, blank=True, related_name="attachments"
    )
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, null=True, blank=True, related_name="attachments"
    )
    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, null=True, blank=True, related_name="attachments"
    )
    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, null=True, blank=True, related_name="attachments"
    )
    title = models.CharField(_("Titel"), max_length=200)
    description = models.TextField(_("Beschreibung"), blank=True, max_length=2000)
    is_internal = models.BooleanField(
        _("nur für die Koordination"),
        default=False,
        help_text=_("Sonst sieht den Anhang, wer das Objekt sehen darf, an dem er hängt."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("Anhang")
        verbose_name_plural = _("Anhänge")
        ordering = ["title", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=_exactly_one_parent(),
                name="attachment_exactly_one_parent",
                violation_error_message=_("Ein Anhang hängt an genau einem Objekt."),
            )
        ]
        indexes = [
            models.Index(fields=["cooperation", "meeting"]),
            models.Index(fields=["cooperation", "agenda_item"]),
            models.Index(fields=["cooperation", "project"]),
            models.Index(fields=["cooperation", "body"]),
            models.Index(fields=["cooperation", "agreement"]),
        ]

    def __str__(self) -> str:
        return self.title


def _upload_to(instance: AttachmentVersion, filename: str) -> str:  # noqa: ARG001 - Django's upload_to signature; the user's name is never used
    # Never the user's file name in the path: a random name, the type's extension.
    return f"attachments/{instance.cooperation_id}/{uuid.uuid4().hex}.{instance.extension}"


class AttachmentVersion(models.Model):
    cooperation = models.ForeignKey(Cooperation, on_delete=models.CASCADE, related_name="+")
    attachment = models.ForeignKey(Attachment, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("Version"))
    file = models.FileField(upload_to=_upload_to, max_length=300)
    original_name = models.CharField(_("Dateiname"), max_length=255)
    extension = models.CharField(max_length=10)
    content_type = models.CharField(max_length=120)
    size = models.PositiveBigIntegerField(_("Größe (Bytes)"))
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("Version eines Anhangs")
        verbose_name_plural = _("Versionen von Anhängen")
        ordering = ["attachment", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["attachment", "number"],
                name="attachment_version_unique_number",
                violation_error_message=_("Diese Version gibt es bereits."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.original_name} (v{self.number})"


# History of every change (ikz.history). A version's bytes never change once stored, so the
# versions are their own history and are not tracked.
track(Attachment, under=PARENT_FIELDS)
