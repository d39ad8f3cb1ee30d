"""Send a published report to the members of the steering group, the PDF attached."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.urls import reverse
from django.utils.translation import gettext as _

from ikz.cooperation.models import Body, Membership
from ikz.reports.content import document_language
from ikz.reports.models import ReportVersion


def steering_group_addresses(*, cooperation_id: int) -> list[str]:
    emails = (
        Membership.objects.filter(
            cooperation_id=cooperation_id,
            body__kind=Body.Kind.STEERING_GROUP,
            end_date__isnull=True,
        )
        .exclude(person__email="")
        .values_list("person__email", flat=True)
    )
    return sorted(set(emails))


def send_to_steering_group(*, version_id: int) -> int:
    version = ReportVersion.objects.select_related("report", "report__cooperation").get(
        pk=version_id
    )
    cooperation = version.report.cooperation
    recipients = steering_group_addresses(cooperation_id=cooperation.pk)
    if not recipients:
        return 0
    url = settings.SITE_URL + reverse(
        "reports:version", args=[cooperation.slug, version.report_id, version.number]
    )
    subject = f"{version.title} – {cooperation.name}"
    with document_language():
        body = _(
            "Guten Tag,\n\nder %(title)s (%(period)s) ist veröffentlicht. "
            "Sie finden ihn im Anhang und unter\n%(url)s\n\nMit freundlichen Grüßen\n"
            "%(sender)s\n"
        ) % {
            "title": version.title,
            "period": version.report.period_label,
            "url": url,
            "sender": cooperation.coordinating_organisation or cooperation.name,
        }
    messages = []
    for address in recipients:
        message = EmailMessage(subject=subject, body=body, to=[address])
        message.attach(
            f"statusbericht-{version.report.period_start:%Y-%m}-v{version.number}.pdf",
            version.data("pdf"),
            "application/pdf",
        )
        messages.append(message)
    return get_connection().send_messages(messages) or 0
