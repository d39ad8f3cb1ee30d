"""Activity event types of the agreements (see ikz.activity.events)."""

from django.utils.translation import gettext_lazy as _

from ikz.activity.events import event

AGREEMENT_DELETED = event("agreements.agreement_deleted", _("Vereinbarung „%(title)s“ gelöscht"))
