"""``ikz demo``: (re)load the demo cooperation "Region Partheland" and print its log-ins."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from ikz.cooperation.models import Cooperation
from ikz.demo.loader import DemoError, demo_cooperation, demo_logins, load_demo
from ikz.demo.logins import DEMO_SLUG, DemoLogin


class Command(BaseCommand):
    help = (
        "Lädt die Demo-Kooperation „Region Partheland“ neu (eine vorhandene wird dabei "
        "ersetzt) und zeigt die Demo-Anmeldungen."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="nur laden, wenn es noch gar keine Kooperation gibt",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["if_empty"] and Cooperation.objects.exists():
            self.stdout.write("Die Datenbank enthält bereits Daten; die Demo wird nicht geladen.")
            if demo_cooperation() is not None:
                self._print_logins(demo_logins(), note=" (sofern nicht geändert)")
            return
        try:
            result = load_demo(reset=True)
        except DemoError as error:
            raise CommandError(str(error)) from None
        cooperation = result.cooperation
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo-Kooperation „{cooperation.name}“ geladen: "
                f"{cooperation.municipalities.count()} Kommunen, "
                f"{cooperation.bodies.count()} Gremien, {cooperation.people.count()} Personen."
            )
        )
        self._print_logins(result.logins)

    def _print_logins(self, logins: tuple[DemoLogin, ...], note: str = "") -> None:
        self.stdout.write(f"Adresse: {settings.SITE_URL}/{DEMO_SLUG}/")
        if not logins:
            return
        self.stdout.write(f"Demo-Anmeldungen{note}:")
        for login in logins:
            self.stdout.write(
                f"  {login.role_label}: Benutzername „{login.username}“, "
                f"Passwort „{login.password}“"
            )
