from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    """Sessions of the bodies, their agenda, minutes, attendance and follow-up tasks."""

    name = "ikz.meetings"
    verbose_name = _("Sitzungen")
    dashboard_panel = "ikz.meetings.panels.dashboard_panel"
    body_panel = "ikz.meetings.panels.body_panel"

    def ready(self) -> None:
        # "Mein Konto" (ikz.profile, a lower layer) lists the personal calendar feeds.
        from ikz.meetings import calendar_tokens
        from ikz.profile import calendars

        calendars.register(
            calendars.CalendarFeed(
                path=calendar_tokens.private_feed_path, renew=calendar_tokens.calendar_token_renew
            )
        )
