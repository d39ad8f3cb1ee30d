"""Report pages: list, create, the draft editor (the HTML rendering with controls), versions."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ikz.accounts.access import Access
from ikz.cooperation.guards import coordinator_only, public
from ikz.cooperation.models import Body
from ikz.reports import selectors, services
from ikz.reports.content import Report, SectionKind
from ikz.reports.forms import PublishForm, ReportCreateForm, ReportTextsForm
from ikz.reports.models import ReportVersion, StatusReport
from ikz.reports.periods import default_issued_on
from ikz.reports.renderers import CONTENT_TYPES, FORMATS, LABELS
from ikz.reports.renderers import render as render_format
from ikz.reports.snapshot import report_from_json
from ikz.ui.formviews import delete_page, form_data, form_page, submit, with_version

MOVE_LABELS = (("-1", gettext_lazy("nach oben")), ("1", gettext_lazy("nach unten")))


def _detail(access: Access, report: StatusReport) -> HttpResponse:
    return redirect("reports:detail", access.cooperation.slug, report.pk)


@public
def report_list(request: HttpRequest, access: Access) -> HttpResponse:
    return render(
        request,
        "reports/report_list.html",
        {"reports": selectors.report_list(access=access), "formats": FORMATS, "labels": LABELS},
    )


@coordinator_only
def report_create(request: HttpRequest, access: Access) -> HttpResponse:
    form = ReportCreateForm(
        form_data(request),
        today=timezone.localdate(),
        preferred=access.cooperation.report_period,
    )
    report = submit(
        request,
        form,
        lambda: services.report_create(
            cooperation=access.cooperation,
            period_start=form.cleaned_data["period_start"],
            period_end=form.cleaned_data["period_end"],
            audience=form.cleaned_data["audience"],
            actor_id=request.user.pk,
        ),
    )
    if report is not None:
        return _detail(access, report)
    return form_page(
        request,
        form=form,
        title=_("Neuer Statusbericht"),
        cancel_url=f"/{access.cooperation.slug}/berichte/",
    )


@public
def report_detail(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    report = selectors.report_get(access=access, pk=pk)
    versions = selectors.versions_of(report=report)
    if not access.is_coordinator:
        return redirect("reports:version", access.cooperation.slug, report.pk, versions[0].number)
    generated = selectors.report_content(report=report, edited=False)
    content = generated.edited(
        order=services.effective_order(report),
        introduction=report.introduction,
        remarks=report.remarks,
        title=report.title,
        subtitle=report.subtitle,
    )
    texts = ReportTextsForm(
        initial={
            "title": report.title,
            "subtitle": report.subtitle,
            "issued_on": report.issued_on,
            "outlook_months": report.outlook_months,
            "introduction": report.introduction,
            "remarks": report.remarks,
        },
        defaults=_text_defaults(report, generated),
    )
    with_version(texts, report)
    return _editor(request, access, report, versions, content, texts)


def _text_defaults(report: StatusReport, generated: Report) -> dict[str, str]:
    issued = default_issued_on(report.period_end, timezone.localdate())
    return {
        "title": generated.title.title,
        "subtitle": generated.title.period_label,
        "issued_on": f"{issued:%d.%m.%Y}",
    }


def _editor(
    request: HttpRequest,
    access: Access,
    report: StatusReport,
    versions: list[ReportVersion],
    content: Report,
    texts: ReportTextsForm,
    status: int = 200,
) -> HttpResponse:
    shown = {section.kind for section in content.sections}
    return render(
        request,
        "reports/report_detail.html",
        {
            "status_report": report,
            "report": content,
            "versions": versions,
            "editable": True,
            "hidden_keys": set(report.hidden_keys or []),
            "hidden_sections": set(report.hidden_sections or []),
            "missing_sections": [
                (kind, SectionKind.LABELS[kind])
                for kind in SectionKind.DEFAULT_ORDER
                if kind not in shown and kind not in ("introduction", "remarks")
            ],
            "texts_form": texts,
            "bodies_without_status": selectors.bodies_without_status(report=report),
            "publish_form": PublishForm(
                steering_body=access.cooperation.steering_body.name
                if access.cooperation.steering_body
                else ""
            ),
            "move_labels": MOVE_LABELS,
            "formats": FORMATS,
            "labels": LABELS,
        },
        status=status,
    )


def _report_for_write(access: Access, pk: int) -> StatusReport:
    return selectors.report_for_write(access=access, pk=pk)


@coordinator_only
@require_POST
def report_texts(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    report = _report_for_write(access, pk)
    generated = selectors.report_content(report=report, edited=False)
    form = ReportTextsForm(request.POST, defaults=_text_defaults(report, generated))
    saved = submit(
        request,
        form,
        lambda: services.report_update_texts(
            report=report,
            title=form.cleaned_data["title"],
            subtitle=form.cleaned_data["subtitle"],
            issued_on=form.cleaned_data["issued_on"],
            outlook_months=form.cleaned_data["outlook_months"],
            introduction=form.cleaned_data["introduction"],
            remarks=form.cleaned_data["remarks"],
            actor_id=request.user.pk,
        ),
        version_of=report,
    )
    if saved is not None:
        messages.success(request, _("Die Texte sind gespeichert."))
        return _detail(access, report)
    content = generated.edited(order=services.effective_order(report), title=report.title)
    return _editor(
        request, access, report, selectors.versions_of(report=report), content, form, 400
    )


def _flag(request: HttpRequest) -> bool:
    return request.POST.get("hidden") == "1"


def _apply(
    request: HttpRequest, access: Access, report: StatusReport, action: Callable[[], object]
) -> HttpResponse:
    try:
        action()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return _detail(access, report)


@coordinator_only
@require_POST
def toggle_item(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    report = _report_for_write(access, pk)
    return _apply(
        request,
        access,
        report,
        lambda: services.report_set_item_hidden(
            report=report,
            key=request.POST.get("key", ""),
            hidden=_flag(request),
            actor_id=request.user.pk,
        ),
    )


@coordinator_only
@require_POST
def toggle_section(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    report = _report_for_write(access, pk)
    return _apply(
        request,
        access,
        report,
        lambda: services.report_set_section_hidden(
            report=report,
            kind=request.POST.get("kind", ""),
            hidden=_flag(request),
            actor_id=request.user.pk,
        ),
    )


@coordinator_only
@require_POST
def move_section(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    report = _report_for_write(access, pk)
    by = {"-1": -1, "1": 1}.get(request.POST.get("by", ""), 0)
    return _apply(
        request,
        access,
        report,
        lambda: services.report_move_section(
            report=report, kind=request.POST.get("kind", ""), by=by, actor_id=request.user.pk
        ),
    )


@coordinator_only
@require_POST
def body_status(request: HttpRequest, access: Access, pk: int, body_pk: int) -> HttpResponse:
    report = _report_for_write(access, pk)
    body = get_object_or_404(Body, cooperation=access.cooperation, pk=body_pk)
    return _apply(
        request,
        access,
        report,
        lambda: services.report_set_body_status(
            report=report, body=body, text=request.POST.get("text", ""), actor_id=request.user.pk
        ),
    )


@coordinator_only
@require_POST
def publish(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    report = _report_for_write(access, pk)
    form = PublishForm(request.POST)
    mail = form.is_valid() and form.cleaned_data["mail_steering_group"]
    try:
        version = services.report_publish(
            report=report, actor_id=request.user.pk, mail_steering_group=bool(mail)
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _detail(access, report)
    messages.success(
        request, _("Version %(number)s ist veröffentlicht.") % {"number": version.number}
    )
    return redirect("reports:version", access.cooperation.slug, report.pk, version.number)


@coordinator_only
def report_delete(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    report = _report_for_write(access, pk)
    if request.method == "POST":
        try:
            services.report_delete(report=report, actor_id=request.user.pk)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return _detail(access, report)
        return redirect("reports:list", access.cooperation.slug)
    return delete_page(
        request,
        title=_("Entwurf löschen"),
        object_label=str(report),
        consequences=[_("Einleitung, Anmerkungen und ausgeblendete Einträge gehen verloren.")],
        cancel_url=f"/{access.cooperation.slug}/berichte/{report.pk}/",
    )


def _file(data: bytes, fmt: str, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    disposition = "inline" if fmt == "pdf" else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{name}.{fmt}"'
    return response


@coordinator_only
def draft_download(_request: HttpRequest, access: Access, pk: int, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    report = _report_for_write(access, pk)
    content = selectors.report_content(report=report)
    data = render_format(content, fmt, branding=selectors.branding_for(access.cooperation))
    return _file(data, fmt, f"{report.period.file_stem}-entwurf")


@public
def version_detail(request: HttpRequest, access: Access, pk: int, number: int) -> HttpResponse:
    report = selectors.report_get(access=access, pk=pk)
    version = selectors.version_get(access=access, report=report, number=number)
    return render(
        request,
        "reports/version_detail.html",
        {
            "status_report": report,
            "version": version,
            "report": report_from_json(version.content),
            "versions": selectors.versions_of(report=report),
            "editable": False,
            "formats": FORMATS,
            "labels": LABELS,
        },
    )


@public
def version_download(
    request: HttpRequest, access: Access, pk: int, number: int, fmt: str
) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    report = selectors.report_get(access=access, pk=pk)
    version_pk, data, published_at = selectors.version_file(
        access=access, report=report, number=number, fmt=fmt
    )
    # A published version never changes: its id and format are a strong validator.
    etag = f'"v{version_pk}-{fmt}"'
    modified = int(published_at.timestamp())
    response = get_conditional_response(request, etag=etag, last_modified=modified) or _file(
        data, fmt, f"{report.period.file_stem}-v{number}"
    )
    response["ETag"] = etag
    response["Last-Modified"] = http_date(modified)
    return response
