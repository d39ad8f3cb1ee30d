"""Reads of status reports, filtered by cooperation and by who may see which version.

* Coordinator: every report, drafts included.
* Member: published versions of internal and public reports.
* Public: published versions of public reports.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from ikz.accounts.access import Access
from ikz.cooperation.models import Body
from ikz.reports.assembly import AssemblySettings, assemble_report, audience_access
from ikz.reports.content import Report
from ikz.reports.models import ReportVersion, StatusReport
from ikz.reports.periods import default_issued_on


def branding_for(cooperation: object) -> dict[str, object] | None:
    """The cooperation's "Erscheinungsbild" for the documents, if ikz.branding is installed."""
    from django.apps import apps

    if not apps.is_installed("ikz.branding"):
        return None
    from ikz.branding.selectors import document_branding

    return document_branding(cooperation=cooperation)


# The snapshot and the rendered bytes are large: lists never load them.
_HEAVY = ("content", "md", "html", "pdf", "docx", "pptx")


def visible_reports(*, access: Access) -> QuerySet[StatusReport]:
    reports = StatusReport.objects.filter(cooperation=access.cooperation)
    if access.is_coordinator:
        return reports
    published = ReportVersion.objects.filter(report=OuterRef("pk"))
    reports = reports.filter(Exists(published))
    if access.is_member:
        return reports
    return reports.filter(audience=StatusReport.Audience.PUBLIC)


def report_list(*, access: Access) -> list[StatusReport]:
    versions = ReportVersion.objects.defer(*_HEAVY).order_by("-number")
    return list(
        visible_reports(access=access)
        .select_related("created_by")
        .prefetch_related(Prefetch("versions", queryset=versions))
        .order_by("-period_start", "audience", "-pk")
    )


def report_get(*, access: Access, pk: int) -> StatusReport:
    return get_object_or_404(visible_reports(access=access), pk=pk)


def report_for_write(*, access: Access, pk: int) -> StatusReport:
    return get_object_or_404(
        StatusReport.objects.filter(cooperation=access.cooperation)
        if access.is_coordinator
        else StatusReport.objects.none(),
        pk=pk,
    )


def versions_of(*, report: StatusReport) -> list[ReportVersion]:
    return list(
        ReportVersion.objects.filter(report=report, cooperation=report.cooperation_id)
        .defer(*_HEAVY)
        .select_related("published_by")
        .order_by("-number")
    )


def version_get(*, access: Access, report: StatusReport, number: int) -> ReportVersion:
    return get_object_or_404(
        ReportVersion.objects.filter(report=report, cooperation=access.cooperation),
        number=number,
    )


def version_file(
    *, access: Access, report: StatusReport, number: int, fmt: str
) -> tuple[int, bytes, dt.datetime]:
    """``(version id, bytes, published_at)`` of one stored format of a published version,
    reading only that column: the other four formats (megabytes) stay in the database."""
    if fmt not in _HEAVY[1:]:
        raise Http404
    row = (
        ReportVersion.objects.filter(report=report, cooperation=access.cooperation, number=number)
        .values_list("pk", fmt, "published_at")
        .first()
    )
    if row is None:
        raise Http404
    pk, data, published_at = row
    return pk, bytes(data), published_at


def latest_version(*, access: Access) -> ReportVersion | None:
    """The newest published version the visitor may read (dashboard, public page)."""
    versions = ReportVersion.objects.filter(cooperation=access.cooperation).defer(*_HEAVY)
    if not access.is_member:
        versions = versions.filter(audience=StatusReport.Audience.PUBLIC)
    return (
        versions.select_related("report")
        .order_by("-report__period_start", "-published_at", "-pk")
        .first()
    )


def public_versions(*, access: Access, limit: int = 12) -> list[ReportVersion]:
    """The latest version of each published public report, newest period first."""
    versions = (
        ReportVersion.objects.filter(
            cooperation=access.cooperation, audience=StatusReport.Audience.PUBLIC
        )
        .defer(*_HEAVY)
        .select_related("report")
        .order_by("-report__period_start", "report_id", "-number")
    )
    latest: dict[int, ReportVersion] = {}
    for version in versions:
        latest.setdefault(version.report_id, version)
        if len(latest) >= limit:
            break
    return list(latest.values())


def report_content(
    *, report: StatusReport, issued_on: dt.date | None = None, edited: bool = True
) -> Report:
    """The draft's content from today's data, as the coordinator shaped it.

    The "Stand" is ``issued_on`` if given, else the one set in the draft, else the period's
    last day (today while the period runs).
    """
    issued = (
        issued_on or report.issued_on or default_issued_on(report.period_end, timezone.localdate())
    )
    generated = assemble_report(
        access=audience_access(cooperation=report.cooperation, audience=report.audience),
        period_start=report.period_start,
        period_end=report.period_end,
        audience=report.audience,
        settings=AssemblySettings(
            issued_on=issued,
            outlook_months=report.outlook_months,
            branding=branding_for(report.cooperation),
        ),
    )
    if not edited:
        return generated
    return generated.edited(
        order=list(report.section_order or []),
        hidden_sections=set(report.hidden_sections or []),
        hidden_keys=set(report.hidden_keys or []),
        introduction=report.introduction,
        remarks=report.remarks,
        title=report.title,
        subtitle=report.subtitle,
    )


def dashboard_context(*, access: Access) -> dict[str, object]:
    """What the dashboard (also the cooperation's public page) shows of reports: one query."""
    versions = ReportVersion.objects.filter(cooperation=access.cooperation).defer(*_HEAVY)
    if not access.is_member:
        versions = versions.filter(audience=StatusReport.Audience.PUBLIC)
    recent = list(
        versions.select_related("report").order_by("-report__period_start", "-published_at", "-pk")[
            :24
        ]
    )
    public: dict[int, ReportVersion] = {}
    for version in recent:
        if version.audience == StatusReport.Audience.PUBLIC:
            public.setdefault(version.report_id, version)
    return {
        "report_latest": recent[0] if recent else None,
        "report_public_versions": list(public.values())[:6],
    }


def bodies_without_status(*, report: StatusReport) -> list[Body]:
    """Active bodies with no status text yet: the editor offers to write one."""
    bodies = Body.objects.filter(cooperation=report.cooperation_id, status_text="").filter(
        Q(active_until__isnull=True) | Q(active_until__gte=report.period_start)
    )
    if report.audience == StatusReport.Audience.PUBLIC:
        bodies = bodies.filter(is_public=True)
    return list(bodies.order_by("name"))
