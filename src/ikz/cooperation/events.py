"""Activity event types of the cooperation's structure (see ikz.activity.events)."""

from django.utils.translation import gettext_lazy as _

from ikz.activity.events import event
from ikz.cooperation.models import Membership

MUNICIPALITY_CREATED = event("cooperation.municipality_created", _("Kommune „%(name)s“ angelegt"))
MUNICIPALITY_CHANGED = event("cooperation.municipality_changed", _("Kommune „%(name)s“ geändert"))
MUNICIPALITY_DELETED = event("cooperation.municipality_deleted", _("Kommune „%(name)s“ gelöscht"))
BODY_CREATED = event("cooperation.body_created", _("Gremium „%(name)s“ angelegt"))
BODY_CHANGED = event("cooperation.body_changed", _("Gremium „%(name)s“ geändert"))
BODY_STATUS_CHANGED = event(
    "cooperation.body_status_changed", _("Stand des Gremiums „%(name)s“ geändert")
)
BODY_DELETED = event("cooperation.body_deleted", _("Gremium „%(name)s“ gelöscht"))
PERSON_CREATED = event("cooperation.person_created", _("Person „%(name)s“ angelegt"))
PERSON_CHANGED = event("cooperation.person_changed", _("Person „%(name)s“ geändert"))
PERSON_DELETED = event("cooperation.person_deleted", _("Person „%(name)s“ gelöscht"))
MEMBERSHIP_SAVED = event(
    "cooperation.membership_saved",
    _("%(person)s in „%(body)s“ (%(role)s)"),
    choices={"role": Membership.Role},
)
MEMBERSHIP_DELETED = event(
    "cooperation.membership_deleted", _("%(person)s nicht mehr in „%(body)s“")
)
LOCATION_CREATED = event("cooperation.location_created", _("Ort „%(name)s“ angelegt"))
LOCATION_CHANGED = event("cooperation.location_changed", _("Ort „%(name)s“ geändert"))
LOCATION_DELETED = event("cooperation.location_deleted", _("Ort „%(name)s“ gelöscht"))
