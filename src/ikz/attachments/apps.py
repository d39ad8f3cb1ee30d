from django.apps import AppConfig


class AttachmentsConfig(AppConfig):
    name = "ikz.attachments"
    label = "attachments"
    verbose_name = "Anhänge"
    default_auto_field = "django.db.models.BigAutoField"
    # The invitation and the minutes list the attachments (ikz.meetings.documents).
    meeting_attachment_titles = "ikz.attachments.selectors.meeting_attachment_titles"
    body_panel = "ikz.attachments.panels.body_panel"
