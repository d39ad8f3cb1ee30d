"""Mail of the password-reset page, sent in the background (django-tasks)."""

from __future__ import annotations

from django.core.mail import EmailMultiAlternatives
from django_tasks import task


@task()
def send_reset_mail(*, subject: str, body: str, from_email: str | None, to_email: str) -> None:
    """The reset link was rendered in the request; only the sending waits for the worker."""
    EmailMultiAlternatives(subject, body, from_email, [to_email]).send()
