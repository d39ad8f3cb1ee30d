"""Activity event types of the projects (see ikz.activity.events)."""

from django.utils.translation import gettext_lazy as _

from ikz.activity.events import event
from ikz.projects.models import Stage

PROJECT_CREATED = event("projects.project_created", _("Vorhaben „%(title)s“ angelegt"))
PROJECT_CHANGED = event("projects.project_changed", _("Vorhaben „%(title)s“ geändert"))
PROJECT_DELETED = event("projects.project_deleted", _("Vorhaben „%(title)s“ gelöscht"))
PROJECT_STAGE = event(
    "projects.project_stage",
    _("Vorhaben „%(title)s“: %(current)s → %(target)s"),
    choices={"current": Stage, "target": Stage},
)
GOAL_SAVED = event("projects.goal_saved", _("Zielstellung „%(title)s“ gespeichert"))
GOAL_DELETED = event("projects.goal_deleted", _("Zielstellung „%(title)s“ gelöscht"))
FIELD_DELETED = event("projects.field_deleted", _("Handlungsfeld „%(name)s“ gelöscht"))
MILESTONE_DELETED = event(
    "projects.milestone_deleted", _("Meilenstein „%(milestone)s“ im Vorhaben „%(title)s“ gelöscht")
)
FUNDING_APPLICATION_DELETED = event(
    "projects.funding_application_deleted",
    _("Förderantrag „%(programme)s“ im Vorhaben „%(title)s“ gelöscht"),
)
