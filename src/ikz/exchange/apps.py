from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    """Export and import of a whole cooperation in the versioned JSON exchange format."""

    name = "ikz.exchange"
    verbose_name = _("Datenaustausch")
