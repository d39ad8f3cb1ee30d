"""``ikz cooperation create …``: a new cooperation from the shell, for scripted installs."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from ikz.access.tasks import invitation_url
from ikz.platform.services import cooperation_create


class Command(BaseCommand):
    help = (
        "Kooperationen verwalten: ikz cooperation create --name … --slug … [--coordinator E-MAIL]"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help=_("Eine neue Kooperation anlegen"))
        create.add_argument("--name", required=True, help=_("Name, z. B. „Region Nord“"))
        create.add_argument(
            "--slug", required=True, help=_("Kurzname in Adressen, z. B. region-nord")
        )
        create.add_argument("--region", default="", help=_("Region, z. B. Landkreis Leipzig"))
        create.add_argument("--organisation", default="", help=_("Koordinierende Organisation"))
        create.add_argument("--website", default="", help=_("Internetadresse"))
        create.add_argument("--description", default="", help=_("Kurzbeschreibung"))
        create.add_argument(
            "--coordinator", default="", help=_("E-Mail der ersten Koordination (wird eingeladen)")
        )

    def handle(self, *args: Any, **options: Any) -> None:
        fields = {
            "name": options["name"],
            "slug": options["slug"],
            "region": options["region"],
            "coordinating_organisation": options["organisation"],
            "website": options["website"],
            "description": options["description"],
        }
        try:
            cooperation, invitation = cooperation_create(
                fields=fields, coordinator_email=options["coordinator"]
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(f"Kooperation „{cooperation.name}“ angelegt: /{cooperation.slug}/")
        if invitation is not None:
            self.stdout.write(
                f"Einladung an {invitation.email} gesendet: {invitation_url(invitation)}"
            )
