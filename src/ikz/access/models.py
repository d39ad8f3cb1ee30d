"""Invitations to a cooperation and the log of who changed whose access.

An invitation carries no secret of its own in clear: the link is a signed token over the
invitation's id and a random nonce (``ikz.access.tokens``). Resending draws a new nonce, so
the old link dies; accepting or revoking ends the invitation for good.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ikz.accounts.models import CooperationRole


class Invitation(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", _("offen")
        EXPIRED = "expired", _("abgelaufen")
        ACCEPTED = "accepted", _("angenommen")
        REVOKED = "revoked", _("zurückgezogen")

    cooperation = models.ForeignKey(
        "cooperation.Cooperation", on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("E-Mail"))
    role = models.CharField(_("Rolle"), max_length=20, choices=CooperationRole.Role.choices)
    person = models.ForeignKey(
        "cooperation.Person",
        verbose_name=_("Person"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invitations",
    )
    nonce = models.CharField(max_length=64)
    created_at = models.DateTimeField(_("eingeladen am"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    sent_at = models.DateTimeField(_("zuletzt gesendet"))
    expires_at = models.DateTimeField(_("gültig bis"))
    accepted_at = models.DateTimeField(_("angenommen am"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(_("zurückgezogen am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Einladung")
        verbose_name_plural = _("Einladungen")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(accepted_at__isnull=True) | Q(revoked_at__isnull=True),
                name="invitation_not_accepted_and_revoked",
                violation_error_message=_(
                    "Eine Einladung kann nicht zugleich angenommen und zurückgezogen sein."
                ),
            ),
            models.CheckConstraint(
                condition=Q(role__in=["coordinator", "member"]),
                name="invitation_known_role",
                violation_error_message=_("Unbekannte Rolle."),
            ),
        ]
        indexes = [models.Index(fields=["cooperation", "email"])]

    def __str__(self) -> str:
        return f"{self.email} ({self.get_role_display()})"

    def state_at(self, now: dt.datetime) -> str:
        if self.accepted_at is not None:
            return self.State.ACCEPTED
        if self.revoked_at is not None:
            return self.State.REVOKED
        if self.expires_at <= now:
            return self.State.EXPIRED
        return self.State.PENDING

    @property
    def state(self) -> str:
        return self.state_at(timezone.now())

    @property
    def state_label(self) -> str:
        return str(self.State(self.state).label)


class AccessEvent(models.Model):
    """Who changed access in a cooperation, when, and what: shown to its coordinators only."""

    cooperation = models.ForeignKey(
        "cooperation.Cooperation", on_delete=models.CASCADE, related_name="access_events"
    )
    created_at = models.DateTimeField(_("Zeitpunkt"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("durch"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    summary = models.CharField(_("Vorgang"), max_length=300)

    class Meta:
        verbose_name = _("Vorgang der Zugangsverwaltung")
        verbose_name_plural = _("Vorgänge der Zugangsverwaltung")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.summary
