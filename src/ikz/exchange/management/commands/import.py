"""``ikz import FILE [--slug NEW]``: create a new cooperation from an exchange file or a ZIP
bundle (with the attachments' files)."""

from __future__ import annotations

import sys
from contextlib import nullcontext
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.utils.translation import gettext as _

from ikz.exchange.protocol import ExchangeError
from ikz.exchange.services import import_cooperation, import_summary, read_upload
from ikz.operations.maintenance import maintenance


class Command(BaseCommand):
    # argparse cannot format a lazy string, and the CLI runs in LANGUAGE_CODE anyway.
    help = (
        "Importiert eine JSON-Austauschdatei als neue Kooperation. Bei einem Fehler wird "
        "nichts geschrieben."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "file", help=_("Austauschdatei oder ZIP-Paket; „-“ liest von der Standardeingabe")
        )
        parser.add_argument(
            "--slug",
            default=None,
            help=_("unter diesem Kurznamen importieren statt unter dem aus der Datei"),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        name = options["file"]
        raw = self._read(name)
        try:
            data, files = read_upload(raw)
            # On SQLite the import holds the one write lock until it is done: meanwhile the
            # site answers writes at once with "bitte gleich noch einmal" (503) instead of
            # letting them wait for the busy timeout (ikz.operations.maintenance).
            with maintenance("ikz import") if connection.vendor == "sqlite" else nullcontext():
                cooperation = import_cooperation(data=data, slug=options["slug"], files=files)
        except ExchangeError as error:
            raise CommandError(
                _("Import abgebrochen, es wurde nichts gespeichert.\n%(reason)s")
                % {"reason": error.message}
            ) from None
        self.stdout.write(
            self.style.SUCCESS(
                _("Kooperation „%(name)s“ unter dem Kurznamen „%(slug)s“ angelegt:")
                % {"name": cooperation.name, "slug": cooperation.slug}
            )
        )
        for label, count in import_summary(cooperation=cooperation):
            self.stdout.write(f"  {label}: {count}")

    def _read(self, name: str) -> bytes:
        if name == "-":
            return sys.stdin.buffer.read()
        try:
            return Path(name).read_bytes()
        except FileNotFoundError:
            raise CommandError(_("Die Datei „%(file)s“ gibt es nicht.") % {"file": name}) from None
        except OSError as error:
            raise CommandError(
                _("Die Datei „%(file)s“ kann nicht gelesen werden: %(reason)s.")
                % {"file": name, "reason": error.strerror}
            ) from None
