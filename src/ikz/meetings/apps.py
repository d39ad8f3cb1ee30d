from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    """Sessions of the bodies, their agenda, minutes, attendance and follow-up tasks."""

    name = "ikz.meetings"
    verbose_name = _("Sitzungen")
    dashboard_panel = "ikz.meetings.panels.dashboard_panel"
    body_panel = "ikz.meetings.panels.body_panel"
