"""Activity event types of the public portal (see ikz.activity.events)."""

from django.utils.translation import gettext_lazy as _

from ikz.activity.events import event

LEGAL_SAVED = event("portal.legal_saved", _("Rechtliche Angaben des Portals gespeichert"))
