"""Activity event types of the branding (see ikz.activity.events)."""

from django.utils.translation import gettext_lazy as _

from ikz.activity.events import event

BRANDING_SAVED = event("branding.branding_saved", _("Erscheinungsbild gespeichert"))
