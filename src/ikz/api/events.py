"""Activity event types of the API keys (see ikz.activity.events)."""

from django.utils.translation import gettext_lazy as _

from ikz.activity.events import event

TOKEN_CREATED = event("api.token_created", _("API-Schlüssel „%(name)s“ angelegt"))
TOKEN_REVOKED = event("api.token_revoked", _("API-Schlüssel „%(name)s“ widerrufen"))
