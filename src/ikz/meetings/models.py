"""Meetings of a body, their agenda and minutes, and the tasks that follow from them.

Minutes are a tree of typed points (information, decision, task, ...) under the agenda items or
the meeting itself, ordered by ``position`` among siblings. A task point carries a ``Task`` row
with owner, due date and state, so that task lists need no walk through the minutes.
"""

from __future__ import annotations

import datetime as dt
import uuid
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from ikz.cooperation.models import Body, Cooperation, Location, Municipality, Person
from ikz.dates import PartialDate, Precision
from ikz.tracking.records import track

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


END_AFTER_START = _("Das Ende muss nach dem Beginn liegen.")
POINT_TEXT_MAX = 5000
POINT_TEXT_TOO_LONG = _("Der Text ist zu lang (höchstens 5.000 Zeichen).")


class Meeting(models.Model):
    class State(models.TextChoices):
        PLANNED = "planned", _("geplant")
        INVITED = "invited", _("eingeladen")
        HELD = "held", _("durchgeführt")
        MINUTES_PUBLISHED = "minutes_published", _("Protokoll veröffentlicht")
        CANCELLED = "cancelled", _("abgesagt")

    cooperation = models.ForeignKey(Cooperation, on_delete=models.CASCADE, related_name="meetings")
    # RESTRICT, not PROTECT: a body with meetings cannot be deleted on its own, but deleting
    # the whole cooperation (which cascades to meetings and bodies alike) still works.
    body = models.ForeignKey(
        Body, verbose_name=_("Gremium"), on_delete=models.RESTRICT, related_name="meetings"
    )
    number = models.PositiveIntegerField(
        _("Nummer"), help_text=_("Fortlaufend je Gremium, z. B. 5 für die fünfte Sitzung.")
    )
    title = models.CharField(
        _("Titel"),
        max_length=200,
        blank=True,
        help_text=_("Nur wenn abweichend, z. B. „Workshop Bibliothek“."),
    )
    date = models.DateField(_("Datum"))
    date_precision = models.CharField(
        _("Genauigkeit"), max_length=5, choices=Precision.choices, default=Precision.DAY
    )
    start_time = models.TimeField(_("Beginn"), null=True, blank=True)
    end_time = models.TimeField(_("Ende"), null=True, blank=True)
    location = models.ForeignKey(
        Location, verbose_name=_("Ort"), on_delete=models.SET_NULL, null=True, blank=True
    )
    is_public = models.BooleanField(_("öffentlich"), default=False)
    state = models.CharField(
        _("Status"), max_length=20, choices=State.choices, default=State.PLANNED
    )
    description = models.TextField(_("Hinweise"), blank=True)
    # Calendar identity: the UID never changes, SEQUENCE grows with every change (RFC 5545).
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    # The minutes are "genehmigt" at a following meeting (see docs/meeting-documents.md).
    minutes_approved_on = models.DateField(_("Protokoll genehmigt am"), null=True, blank=True)
    minutes_approved_in = models.ForeignKey(
        "self",
        verbose_name=_("Protokoll genehmigt in Sitzung"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="approved_minutes",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Sitzung")
        verbose_name_plural = _("Sitzungen")
        ordering = ["date", "start_time", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "number"],
                name="meeting_unique_number_per_body",
                violation_error_message=_("Diese Nummer ist für das Gremium bereits vergeben."),
            ),
            models.CheckConstraint(
                condition=Q(end_time__isnull=True) | Q(start_time__isnull=False),
                name="meeting_end_needs_start",
                violation_error_message=_("Ein Ende ohne Beginn ist nicht möglich."),
            ),
            models.CheckConstraint(
                condition=Q(date_precision="day") | Q(start_time__isnull=True),
                name="meeting_time_needs_day",
                violation_error_message=_("Eine Uhrzeit setzt einen genauen Tag voraus."),
            ),
            models.CheckConstraint(
                condition=Q(end_time__isnull=True)
                | Q(start_time__isnull=True)
                | Q(end_time__gt=F("start_time")),
                name="meeting_end_after_start",
                violation_error_message=END_AFTER_START,
            ),
        ]
        indexes = [models.Index(fields=["cooperation", "date"])]

    def __str__(self) -> str:
        return self.heading

    def clean(self) -> None:
        # The constraints' rules on their fields, worded as the form shows them; the meeting
        # services and the importer both reach them through full_clean().
        if self.date_precision == Precision.MONTH and (self.start_time or self.end_time):
            raise ValidationError(
                {
                    "start_time": _(
                        "Eine Uhrzeit setzt einen genauen Tag voraus (TT.MM.JJJJ statt MM/JJJJ)."
                    )
                }
            )
        if self.end_time is not None and self.start_time is None:
            raise ValidationError({"end_time": _("Ein Ende ohne Beginn ist nicht möglich.")})
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            raise ValidationError({"end_time": END_AFTER_START})

    @property
    def heading(self) -> str:
        """ "2. AG Bauhof", "5. Lenkungsgruppensitzung" or the meeting's own title."""
        if self.title:
            return self.title
        return f"{self.number}. {self.body.session_name or self.body.label}"

    @property
    def when(self) -> PartialDate:
        return PartialDate(self.date, self.date_precision)

    @property
    def starts_at(self) -> dt.datetime | None:
        if self.date_precision != Precision.DAY or self.start_time is None:
            return None
        return dt.datetime.combine(self.date, self.start_time, tzinfo=BERLIN)

    @property
    def ends_at(self) -> dt.datetime | None:
        if self.starts_at is None or self.end_time is None:
            return None
        return dt.datetime.combine(self.date, self.end_time, tzinfo=BERLIN)

    @property
    def may_invite(self) -> bool:
        """An invitation may go out: not yet held or cancelled, and planned to the day.

        ``invitations.invitation_problem`` words the reason when this is False."""
        return self.state in INVITABLE_STATES and self.date_precision == Precision.DAY


# Once a meeting has taken place, an invitation makes no sense any more.
INVITABLE_STATES = (Meeting.State.PLANNED, Meeting.State.INVITED)


class AgendaItem(models.Model):
    cooperation = models.ForeignKey(Cooperation, on_delete=models.CASCADE, related_name="+")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    position = models.PositiveIntegerField(default=0)
    title = models.CharField(_("Titel"), max_length=300)
    presenter = models.ForeignKey(
        Person,
        verbose_name=_("Vortragende Person"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    duration_minutes = models.PositiveSmallIntegerField(_("Dauer (Minuten)"), null=True, blank=True)
    carried_over_from = models.ForeignKey(
        "Task",
        verbose_name=_("Wiedervorlage von"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agenda_items",
    )
    # A survey whose evaluation is discussed under this item (see docs/surveys.md).
    survey = models.ForeignKey(
        "surveys.Survey",
        verbose_name=_("Auswertung der Umfrage"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agenda_items",
    )
    # "Genehmigung des Protokolls der n. Sitzung": the meeting whose minutes this item approves.
    approves_minutes_of = models.ForeignKey(
        Meeting,
        verbose_name=_("Genehmigung des Protokolls von"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="approval_agenda_items",
    )

    class Meta:
        verbose_name = _("Tagesordnungspunkt")
        verbose_name_plural = _("Tagesordnungspunkte")
        ordering = ["meeting", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "survey"],
                condition=Q(survey__isnull=False),
                name="agenda_item_survey_once_per_meeting",
                violation_error_message=_(
                    "Die Auswertung dieser Umfrage steht bereits auf der Tagesordnung der Sitzung."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Point(models.Model):
    """One point of the minutes; points nest to any depth."""

    class Kind(models.TextChoices):
        INFORMATION = "information", _("Information")
        ASSESSMENT = "assessment", _("Bewertung")
        IDEA = "idea", _("Idee")
        DECISION = "decision", _("Beschluss")
        NOT_PURSUED = "not_pursued", _("nicht weiterverfolgt")
        TASK = "task", _("Aufgabe")
        # A good practice of one municipality that others could take over.
        GOOD_PRACTICE = "good_practice", _("gutes Beispiel")

    cooperation = models.ForeignKey(Cooperation, on_delete=models.CASCADE, related_name="+")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="points")
    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, null=True, blank=True, related_name="points"
    )
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    position = models.PositiveIntegerField(default=0)
    text = models.TextField(
        _("Text"), validators=[MaxLengthValidator(POINT_TEXT_MAX, message=POINT_TEXT_TOO_LONG)]
    )
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices, default=Kind.INFORMATION)
    is_internal = models.BooleanField(
        _("intern"), default=False, help_text=_("Interne Punkte erscheinen nie öffentlich.")
    )

    class Meta:
        verbose_name = _("Protokollpunkt")
        verbose_name_plural = _("Protokollpunkte")
        ordering = ["meeting", "position", "pk"]
        indexes = [models.Index(fields=["meeting", "parent", "position"])]

    def __str__(self) -> str:
        return self.text[:80]


class Task(models.Model):
    class State(models.TextChoices):
        OPEN = "open", _("offen")
        DONE = "done", _("erledigt")
        DROPPED = "dropped", _("verworfen")

    cooperation = models.ForeignKey(Cooperation, on_delete=models.CASCADE, related_name="tasks")
    point = models.OneToOneField(
        Point, on_delete=models.CASCADE, null=True, blank=True, related_name="task"
    )
    title = models.CharField(_("Aufgabe"), max_length=500)
    body = models.ForeignKey(
        Body,
        verbose_name=_("zuständiges Gremium"),
        on_delete=models.RESTRICT,  # see Meeting.body
        related_name="tasks",
        help_text=_("Das Gremium, das die Aufgabe nachverfolgt."),
    )
    follow_up_meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("Wiedervorlage in Sitzung"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="follow_up_tasks",
    )
    owner_person = models.ForeignKey(
        Person,
        verbose_name=_("verantwortlich (Person)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tasks",
    )
    owner_municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("verantwortlich (Kommune)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tasks",
    )
    owner_body = models.ForeignKey(
        Body,
        verbose_name=_("verantwortlich (Gremium)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_tasks",
    )
    due = models.DateField(_("fällig"), null=True, blank=True)
    due_precision = models.CharField(max_length=5, choices=Precision.choices, default=Precision.DAY)
    state = models.CharField(_("Status"), max_length=10, choices=State.choices, default=State.OPEN)
    completed_on = models.DateField(_("erledigt am"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Aufgabe")
        verbose_name_plural = _("Aufgaben")
        ordering = ["due", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(owner_person__isnull=True, owner_municipality__isnull=True)
                    | Q(owner_person__isnull=True, owner_body__isnull=True)
                    | Q(owner_municipality__isnull=True, owner_body__isnull=True)
                ),
                name="task_at_most_one_owner",
                violation_error_message=_(
                    "Eine Aufgabe hat höchstens eine verantwortliche Person, Kommune "
                    "oder ein Gremium."
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["cooperation", "state", "due"]),
            models.Index(fields=["body", "state"]),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        # A task hangs only on a task point (the minutes services create it so; the importer
        # reaches this through full_clean()).
        if self.point is not None and self.point.kind != Point.Kind.TASK:
            raise ValidationError(
                {
                    "point": _(
                        "Eine Aufgabe kann nur an einem Protokollpunkt der Art „Aufgabe“ hängen."
                    )
                }
            )

    @property
    def due_date(self) -> PartialDate | None:
        return PartialDate.from_fields(self.due, self.due_precision)

    def is_overdue(self, today: dt.date) -> bool:
        due = self.due_date
        return self.state == self.State.OPEN and due is not None and due.is_past(today)

    @property
    def owner(self) -> Person | Municipality | Body | None:
        return self.owner_person or self.owner_municipality or self.owner_body

    def owner_for(self, *, show_people: bool) -> Person | Municipality | Body | None:
        """The owner a visitor may see: a person's name only for members (``show_people``);
        the public sees a municipality or body as owner, never a person."""
        if self.owner_person_id is not None and not show_people:
            return None
        return self.owner


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "present", _("anwesend")
        EXCUSED = "excused", _("entschuldigt")
        ABSENT = "absent", _("abwesend")

    cooperation = models.ForeignKey(Cooperation, on_delete=models.CASCADE, related_name="+")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="attendances")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PRESENT)

    class Meta:
        verbose_name = _("Teilnahme")
        verbose_name_plural = _("Teilnahmen")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"],
                name="attendance_once_per_person",
                violation_error_message=_("Diese Person ist bereits eingetragen."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_status_display()}"


class CalendarToken(models.Model):
    """The secret in a personal calendar feed URL; it shows what its user may read."""

    cooperation = models.ForeignKey(Cooperation, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["cooperation", "user"], name="one_calendar_token")
        ]

    def __str__(self) -> str:
        # Never the token itself: it is a secret.
        return _("Kalender-Zugang von %(user)s") % {"user": self.user}


# --- History (ikz.history) -------------------------------------------------------------------


def in_published_minutes(row: Meeting | AgendaItem | Point | Attendance) -> bool:
    """True when ``row`` belongs to minutes that are already published (marked in history)."""
    meeting_id = row.pk if isinstance(row, Meeting) else row.meeting_id
    return Meeting.objects.filter(pk=meeting_id, state=Meeting.State.MINUTES_PUBLISHED).exists()


def make_room_in_tree(node: AgendaItem | Point) -> None:
    from ikz.meetings.tree import make_room

    if isinstance(node, Point):
        make_room(node)
    else:
        make_room(node)


track(Meeting, under=("body",))
track(
    AgendaItem,
    under=("meeting",),
    after_publication=in_published_minutes,
    before_restore=make_room_in_tree,
)
# Moving a point (indent, reorder) is no edit conflict for someone changing its text.
track(
    Point,
    under=("meeting",),
    after_publication=in_published_minutes,
    version_exclude=("position", "parent", "agenda_item"),
    before_restore=make_room_in_tree,
)
track(Task, under=("body", "follow_up_meeting", "point"))
track(Attendance, under=("meeting", "person"))
