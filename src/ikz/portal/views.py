"""The portal's pages: thin, every read with the public access (``selectors.public_access``)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from ikz.accounts.access import Access
from ikz.cooperation.guards import coordinator_only, public
from ikz.meetings.selectors import meeting_detail
from ikz.portal import opendata, selectors, services
from ikz.portal.forms import PortalSettingsForm
from ikz.projects.selectors import goals_ranked, point_projects, project_detail
from ikz.search.views import run_search
from ikz.ui.formviews import edit_page, form_data

LEGAL_PAGES = {
    "impressum": (gettext_lazy("Impressum"), "imprint"),
    "datenschutz": (gettext_lazy("Datenschutzerklärung"), "privacy"),
    "barrierefreiheit": (gettext_lazy("Erklärung zur Barrierefreiheit"), "accessibility"),
}


def _page(request: HttpRequest, access: Access, template: str, **context: object) -> HttpResponse:
    everyone = selectors.public_access(access.cooperation)
    context.setdefault("status", 200)
    status = int(context.pop("status"))  # type: ignore[call-overload]
    return render(
        request,
        f"portal/{template}",
        {
            # Templates check ``access``: on the portal it is always the public's.
            "access": everyone,
            "cooperation": access.cooperation,
            "visitor": access,
            **context,
        },
        status=status,
    )


@public
@require_GET
def home(request: HttpRequest, access: Access) -> HttpResponse:
    everyone = selectors.public_access(access.cooperation)
    return _page(
        request,
        access,
        "home.html",
        landing=selectors.landing(access=everyone, today=timezone.localdate()),
    )


@public
@require_GET
def goals(request: HttpRequest, access: Access) -> HttpResponse:
    everyone = selectors.public_access(access.cooperation)
    from ikz.projects.selectors import flatten_goals

    return _page(request, access, "goals.html", goals=flatten_goals(goals_ranked(access=everyone)))


@public
@require_GET
def report_list(request: HttpRequest, access: Access) -> HttpResponse:
    everyone = selectors.public_access(access.cooperation)
    return _page(
        request, access, "report_list.html", versions=selectors.report_archive(access=everyone)
    )


@public
@require_GET
def report_detail(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    everyone = selectors.public_access(access.cooperation)
    report, version = selectors.public_report(access=everyone, pk=pk)
    return _page(request, access, "report_detail.html", report=report, version=version)


@public
@require_GET
def events(request: HttpRequest, access: Access) -> HttpResponse:
    everyone = selectors.public_access(access.cooperation)
    months = selectors.upcoming_events(access=everyone, today=timezone.localdate())
    return _page(request, access, "events.html", months=months)


@public
@require_GET
def body_list(request: HttpRequest, access: Access) -> HttpResponse:
    everyone = selectors.public_access(access.cooperation)
    return _page(request, access, "body_list.html", bodies=selectors.public_bodies(access=everyone))


@public
@require_GET
def body_detail(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    everyone = selectors.public_access(access.cooperation)
    body, upcoming, minutes = selectors.body_page(
        access=everyone, pk=pk, today=timezone.localdate()
    )
    return _page(request, access, "body_detail.html", body=body, upcoming=upcoming, minutes=minutes)


@public
@require_GET
def meeting(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    everyone = selectors.public_access(access.cooperation)
    detail = meeting_detail(access=everyone, pk=pk)
    return _page(
        request,
        access,
        "meeting.html",
        detail=detail,
        meeting=detail.meeting,
        point_projects=point_projects(access=everyone, meeting=detail.meeting),
        files=selectors.meeting_files(access=everyone, meeting=detail.meeting),
    )


@public
@require_GET
def project_list(request: HttpRequest, access: Access) -> HttpResponse:
    everyone = selectors.public_access(access.cooperation)
    return _page(
        request, access, "project_list.html", projects=selectors.public_projects(access=everyone)
    )


@public
@require_GET
def project(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    everyone = selectors.public_access(access.cooperation)
    detail = project_detail(access=everyone, pk=pk, today=timezone.localdate())
    return _page(request, access, "project.html", detail=detail)


@public
@require_GET
def legal(request: HttpRequest, access: Access, page: str) -> HttpResponse:
    if page not in LEGAL_PAGES:
        raise Http404
    title, field = LEGAL_PAGES[page]
    portal_settings = services.settings_of(access.cooperation)
    return _page(
        request,
        access,
        "legal.html",
        title=title,
        text=getattr(portal_settings, field),
        portal_settings=portal_settings,
    )


@public
@require_GET
def search(request: HttpRequest, access: Access) -> HttpResponse:
    everyone = selectors.public_access(access.cooperation)
    form, results, status = run_search(request, everyone)
    return _page(request, access, "search.html", form=form, results=results, status=status)


@public
@require_GET
def open_data(request: HttpRequest, access: Access) -> HttpResponse:
    return _page(
        request,
        access,
        "open_data.html",
        datasets=opendata.DATASETS,
        portal_settings=services.settings_of(access.cooperation),
    )


@public
@require_GET
def open_data_download(request: HttpRequest, access: Access, name: str, fmt: str) -> HttpResponse:
    everyone = selectors.public_access(access.cooperation)
    base_url = request.build_absolute_uri("/").rstrip("/")
    return opendata.download(access=everyone, name=name, fmt=fmt, base_url=base_url)


@coordinator_only
def settings_edit(request: HttpRequest, access: Access) -> HttpResponse:
    current = services.settings_of(access.cooperation)
    form = PortalSettingsForm(form_data(request), instance=current)
    home_url = reverse("portal:home", args=[access.cooperation.slug])
    return edit_page(
        request,
        form=form,
        save=lambda: services.portal_settings_save(
            cooperation=access.cooperation,
            fields={name: form.cleaned_data[name] for name in services.FIELDS},
            actor_id=request.user.pk,
        ),
        saved_message=lambda _row: _("Die Angaben des Portals sind gespeichert."),
        saved_url=lambda _row: home_url,
        title=_("Portal: Impressum, Datenschutz, Barrierefreiheit und Lizenz"),
        cancel_url=home_url,
    )
