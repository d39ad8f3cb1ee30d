from django.apps import AppConfig


class OperationsConfig(AppConfig):
    """Running the site: health check, busy and maintenance answers, backup, serve."""

    name = "ikz.operations"
    verbose_name = "Betrieb"
