"""``ikz import FILE [--slug NEW]``: create a new cooperation from an exchange file."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ikz.exchange.protocol import ExchangeError
from ikz.exchange.services import import_cooperation, import_summary, parse


class Command(BaseCommand):
    help = (
        "Importiert eine JSON-Austauschdatei als neue Kooperation. Bei einem Fehler wird "
        "nichts geschrieben."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="Austauschdatei; „-“ liest von der Standardeingabe")
        parser.add_argument(
            "--slug",
            default=None,
            help="unter diesem Kurznamen importieren statt unter dem aus der Datei",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        name = options["file"]
        raw = self._read(name)
        try:
            cooperation = import_cooperation(data=parse(raw), slug=options["slug"])
        except ExchangeError as error:
            raise CommandError(
                f"Import abgebrochen, es wurde nichts gespeichert.\n{error.message}"
            ) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Kooperation „{cooperation.name}“ unter dem Kurznamen „{cooperation.slug}“ "
                "angelegt:"
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
            raise CommandError(f"Die Datei „{name}“ gibt es nicht.") from None
        except OSError as error:
            raise CommandError(
                f"Die Datei „{name}“ kann nicht gelesen werden: {error.strerror}."
            ) from None
