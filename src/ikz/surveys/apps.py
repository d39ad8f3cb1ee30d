from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "ikz.surveys"
    verbose_name = _("Umfragen")
    dashboard_panel = "ikz.surveys.panels.dashboard_panel"
    project_panel = "ikz.surveys.panels.project_panel"
    agenda_item_panel = "ikz.surveys.panels.agenda_item_panel"
