"""Activity event types of meetings, minutes and tasks (see ikz.activity.events)."""

from django.utils.translation import gettext_lazy as _

from ikz.activity.events import event
from ikz.meetings.models import Meeting, Task

MEETING_CREATED = event("meetings.meeting_created", _("Sitzung „%(heading)s“ (%(when)s) angelegt"))
MEETING_CHANGED = event("meetings.meeting_changed", _("Sitzung „%(heading)s“ geändert"))
MEETING_STATE = event(
    "meetings.meeting_state",
    _("Sitzung „%(heading)s“: %(state)s"),
    choices={"state": Meeting.State},
)
MEETING_DELETED = event("meetings.meeting_deleted", _("Sitzung „%(heading)s“ gelöscht"))
AGENDA_ITEM_DELETED = event(
    "meetings.agenda_item_deleted",
    _("Tagesordnungspunkt „%(title)s“ aus „%(heading)s“ gelöscht"),
)
POINT_DELETED = event(
    "meetings.point_deleted", _("Protokollpunkt „%(text)s“ aus „%(heading)s“ gelöscht")
)
FOLLOW_UP = event(
    "meetings.follow_up",
    _("Wiedervorlage: %(count)d Aufgabe auf die Tagesordnung von „%(heading)s“ gesetzt"),
    plural=_("Wiedervorlage: %(count)d Aufgaben auf die Tagesordnung von „%(heading)s“ gesetzt"),
)
INVITATION_SENT = event(
    "meetings.invitation_sent",
    _("Einladung zu „%(heading)s“ an %(count)d Person versendet"),
    plural=_("Einladung zu „%(heading)s“ an %(count)d Personen versendet"),
)
TASK_CREATED = event("meetings.task_created", _("Aufgabe „%(title)s“ angelegt"))
TASK_STATE = event(
    "meetings.task_state", _("Aufgabe „%(title)s“: %(state)s"), choices={"state": Task.State}
)
TASK_HANDED_OVER = event(
    "meetings.task_handed_over", _("Aufgabe „%(title)s“ an „%(heading)s“ übergeben")
)
MINUTES_APPROVED = event(
    "meetings.minutes_approved", _("Protokoll „%(minutes)s“ in „%(at)s“ genehmigt")
)
MINUTES_APPROVAL_WITHDRAWN = event(
    "meetings.minutes_approval_withdrawn",
    _("Genehmigung des Protokolls „%(minutes)s“ zurückgenommen"),
)
