from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The public portal of a cooperation: what citizens and council members may read."""

    name = "ikz.portal"
    verbose_name = _("Öffentliches Portal")
