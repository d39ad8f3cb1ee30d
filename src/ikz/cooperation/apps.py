from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CooperationConfig(AppConfig):
    name = "ikz.cooperation"
    verbose_name = _("Kooperation")
    # The start page of ikz.ui lists the cooperations (ikz.ui.panels).
    start_panel = "ikz.cooperation.panels.start_panel"
