"""Activity event types of the history (see ikz.activity.events)."""

from django.utils.translation import gettext_lazy as _

from ikz.activity.events import event

RESTORED = event("history.restored", _("%(what)s „%(name)s“ wiederhergestellt"))
REVERTED = event(
    "history.reverted", _("%(what)s „%(name)s“ auf einen früheren Stand zurückgesetzt")
)
