"""The structure of a cooperation: its municipalities, bodies, people and places.

Every row below Cooperation carries a ``cooperation`` foreign key, and every query filters on
it: that column is the tenant boundary (see docs/dangerous-constructs.md).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator, validate_email
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from ikz.dates import PartialDate, Precision
from ikz.tracking.records import track

RESERVED_SLUGS = frozenset(
    {
        "admin",
        "konto",
        "static",
        "media",
        "barrierefreiheit",
        "impressum",
        "datenschutz",
        "api",
        "healthz",
        "betrieb",
        "einladung",
        "oparl",
    }
)

ags_validator = RegexValidator(
    regex=r"^[0-9]{8}$",
    message=_("Der Amtliche Gemeindeschlüssel (AGS) besteht aus genau 8 Ziffern."),
)


def recipient_list(text: str) -> list[str]:
    """The extra report recipients, one address a line (commas and semicolons work too)."""
    parts = text.replace(",", "\n").replace(";", "\n").splitlines()
    return [part.strip() for part in parts if part.strip()]


class Cooperation(models.Model):
    name = models.CharField(_("Name"), max_length=200)
    slug = models.SlugField(
        _("Kurzname in Adressen"),
        max_length=60,
        unique=True,
        help_text=_("Kleinbuchstaben, Ziffern und Bindestriche, z. B. „region-nord“."),
    )
    process_title = models.CharField(
        _("Titel des Kooperationsprozesses"),
        max_length=300,
        blank=True,
        help_text=_("Erscheint auf Titelblättern von Berichten."),
    )
    region = models.CharField(_("Region"), max_length=200, blank=True)
    coordinating_organisation = models.CharField(
        _("Koordinierende Organisation"), max_length=200, blank=True
    )
    website = models.URLField(_("Website"), blank=True)
    description = models.TextField(_("Beschreibung"), blank=True)
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    # Settings of the coordination (ikz.platform): an archived cooperation is read-only and
    # left off the start page; the steering body is the one the texts and the report mail mean.
    archived_at = models.DateTimeField(_("archiviert am"), null=True, blank=True)
    steering_body = models.ForeignKey(
        "Body",
        verbose_name=_("Lenkungsgremium"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_(
            "Das Gremium, das die Kooperation steuert: Es erhält die Statusberichte per E-Mail "
            "und wird in Hinweisen genannt."
        ),
    )
    report_period = models.CharField(
        _("Berichtszeitraum"),
        max_length=10,
        choices=[("month", _("Monat")), ("quarter", _("Quartal"))],
        default="month",
        help_text=_("Welcher Zeitraum beim Anlegen eines Statusberichts vorgeschlagen wird."),
    )
    report_extra_recipients = models.TextField(
        _("Weitere Empfänger der Statusberichte"),
        blank=True,
        help_text=_("E-Mail-Adressen, eine je Zeile, zusätzlich zu den Mitgliedern des Gremiums."),
    )
    require_coordinator_2fa = models.BooleanField(
        _("Zwei-Faktor-Anmeldung für die Koordination verlangen"),
        default=False,
        help_text=_(
            "Koordinatorinnen und Koordinatoren müssen sich dann mit einem Code aus einer "
            "Authenticator-App anmelden, bevor sie Seiten dieser Kooperation sehen."
        ),
    )

    class Meta:
        verbose_name = _("Kooperation")
        verbose_name_plural = _("Kooperationen")
        ordering = ["name"]
        permissions = [("operate_platform", _("Plattformbetrieb"))]
        constraints = [
            models.CheckConstraint(
                condition=~Q(slug__in=sorted(RESERVED_SLUGS)),
                name="cooperation_slug_not_reserved",
                violation_error_message=_("Dieser Kurzname ist für Systemseiten reserviert."),
            ),
            # "/Partheland/" beside "/partheland/" would be a look-alike cooperation.
            models.CheckConstraint(
                condition=Q(slug=Lower("slug")),
                name="cooperation_slug_lower_case",
                violation_error_message=_("Der Kurzname besteht nur aus Kleinbuchstaben."),
            ),
            models.UniqueConstraint(
                Lower("slug"),
                name="cooperation_slug_unique_any_case",
                violation_error_message=_(
                    "Diesen Kurznamen (auch in anderer Groß- und Kleinschreibung) gibt es schon."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        self.slug = (self.slug or "").lower()
        addresses = recipient_list(self.report_extra_recipients or "")
        for address in addresses:
            try:
                validate_email(address)
            except ValidationError:
                raise ValidationError(
                    {
                        "report_extra_recipients": _("„%(address)s“ ist keine E-Mail-Adresse.")
                        % {"address": address}
                    }
                ) from None
        self.report_extra_recipients = "\n".join(addresses)

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None


class Municipality(models.Model):
    class Kind(models.TextChoices):
        CITY = "stadt", _("Stadt")
        MUNICIPALITY = "gemeinde", _("Gemeinde")

    cooperation = models.ForeignKey(
        Cooperation, on_delete=models.CASCADE, related_name="municipalities"
    )
    name = models.CharField(_("Name"), max_length=200)
    kind = models.CharField(
        _("Art"), max_length=20, choices=Kind.choices, default=Kind.MUNICIPALITY
    )
    ags = models.CharField(
        _("Amtlicher Gemeindeschlüssel (AGS)"), max_length=8, validators=[ags_validator]
    )
    population = models.PositiveIntegerField(_("Einwohnerzahl"), null=True, blank=True)
    population_year = models.PositiveSmallIntegerField(
        _("Stichjahr der Einwohnerzahl"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900)],
    )
    area_km2 = models.DecimalField(
        _("Fläche in km²"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    joined_on = models.DateField(_("Beitritt"), null=True, blank=True)
    left_on = models.DateField(_("Austritt"), null=True, blank=True)

    class Meta:
        verbose_name = _("Kommune")
        verbose_name_plural = _("Kommunen")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["cooperation", "ags"],
                name="municipality_unique_ags",
                violation_error_message=_(
                    "Eine Kommune mit diesem Gemeindeschlüssel gehört bereits zur Kooperation."
                ),
            ),
            models.UniqueConstraint(
                fields=["cooperation", "name"],
                name="municipality_unique_name",
                violation_error_message=_(
                    "Eine Kommune mit diesem Namen gehört bereits zur Kooperation."
                ),
            ),
            models.CheckConstraint(
                condition=Q(ags__regex=r"^[0-9]{8}$"),
                name="municipality_ags_eight_digits",
                violation_error_message=_(
                    "Der Amtliche Gemeindeschlüssel (AGS) besteht aus genau 8 Ziffern."
                ),
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True)
                | Q(joined_on__isnull=True)
                | Q(left_on__gte=models.F("joined_on")),
                name="municipality_left_after_joined",
                violation_error_message=_("Der Austritt kann nicht vor dem Beitritt liegen."),
            ),
            models.CheckConstraint(
                condition=Q(population__isnull=True) | Q(population_year__isnull=False),
                name="municipality_population_has_year",
                violation_error_message=_("Bitte zur Einwohnerzahl das Stichjahr angeben."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def population_density(self) -> float | None:
        if not self.population or not self.area_km2:
            return None
        return self.population / float(self.area_km2)


class Body(models.Model):
    class Kind(models.TextChoices):
        STEERING_GROUP = "steering_group", _("Lenkungsgremium")
        WORKING_GROUP = "working_group", _("Arbeitsgruppe")
        STRATEGY_WORKSHOP = "strategy_workshop", _("Strategiewerkstatt")
        CITIZEN_WORKSHOP = "citizen_workshop", _("Bürgerwerkstatt")
        OTHER = "other", _("Sonstiges Gremium")

    cooperation = models.ForeignKey(Cooperation, on_delete=models.CASCADE, related_name="bodies")
    name = models.CharField(_("Name"), max_length=200)
    short_name = models.CharField(_("Kurzname"), max_length=60, blank=True)
    session_name = models.CharField(
        _("Bezeichnung der Sitzungen"),
        max_length=80,
        blank=True,
        help_text=_("z. B. „Sitzung des Lenkungsgremiums“; sonst wird der Kurzname verwendet."),
    )
    kind = models.CharField(_("Art"), max_length=30, choices=Kind.choices, default=Kind.OTHER)
    description = models.TextField(_("Beschreibung"), blank=True)
    is_public = models.BooleanField(
        _("öffentlich"),
        default=False,
        help_text=_("Öffentliche Gremien sind für alle sichtbar, interne nur für ihre Mitglieder."),
    )
    active_from = models.DateField(_("aktiv ab"), null=True, blank=True)
    active_from_precision = models.CharField(
        max_length=5, choices=Precision.choices, default=Precision.DAY
    )
    active_until = models.DateField(_("aktiv bis"), null=True, blank=True)
    active_until_precision = models.CharField(
        max_length=5, choices=Precision.choices, default=Precision.DAY
    )
    status_text = models.TextField(
        _("aktueller Stand"),
        blank=True,
        help_text=_(
            "Woran das Gremium gerade arbeitet, z. B. „Konzentration auf konkrete Projekte …“. "
            "Erscheint im Statusbericht."
        ),
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("übergegangen in"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="merged_bodies",
    )

    class Meta:
        verbose_name = _("Gremium")
        verbose_name_plural = _("Gremien")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["cooperation", "name"],
                name="body_unique_name",
                violation_error_message=_("Ein Gremium mit diesem Namen gibt es bereits."),
            ),
            models.CheckConstraint(
                condition=Q(active_until__isnull=True)
                | Q(active_from__isnull=True)
                | Q(active_until__gte=models.F("active_from")),
                name="body_active_until_after_from",
                violation_error_message=_("„aktiv bis“ kann nicht vor „aktiv ab“ liegen."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def label(self) -> str:
        return self.short_name or self.name

    @property
    def active_from_date(self) -> PartialDate | None:
        return PartialDate.from_fields(self.active_from, self.active_from_precision)

    @property
    def active_until_date(self) -> PartialDate | None:
        return PartialDate.from_fields(self.active_until, self.active_until_precision)


class Person(models.Model):
    cooperation = models.ForeignKey(Cooperation, on_delete=models.CASCADE, related_name="people")
    given_name = models.CharField(_("Vorname"), max_length=100)
    family_name = models.CharField(_("Nachname"), max_length=100)
    title = models.CharField(_("Titel"), max_length=40, blank=True, help_text=_("z. B. „Dr.“"))
    email = models.EmailField(_("E-Mail"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=40, blank=True)
    function = models.CharField(
        _("Funktion"),
        max_length=120,
        blank=True,
        help_text=_("z. B. Bürgermeister, Fachbereichsleiterin, Gemeinderat"),
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("Kommune"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
    )
    organisation = models.CharField(
        _("Organisation"),
        max_length=200,
        blank=True,
        help_text=_("Für Personen, die keiner Mitgliedskommune angehören, z. B. der Koordination."),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Benutzerkonto"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
    )
    publication_consent = models.BooleanField(
        _("Veröffentlichung erlaubt"),
        default=False,
        help_text=_(
            "Die Person hat eingewilligt, dass Name, Titel, Funktion und ihre Mitgliedschaften "
            "in öffentlichen Gremien öffentlich erscheinen (Ratsinformations-Schnittstelle "
            "OParl). Kontaktdaten werden nie veröffentlicht."
        ),
    )

    class Meta:
        verbose_name = _("Person")
        verbose_name_plural = _("Personen")
        ordering = ["family_name", "given_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["cooperation", "user"],
                condition=Q(user__isnull=False),
                name="person_one_per_user_and_cooperation",
                violation_error_message=_(
                    "Dieses Benutzerkonto ist bereits einer anderen Person zugeordnet."
                ),
            ),
            # Enforced by the form before; now also for the importer, the admin and the shell.
            models.CheckConstraint(
                condition=Q(municipality__isnull=True) | Q(organisation=""),
                name="person_municipality_or_organisation",
                violation_error_message=_(
                    "Bitte entweder eine Kommune oder eine Organisation angeben, nicht beides."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.title, self.given_name, self.family_name) if part)

    @property
    def affiliation(self) -> str:
        if self.municipality_id is not None and self.municipality is not None:
            return self.municipality.name
        return self.organisation


class Membership(models.Model):
    class Role(models.TextChoices):
        CHAIR = "chair", _("Vorsitz")
        MEMBER = "member", _("Mitglied")
        GUEST = "guest", _("Gast")
        COORDINATION = "coordination", _("Koordination")

    cooperation = models.ForeignKey(
        Cooperation, on_delete=models.CASCADE, related_name="memberships"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("Person"), on_delete=models.CASCADE, related_name="memberships"
    )
    body = models.ForeignKey(
        Body, verbose_name=_("Gremium"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("Rolle"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    start_date = models.DateField(_("von"), null=True, blank=True)
    end_date = models.DateField(_("bis"), null=True, blank=True)

    class Meta:
        verbose_name = _("Mitgliedschaft")
        verbose_name_plural = _("Mitgliedschaften")
        ordering = ["body__name", "person__family_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "body", "start_date"],
                name="membership_unique_period",
                violation_error_message=_(
                    "Diese Person ist für diesen Zeitraum bereits Mitglied des Gremiums."
                ),
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="membership_end_after_start",
                violation_error_message=_(
                    "Das Ende der Mitgliedschaft kann nicht vor ihrem Beginn liegen."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.body} ({self.get_role_display()})"


class Location(models.Model):
    cooperation = models.ForeignKey(Cooperation, on_delete=models.CASCADE, related_name="locations")
    name = models.CharField(_("Name"), max_length=200)
    address = models.CharField(_("Anschrift"), max_length=300, blank=True)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("Gastgebende Kommune"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="locations",
    )

    class Meta:
        verbose_name = _("Ort")
        verbose_name_plural = _("Orte")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["cooperation", "name"],
                name="location_unique_name",
                violation_error_message=_("Einen Ort mit diesem Namen gibt es bereits."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


# --- History (ikz.history) -------------------------------------------------------------------
track(Cooperation)
track(Municipality)
track(Body)
track(Person)
track(Membership, under=("body", "person"))
track(Location)
