"""``ikz export SLUG -o FILE``: write a cooperation in the exchange format (``-o -``: stdout).

A FILE ending in ``.zip`` (or ``--zip``) gets the bundle with the attachments' files.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from ikz.cooperation.models import Cooperation
from ikz.exchange.services import dumps, export_bundle, export_cooperation


class Command(BaseCommand):
    # argparse cannot format a lazy string, and the CLI runs in LANGUAGE_CODE anyway.
    help = "Exportiert eine Kooperation als JSON-Austauschdatei (siehe docs/data-exchange.md)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", help=_("Kurzname der Kooperation, z. B. region-nord"))
        parser.add_argument(
            "-o",
            "--output",
            default="-",
            help=_("Zieldatei; ohne Angabe oder mit „-“ auf die Standardausgabe"),
        )
        parser.add_argument(
            "--zip",
            action="store_true",
            help=_(
                "ZIP-Paket mit den Dateien aller Anhänge schreiben (automatisch bei "
                "einer Zieldatei auf .zip)"
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        slug = options["slug"]
        cooperation = Cooperation.objects.filter(slug=slug).first()
        if cooperation is None:
            known = ", ".join(Cooperation.objects.order_by("slug").values_list("slug", flat=True))
            raise CommandError(
                _("Eine Kooperation mit dem Kurznamen „%(slug)s“ gibt es nicht.") % {"slug": slug}
                + (
                    _(" Vorhanden: %(known)s.") % {"known": known}
                    if known
                    else _(" Die Datenbank ist leer.")
                )
            )
        output = options["output"]
        bundle = options["zip"] or output.lower().endswith(".zip")
        if output == "-":
            if bundle:
                export_bundle(cooperation=cooperation, target=sys.stdout.buffer)
            else:
                self.stdout.write(dumps(export_cooperation(cooperation=cooperation)), ending="")
            return
        target = Path(output)
        try:
            temporary = target.with_name(f".{target.name}.tmp")
            if bundle:
                with temporary.open("wb") as handle:
                    export_bundle(cooperation=cooperation, target=handle)
            else:
                text = dumps(export_cooperation(cooperation=cooperation))
                temporary.write_text(text, encoding="utf-8")
            temporary.replace(target)  # never leave a half-written file behind
        except OSError as error:
            raise CommandError(
                _("Die Datei „%(file)s“ kann nicht geschrieben werden: %(reason)s.")
                % {"file": output, "reason": error.strerror}
            ) from None
        self.stdout.write(
            _("Kooperation „%(name)s“ nach %(output)s exportiert.")
            % {"name": cooperation.name, "output": output}
        )
        if not bundle:
            self.stdout.write(
                _("Anhänge sind nur im ZIP-Paket enthalten (-o %(file)s.zip).")
                % {"file": cooperation.slug}
            )
