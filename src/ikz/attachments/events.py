"""Activity event types of the attachments (see ikz.activity.events)."""

from django.utils.translation import gettext_lazy as _

from ikz.activity.events import event

ATTACHMENT_ADDED = event("attachments.attachment_added", _("Anhang „%(title)s“ hinzugefügt"))
ATTACHMENT_REPLACED = event(
    "attachments.attachment_replaced", _("Anhang „%(title)s“ ersetzt (Version %(number)s)")
)
ATTACHMENT_DELETED = event("attachments.attachment_deleted", _("Anhang „%(title)s“ gelöscht"))
