from django.apps import AppConfig


class SecurityConfig(AppConfig):
    name = "ikz.security"
    verbose_name = "Sicherheit"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from ikz.security import signals  # noqa: F401 - connects the receivers
