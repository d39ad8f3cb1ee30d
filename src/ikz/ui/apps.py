from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UiConfig(AppConfig):
    """The page shell: layout, navigation, form rendering, error and information pages."""

    name = "ikz.ui"
    verbose_name = _("Oberfläche")
