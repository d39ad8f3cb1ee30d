"""``ikz invite SLUG EMAIL --role coordinator|member [--person ID]``."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from ikz.access.services import invitation_create
from ikz.access.tasks import invitation_url
from ikz.cooperation.models import Cooperation, Person


class Command(BaseCommand):
    help = "Eine Person per E-Mail in eine Kooperation einladen (Link gilt 14 Tage)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", help=_("Kurzname der Kooperation"))
        parser.add_argument("email", help=_("E-Mail-Adresse der eingeladenen Person"))
        parser.add_argument(
            "--role",
            required=True,
            choices=["coordinator", "member"],
            help=_("Rolle in der Kooperation"),
        )
        parser.add_argument(
            "--person", type=int, help=_("Nummer der Person, mit der das Konto verbunden wird")
        )

    def handle(self, *args: Any, **options: Any) -> None:
        cooperation = Cooperation.objects.filter(slug=options["slug"]).first()
        if cooperation is None:
            raise CommandError(f"Keine Kooperation mit dem Kurznamen „{options['slug']}“.")
        person = None
        if options["person"] is not None:
            person = Person.objects.filter(cooperation=cooperation, pk=options["person"]).first()
            if person is None:
                raise CommandError(f"Keine Person Nr. {options['person']} in „{cooperation.name}“.")
        try:
            invitation = invitation_create(
                cooperation=cooperation, email=options["email"], role=options["role"], person=person
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(f"Einladung an {invitation.email} gesendet: {invitation_url(invitation)}")
