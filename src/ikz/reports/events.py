"""Activity event types of the status reports (see ikz.activity.events)."""

from django.utils.translation import gettext_lazy as _

from ikz.activity.events import event

REPORT_CREATED = event("reports.report_created", _("%(report)s angelegt"))
REPORT_PUBLISHED = event(
    "reports.report_published", _("%(report)s veröffentlicht (Version %(number)s)")
)
REPORT_DELETED = event("reports.report_deleted", _("%(label)s gelöscht"))
