"""Surveys among the member municipalities ("Abfragen", "Kennzahlenabfragen").

A survey has sections and questions; each municipality answers it once in a ``Response``.
The answers of one response live in one JSON object keyed by question id: a municipality's
answer is read and written as a whole, and the evaluation of thousands of responses is one
query (see docs/surveys.md).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from ikz.tracking.records import track

KEY_PATTERN = r"^[a-z][a-z0-9_]{0,39}$"


class Survey(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("in Vorbereitung")
        OPEN = "open", _("offen")
        CLOSED = "closed", _("abgeschlossen")

    class Visibility(models.TextChoices):
        COORDINATION = "coordination", _("nur Koordination")
        MEMBERS = "members", _("Mitglieder, mit Namen der Kommunen")
        ANONYMISED = "anonymised", _("Mitglieder, andere Kommunen anonymisiert")

    cooperation = models.ForeignKey(
        "cooperation.Cooperation", on_delete=models.CASCADE, related_name="surveys"
    )
    title = models.CharField(_("Titel"), max_length=200)
    description = models.TextField(_("Beschreibung"), blank=True)
    body = models.ForeignKey(
        "cooperation.Body",
        verbose_name=_("Gremium"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="surveys",
    )
    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("Vorhaben"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="surveys",
    )
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    deadline = models.DateField(_("Frist"), null=True, blank=True)
    is_template = models.BooleanField(
        _("Vorlage"),
        default=False,
        help_text=_("Vorlagen werden nicht versendet, sondern für neue Umfragen kopiert."),
    )
    evaluation_visibility = models.CharField(
        _("Auswertung sichtbar für"),
        max_length=15,
        choices=Visibility.choices,
        default=Visibility.COORDINATION,
    )
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    opened_at = models.DateTimeField(_("versendet am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Umfrage")
        verbose_name_plural = _("Umfragen")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_template=False) | Q(status="draft"),
                name="survey_template_never_sent",
                violation_error_message=_("Eine Vorlage kann nicht versendet werden."),
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(deadline__isnull=False),
                name="survey_sent_has_deadline",
                violation_error_message=_("Eine versendete Umfrage braucht eine Frist."),
            ),
        ]
        indexes = [models.Index(fields=["cooperation", "status", "deadline"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def is_editable(self) -> bool:
        """The questionnaire can change only before it is sent: answers refer to it."""
        return self.status == self.Status.DRAFT


class Section(models.Model):
    cooperation = models.ForeignKey("cooperation.Cooperation", on_delete=models.CASCADE)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="sections")
    title = models.CharField(_("Titel"), max_length=200)
    description = models.TextField(_("Erläuterung"), blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("Abschnitt")
        verbose_name_plural = _("Abschnitte")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    class Kind(models.TextChoices):
        NUMBER = "number", _("Zahl")
        YES_NO = "yes_no", _("Ja/Nein")
        SINGLE_CHOICE = "single_choice", _("Einfachauswahl")
        MULTIPLE_CHOICE = "multiple_choice", _("Mehrfachauswahl")
        SHORT_TEXT = "short_text", _("Kurzer Text")
        LONG_TEXT = "long_text", _("Langer Text")
        TABLE = "table", _("Tabelle")

    cooperation = models.ForeignKey("cooperation.Cooperation", on_delete=models.CASCADE)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    section = models.ForeignKey(
        Section, verbose_name=_("Abschnitt"), on_delete=models.CASCADE, related_name="questions"
    )
    position = models.PositiveIntegerField(default=0)
    key = models.CharField(
        _("Kürzel"),
        max_length=40,
        help_text=_("Für Formeln und Tabellenköpfe, z. B. „strassen_km“."),
    )
    text = models.CharField(_("Frage"), max_length=300)
    help_text = models.CharField(_("Hinweis"), max_length=500, blank=True)
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices, default=Kind.NUMBER)
    required = models.BooleanField(_("Pflichtfrage"), default=True)
    unit = models.CharField(_("Einheit"), max_length=40, blank=True)
    min_value = models.DecimalField(
        _("kleinster Wert"), max_digits=20, decimal_places=6, null=True, blank=True
    )
    max_value = models.DecimalField(
        _("größter Wert"), max_digits=20, decimal_places=6, null=True, blank=True
    )
    choices = models.JSONField(_("Auswahlmöglichkeiten"), default=list, blank=True)
    # [{"key": "anzahl", "label": "Anzahl", "kind": "number"|"text", "unit": ""}, ...]
    table_columns = models.JSONField(_("Tabellenspalten"), default=list, blank=True)
    table_rows = models.JSONField(_("Tabellenzeilen"), default=list, blank=True)

    class Meta:
        verbose_name = _("Frage")
        verbose_name_plural = _("Fragen")
        ordering = ["section__position", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "key"],
                name="question_unique_key",
                violation_error_message=_("Dieses Kürzel gibt es in der Umfrage bereits."),
            ),
            models.CheckConstraint(
                condition=Q(key__regex=KEY_PATTERN),
                name="question_key_format",
                violation_error_message=_(
                    "Das Kürzel beginnt mit einem Kleinbuchstaben und enthält nur "
                    "Kleinbuchstaben, Ziffern und Unterstriche (höchstens 40 Zeichen)."
                ),
            ),
            models.CheckConstraint(
                condition=Q(min_value__isnull=True)
                | Q(max_value__isnull=True)
                | Q(max_value__gte=F("min_value")),
                name="question_range_ordered",
                violation_error_message=_(
                    "Der größte Wert darf nicht kleiner sein als der kleinste."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def is_number(self) -> bool:
        return self.kind == self.Kind.NUMBER

    @property
    def is_choice(self) -> bool:
        return self.kind in (self.Kind.SINGLE_CHOICE, self.Kind.MULTIPLE_CHOICE, self.Kind.YES_NO)

    @property
    def data_key(self) -> str:
        return str(self.pk)

    @property
    def label_with_unit(self) -> str:
        return f"{self.text} ({self.unit})" if self.unit else self.text


class Indicator(models.Model):
    """A derived figure, e.g. "Kosten Winterdienst je km Straße" from two number questions."""

    cooperation = models.ForeignKey("cooperation.Cooperation", on_delete=models.CASCADE)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="indicators")
    key = models.CharField(_("Kürzel"), max_length=40)
    name = models.CharField(_("Bezeichnung"), max_length=200)
    formula = models.CharField(
        _("Formel"),
        max_length=500,
        help_text=_("Mit Kürzeln der Fragen, z. B. „winterdienst_kosten / strassen_km“."),
    )
    unit = models.CharField(_("Einheit"), max_length=40, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("abgeleitete Kennzahl")
        verbose_name_plural = _("abgeleitete Kennzahlen")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "key"],
                name="indicator_unique_key",
                violation_error_message=_("Dieses Kürzel gibt es in der Umfrage bereits."),
            ),
            models.CheckConstraint(
                condition=Q(key__regex=KEY_PATTERN),
                name="indicator_key_format",
                violation_error_message=_(
                    "Das Kürzel beginnt mit einem Kleinbuchstaben und enthält nur "
                    "Kleinbuchstaben, Ziffern und Unterstriche (höchstens 40 Zeichen)."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def label_with_unit(self) -> str:
        return f"{self.name} ({self.unit})" if self.unit else self.name


class Response(models.Model):
    """The one answer of one municipality to one survey."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Entwurf")
        SUBMITTED = "submitted", _("abgegeben")

    cooperation = models.ForeignKey("cooperation.Cooperation", on_delete=models.CASCADE)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    municipality = models.ForeignKey(
        "cooperation.Municipality", on_delete=models.CASCADE, related_name="survey_responses"
    )
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    data = models.JSONField(_("Antworten"), default=dict, blank=True)
    # Raised on every save: two colleagues editing at once must not overwrite each other.
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(_("zuletzt geändert"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("abgegeben am"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("Antwort einer Kommune")
        verbose_name_plural = _("Antworten der Kommunen")
        ordering = ["municipality__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "municipality"],
                name="response_one_per_municipality",
                violation_error_message=_("Diese Kommune hat die Umfrage bereits beantwortet."),
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(submitted_at__isnull=False),
                name="response_submitted_has_time",
                violation_error_message=_("Eine abgegebene Antwort braucht ein Abgabedatum."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.survey} – {self.municipality}"

    @property
    def is_submitted(self) -> bool:
        return self.status == self.Status.SUBMITTED


class Reminder(models.Model):
    """A reminder sent to one municipality: each municipality is reminded once per survey."""

    cooperation = models.ForeignKey("cooperation.Cooperation", on_delete=models.CASCADE)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="reminders")
    municipality = models.ForeignKey(
        "cooperation.Municipality", on_delete=models.CASCADE, related_name="+"
    )
    sent_on = models.DateField(_("gesendet am"))
    recipients = models.TextField(_("Empfänger"), blank=True)

    class Meta:
        verbose_name = _("Erinnerung")
        verbose_name_plural = _("Erinnerungen")
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "municipality"],
                name="reminder_once_per_municipality",
                violation_error_message=_("Diese Kommune wurde bereits erinnert."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.survey} – {self.municipality} ({self.sent_on})"


# --- History (ikz.history) -------------------------------------------------------------------
track(Survey, under=("project",))
track(Section, under=("survey",))
track(Question, under=("survey",))
track(Indicator, under=("survey",))
track(Response, under=("survey", "municipality"))
