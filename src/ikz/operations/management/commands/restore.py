"""``ikz restore FILE``: check a backup and restore it into an empty installation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from ikz.operations.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Prüft eine Sicherung (ikz backup) und stellt sie in einer leeren Installation wieder "
        "her; danach werden neuere Migrationen angewandt."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help=_("Sicherungsdatei (.tar.gz)"))

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            manifest = restore_backup(Path(options["file"]))
        except BackupError as error:
            raise CommandError(f"Wiederherstellung abgebrochen: {error}") from None
        # A backup of an older version: bring the schema up to date.
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write(
            self.style.SUCCESS(
                f"Sicherung vom {manifest['created_at']} wiederhergestellt "
                f"({len(manifest['files'])} Dateien)."
            )
        )
