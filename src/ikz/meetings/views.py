"""Meeting pages: list by month, calendar, detail, edit, state, agenda and attendance.

Thin: access through the guards, reads through selectors, writes through services. The minutes
editor lives in ``views_minutes``, the task pages in ``views_tasks``.
"""

from __future__ import annotations

import re

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ikz.accounts.access import Access
from ikz.cooperation.guards import coordinator_only, public
from ikz.cooperation.selectors import visible_bodies
from ikz.inputs import parse_key
from ikz.meetings import selectors, services
from ikz.meetings.forms import AgendaItemForm, AttendanceForm, MeetingForm
from ikz.meetings.models import AgendaItem, Meeting
from ikz.meetings.views_common import detail_context, today
from ikz.tracking.versions import VERSION_FIELD, states_token
from ikz.ui.formviews import form_data, form_status, submit, with_token

PERIODS = {"kommend": "upcoming", "vergangen": "past", "alle": "all"}


def _int_param(request: HttpRequest, name: str) -> int | None:
    return parse_key(request.GET.get(name, ""))


def _detail_url(access: Access, meeting: Meeting, anchor: str = "") -> str:
    url = reverse("meetings:detail", args=[access.cooperation.slug, meeting.pk])
    return f"{url}#{anchor}" if anchor else url


# --- Lists -------------------------------------------------------------------------------------


@public
@require_GET
def meeting_list(request: HttpRequest, access: Access) -> HttpResponse:
    period_param = request.GET.get("zeit", "kommend")
    period = PERIODS.get(period_param, "upcoming")
    bodies = list(visible_bodies(access=access).order_by("name"))
    body_id = _int_param(request, "gremium")
    if body_id is not None and body_id not in {body.pk for body in bodies}:
        body_id = None
    current = today()
    showing_past_instead = False
    if period == "upcoming":
        groups = selectors.meetings_by_month(
            access=access, today=current, period=period, body_id=body_id
        )
        # Without an explicit choice an empty "upcoming" list helps nobody: show the past.
        showing_past_instead = not groups and "zeit" not in request.GET
        if showing_past_instead:
            period_param, period = "vergangen", "past"
    years: list[int] = []
    year = None
    if period != "upcoming":
        # The past (and the whole history) a year at a time: the newest year with meetings,
        # or "alle" in the current year, unless the visitor picked another.
        years = selectors.meeting_years(
            access=access, today=current, period=period, body_id=body_id
        )
        asked = _int_param(request, "jahr")
        if asked in years:
            year = asked
        elif period == "all" and current.year in years:
            year = current.year
        elif years:
            year = years[0]
        groups = selectors.meetings_by_month(
            access=access, today=current, period=period, body_id=body_id, year=year
        )
    context = {
        "groups": groups,
        "showing_past_instead": showing_past_instead,
        "bodies": bodies,
        "body_id": body_id,
        "years": years,
        "year": year,
        "period": period_param if period_param in PERIODS else "kommend",
        "periods": [
            ("kommend", _("Anstehende")),
            ("vergangen", _("Vergangene")),
            ("alle", _("Alle")),
        ],
    }
    return render(request, "meetings/meeting_list.html", context)


_MONTH_PARAM = re.compile(r"([0-9]{4})-([0-9]{2})")


@public
@require_GET
def meeting_calendar(request: HttpRequest, access: Access) -> HttpResponse:
    current = today()
    year, month = current.year, current.month
    if match := _MONTH_PARAM.fullmatch(request.GET.get("monat", "")):
        candidate_year, candidate_month = int(match.group(1)), int(match.group(2))
        if 1900 <= candidate_year <= 2200 and 1 <= candidate_month <= 12:
            year, month = candidate_year, candidate_month
    bodies = list(visible_bodies(access=access).order_by("name"))
    body_id = _int_param(request, "gremium")
    if body_id is not None and body_id not in {body.pk for body in bodies}:
        body_id = None
    month_view = selectors.month_calendar(access=access, year=year, month=month, body_id=body_id)
    context = {
        "calendar": month_view,
        "today": current,
        "bodies": bodies,
        "body_id": body_id,
        "weekdays": [_("Mo"), _("Di"), _("Mi"), _("Do"), _("Fr"), _("Sa"), _("So")],
        "weekday_names": [
            _("Montag"),
            _("Dienstag"),
            _("Mittwoch"),
            _("Donnerstag"),
            _("Freitag"),
            _("Samstag"),
            _("Sonntag"),
        ],
    }
    return render(request, "meetings/meeting_calendar.html", context)


# --- Detail ------------------------------------------------------------------------------------


@public
@require_GET
def meeting_detail(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    detail = selectors.meeting_detail(access=access, pk=pk, today=today())
    context = detail_context(
        access=access, detail=detail, preview=request.GET.get("vorschau") == "1"
    )
    return render(request, "meetings/meeting_detail.html", context)


# --- Create, edit, delete, state ---------------------------------------------------------------


@coordinator_only
@require_http_methods(["GET", "POST"])
def meeting_edit(request: HttpRequest, access: Access, pk: int | None = None) -> HttpResponse:
    meeting = selectors.meeting_for_write(access=access, pk=pk) if pk else None
    initial: dict[str, object] = {}
    if meeting is None:
        body_id = _int_param(request, "gremium")
        body = selectors.body_choice(access=access, pk=body_id)
        if body is not None:
            initial = {
                "body": body,
                "number": selectors.next_number(body=body),
                "is_public": body.is_public,
            }
    form = MeetingForm(
        form_data(request), instance=meeting, initial=initial, cooperation=access.cooperation
    )
    form.fields["body"].widget.attrs.update(
        {
            "hx-get": reverse("meetings:next_number", args=[access.cooperation.slug]),
            "hx-target": "#id_number",
            "hx-swap": "outerHTML",
            "hx-trigger": "change",
        }
    )
    if meeting is not None:
        del form.fields["body"].widget.attrs["hx-get"]

    def save() -> Meeting:
        fields = form.service_fields()
        if meeting is None:
            from ikz.meetings.documents.services import propose_approval_item

            created = services.meeting_create(
                cooperation=access.cooperation, **fields, actor_id=access.user_id
            )
            # "Genehmigung des Protokolls der n. Sitzung" proposed as the first agenda item.
            propose_approval_item(meeting=created)
            return created
        return services.meeting_update(meeting=meeting, fields=fields, actor_id=access.user_id)

    saved = submit(request, form, save)
    if saved:
        messages.success(
            request, _("Sitzung „%(heading)s“ gespeichert.") % {"heading": saved.heading}
        )
        return redirect(_detail_url(access, saved))
    title = (
        _("Sitzung „%(heading)s“ bearbeiten") % {"heading": meeting.heading}
        if meeting
        else _("Sitzung anlegen")
    )
    cancel = (
        _detail_url(access, meeting)
        if meeting
        else reverse("meetings:list", args=[access.cooperation.slug])
    )
    status = form_status(request)
    return render(
        request,
        "ui/object_form.html",
        {"form": form, "title": title, "cancel_url": cancel, "meeting": meeting},
        status=status,
    )


@coordinator_only
@require_GET
def next_number_field(request: HttpRequest, access: Access) -> HttpResponse:
    """The number input, prefilled with the chosen body's next number (htmx, create form)."""
    body_id = _int_param(request, "body")
    body = selectors.body_choice(access=access, pk=body_id)
    form = MeetingForm(
        initial={"number": selectors.next_number(body=body) if body else None},
        cooperation=access.cooperation,
    )
    return HttpResponse(str(form["number"]))


@coordinator_only
@require_http_methods(["GET", "POST"])
def meeting_delete(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    meeting = selectors.meeting_for_write(access=access, pk=pk)
    if request.method == "POST":
        try:
            services.meeting_delete(meeting=meeting, actor_id=access.user_id)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(_detail_url(access, meeting))
        messages.success(
            request, _("Sitzung „%(heading)s“ gelöscht.") % {"heading": meeting.heading}
        )
        return redirect("meetings:list", access.cooperation.slug)
    return render(
        request,
        "ui/confirm_delete.html",
        {
            "title": _("Sitzung löschen"),
            "object_label": f"{meeting.heading} ({meeting.when})",
            "consequences": [_("Tagesordnung und Teilnahme werden ebenfalls gelöscht.")],
            "cancel_url": _detail_url(access, meeting),
        },
    )


@coordinator_only
@require_POST
def meeting_state(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    meeting = selectors.meeting_for_write(access=access, pk=pk)
    try:
        meeting = services.meeting_set_state(
            meeting=meeting, state=request.POST.get("state", ""), actor_id=access.user_id
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Status: %(state)s.") % {"state": meeting.get_state_display()})
        if meeting.state == Meeting.State.MINUTES_PUBLISHED:
            from ikz.meetings.documents.services import send_minutes_published

            sent = send_minutes_published(meeting=meeting, actor_id=access.user_id)
            if sent:
                messages.info(
                    request,
                    ngettext(
                        "Das Protokoll geht per E-Mail (PDF und Word) an %(count)d Person.",
                        "Das Protokoll geht per E-Mail (PDF und Word) an %(count)d Personen.",
                        sent,
                    )
                    % {"count": sent},
                )
    return redirect(_detail_url(access, meeting))


@coordinator_only
@require_POST
def carry_over(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    meeting = selectors.meeting_for_write(access=access, pk=pk)
    try:
        created = services.agenda_carry_over(meeting=meeting, actor_id=access.user_id)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if created:
            messages.success(
                request,
                ngettext(
                    "%(count)d Aufgabe zur Wiedervorlage auf die Tagesordnung gesetzt.",
                    "%(count)d Aufgaben zur Wiedervorlage auf die Tagesordnung gesetzt.",
                    len(created),
                )
                % {"count": len(created)},
            )
        else:
            messages.info(request, _("Keine offenen Aufgaben zur Wiedervorlage gefunden."))
    return redirect(_detail_url(access, meeting, "tagesordnung"))


# --- Agenda ------------------------------------------------------------------------------------


@coordinator_only
@require_http_methods(["GET", "POST"])
def agenda_item_edit(
    request: HttpRequest, access: Access, pk: int, item_pk: int | None = None
) -> HttpResponse:
    meeting = selectors.meeting_for_write(access=access, pk=pk)
    item = (
        selectors.agenda_item_get(access=access, meeting=meeting, pk=item_pk) if item_pk else None
    )
    form = AgendaItemForm(form_data(request), instance=item, cooperation=access.cooperation)

    def save() -> AgendaItem:
        data = form.cleaned_data
        if item is None:
            return services.agenda_item_add(
                meeting=meeting,
                title=data["title"],
                presenter=data.get("presenter"),
                duration_minutes=data.get("duration_minutes"),
            )
        return services.agenda_item_update(
            item=item,
            title=data["title"],
            presenter=data.get("presenter"),
            duration_minutes=data.get("duration_minutes"),
        )

    saved = submit(request, form, save)
    if saved:
        messages.success(
            request, _("Tagesordnungspunkt „%(title)s“ gespeichert.") % {"title": saved.title}
        )
        return redirect(_detail_url(access, meeting, "tagesordnung"))
    title = _("Tagesordnungspunkt bearbeiten") if item else _("Tagesordnungspunkt hinzufügen")
    return render(
        request,
        "ui/object_form.html",
        {
            "form": form,
            "title": f"{title} – {meeting.heading}",
            "cancel_url": _detail_url(access, meeting, "tagesordnung"),
        },
        status=form_status(request),
    )


AGENDA_OPS = {
    "hoch": services.agenda_item_move_up,
    "runter": services.agenda_item_move_down,
    "einruecken": services.agenda_item_indent,
    "ausruecken": services.agenda_item_outdent,
}


@coordinator_only
@require_POST
def agenda_item_op(
    request: HttpRequest, access: Access, pk: int, item_pk: int, op: str
) -> HttpResponse:
    meeting = selectors.meeting_for_write(access=access, pk=pk)
    item = selectors.agenda_item_get(access=access, meeting=meeting, pk=item_pk)
    if op != "loeschen" and op not in AGENDA_OPS:
        raise Http404
    try:
        if op == "loeschen":
            services.agenda_item_delete(item=item, actor_id=access.user_id)
            messages.success(
                request, _("Tagesordnungspunkt „%(title)s“ gelöscht.") % {"title": item.title}
            )
        else:
            AGENDA_OPS[op](item=item)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(
        _detail_url(access, meeting, f"top-{item.pk}" if op != "loeschen" else "tagesordnung")
    )


# --- Attendance --------------------------------------------------------------------------------


@coordinator_only
@require_http_methods(["GET", "POST"])
def attendance_edit(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    meeting = selectors.meeting_for_write(access=access, pk=pk)
    people = selectors.attendance_candidates(access=access, meeting=meeting)
    current = dict(meeting.attendances.values_list("person_id", "status"))
    form = AttendanceForm(form_data(request), people=people, current=current)
    with_token(form, states_token(current))

    def save() -> bool:
        services.attendance_update(
            meeting=meeting, statuses=form.statuses(), version=form.cleaned_data[VERSION_FIELD]
        )
        return True

    if submit(request, form, save):
        messages.success(request, _("Teilnahme gespeichert."))
        return redirect(_detail_url(access, meeting, "teilnahme"))
    return render(
        request,
        "ui/object_form.html",
        {
            "form": form,
            "meeting": meeting,
            "title": _("Teilnahme – %(heading)s") % {"heading": meeting.heading},
            "cancel_url": _detail_url(access, meeting, "teilnahme"),
        },
        status=form_status(request),
    )


@coordinator_only
@require_POST
def attendance_members(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    meeting = selectors.meeting_for_write(access=access, pk=pk)
    added = services.attendance_from_members(meeting=meeting)
    messages.success(
        request,
        ngettext(
            "%(count)d Mitglied als anwesend eingetragen.",
            "%(count)d Mitglieder als anwesend eingetragen.",
            added,
        )
        % {"count": added},
    )
    return redirect(_detail_url(access, meeting, "teilnahme"))
