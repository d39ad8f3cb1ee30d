from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    """Cooperation projects: lifecycle, participation, milestones, funding and goals."""

    name = "ikz.projects"
    verbose_name = _("Kooperationsvorhaben")
    dashboard_panel = "ikz.projects.panels.dashboard_panel"
    point_panel = "ikz.projects.panels.point_panel"
