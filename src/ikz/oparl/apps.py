from django.apps import AppConfig


class OparlConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "ikz.oparl"
    verbose_name = "OParl"

    def ready(self) -> None:
        from ikz.oparl import ledger

        ledger.connect()
