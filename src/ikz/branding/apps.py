from django.apps import AppConfig


class BrandingConfig(AppConfig):
    name = "ikz.branding"
    label = "branding"
    verbose_name = "Erscheinungsbild"
    default_auto_field = "django.db.models.BigAutoField"
