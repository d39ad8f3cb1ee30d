"""Log-ins and what a log-in may do in each cooperation."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A log-in. Who the user is inside a cooperation is a ``cooperation.Person``."""

    class Meta:
        verbose_name = _("Benutzerkonto")
        verbose_name_plural = _("Benutzerkonten")


class CooperationRole(models.Model):
    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("Koordination")
        MEMBER = "member", _("Mitglied")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="cooperation_roles")
    cooperation = models.ForeignKey(
        "cooperation.Cooperation", on_delete=models.CASCADE, related_name="roles"
    )
    role = models.CharField(_("Rolle"), max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = _("Rolle in einer Kooperation")
        verbose_name_plural = _("Rollen in Kooperationen")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "cooperation"], name="one_role_per_user_and_cooperation"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.cooperation} ({self.get_role_display()})"
