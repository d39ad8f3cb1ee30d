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
