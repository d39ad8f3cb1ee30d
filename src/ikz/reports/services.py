"""Writes of status reports: create a draft, shape it, publish frozen versions."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ikz.activity.services import record_activity
from ikz.cooperation.models import Body, Cooperation
from ikz.cooperation.services import body_set_status
from ikz.dates import year_range_error
from ikz.reports import events
from ikz.reports.content import SectionKind
from ikz.reports.models import ReportVersion, StatusReport
from ikz.reports.periods import MAX_PERIOD_DAYS
from ikz.reports.renderers import FORMATS, render
from ikz.reports.selectors import branding_for, report_content
from ikz.reports.snapshot import report_to_json


def _url(report: StatusReport) -> str:
    return reverse("reports:detail", args=[report.cooperation.slug, report.pk])


def validate_report(report: StatusReport) -> None:
    """The rules of a report (period within 1900–2100, ordered, at most a year); also used by
    the importer."""
    for name in ("period_start", "period_end"):
        day = getattr(report, name)
        if day and (error := year_range_error(day.year)):
            raise ValidationError({name: error})
    if report.period_start and report.period_end:
        if report.period_end < report.period_start:
            raise ValidationError(
                {"period_end": _("Das Ende des Zeitraums liegt vor seinem Beginn.")}
            )
        if (report.period_end - report.period_start).days >= MAX_PERIOD_DAYS:
            raise ValidationError({"period_end": _("Ein Bericht umfasst höchstens ein Jahr.")})
    report.full_clean()


@transaction.atomic
def report_create(
    *,
    cooperation: Cooperation,
    period_start: dt.date,
    period_end: dt.date,
    audience: str = StatusReport.Audience.INTERNAL,
    actor_id: int | None = None,
) -> StatusReport:
    report = StatusReport(
        cooperation=cooperation,
        period_start=period_start,
        period_end=period_end,
        audience=audience,
        created_by_id=actor_id,
        updated_by_id=actor_id,
    )
    validate_report(report)
    report.save()
    record_activity(
        cooperation=cooperation,
        actor_id=actor_id,
        event=events.REPORT_CREATED,
        data={"report": str(report)},
        url=_url(report),
    )
    return report


def _touch(report: StatusReport, actor_id: int | None, fields: list[str]) -> StatusReport:
    report.updated_by_id = actor_id
    report.state = StatusReport.State.DRAFT
    validate_report(report)
    report.save(update_fields=[*fields, "updated_by", "state", "updated_at"])
    return report


@transaction.atomic
def report_update_texts(
    *,
    report: StatusReport,
    title: str,
    introduction: str,
    remarks: str,
    subtitle: str | None = None,
    issued_on: dt.date | None = None,
    outlook_months: int | None = None,
    actor_id: int | None = None,
) -> StatusReport:
    """The draft's texts; ``subtitle``, ``issued_on`` ("Stand", None: the default) and
    ``outlook_months`` are left as they are when not given (``subtitle=None``,
    ``outlook_months=None``)."""
    report.title = title.strip()
    report.introduction = introduction.strip()
    report.remarks = remarks.strip()
    fields = ["title", "introduction", "remarks", "issued_on"]
    if subtitle is not None:
        report.subtitle = subtitle.strip()
        fields.append("subtitle")
    report.issued_on = issued_on
    if outlook_months is not None:
        if not 0 <= outlook_months <= 24:
            raise ValidationError({"outlook_months": _("Der Ausblick umfasst 0 bis 24 Monate.")})
        report.outlook_months = outlook_months
        fields.append("outlook_months")
    return _touch(report, actor_id, fields)


@transaction.atomic
def report_set_item_hidden(
    *, report: StatusReport, key: str, hidden: bool, actor_id: int | None = None
) -> StatusReport:
    if not key or len(key) > 200:
        raise ValidationError(_("Unbekannter Eintrag."))
    keys = [k for k in report.hidden_keys or [] if k != key]
    if hidden:
        keys.append(key)
    report.hidden_keys = sorted(keys)
    return _touch(report, actor_id, ["hidden_keys"])


@transaction.atomic
def report_set_section_hidden(
    *, report: StatusReport, kind: str, hidden: bool, actor_id: int | None = None
) -> StatusReport:
    if kind not in SectionKind.DEFAULT_ORDER:
        raise ValidationError(_("Unbekannter Abschnitt."))
    kinds = [k for k in report.hidden_sections or [] if k != kind]
    if hidden:
        kinds.append(kind)
    report.hidden_sections = kinds
    return _touch(report, actor_id, ["hidden_sections"])


def effective_order(report: StatusReport) -> list[str]:
    stored = [k for k in report.section_order or [] if k in SectionKind.DEFAULT_ORDER]
    return stored + [k for k in SectionKind.DEFAULT_ORDER if k not in stored]


@transaction.atomic
def report_move_section(
    *, report: StatusReport, kind: str, by: int, actor_id: int | None = None
) -> StatusReport:
    order = effective_order(report)
    if kind not in order or by not in (-1, 1):
        raise ValidationError(_("Unbekannter Abschnitt."))
    index = order.index(kind)
    target = index + by
    if not 0 <= target < len(order):
        raise ValidationError(
            _("Der Abschnitt steht bereits ganz oben.")
            if by < 0
            else _("Der Abschnitt steht bereits ganz unten.")
        )
    order[index], order[target] = order[target], order[index]
    report.section_order = order
    return _touch(report, actor_id, ["section_order"])


@transaction.atomic
def report_set_body_status(
    *, report: StatusReport, body: Body, text: str, actor_id: int | None = None
) -> Body:
    """The body's status text, edited from the report (it is kept on the body)."""
    if body.cooperation_id != report.cooperation_id:
        raise ValidationError(_("Dieses Gremium gehört zu einer anderen Kooperation."))
    if len(text or "") > 2000:
        raise ValidationError({"text": _("Der Stand ist zu lang (höchstens 2000 Zeichen).")})
    return body_set_status(body=body, text=text, actor_id=actor_id)


@transaction.atomic
def report_publish(
    *,
    report: StatusReport,
    actor_id: int | None = None,
    issued_on: dt.date | None = None,
    mail_steering_group: bool = False,
) -> ReportVersion:
    """Freeze the report as it looks now: a new version with its content and every format."""
    locked = StatusReport.objects.select_for_update().get(pk=report.pk)
    content = report_content(report=locked, issued_on=issued_on)
    branding = branding_for(locked.cooperation)
    if not content.sections:
        raise ValidationError(_("Der Bericht ist leer: Es gibt nichts zu veröffentlichen."))
    highest = locked.versions.aggregate(highest=Max("number"))["highest"] or 0
    version = ReportVersion(
        cooperation_id=locked.cooperation_id,
        report=locked,
        number=highest + 1,
        published_at=timezone.now(),
        published_by_id=actor_id,
        audience=locked.audience,
        title=content.title.title,
        content=report_to_json(content),
        **{fmt: render(content, fmt, branding=branding) for fmt in FORMATS},
    )
    version.full_clean(exclude=["md", "html", "pdf", "docx", "pptx"])
    version.save()
    locked.state = StatusReport.State.PUBLISHED
    locked.updated_by_id = actor_id
    locked.save(update_fields=["state", "updated_by", "updated_at"])
    report.state = locked.state
    record_activity(
        cooperation=locked.cooperation,
        actor_id=actor_id,
        event=events.REPORT_PUBLISHED,
        data={"report": str(locked), "number": version.number},
        url=_url(locked),
    )
    if mail_steering_group:
        from ikz.reports.tasks import mail_report

        version_id = version.pk
        transaction.on_commit(lambda: mail_report.enqueue(version_id=version_id))
    return version


@transaction.atomic
def report_delete(*, report: StatusReport, actor_id: int | None = None) -> None:
    if report.versions.exists():
        raise ValidationError(
            _("Ein veröffentlichter Bericht bleibt erhalten; er kann nicht gelöscht werden.")
        )
    label = str(report)
    cooperation = report.cooperation
    report.delete()
    record_activity(
        cooperation=cooperation,
        actor_id=actor_id,
        event=events.REPORT_DELETED,
        data={"label": label},
    )
