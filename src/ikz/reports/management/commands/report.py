"""``ikz report COOPERATION YYYY-MM --format md|html|pdf|docx|pptx [--audience …] [-o FILE]``."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from ikz.cooperation.models import Cooperation
from ikz.reports.assembly import AssemblySettings, Audience, assemble_report, audience_access
from ikz.reports.periods import PeriodError, parse_month
from ikz.reports.renderers import FORMATS, render


class Command(BaseCommand):
    # argparse cannot format a lazy string, and the CLI runs in LANGUAGE_CODE anyway.
    help = "Erzeugt den Statusbericht einer Kooperation für einen Monat aus den erfassten Daten."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("cooperation", help=_("Kurzname der Kooperation, z. B. region-nord"))
        parser.add_argument("month", help=_("Berichtsmonat als JJJJ-MM, z. B. 2019-12"))
        parser.add_argument("--format", dest="fmt", default="md", help="|".join(FORMATS))
        parser.add_argument(
            "--audience", default=Audience.INTERNAL, help=_("internal (Standard) oder public")
        )
        parser.add_argument(
            "-o", "--output", default="", help=_("Zieldatei (sonst Standardausgabe)")
        )
        parser.add_argument(
            "--issued", default="", help=_("Ausgabedatum als JJJJ-MM-TT (Standard: heute)")
        )

    def handle(self, *args: Any, **options: Any) -> None:
        fmt = options["fmt"]
        if fmt not in FORMATS:
            raise CommandError(
                _("Unbekanntes Format „%(format)s“. Erlaubt: %(allowed)s.")
                % {"format": fmt, "allowed": ", ".join(FORMATS)}
            )
        audience = options["audience"]
        if audience not in Audience.CHOICES:
            raise CommandError(
                _("Unbekannte Zielgruppe „%(audience)s“. Erlaubt: internal oder public.")
                % {"audience": audience}
            )
        try:
            start, end = parse_month(options["month"])
        except PeriodError as error:
            raise CommandError(str(error)) from None
        issued = dt.date.today()
        if options["issued"]:
            try:
                issued = dt.date.fromisoformat(options["issued"])
            except ValueError:
                raise CommandError(
                    _("„%(value)s“ ist kein Datum. Bitte als JJJJ-MM-TT angeben.")
                    % {"value": options["issued"]}
                ) from None
        cooperation = Cooperation.objects.filter(slug=options["cooperation"]).first()
        if cooperation is None:
            raise CommandError(
                _("Eine Kooperation „%(slug)s“ gibt es nicht.") % {"slug": options["cooperation"]}
            )
        output = options["output"]
        if not output and fmt not in ("md", "html"):
            raise CommandError(
                _("Für das Format %(fmt)s bitte mit -o eine Zieldatei angeben.") % {"fmt": fmt}
            )
        report = assemble_report(
            access=audience_access(cooperation=cooperation, audience=audience),
            period_start=start,
            period_end=end,
            audience=audience,
            settings=AssemblySettings(issued_on=issued),
        )
        data = render(report, fmt)
        if not output:
            sys.stdout.flush()
            self.stdout.write(data.decode("utf-8"), ending="")
            return
        try:
            Path(output).write_bytes(data)
        except OSError as error:
            raise CommandError(
                _("Die Datei „%(file)s“ kann nicht geschrieben werden: %(reason)s")
                % {"file": output, "reason": error}
            ) from None
        self.stderr.write(
            _("Statusbericht geschrieben: %(file)s (%(size)s Bytes)")
            % {"file": output, "size": f"{len(data):,}"}
        )
