"""``ikz report COOPERATION PERIOD --format md|html|pdf|docx|pptx [--audience …] [-o FILE]``.

PERIOD: ``2024-07`` (month), ``2024-Q3`` (quarter), ``2024-H2`` (half-year), ``2024`` (year) or
``2024-11-01..2025-10-31`` (any range up to a year). ``-o`` may name a directory: the file then
gets the report's own name (``statusbericht-2024-q3.pdf``, ``jahresbericht-2024.pdf``).
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from ikz.cooperation.models import Cooperation
from ikz.reports.assembly import AssemblySettings, Audience, assemble_report, audience_access
from ikz.reports.periods import PeriodError, default_issued_on, parse_period
from ikz.reports.renderers import FORMATS, render
from ikz.reports.selectors import branding_for


class Command(BaseCommand):
    # argparse cannot format a lazy string, and the CLI runs in LANGUAGE_CODE anyway.
    help = (
        "Erzeugt den Statusbericht einer Kooperation für einen Zeitraum (Monat 2024-07, "
        "Quartal 2024-Q3, Halbjahr 2024-H2, Jahr 2024 oder 2024-11-01..2025-10-31) aus den "
        "erfassten Daten."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("cooperation", help=_("Kurzname der Kooperation, z. B. region-nord"))
        parser.add_argument(
            "period",
            help=_("Zeitraum: 2024-07, 2024-Q3, 2024-H2, 2024 oder 2024-11-01..2025-10-31"),
        )
        parser.add_argument("--format", dest="fmt", default="md", help="|".join(FORMATS))
        parser.add_argument(
            "--audience", default=Audience.INTERNAL, help=_("internal (Standard) oder public")
        )
        parser.add_argument(
            "-o", "--output", default="", help=_("Zieldatei (sonst Standardausgabe)")
        )
        parser.add_argument(
            "--issued",
            default="",
            help=_("Stand als JJJJ-MM-TT (Standard: letzter Tag des Zeitraums, höchstens heute)"),
        )
        parser.add_argument(
            "--outlook-months",
            dest="outlook_months",
            type=int,
            default=3,
            help=_("Monate nach dem Zeitraum, die der Ausblick umfasst (Standard: 3)"),
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
            period = parse_period(options["period"])
        except PeriodError as error:
            raise CommandError(str(error)) from None
        start, end = period.start, period.end
        if not 0 <= options["outlook_months"] <= 24:
            raise CommandError(_("Der Ausblick umfasst 0 bis 24 Monate."))
        issued = default_issued_on(end, timezone.localdate())
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
        branding = branding_for(cooperation)
        report = assemble_report(
            access=audience_access(cooperation=cooperation, audience=audience),
            period_start=start,
            period_end=end,
            audience=audience,
            settings=AssemblySettings(
                issued_on=issued,
                outlook_months=options["outlook_months"],
                branding=branding,
            ),
        )
        data = render(report, fmt, branding=branding)
        if not output:
            sys.stdout.flush()
            self.stdout.write(data.decode("utf-8"), ending="")
            return
        target = Path(output)
        if target.is_dir():
            target = target / f"{period.file_stem}.{fmt}"
        try:
            target.write_bytes(data)
        except OSError as error:
            raise CommandError(
                _("Die Datei „%(file)s“ kann nicht geschrieben werden: %(reason)s")
                % {"file": target, "reason": error}
            ) from None
        self.stderr.write(
            _("Statusbericht geschrieben: %(file)s (%(size)s Bytes)")
            % {"file": target, "size": f"{len(data):,}".replace(",", ".")}
        )
