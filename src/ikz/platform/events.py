"""Activity event types of the platform administration (see ikz.activity.events)."""

from django.utils.translation import gettext_lazy as _

from ikz.activity.events import event

COOPERATION_CREATED = event("platform.cooperation_created", _("Kooperation „%(name)s“ angelegt"))
COOPERATION_ARCHIVED = event("platform.cooperation_archived", _("Kooperation archiviert"))
COOPERATION_REACTIVATED = event("platform.cooperation_reactivated", _("Kooperation reaktiviert"))
SETTINGS_CHANGED = event("platform.settings_changed", _("Einstellungen der Kooperation geändert"))
