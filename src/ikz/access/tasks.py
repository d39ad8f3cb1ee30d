"""Background work of access management (django-tasks; immediate in development and tests)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from ikz.access.models import Invitation
from ikz.access.services import user_for_email
from ikz.access.tokens import invitation_token


def invitation_url(invitation: Invitation) -> str:
    return settings.SITE_URL + reverse("invitation:accept", args=[invitation_token(invitation)])


@task()
def send_invitation_mail(*, invitation_id: int, nonce: str) -> int:
    """The invitation mail; nothing is sent if the invitation was resent or ended meanwhile."""
    invitation = (
        Invitation.objects.select_related("cooperation", "created_by")
        .filter(pk=invitation_id, nonce=nonce, accepted_at__isnull=True, revoked_at__isnull=True)
        .first()
    )
    if invitation is None:
        return 0
    cooperation = invitation.cooperation
    inviter = invitation.created_by
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "invitation": invitation,
            "cooperation": cooperation,
            "role": invitation.get_role_display(),
            "url": invitation_url(invitation),
            "has_login": user_for_email(invitation.email) is not None,
            "inviter": (inviter.get_full_name() or inviter.username) if inviter else "",
            "sender": cooperation.coordinating_organisation or cooperation.name,
            "expires": invitation.expires_at,
        }
        subject = _("Einladung in die Kooperation „%(name)s“") % {"name": cooperation.name}
        body = render_to_string("access/mail/invitation.txt", context)
    return send_mail(subject, body, None, [invitation.email])
