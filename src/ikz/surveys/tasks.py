"""Background work of the surveys app (django-tasks; immediate in development and tests)."""

from __future__ import annotations

from django.core.mail import send_mail
from django_tasks import task


@task()
def send_reminder_mail(*, subject: str, body: str, to: str) -> int:
    """One reminder mail; enqueued after the reminder was recorded."""
    return send_mail(subject, body, None, [to])
