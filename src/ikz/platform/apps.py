from django.apps import AppConfig


class PlatformConfig(AppConfig):
    name = "ikz.platform"
    label = "platform"
    verbose_name = "Plattformbetrieb"
