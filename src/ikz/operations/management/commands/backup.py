"""``ikz backup -o FILE``: a consistent copy of database and uploaded files, while the site runs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from ikz.operations.backup import BackupError, create_backup


class Command(BaseCommand):
    help = (
        "Sichert Datenbank und hochgeladene Dateien in eine .tar.gz-Datei, auch während die "
        "Seite läuft (siehe docs/operations.md)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("-o", "--output", required=True, help=_("Zieldatei, z. B. ikz.tar.gz"))

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            summary = create_backup(Path(options["output"]))
        except BackupError as error:
            raise CommandError(f"Sicherung abgebrochen: {error}") from None
        size = f"{summary.size / 1024 / 1024:.1f}".replace(".", ",")
        self.stdout.write(
            self.style.SUCCESS(
                f"Sicherung geschrieben: {summary.path} ({summary.engine}, "
                f"{summary.files} Dateien, {size} MB)"
            )
        )
