"""``ikz search_index``: rebuild the search index of all or one cooperation."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from ikz.cooperation.models import Cooperation
from ikz.search.indexing import rebuild


class Command(BaseCommand):
    help = "Baut den Suchindex neu auf (alle Kooperationen oder eine)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--cooperation", help=_("Kurzname der Kooperation, z. B. partheland"))

    def handle(self, *args: Any, **options: Any) -> None:
        ids = None
        if options["cooperation"]:
            cooperation = Cooperation.objects.filter(slug=options["cooperation"]).first()
            if cooperation is None:
                raise CommandError(
                    f"Keine Kooperation mit dem Kurznamen „{options['cooperation']}“."
                )
            ids = [cooperation.pk]
        count = rebuild(cooperation_ids=ids)
        self.stdout.write(f"Suchindex neu aufgebaut: {count} Einträge.")
