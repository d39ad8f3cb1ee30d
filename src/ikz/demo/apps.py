from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo cooperation "Region Partheland", loaded by ``ikz demo``."""

    name = "ikz.demo"
    verbose_name = _("Demo")
