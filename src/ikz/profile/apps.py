from django.apps import AppConfig


class ProfileConfig(AppConfig):
    name = "ikz.profile"
    label = "profile"
    verbose_name = "Mein Konto"

    def ready(self) -> None:
        from ikz.profile import signals  # noqa: F401  (connects the log-in receivers)
