"""ikz survey_reminders: remind municipalities that have not submitted before the deadline."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ikz.cli import hidden_alias
from ikz.surveys.models import Survey
from ikz.surveys.reminders import DEFAULT_DAYS_BEFORE, select_reminder_recipients, send_reminders


class Command(BaseCommand):
    help = _(
        "Erinnert die Kommunen, die eine offene Umfrage noch nicht abgegeben haben, per E-Mail, "
        "sobald die Frist höchstens N Tage entfernt ist (jede Kommune einmal je Umfrage). "
        "Für einen täglichen Cronjob gedacht."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--days",
            dest="days",
            type=int,
            default=DEFAULT_DAYS_BEFORE,
            help=_("Tage vor der Frist (Vorgabe %(days)s)") % {"days": DEFAULT_DAYS_BEFORE},
        )
        parser.add_argument("--today", dest="today", help=_("Stichtag TT.MM.JJJJ"))
        parser.add_argument("--cooperation", dest="cooperation", help=_("nur diese (Kurzname)"))
        parser.add_argument(
            "--dry-run", dest="dry_run", action="store_true", help=_("nur anzeigen, nichts senden")
        )
        # The German spellings of the first release, until the next one (docs/operations.md).
        hidden_alias(parser, "--tage", dest="days", type=int)
        hidden_alias(parser, "--heute", dest="today")
        hidden_alias(parser, "--kooperation", dest="cooperation")
        hidden_alias(parser, "--probelauf", dest="dry_run", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        if options["today"]:
            try:
                today = dt.datetime.strptime(options["today"], "%d.%m.%Y").date()  # noqa: DTZ007 - a date
            except ValueError as error:
                raise CommandError(_("--today erwartet ein Datum als TT.MM.JJJJ.")) from error
        if options["days"] < 0:
            raise CommandError(_("--days darf nicht negativ sein."))
        surveys = Survey.objects.filter(status=Survey.Status.OPEN).select_related("cooperation")
        if options["cooperation"]:
            surveys = surveys.filter(cooperation__slug=options["cooperation"])
        total = 0
        for survey in surveys.order_by("deadline", "pk"):
            if options["dry_run"]:
                recipients = select_reminder_recipients(
                    survey=survey, today=today, days_before=options["days"]
                )
            else:
                selected = select_reminder_recipients(
                    survey=survey, today=today, days_before=options["days"]
                )
                for missing in (r for r in selected if not r.people):
                    self.stderr.write(
                        _("%(survey)s: keine E-Mail-Adresse für %(municipality)s")
                        % {"survey": survey.title, "municipality": missing.municipality.name}
                    )
                recipients = send_reminders(survey=survey, today=today, days_before=options["days"])
            for recipient in recipients:
                if recipient.people:
                    total += len(recipient.people)
                    self.stdout.write(
                        f"{survey.cooperation.name} · {survey.title} · "
                        f"{recipient.municipality.name}: {', '.join(recipient.emails)}"
                    )
        if options["dry_run"]:
            done = ngettext(
                "%(count)d Person würde erinnert.", "%(count)d Personen würden erinnert.", total
            )
        else:
            done = ngettext("%(count)d Person erinnert.", "%(count)d Personen erinnert.", total)
        self.stdout.write(self.style.SUCCESS(done % {"count": total}))
