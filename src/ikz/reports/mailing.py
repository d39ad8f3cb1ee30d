"""Send a published report to the members of the steering group, the PDF attached."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ikz.cooperation.models import Body, Cooperation, Membership, recipient_list
from ikz.profile.preferences import opted_out_user_ids
from ikz.reports.content import document_language
from ikz.reports.models import ReportVersion


def steering_group_addresses(*, cooperation_id: int) -> list[str]:
    """The current members of the cooperation's steering body (its setting; without one, every
    body of the kind "Lenkungsgremium"), plus the extra recipients of the settings; without
    those who do not want report mails."""
    cooperation = Cooperation.objects.get(pk=cooperation_id)
    today = timezone.localdate()
    members = Membership.objects.filter(cooperation_id=cooperation_id).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=today)
    )
    if cooperation.steering_body_id is not None:
        members = members.filter(body_id=cooperation.steering_body_id)
    else:
        members = members.filter(body__kind=Body.Kind.STEERING_GROUP)
    emails = set(
        members.exclude(person__email="")
        .exclude(person__user_id__in=opted_out_user_ids("status_reports"))
        .values_list("person__email", flat=True)
    )
    emails |= set(recipient_list(cooperation.report_extra_recipients))
    return sorted(emails)


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
