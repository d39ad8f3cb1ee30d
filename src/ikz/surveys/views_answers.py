"""Answering, evaluating, exporting and importing. A member reaches only the answer of their
own municipality (404 for any other); the evaluation follows the survey's visibility."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from ikz.accounts.access import Access
from ikz.cooperation.guards import coordinator_only, members_only
from ikz.surveys import charts, selectors, services, spreadsheet_import, spreadsheets
from ikz.surveys import evaluation as ev
from ikz.surveys.answer_form import AnswerForm
from ikz.surveys.forms import AgendaForm, ImportForm
from ikz.surveys.models import Response, Survey
from ikz.surveys.spreadsheets import NamesFor
from ikz.ui.formviews import form_data, form_status, refused_status, submit
from ikz.ui.htmx import is_htmx


@members_only
def my_response(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    survey = selectors.survey_get(access=access, pk=pk)
    if access.municipality_id is None:
        messages.error(request, _("Ihrem Konto ist keine Kommune zugeordnet."))
        return redirect("surveys:detail", access.cooperation.slug, survey.pk)
    return redirect("surveys:response", access.cooperation.slug, survey.pk, access.municipality_id)


def _can_edit(survey: Survey, response: Response | None) -> bool:
    return survey.is_open and not (response and response.is_submitted)


@members_only
@require_http_methods(["GET", "POST"])
def response_edit(
    request: HttpRequest, access: Access, pk: int, municipality_pk: int
) -> HttpResponse:
    survey = selectors.survey_get(access=access, pk=pk)
    municipality = selectors.answerable_municipality(access=access, pk=municipality_pk)
    response = selectors.response_for(survey=survey, municipality=municipality)
    sections = selectors.survey_structure(survey=survey)
    editable = _can_edit(survey, response)
    submitting = request.method == "POST" and "abgeben" in request.POST
    data = request.POST if request.method == "POST" else None
    form = AnswerForm(
        data,
        sections=sections,
        answers=response.data if response else {},
        version=response.version if response else None,
        submitting=submitting,
        disabled=not editable,
    )
    status, saved_notice = 200, False
    if request.method == "POST":
        if not editable:
            messages.error(request, _("Diese Antwort kann nicht mehr geändert werden."))
            return redirect("surveys:response", access.cooperation.slug, pk, municipality_pk)
        if form.is_valid():
            try:
                saved = services.response_save(
                    survey=survey,
                    municipality=municipality,
                    data=form.answers(),
                    version=form.cleaned_data.get("version"),
                    submit=submitting,
                    actor_id=access.user_id,
                )
            except services.ConflictError as error:
                form.add_error(None, error)
                # The next save goes through: the person has now seen the warning.
                current = selectors.response_for(survey=survey, municipality=municipality)
                retry = request.POST.copy()
                retry["version"] = str(current.version if current else "")
                form.data = retry
            except ValidationError as error:
                for field, errors in getattr(error, "error_dict", {None: error.error_list}).items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                if is_htmx(request) and not submitting:
                    response, saved_notice = saved, True
                    form = AnswerForm(
                        None, sections=sections, answers=saved.data, version=saved.version
                    )
                else:
                    if submitting:
                        text = _("Die Antwort von %(municipality)s ist abgegeben.") % {
                            "municipality": municipality.name
                        }
                    else:
                        text = _("Entwurf gespeichert.")
                    messages.success(request, text)
                    return redirect(
                        "surveys:response", access.cooperation.slug, pk, municipality_pk
                    )
        if form.errors:
            status = refused_status(request)
    context = {
        "survey": survey,
        "municipality": municipality,
        "response": response,
        "form": form,
        "layout": form.layout(),
        "editable": editable,
        "saved_notice": saved_notice,
    }
    template = "surveys/_answer_form.html" if is_htmx(request) else "surveys/response_form.html"
    return render(request, template, context, status=status)


@coordinator_only
@require_POST
def response_reopen(
    request: HttpRequest, access: Access, pk: int, municipality_pk: int
) -> HttpResponse:
    survey = selectors.survey_get(access=access, pk=pk)
    municipality = selectors.answerable_municipality(access=access, pk=municipality_pk)
    response = selectors.response_for(survey=survey, municipality=municipality)
    if response is None:
        raise Http404(_("Diese Antwort gibt es nicht."))
    try:
        services.response_reopen(response=response, actor_id=access.user_id)
        messages.success(
            request,
            _("Die Antwort von %(municipality)s ist wieder geöffnet.")
            % {"municipality": municipality.name},
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect("surveys:response", access.cooperation.slug, pk, municipality_pk)


# --- Evaluation ------------------------------------------------------------------------------


def _evaluation(access: Access, pk: int) -> tuple[Survey, ev.Evaluation, NamesFor]:
    survey = selectors.survey_get(access=access, pk=pk)
    if not selectors.evaluation_allowed(access=access, survey=survey):
        raise PermissionDenied(_("Die Auswertung ist nur für die Koordination freigegeben."))
    evaluation = ev.load_evaluation(survey=survey)
    anonymise = selectors.evaluation_anonymised(access=access, survey=survey)

    def names_for(series: ev.Series) -> list[str]:
        return ev.display_names(
            evaluation,
            anonymise=anonymise,
            own_municipality_id=access.municipality_id,
            series=series,
        )

    return survey, evaluation, names_for


def _basis(request: HttpRequest) -> str:
    basis = request.GET.get("bezug", "absolut")
    return basis if basis in ev.BASES else "absolut"


@members_only
def evaluation(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    survey, result, _names_for = _evaluation(access, pk)
    basis = _basis(request)
    series = [result.series(figure, basis) for figure in result.figures]
    context = {
        "survey": survey,
        "evaluation": result,
        "series": series,
        "basis": basis,
        "basis_label": ev.BASES[basis],
        "bases": ev.BASES,
        "anonymised": selectors.evaluation_anonymised(access=access, survey=survey),
        "municipality_count": access.cooperation.municipalities.count(),
        "agenda_items": selectors.survey_agenda_items(access=access, survey=survey),
    }
    return render(request, "surveys/evaluation.html", context)


@coordinator_only
@require_http_methods(["GET", "POST"])
def evaluation_agenda(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    """ "Auf die Tagesordnung setzen": the evaluation becomes an item of a meeting's agenda."""
    survey = selectors.survey_get(access=access, pk=pk)
    cancel_url = reverse("surveys:evaluation", args=[access.cooperation.slug, pk])
    if survey.is_template or survey.status == Survey.Status.DRAFT:
        messages.error(
            request, _("Nur die Auswertung einer versendeten Umfrage kann auf die Tagesordnung.")
        )
        return redirect(cancel_url)
    meetings = selectors.agenda_meeting_choices(access=access, survey=survey)
    form = AgendaForm(form_data(request), meetings=meetings)
    item = submit(
        request,
        form,
        lambda: services.attach_evaluation_to_agenda(
            survey=survey, meeting=form.cleaned_data["meeting"], actor_id=access.user_id
        ),
    )
    if item:
        meeting = form.cleaned_data["meeting"]
        messages.success(
            request,
            _("Die Auswertung steht auf der Tagesordnung von „%(heading)s“.")
            % {"heading": meeting.heading},
        )
        return redirect(
            reverse("meetings:detail", args=[access.cooperation.slug, meeting.pk])
            + f"#top-{item.pk}"
        )
    context = {
        "form": form,
        "title": _("Auswertung auf die Tagesordnung setzen"),
        "cancel_url": cancel_url,
        "survey": survey,
        "submit_label": _("Auf die Tagesordnung setzen"),
        "no_choices": not meetings.exists(),
    }
    status = form_status(request)
    return render(request, "surveys/form.html", context, status=status)


@members_only
def evaluation_detail(request: HttpRequest, access: Access, pk: int, key: str) -> HttpResponse:
    survey, result, names_for = _evaluation(access, pk)
    figure = result.figure(key)
    if figure is None:
        raise Http404(_("Diese Kennzahl gibt es nicht."))
    basis = _basis(request)
    series = result.series(figure, basis)
    names = names_for(series)
    own_id = access.municipality_id
    rows = ev.series_rows(series, names, result.municipality_ids, own_id)
    summary = series.summary
    own_index = result.municipality_ids.index(own_id) if own_id in result.municipality_ids else None
    chart = charts.bar_chart(
        names=names,
        values=series.values,
        own_index=own_index,
        median=summary.median if summary else None,
        quartiles=(summary.q1, summary.q3) if summary else None,
        axis_label=series.unit_label or figure.label,
        title=_("%(label)s je Kommune") % {"label": figure.label},
    )
    context = {
        "survey": survey,
        "figure": figure,
        "series": series,
        "rows": rows,
        "chart": chart,
        "basis": basis,
        "bases": {} if figure.is_indicator else ev.BASES,
        "anonymised": selectors.evaluation_anonymised(access=access, survey=survey),
    }
    return render(request, "surveys/evaluation_detail.html", context)


def _download(content: bytes, filename: str, fmt: str) -> HttpResponse:
    content_type = spreadsheets.XLSX_TYPE if fmt == "xlsx" else "text/csv; charset=utf-8"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


def _filename(survey: Survey, what: str) -> str:
    from django.utils.text import slugify

    return f"{slugify(survey.title)[:60] or 'umfrage'}-{what}"


@coordinator_only
def answers_export(_request: HttpRequest, access: Access, pk: int, fmt: str) -> HttpResponse:
    survey = selectors.survey_get(access=access, pk=pk)
    if fmt == "xlsx":
        content = spreadsheets.answers_xlsx(survey)
    elif fmt == "csv":
        content = spreadsheets.answers_csv(survey)
    else:
        raise Http404(_("Unbekanntes Format."))
    return _download(content, _filename(survey, "antworten"), fmt)


@members_only
def evaluation_export(_request: HttpRequest, access: Access, pk: int, fmt: str) -> HttpResponse:
    if fmt not in ("xlsx", "csv"):
        raise Http404(_("Unbekanntes Format."))
    survey, result, names_for = _evaluation(access, pk)
    writer = spreadsheets.evaluation_xlsx if fmt == "xlsx" else spreadsheets.evaluation_csv
    content = writer(result, names_for, access.municipality_id)
    return _download(content, _filename(survey, "auswertung"), fmt)


@coordinator_only
@require_http_methods(["GET", "POST"])
def answers_import(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    survey = selectors.survey_get(access=access, pk=pk)
    form = ImportForm(form_data(request), request.FILES or None)
    errors: list[spreadsheet_import.CellError] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > spreadsheets.MAX_UPLOAD_BYTES:
            errors = [spreadsheet_import.CellError(0, "", _("Die Datei ist größer als 5 MB."))]
        else:
            plan = spreadsheet_import.plan_import(
                survey=survey, content=upload.read(), submit=form.cleaned_data["submit"]
            )
            errors = plan.errors
            if not errors:
                try:
                    count = services.responses_import(
                        survey=survey,
                        answers=plan.answers,
                        submit=form.cleaned_data["submit"],
                        actor_id=access.user_id,
                    )
                except ValidationError as error:
                    errors = [spreadsheet_import.CellError(0, "", m) for m in error.messages]
                else:
                    messages.success(
                        request,
                        ngettext(
                            "%(count)d Antwort importiert.",
                            "%(count)d Antworten importiert.",
                            count,
                        )
                        % {"count": count},
                    )
                    return redirect("surveys:detail", access.cooperation.slug, pk)
    context = {
        "survey": survey,
        "form": form,
        "errors": errors,
        "title": _("Antworten aus XLSX importieren"),
        "cancel_url": reverse("surveys:detail", args=[access.cooperation.slug, pk]),
    }
    status = form_status(request)
    return render(request, "surveys/import.html", context, status=status)
