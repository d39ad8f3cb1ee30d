from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class ActivityConfig(AppConfig):
    name = "ikz.activity"
    verbose_name = _("Aktivitäten")

    def ready(self) -> None:
        # Every app's ``events.py`` declares its activity event types (ikz.activity.events).
        autodiscover_modules("events")
