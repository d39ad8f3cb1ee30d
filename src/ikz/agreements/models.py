"""Agreements between municipalities (Zweckvereinbarungen) and how their costs are shared.

An agreement's ``state`` is only changed by ``services.agreement_change_state``, which writes a
``StateChange`` (date, author, reason) in the same transaction. Partners carry their own dates
(council resolution, signature, joining, leaving). A cost key is a weighted combination of
components; a cost statement distributes a year's costs by a key and is frozen once issued
(``snapshot``); a correction is a new version. Amounts are whole cents (BigIntegerField).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from ikz.cooperation.models import Cooperation, Municipality
from ikz.meetings.models import Point
from ikz.projects.models import Project
from ikz.tracking.records import track


class Kind(models.TextChoices):
    DELEGATING = "delegating", _("Zweckvereinbarung (delegierend)")
    MANDATING = "mandating", _("Zweckvereinbarung (mandatierend)")
    PUBLIC_LAW = "public_law", _("öffentlich-rechtliche Vereinbarung")
    CONTRACT = "contract", _("Kooperationsvertrag")
    LETTER_OF_INTENT = "intent", _("Absichtserklärung")
    ASSOCIATION = "association", _("Zweckverbandssatzung")


class State(models.TextChoices):
    DRAFT = "draft", _("Entwurf")
    RESOLUTIONS = "resolutions", _("Ratsbeschlüsse")
    SIGNED = "signed", _("unterzeichnet")
    APPROVED = "approved", _("genehmigt")
    PUBLISHED = "published", _("bekanntgemacht")
    EFFECTIVE = "effective", _("wirksam")
    TERMINATED = "terminated", _("gekündigt")
    ENDED = "ended", _("beendet")


# Published agreements are public: everyone may read them.
PUBLIC_STATES = (State.PUBLISHED, State.EFFECTIVE, State.TERMINATED, State.ENDED)


class Agreement(models.Model):
    cooperation = models.ForeignKey(
        Cooperation, on_delete=models.CASCADE, related_name="agreements"
    )
    title = models.CharField(_("Titel"), max_length=200)
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices, default=Kind.DELEGATING)
    task = models.CharField(_("Aufgabe"), max_length=300, blank=True)
    performing_municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("erfüllende Kommune"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="performed_agreements",
    )
    project = models.ForeignKey(
        Project,
        verbose_name=_("Vorhaben"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agreements",
    )
    description = models.TextField(_("Beschreibung"), blank=True)
    state = models.CharField(_("Stand"), max_length=20, choices=State.choices, default=State.DRAFT)
    term_start = models.DateField(_("Laufzeit ab"), null=True, blank=True)
    term_end = models.DateField(
        _("Laufzeit bis"), null=True, blank=True, help_text=_("Leer: unbefristet.")
    )
    notice_months = models.PositiveSmallIntegerField(
        _("Kündigungsfrist in Monaten"),
        null=True,
        blank=True,
        help_text=_("Unbefristet: kündbar zum Jahresende mit dieser Frist."),
    )
    approval_date = models.DateField(_("Genehmigung am"), null=True, blank=True)
    approval_reference = models.CharField(
        _("Aktenzeichen der Rechtsaufsicht"), max_length=100, blank=True
    )
    publication_date = models.DateField(_("Bekanntmachung am"), null=True, blank=True)
    publication_place = models.CharField(_("Bekanntmachung in"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Vereinbarung")
        verbose_name_plural = _("Vereinbarungen")
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(
                fields=["cooperation", "title"],
                name="agreement_unique_title",
                violation_error_message=_("Eine Vereinbarung mit diesem Titel gibt es bereits."),
            ),
            models.CheckConstraint(
                condition=Q(term_end__isnull=True)
                | Q(term_start__isnull=True)
                | Q(term_end__gte=F("term_start")),
                name="agreement_term_order",
                violation_error_message=_("Das Laufzeitende liegt vor dem Laufzeitbeginn."),
            ),
        ]
        indexes = [models.Index(fields=["cooperation", "state"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        return self.state in PUBLIC_STATES


class StateChange(models.Model):
    cooperation = models.ForeignKey(Cooperation, on_delete=models.CASCADE, related_name="+")
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="state_changes")
    from_state = models.CharField(_("von"), max_length=20, choices=State.choices, blank=True)
    to_state = models.CharField(_("nach"), max_length=20, choices=State.choices)
    date = models.DateField(_("Datum"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reason = models.TextField(_("Begründung"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Statuswechsel")
        verbose_name_plural = _("Statuswechsel")
        ordering = ["date", "pk"]
        indexes = [models.Index(fields=["cooperation", "date"])]

    def __str__(self) -> str:
        return f"{self.agreement_id}: {self.from_state or '–'} → {self.to_state}"


class Partner(models.Model):
    cooperation = models.ForeignKey(Cooperation, on_delete=models.CASCADE, related_name="+")
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="partners")
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("Kommune"),
        on_delete=models.CASCADE,
        related_name="agreement_partnerships",
    )
    resolution_date = models.DateField(_("Ratsbeschluss am"), null=True, blank=True)
    resolution_reference = models.CharField(_("Beschlussnummer"), max_length=100, blank=True)
    resolution_point = models.ForeignKey(
        Point,
        verbose_name=_("Protokollpunkt"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    signed_on = models.DateField(_("unterzeichnet am"), null=True, blank=True)
    joined_on = models.DateField(_("wirksam ab (Beitritt)"), null=True, blank=True)
    left_on = models.DateField(_("ausgeschieden zum"), null=True, blank=True)

    class Meta:
        verbose_name = _("Partnerkommune")
        verbose_name_plural = _("Partnerkommunen")
        ordering = ["municipality__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "municipality"],
                name="partner_once_per_municipality",
                violation_error_message=_("Diese Kommune ist bereits Partnerin der Vereinbarung."),
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True)
                | Q(joined_on__isnull=True)
                | Q(left_on__gte=F("joined_on")),
                name="partner_leaves_after_joining",
                violation_error_message=_("Das Ausscheiden liegt vor dem Beitritt."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agreement_id}/{self.municipality_id}"


class CostKey(models.Model):
    cooperation = models.ForeignKey(Cooperation, on_delete=models.CASCADE, related_name="+")
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="cost_keys")
    name = models.CharField(_("Bezeichnung"), max_length=200)
    population_reference = models.CharField(
        _("Stichtag der Einwohnerzahl"),
        max_length=100,
        blank=True,
        help_text=_("Die Einwohnerzahlen kommen aus den Daten der Kommunen."),
    )

    class Meta:
        verbose_name = _("Kostenschlüssel")
        verbose_name_plural = _("Kostenschlüssel")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "name"],
                name="cost_key_unique_name",
                violation_error_message=_(
                    "Einen Kostenschlüssel mit diesem Namen gibt es bereits."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.name


class ComponentKind(models.TextChoices):
    FIXED = "fixed", _("feste Anteile")
    POPULATION = "population", _("nach Einwohnern")
    AREA = "area", _("nach Fläche")
    MEASURE = "measure", _("nach Kennzahl")
    DIRECT = "direct", _("direkte Abrechnung (Anzahl × Gebühr)")


class Component(models.Model):
    cooperation = models.ForeignKey(Cooperation, on_delete=models.CASCADE, related_name="+")
    key = models.ForeignKey(CostKey, on_delete=models.CASCADE, related_name="components")
    position = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(_("Art"), max_length=20, choices=ComponentKind.choices)
    weight = models.DecimalField(
        _("Gewicht in %"), max_digits=5, decimal_places=2, default=0, help_text=_("0 bis 100")
    )
    measure = models.CharField(_("Kennzahl"), max_length=100, blank=True)
    fee_cents = models.BigIntegerField(_("Gebühr je Einheit (Cent)"), null=True, blank=True)

    class Meta:
        verbose_name = _("Schlüsselkomponente")
        verbose_name_plural = _("Schlüsselkomponenten")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(weight__gte=0, weight__lte=100),
                name="component_weight_percent",
                violation_error_message=_("Ein Gewicht liegt zwischen 0 und 100 %%."),
            ),
            models.CheckConstraint(
                condition=Q(fee_cents__isnull=True) | Q(fee_cents__gte=0),
                name="component_fee_not_negative",
                violation_error_message=_("Eine Gebühr ist nicht negativ."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.weight}"


class FixedShare(models.Model):
    cooperation = models.ForeignKey(Cooperation, on_delete=models.CASCADE, related_name="+")
    key = models.ForeignKey(CostKey, on_delete=models.CASCADE, related_name="fixed_shares")
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    percent = models.DecimalField(_("Anteil in %"), max_digits=5, decimal_places=2)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["key", "municipality"], name="fixed_share_once_per_municipality"
            ),
            models.CheckConstraint(
                condition=Q(percent__gte=0, percent__lte=100),
                name="fixed_share_percent",
                violation_error_message=_("Ein Anteil liegt zwischen 0 und 100 %%."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.municipality_id}: {self.percent} %"


class Measure(models.Model):
    """A partner's value of a measure in a year: devices, cases handled, hours worked."""

    cooperation = models.ForeignKey(Cooperation, on_delete=models.CASCADE, related_name="+")
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="measures")
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("Jahr"))
    name = models.CharField(_("Kennzahl"), max_length=100)
    value = models.DecimalField(_("Wert"), max_digits=14, decimal_places=2)

    class Meta:
        verbose_name = _("Kennzahl")
        verbose_name_plural = _("Kennzahlen")
        ordering = ["year", "name", "municipality__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "municipality", "year", "name"],
                name="measure_once_per_year",
                violation_error_message=_("Diesen Wert gibt es für das Jahr bereits."),
            ),
            models.CheckConstraint(
                condition=Q(value__gte=0),
                name="measure_not_negative",
                violation_error_message=_("Eine Kennzahl ist nicht negativ."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.name}: {self.value}"


class Statement(models.Model):
    """A yearly cost statement (Kostenabrechnung): plan or actual, frozen once issued."""

    class Basis(models.TextChoices):
        PLAN = "plan", _("Plan")
        ACTUAL = "actual", _("Ist")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Entwurf")
        ISSUED = "issued", _("ausgestellt")

    cooperation = models.ForeignKey(Cooperation, on_delete=models.CASCADE, related_name="+")
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="statements")
    key = models.ForeignKey(
        # RESTRICT: a key in use cannot be deleted, but goes with its agreement.
        CostKey,
        verbose_name=_("Kostenschlüssel"),
        on_delete=models.RESTRICT,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField(_("Jahr"))
    basis = models.CharField(_("Plan/Ist"), max_length=10, choices=Basis.choices)
    version = models.PositiveSmallIntegerField(_("Fassung"), default=1)
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    costs_cents = models.BigIntegerField(_("Gesamtkosten (Cent)"))
    fees_cents = models.BigIntegerField(_("Einnahmen aus Gebühren (Cent)"), default=0)
    grants_cents = models.BigIntegerField(_("Zuwendungen (Cent)"), default=0)
    note = models.TextField(_("Anmerkung"), blank=True)
    issued_on = models.DateField(_("ausgestellt am"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The allocation as issued (see allocation.snapshot): never recomputed afterwards.
    snapshot = models.JSONField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Kostenabrechnung")
        verbose_name_plural = _("Kostenabrechnungen")
        ordering = ["-year", "basis", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "year", "basis", "version"],
                name="statement_unique_version",
                violation_error_message=_("Diese Fassung der Abrechnung gibt es bereits."),
            ),
            models.CheckConstraint(
                condition=Q(costs_cents__gte=0, fees_cents__gte=0, grants_cents__gte=0),
                name="statement_amounts_not_negative",
                violation_error_message=_("Kosten und Einnahmen sind nicht negativ."),
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(snapshot__isnull=False, issued_on__isnull=False),
                name="statement_issued_is_frozen",
                violation_error_message=_("Eine ausgestellte Abrechnung braucht ihren Stand."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agreement_id} {self.year} {self.basis} v{self.version}"

    def clean(self) -> None:
        # In the model, so the statement's service and the importer (full_clean) share it. Not
        # a database constraint: a row that breaks it could not be mended without its numbers.
        amounts = (self.costs_cents, self.fees_cents, self.grants_cents)
        if all(amount is not None for amount in amounts) and self.distributable_cents < 0:
            raise ValidationError(
                _("Die Einnahmen übersteigen die Kosten: es gibt nichts zu verteilen.")
            )

    @property
    def distributable_cents(self) -> int:
        return self.costs_cents - self.fees_cents - self.grants_cents

    @property
    def is_issued(self) -> bool:
        return self.status == self.Status.ISSUED


# History of every change (ikz.history; see docs/decisions/0004-history.md).
track(Agreement, under=("performing_municipality", "project"))
track(StateChange, under=("agreement",))
track(Partner, under=("agreement", "municipality"))
track(CostKey, under=("agreement",))
track(Component, under=("key",))
track(FixedShare, under=("key", "municipality"))
track(Measure, under=("agreement", "municipality"))
track(Statement, under=("agreement",))
