"""A status report (the coordinator's draft) and its published, frozen versions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ikz.cooperation.models import Cooperation
from ikz.reports.periods import Period, period_label
from ikz.tracking.records import track


class StatusReport(models.Model):
    class Audience(models.TextChoices):
        INTERNAL = "internal", _("intern (alle Gremien)")
        PUBLIC = "public", _("öffentlich")

    class State(models.TextChoices):
        DRAFT = "draft", _("Entwurf")
        PUBLISHED = "published", _("veröffentlicht")

    cooperation = models.ForeignKey(
        Cooperation, on_delete=models.CASCADE, related_name="status_reports"
    )
    period_start = models.DateField(_("Zeitraum von"))
    period_end = models.DateField(_("Zeitraum bis"))
    audience = models.CharField(
        _("Zielgruppe"), max_length=10, choices=Audience.choices, default=Audience.INTERNAL
    )
    title = models.CharField(
        _("Titel"), max_length=200, blank=True, help_text=_("Leer: „Statusbericht <Monat>“.")
    )
    subtitle = models.CharField(
        _("Untertitel"), max_length=200, blank=True, help_text=_("Leer: der Berichtszeitraum.")
    )
    issued_on = models.DateField(
        _("Stand"),
        null=True,
        blank=True,
        help_text=_("Leer: der letzte Tag des Zeitraums (oder heute, solange er läuft)."),
    )
    outlook_months = models.PositiveSmallIntegerField(
        _("Ausblick (Monate)"),
        default=3,
        help_text=_("Wie viele Monate nach dem Zeitraum der Ausblick umfasst."),
    )
    introduction = models.TextField(_("Einleitung"), blank=True)
    remarks = models.TextField(_("Anmerkungen"), blank=True)
    section_order = models.JSONField(default=list, blank=True)
    hidden_sections = models.JSONField(default=list, blank=True)
    hidden_keys = models.JSONField(default=list, blank=True)
    state = models.CharField(_("Status"), max_length=10, choices=State.choices, default=State.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Statusbericht")
        verbose_name_plural = _("Statusberichte")
        ordering = ["-period_start", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="status_report_period_ordered",
                violation_error_message=_("Das Ende des Zeitraums liegt vor seinem Beginn."),
            ),
            models.CheckConstraint(
                condition=Q(audience__in=["internal", "public"]),
                name="status_report_audience_valid",
                violation_error_message=_("Unbekannte Zielgruppe."),
            ),
            models.CheckConstraint(
                condition=Q(outlook_months__lte=24),
                name="status_report_outlook_at_most_24_months",
                violation_error_message=_("Der Ausblick umfasst höchstens 24 Monate."),
            ),
            models.CheckConstraint(
                condition=Q(state__in=["draft", "published"]),
                name="status_report_state_valid",
                violation_error_message=_("Unbekannter Status."),
            ),
        ]
        indexes = [models.Index(fields=["cooperation", "audience", "period_start"])]

    def __str__(self) -> str:
        return str(_("Statusbericht %(period)s") % {"period": self.period_label})

    @property
    def period_label(self) -> str:
        return period_label(self.period_start, self.period_end)

    @property
    def period(self) -> Period:
        return Period(self.period_start, self.period_end)


class ReportVersion(models.Model):
    """A published version: the content snapshot and the bytes of every format, frozen."""

    cooperation = models.ForeignKey(Cooperation, on_delete=models.CASCADE, related_name="+")
    report = models.ForeignKey(StatusReport, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("Version"))
    published_at = models.DateTimeField(_("veröffentlicht am"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    audience = models.CharField(max_length=10, choices=StatusReport.Audience.choices)
    title = models.CharField(max_length=200)
    content = models.JSONField()
    md = models.BinaryField()
    html = models.BinaryField()
    pdf = models.BinaryField()
    docx = models.BinaryField()
    pptx = models.BinaryField()

    class Meta:
        verbose_name = _("Berichtsversion")
        verbose_name_plural = _("Berichtsversionen")
        ordering = ["report", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "number"],
                name="report_version_unique_number",
                violation_error_message=_("Diese Version gibt es bereits."),
            ),
        ]
        indexes = [models.Index(fields=["cooperation", "audience", "-published_at"])]

    def __str__(self) -> str:
        return str(
            _("%(title)s (Version %(number)s)") % {"title": self.title, "number": self.number}
        )

    def data(self, fmt: str) -> bytes:
        return bytes(getattr(self, fmt))


# --- History (ikz.history) -------------------------------------------------------------------
track(StatusReport)
