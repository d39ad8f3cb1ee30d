from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "ikz.access"
    label = "access"
    verbose_name = "Zugänge"
