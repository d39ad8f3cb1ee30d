from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """The monthly status report: assembled from the data, edited, published, rendered."""

    name = "ikz.reports"
    verbose_name = _("Statusberichte")
    dashboard_panel = "ikz.reports.panels.dashboard_panel"
