from django.apps import AppConfig


class BrandingConfig(AppConfig):
    name = "ikz.branding"
    label = "branding"
    verbose_name = "Erscheinungsbild"
    default_auto_field = "django.db.models.BigAutoField"
    # The meeting documents (ikz.meetings.documents.render) take logo, colour and Word template.
    meeting_document_branding = "ikz.branding.selectors.document_branding"
