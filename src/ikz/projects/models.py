"""Cooperation projects (Kooperationsvorhaben) and the strategic framework.

A project's ``stage`` is only ever changed together with a ``StageChange`` row (services), so the
history explains every state: when, by whom, why and, where decided in a meeting, which minutes
point decided it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ikz.cooperation.models import Body, Cooperation, Municipality, Person
from ikz.dates import PartialDate, Precision
from ikz.meetings.models import Meeting, Point, Task
from ikz.tracking.records import track


class Field(models.Model):
    """Handlungsfeld: a thematic area of cooperation."""

    cooperation = models.ForeignKey(Cooperation, on_delete=models.CASCADE, related_name="fields")
    name = models.CharField(_("Name"), max_length=120)
    description = models.TextField(_("Beschreibung"), blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("Handlungsfeld")
        verbose_name_plural = _("Handlungsfelder")
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["cooperation", "name"],
                name="field_unique_name",
                violation_error_message=_("Ein Handlungsfeld mit diesem Namen gibt es bereits."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class Stage(models.TextChoices):
    IDEA = "idea", _("Idee")
    ASSESSMENT = "assessment", _("Prüfung")
    CONCEPT = "concept", _("Konzept")
    DECIDED = "decided", _("Beschluss")
    IMPLEMENTATION = "implementation", _("Umsetzung")
    ESTABLISHED = "established", _("verstetigt")
    NOT_PURSUED = "not_pursued", _("nicht weiterverfolgt")
    BILATERAL = "bilateral", _("bilateral weiterverfolgt")


class Project(models.Model):
    cooperation = models.ForeignKey(Cooperation, on_delete=models.CASCADE, related_name="projects")
    title = models.CharField(_("Titel"), max_length=200)
    description = models.TextField(_("Beschreibung"), blank=True)
    field = models.ForeignKey(
        Field,
        verbose_name=_("Handlungsfeld"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="projects",
    )
    lead_body = models.ForeignKey(
        Body,
        verbose_name=_("federführendes Gremium"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_projects",
    )
    lead_municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("federführende Kommune"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_projects",
    )
    contact_person = models.ForeignKey(
        Person,
        verbose_name=_("Ansprechperson"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contact_for_projects",
    )
    stage = models.CharField(_("Phase"), max_length=20, choices=Stage.choices, default=Stage.IDEA)
    is_public = models.BooleanField(
        _("öffentlich"), default=False, help_text=_("Öffentliche Vorhaben sieht jede Person.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Kooperationsvorhaben")
        verbose_name_plural = _("Kooperationsvorhaben")
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(
                fields=["cooperation", "title"],
                name="project_unique_title",
                violation_error_message=_("Ein Vorhaben mit diesem Titel gibt es bereits."),
            )
        ]
        indexes = [models.Index(fields=["cooperation", "stage"])]

    def __str__(self) -> str:
        return self.title


# The minutes points that can decide a stage change ("Beschluss", "nicht weiterverfolgt").
DECIDING_POINT_KINDS = frozenset({Point.Kind.DECISION, Point.Kind.NOT_PURSUED})
POINT_MUST_DECIDE = _(
    "Nur ein Protokollpunkt der Art „Beschluss“ oder „nicht weiterverfolgt“ "
    "kann einen Phasenwechsel begründen."
)


class StageChange(models.Model):
    cooperation = models.ForeignKey(Cooperation, on_delete=models.CASCADE, related_name="+")
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="stage_changes")
    from_stage = models.CharField(_("von"), max_length=20, choices=Stage.choices, blank=True)
    to_stage = models.CharField(_("nach"), max_length=20, choices=Stage.choices)
    date = models.DateField(_("Datum"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reason = models.TextField(_("Begründung"), blank=True)
    # Where the change was decided; the point may later be edited, the meeting stays.
    meeting = models.ForeignKey(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="stage_changes"
    )
    point = models.ForeignKey(
        Point, on_delete=models.SET_NULL, null=True, blank=True, related_name="stage_changes"
    )
    is_public = models.BooleanField(_("öffentlich"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Phasenwechsel")
        verbose_name_plural = _("Phasenwechsel")
        ordering = ["date", "pk"]
        indexes = [models.Index(fields=["cooperation", "date"])]

    def __str__(self) -> str:
        return f"{self.project_id}: {self.from_stage or '–'} → {self.to_stage}"

    def clean(self) -> None:
        # Here, not in the services: the stage services and the importer both reach these
        # rules through full_clean(). No database constraint for the reason: deleting the
        # deciding point (SET_NULL) would leave a change without either.
        errors: dict[str, Any] = {}
        if self.point is not None:
            if self.point.kind not in DECIDING_POINT_KINDS:
                errors["point"] = POINT_MUST_DECIDE
            elif self.meeting_id is not None and self.point.meeting_id != self.meeting_id:
                errors["point"] = _("Der Protokollpunkt gehört zu einer anderen Sitzung.")
        elif not (self.reason or "").strip():
            errors["reason"] = _("Bitte den Phasenwechsel begründen.")
        if errors:
            raise ValidationError(errors)


DONE_ON_NEEDS_DONE = _("Ein Erledigt-Datum setzt „erledigt“ voraus.")
COUNCIL_DECISION_NEEDS_DATE = _("Bitte das Datum des Ratsbeschlusses angeben.")
GRANTED_AMOUNT_NEEDS_GRANTED = _("Ein bewilligter Betrag setzt den Status „bewilligt“ voraus.")
# The participation states that record a council's decision: they carry its date.
COUNCIL_DECISIONS = ("council_approved", "council_declined")


class Participation(models.Model):
    class Status(models.TextChoices):
        NOT_INVOLVED = "not_involved", _("nicht beteiligt")
        INTERESTED = "interested", _("interessiert")
        PARTICIPATING = "participating", _("beteiligt")
        COUNCIL_PENDING = "council_pending", _("Ratsbeschluss ausstehend")
        COUNCIL_APPROVED = "council_approved", _("Ratsbeschluss: zugestimmt")
        COUNCIL_DECLINED = "council_declined", _("Ratsbeschluss: abgelehnt")

    cooperation = models.ForeignKey(Cooperation, on_delete=models.CASCADE, related_name="+")
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="participations")
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="participations"
    )
    status = models.CharField(
        _("Status"), max_length=20, choices=Status.choices, default=Status.NOT_INVOLVED
    )
    date = models.DateField(_("Datum"), null=True, blank=True)
    note = models.CharField(_("Anmerkung"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("Beteiligung")
        verbose_name_plural = _("Beteiligungen")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "municipality"],
                name="participation_once_per_municipality",
                violation_error_message=_("Für diese Kommune gibt es bereits einen Eintrag."),
            ),
            models.CheckConstraint(
                condition=~Q(status__in=COUNCIL_DECISIONS) | Q(date__isnull=False),
                name="participation_council_decision_has_date",
                violation_error_message=COUNCIL_DECISION_NEEDS_DATE,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project_id}/{self.municipality_id}: {self.status}"

    def clean(self) -> None:
        if self.status in COUNCIL_DECISIONS and self.date is None:
            raise ValidationError({"date": COUNCIL_DECISION_NEEDS_DATE})


class Milestone(models.Model):
    cooperation = models.ForeignKey(Cooperation, on_delete=models.CASCADE, related_name="+")
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("Titel"), max_length=300)
    date = models.DateField(_("Datum"))
    date_precision = models.CharField(
        max_length=5, choices=Precision.choices, default=Precision.DAY
    )
    is_deadline = models.BooleanField(_("Frist"), default=False)
    done = models.BooleanField(_("erledigt"), default=False)
    done_on = models.DateField(_("erledigt am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Meilenstein")
        verbose_name_plural = _("Meilensteine")
        ordering = ["date", "pk"]
        indexes = [models.Index(fields=["cooperation", "done", "date"])]
        constraints = [
            # The form, the service and the importer all reach this through full_clean().
            models.CheckConstraint(
                condition=Q(done=True) | Q(done_on__isnull=True),
                name="milestone_done_on_only_when_done",
                violation_error_message=DONE_ON_NEEDS_DONE,
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        # The same rule as the constraint, but on the field, so the form shows it there.
        if self.done_on is not None and not self.done:
            raise ValidationError({"done_on": DONE_ON_NEEDS_DONE})

    @property
    def when(self) -> PartialDate:
        return PartialDate(self.date, self.date_precision)

    def is_overdue(self, today: dt.date) -> bool:
        """Open and its whole date lies before ``today`` (a month counts until its last day)."""
        return not self.done and self.when.is_past(today)


class FundingProgramme(models.Model):
    cooperation = models.ForeignKey(Cooperation, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("Förderprogramm"), max_length=200)
    funder = models.CharField(_("Fördermittelgeber"), max_length=200, blank=True)
    website = models.URLField(_("Website"), blank=True)
    description = models.TextField(_("Beschreibung"), blank=True)

    class Meta:
        verbose_name = _("Förderprogramm")
        verbose_name_plural = _("Förderprogramme")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["cooperation", "name"],
                name="funding_programme_unique_name",
                violation_error_message=_("Dieses Förderprogramm gibt es bereits."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class FundingApplication(models.Model):
    class State(models.TextChoices):
        PLANNED = "planned", _("geplant")
        SUBMITTED = "submitted", _("eingereicht")
        GRANTED = "granted", _("bewilligt")
        REJECTED = "rejected", _("abgelehnt")
        WITHDRAWN = "withdrawn", _("zurückgezogen")

    cooperation = models.ForeignKey(Cooperation, on_delete=models.CASCADE, related_name="+")
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="funding_applications"
    )
    programme = models.ForeignKey(
        FundingProgramme,
        verbose_name=_("Förderprogramm"),
        # RESTRICT, not PROTECT: a programme with applications cannot be deleted on its own,
        # but deleting the whole cooperation (which cascades to both) still works.
        on_delete=models.RESTRICT,
        related_name="applications",
    )
    deadline = models.DateField(_("Antragsfrist"), null=True, blank=True)
    deadline_precision = models.CharField(
        max_length=5, choices=Precision.choices, default=Precision.DAY
    )
    amount_applied = models.DecimalField(
        _("beantragt (€)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    amount_granted = models.DecimalField(
        _("bewilligt (€)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    state = models.CharField(
        _("Status"), max_length=10, choices=State.choices, default=State.PLANNED
    )
    submitted_on = models.DateField(_("eingereicht am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Förderantrag")
        verbose_name_plural = _("Förderanträge")
        ordering = ["deadline", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_applied__isnull=True) | Q(amount_applied__gte=0),
                name="funding_amount_applied_not_negative",
                violation_error_message=_("Der beantragte Betrag kann nicht negativ sein."),
            ),
            models.CheckConstraint(
                condition=Q(amount_granted__isnull=True) | Q(amount_granted__gte=0),
                name="funding_amount_granted_not_negative",
                violation_error_message=_("Der bewilligte Betrag kann nicht negativ sein."),
            ),
            models.CheckConstraint(
                condition=Q(amount_granted__isnull=True) | Q(state="granted"),
                name="funding_amount_granted_only_when_granted",
                violation_error_message=GRANTED_AMOUNT_NEEDS_GRANTED,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.programme_id}: {self.state}"

    def clean(self) -> None:
        # The constraint's rule on the field, so the form shows it there.
        if self.amount_granted is not None and self.state != self.State.GRANTED:
            raise ValidationError({"amount_granted": GRANTED_AMOUNT_NEEDS_GRANTED})

    @property
    def deadline_date(self) -> PartialDate | None:
        return PartialDate.from_fields(self.deadline, self.deadline_precision)


class Goal(models.Model):
    """A goal of the strategic framework, ranked by a workshop ("TOP 5 der Zielstellungen")."""

    cooperation = models.ForeignKey(Cooperation, on_delete=models.CASCADE, related_name="goals")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    title = models.CharField(_("Zielstellung"), max_length=300)
    description = models.TextField(_("Beschreibung"), blank=True)
    rank = models.PositiveSmallIntegerField(_("Rang"), null=True, blank=True)
    set_in_meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("erarbeitet in"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="goals",
    )
    projects = models.ManyToManyField(Project, through="GoalProject", related_name="goals")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Zielstellung")
        verbose_name_plural = _("Zielstellungen")
        ordering = ["rank", "title"]

    def __str__(self) -> str:
        return self.title


class GoalProject(models.Model):
    cooperation = models.ForeignKey(Cooperation, on_delete=models.CASCADE, related_name="+")
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE)
    project = models.ForeignKey(Project, on_delete=models.CASCADE)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["goal", "project"], name="goal_project_once")
        ]

    def __str__(self) -> str:
        return f"{self.goal_id} – {self.project_id}"


class ProjectReference(models.Model):
    """A minutes point or a task that refers to a project; feeds the project's timeline."""

    cooperation = models.ForeignKey(Cooperation, on_delete=models.CASCADE, related_name="+")
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="references")
    point = models.ForeignKey(
        Point, on_delete=models.CASCADE, null=True, blank=True, related_name="project_references"
    )
    task = models.ForeignKey(
        Task, on_delete=models.CASCADE, null=True, blank=True, related_name="project_references"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(point__isnull=False) | Q(task__isnull=False),
                name="project_reference_has_target",
            ),
            models.UniqueConstraint(
                fields=["project", "point"],
                condition=Q(point__isnull=False),
                name="project_reference_point_once",
            ),
            models.UniqueConstraint(
                fields=["project", "task"],
                condition=Q(task__isnull=False),
                name="project_reference_task_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project_id} ← {self.point_id or self.task_id}"


# --- History (ikz.history) -------------------------------------------------------------------
track(Field)
track(Project, under=("field",))
track(StageChange, under=("project",))
track(Participation, under=("project", "municipality"))
track(Milestone, under=("project",))
track(FundingProgramme)
track(FundingApplication, under=("project", "programme"))
track(Goal, under=("parent",))
track(GoalProject, under=("goal", "project"))
track(ProjectReference, under=("project",))
