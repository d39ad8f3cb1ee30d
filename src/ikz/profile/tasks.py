"""Background work of "Mein Konto" (django-tasks; immediate in development and tests)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from ikz.accounts.models import User


@task()
def send_email_change_mail(*, user_id: int, new_email: str, token: str) -> int:
    user = User.objects.filter(pk=user_id).first()
    if user is None:
        return 0
    url = settings.SITE_URL + reverse("profile:email_confirm", args=[token])
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string("profile/mail/email_change.txt", {"user": user, "url": url})
        subject = _("Bitte bestätigen Sie Ihre neue E-Mail-Adresse")
    return send_mail(subject, body, None, [new_email])
