"""Activity event types of the data exchange (see ikz.activity.events)."""

from django.utils.translation import gettext_lazy as _

from ikz.activity.events import event

IMPORTED = event("exchange.imported", _("Kooperation aus einer Austauschdatei importiert"))
