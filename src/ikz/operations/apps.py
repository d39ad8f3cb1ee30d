from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "ikz.operations"
    label = "operations"
    verbose_name = "Plattformbetrieb"
