"""``ikz demo``: (re)load the demo cooperation "Region Partheland" and print its log-ins."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ikz.cooperation.models import Cooperation
from ikz.demo.loader import DemoError, demo_cooperation, demo_logins, load_demo
from ikz.demo.logins import DEMO_SLUG, DemoLogin


class Command(BaseCommand):
    # argparse cannot format a lazy string, and the CLI runs in LANGUAGE_CODE anyway.
    help = (
        "Lädt die Demo-Kooperation „Region Partheland“ neu (eine vorhandene wird dabei "
        "ersetzt) und zeigt die Demo-Anmeldungen."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help=_("nur laden, wenn es noch gar keine Kooperation gibt"),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["if_empty"] and Cooperation.objects.exists():
            self.stdout.write(
                _("Die Datenbank enthält bereits Daten; die Demo wird nicht geladen.")
            )
            if demo_cooperation() is not None:
                self._print_logins(demo_logins(), note=_(" (sofern nicht geändert)"))
            return
        try:
            result = load_demo(reset=True)
        except DemoError as error:
            raise CommandError(str(error)) from None
        cooperation = result.cooperation
        municipalities = cooperation.municipalities.count()
        bodies = cooperation.bodies.count()
        people = cooperation.people.count()
        counts = {
            "name": cooperation.name,
            "municipalities": ngettext("%(n)d Kommune", "%(n)d Kommunen", municipalities)
            % {"n": municipalities},
            "bodies": ngettext("%(n)d Gremium", "%(n)d Gremien", bodies) % {"n": bodies},
            "people": ngettext("%(n)d Person", "%(n)d Personen", people) % {"n": people},
        }
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Demo-Kooperation „%(name)s“ geladen: "
                    "%(municipalities)s, %(bodies)s, %(people)s."
                )
                % counts
            )
        )
        self._print_logins(result.logins)

    def _print_logins(self, logins: tuple[DemoLogin, ...], note: str = "") -> None:
        self.stdout.write(_("Adresse: %(url)s") % {"url": f"{settings.SITE_URL}/{DEMO_SLUG}/"})
        if not logins:
            return
        self.stdout.write(_("Demo-Anmeldungen%(note)s:") % {"note": note})
        for login in logins:
            self.stdout.write(
                "  "
                + _("%(role)s: Benutzername „%(username)s“, Passwort „%(password)s“")
                % {"role": login.role_label, "username": login.username, "password": login.password}
            )
