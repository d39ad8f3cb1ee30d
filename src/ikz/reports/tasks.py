"""Background work of the reports app (django-tasks; immediate in development and tests)."""

from __future__ import annotations

from django_tasks import task

from ikz.reports import mailing


@task()
def mail_report(*, version_id: int) -> int:
    """Mail a published version (PDF attached) to the steering group; after the commit."""
    return mailing.send_to_steering_group(version_id=version_id)
