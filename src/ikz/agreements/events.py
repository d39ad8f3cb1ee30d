"""Activity event types of the agreements (see ikz.activity.events)."""

from django.utils.translation import gettext_lazy as _

from ikz.activity.events import event
from ikz.agreements.models import State, Statement

AGREEMENT_DELETED = event("agreements.agreement_deleted", _("Vereinbarung „%(title)s“ gelöscht"))
# Every event below carries the agreement's ``title`` (services._log adds it).
AGREEMENT_CREATED = event("agreements.agreement_created", _("Vereinbarung „%(title)s“ angelegt"))
AGREEMENT_CHANGED = event("agreements.agreement_changed", _("Vereinbarung „%(title)s“ geändert"))
AGREEMENT_STATE = event(
    "agreements.agreement_state",
    _("Vereinbarung „%(title)s“: %(old)s → %(new)s"),
    choices={"old": State, "new": State},
)
PARTNER_SAVED = event(
    "agreements.partner_saved", _("Vereinbarung „%(title)s“: Partnerkommune %(name)s gespeichert")
)
PARTNER_REMOVED = event(
    "agreements.partner_removed", _("Vereinbarung „%(title)s“: Partnerkommune %(name)s entfernt")
)
KEY_SAVED = event(
    "agreements.key_saved", _("Vereinbarung „%(title)s“: Kostenschlüssel „%(name)s“ gespeichert")
)
MEASURES_SAVED = event(
    "agreements.measures_saved", _("Vereinbarung „%(title)s“: Kennzahlen %(year)s gespeichert")
)
STATEMENT_SAVED = event(
    "agreements.statement_saved",
    _("Kostenabrechnung %(year)s (%(basis)s) für „%(title)s“ gespeichert"),
    choices={"basis": Statement.Basis},
)
STATEMENT_ISSUED = event(
    "agreements.statement_issued",
    _("Kostenabrechnung %(year)s (%(basis)s, Fassung %(version)s) ausgestellt"),
    choices={"basis": Statement.Basis},
)
STATEMENT_CORRECTED = event(
    "agreements.statement_corrected",
    _("Korrektur der Kostenabrechnung %(year)s angelegt (Fassung %(version)s)"),
)
STATEMENT_DELETED = event(
    "agreements.statement_deleted", _("Entwurf der Kostenabrechnung %(year)s gelöscht")
)
