"""Pages of the questionnaire builder and the survey overview. Thin: guard, selectors,
services."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ikz.accounts.access import Access
from ikz.cooperation.guards import coordinator_only, members_only
from ikz.surveys import selectors, services
from ikz.surveys.forms import IndicatorForm, QuestionForm, SectionForm, SurveyCreateForm, SurveyForm
from ikz.surveys.models import Survey
from ikz.ui.formviews import form_data, form_status, submit
from ikz.ui.htmx import is_htmx


def _form_page(
    request: HttpRequest,
    *,
    form: object,
    title: str,
    cancel_url: str,
    survey: Survey | None = None,
    **extra: object,
) -> HttpResponse:
    context = {"form": form, "title": title, "cancel_url": cancel_url, "survey": survey, **extra}
    status = form_status(request)
    return render(request, "surveys/form.html", context, status=status)


def _detail_url(access: Access, pk: int) -> str:
    return reverse("surveys:detail", args=[access.cooperation.slug, pk])


def _refuse(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@members_only
def survey_list(request: HttpRequest, access: Access) -> HttpResponse:
    surveys = list(selectors.survey_list(access=access))
    own = {s.pk: s.own_status for s in selectors.open_surveys(access=access)}  # type: ignore[attr-defined]
    for survey in surveys:
        survey.own_status = own.get(survey.pk)  # type: ignore[attr-defined]
    context = {
        "surveys": [s for s in surveys if not s.is_template],
        "templates": [s for s in surveys if s.is_template],
        "municipality_count": access.cooperation.municipalities.count(),
    }
    return render(request, "surveys/survey_list.html", context)


@coordinator_only
@require_http_methods(["GET", "POST"])
def survey_create(request: HttpRequest, access: Access) -> HttpResponse:
    form = SurveyCreateForm(form_data(request), cooperation=access.cooperation)

    def create() -> Survey:
        source = form.cleaned_data["source"]
        fields = form.model_fields()
        if source.startswith("builtin:"):
            return services.survey_from_builtin(
                cooperation=access.cooperation,
                key=source.removeprefix("builtin:"),
                fields=fields,
                actor_id=access.user_id,
            )
        if source.startswith("survey:"):
            original = selectors.survey_get(access=access, pk=int(source.removeprefix("survey:")))
            return services.survey_copy(survey=original, fields=fields, actor_id=access.user_id)
        return services.survey_save(
            cooperation=access.cooperation, fields=fields, actor_id=access.user_id
        )

    saved = submit(request, form, create)
    if saved:
        messages.success(request, _("Umfrage „%(title)s“ angelegt.") % {"title": saved.title})
        return redirect("surveys:detail", access.cooperation.slug, saved.pk)
    return _form_page(
        request,
        form=form,
        title=_("Umfrage anlegen"),
        cancel_url=reverse("surveys:list", args=[access.cooperation.slug]),
    )


@members_only
def survey_detail(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    survey = selectors.survey_get(access=access, pk=pk)
    progress = selectors.survey_progress(access=access, survey=survey)
    context = {
        "survey": survey,
        "sections": selectors.survey_structure(survey=survey) if access.is_coordinator else [],
        "indicators": selectors.survey_indicators(survey=survey) if access.is_coordinator else [],
        "progress": progress,
        "counts": selectors.progress_counts(progress),
        "evaluation_allowed": selectors.evaluation_allowed(access=access, survey=survey),
    }
    if is_htmx(request) and request.GET.get("teil") == "fortschritt":
        return render(request, "surveys/_progress.html", context)
    context["project"] = selectors.survey_project(access=access, survey=survey)
    return render(request, "surveys/survey_detail.html", context)


@coordinator_only
@require_http_methods(["GET", "POST"])
def survey_edit(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    survey = selectors.survey_get(access=access, pk=pk)
    form = SurveyForm(form_data(request), instance=survey, cooperation=access.cooperation)
    saved = submit(
        request,
        form,
        lambda: services.survey_save(
            cooperation=access.cooperation,
            survey=survey,
            fields=form.model_fields(),
            actor_id=access.user_id,
        ),
    )
    if saved:
        messages.success(request, _("Umfrage gespeichert."))
        return redirect("surveys:detail", access.cooperation.slug, pk)
    return _form_page(
        request,
        form=form,
        title=_("„%(title)s“ bearbeiten") % {"title": survey.title},
        cancel_url=_detail_url(access, pk),
        survey=survey,
    )


@coordinator_only
@require_http_methods(["GET", "POST"])
def survey_delete(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    survey = selectors.survey_get(access=access, pk=pk)
    if request.method == "POST":
        services.survey_delete(survey=survey, actor_id=access.user_id)
        messages.success(request, _("Umfrage „%(title)s“ gelöscht.") % {"title": survey.title})
        return redirect("surveys:list", access.cooperation.slug)
    context = {
        "title": _("Umfrage löschen"),
        "object_label": survey.title,
        "consequences": [
            _("Alle Fragen und alle Antworten der Kommunen werden ebenfalls gelöscht.")
        ],
        "cancel_url": _detail_url(access, pk),
    }
    return render(request, "ui/confirm_delete.html", context)


@coordinator_only
@require_POST
def survey_status(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    survey = selectors.survey_get(access=access, pk=pk)
    action = request.POST.get("aktion")
    try:
        if action == "versenden":
            services.survey_open(survey=survey, actor_id=access.user_id)
            messages.success(
                request, _("Die Umfrage ist versendet; die Kommunen können antworten.")
            )
        elif action == "abschliessen":
            services.survey_close(survey=survey, actor_id=access.user_id)
            messages.success(request, _("Die Umfrage ist abgeschlossen."))
        else:
            messages.error(request, _("Unbekannte Aktion."))
    except ValidationError as error:
        _refuse(request, error)
    return redirect("surveys:detail", access.cooperation.slug, pk)


@coordinator_only
@require_POST
def survey_copy(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    survey = selectors.survey_get(access=access, pk=pk)
    as_template = request.POST.get("vorlage") == "1"
    suffix = " (Vorlage)" if as_template else " (Kopie)"
    copy = services.survey_copy(
        survey=survey,
        fields={
            "title": f"{survey.title[:185]}{suffix}",
            "is_template": as_template,
            "body": survey.body,
            "project": survey.project,
        },
        actor_id=access.user_id,
    )
    messages.success(request, _("„%(title)s“ angelegt.") % {"title": copy.title})
    return redirect("surveys:detail", access.cooperation.slug, copy.pk)


# --- Sections, questions, indicators ---------------------------------------------------------


@coordinator_only
@require_http_methods(["GET", "POST"])
def section_edit(
    request: HttpRequest, access: Access, pk: int, section_pk: int | None = None
) -> HttpResponse:
    survey = selectors.survey_get(access=access, pk=pk)
    section = selectors.section_get(survey=survey, pk=section_pk) if section_pk else None
    form = SectionForm(form_data(request), instance=section)
    saved = submit(
        request,
        form,
        lambda: services.section_save(survey=survey, section=section, fields=form.cleaned_data),
    )
    if saved:
        messages.success(request, _("Abschnitt „%(title)s“ gespeichert.") % {"title": saved.title})
        return redirect("surveys:detail", access.cooperation.slug, pk)
    return _form_page(
        request,
        form=form,
        survey=survey,
        title=_("Abschnitt bearbeiten") if section else _("Abschnitt anlegen"),
        cancel_url=_detail_url(access, pk),
    )


@coordinator_only
@require_http_methods(["GET", "POST"])
def section_delete(request: HttpRequest, access: Access, pk: int, section_pk: int) -> HttpResponse:
    survey = selectors.survey_get(access=access, pk=pk)
    section = selectors.section_get(survey=survey, pk=section_pk)
    if request.method == "POST":
        try:
            services.section_delete(section=section, actor_id=access.user_id)
            messages.success(
                request, _("Abschnitt „%(title)s“ gelöscht.") % {"title": section.title}
            )
        except ValidationError as error:
            _refuse(request, error)
        return redirect("surveys:detail", access.cooperation.slug, pk)
    context = {
        "title": _("Abschnitt löschen"),
        "object_label": section.title,
        "consequences": [_("Alle Fragen des Abschnitts werden ebenfalls gelöscht.")],
        "cancel_url": _detail_url(access, pk),
    }
    return render(request, "ui/confirm_delete.html", context)


@coordinator_only
@require_http_methods(["GET", "POST"])
def question_edit(
    request: HttpRequest, access: Access, pk: int, question_pk: int | None = None
) -> HttpResponse:
    survey = selectors.survey_get(access=access, pk=pk)
    question = selectors.question_get(survey=survey, pk=question_pk) if question_pk else None
    initial = {"section": request.GET.get("abschnitt")} if question is None else None
    form = QuestionForm(form_data(request), survey=survey, question=question, initial=initial)
    saved = submit(
        request,
        form,
        lambda: services.question_save(
            survey=survey, question=question, fields=form.service_fields()
        ),
        version_of=question,
    )
    if saved:
        messages.success(request, _("Frage „%(text)s“ gespeichert.") % {"text": saved.text})
        return redirect(f"{_detail_url(access, pk)}#frage-{saved.pk}")
    return _form_page(
        request,
        form=form,
        survey=survey,
        title=_("Frage bearbeiten") if question else _("Frage anlegen"),
        cancel_url=_detail_url(access, pk),
    )


@coordinator_only
@require_http_methods(["GET", "POST"])
def question_delete(
    request: HttpRequest, access: Access, pk: int, question_pk: int
) -> HttpResponse:
    survey = selectors.survey_get(access=access, pk=pk)
    question = selectors.question_get(survey=survey, pk=question_pk)
    if request.method == "POST":
        try:
            services.question_delete(question=question, actor_id=access.user_id)
            messages.success(request, _("Frage „%(text)s“ gelöscht.") % {"text": question.text})
        except ValidationError as error:
            _refuse(request, error)
        return redirect("surveys:detail", access.cooperation.slug, pk)
    context = {
        "title": _("Frage löschen"),
        "object_label": question.text,
        "consequences": [],
        "cancel_url": _detail_url(access, pk),
    }
    return render(request, "ui/confirm_delete.html", context)


@coordinator_only
@require_POST
def question_move(request: HttpRequest, access: Access, pk: int, question_pk: int) -> HttpResponse:
    survey = selectors.survey_get(access=access, pk=pk)
    question = selectors.question_get(survey=survey, pk=question_pk)
    try:
        services.question_move(
            question=question, direction=-1 if request.POST.get("richtung") == "hoch" else 1
        )
    except ValidationError as error:
        _refuse(request, error)
    return redirect(f"{_detail_url(access, pk)}#frage-{question.pk}")


@coordinator_only
@require_http_methods(["GET", "POST"])
def indicator_edit(
    request: HttpRequest, access: Access, pk: int, indicator_pk: int | None = None
) -> HttpResponse:
    survey = selectors.survey_get(access=access, pk=pk)
    indicator = selectors.indicator_get(survey=survey, pk=indicator_pk) if indicator_pk else None
    form = IndicatorForm(form_data(request), instance=indicator)
    saved = submit(
        request,
        form,
        lambda: services.indicator_save(
            survey=survey, indicator=indicator, fields=form.service_fields()
        ),
    )
    if saved:
        messages.success(request, _("Kennzahl „%(name)s“ gespeichert.") % {"name": saved.name})
        return redirect(f"{_detail_url(access, pk)}#kennzahlen")
    number_keys = selectors.number_questions(survey=survey)
    return _form_page(
        request,
        form=form,
        survey=survey,
        title=_("Kennzahl bearbeiten") if indicator else _("Abgeleitete Kennzahl anlegen"),
        cancel_url=_detail_url(access, pk),
        number_questions=number_keys,
    )


@coordinator_only
@require_http_methods(["GET", "POST"])
def indicator_delete(
    request: HttpRequest, access: Access, pk: int, indicator_pk: int
) -> HttpResponse:
    survey = selectors.survey_get(access=access, pk=pk)
    indicator = selectors.indicator_get(survey=survey, pk=indicator_pk)
    if request.method == "POST":
        services.indicator_delete(indicator=indicator, actor_id=access.user_id)
        messages.success(request, _("Kennzahl „%(name)s“ gelöscht.") % {"name": indicator.name})
        return redirect("surveys:detail", access.cooperation.slug, pk)
    context = {
        "title": _("Kennzahl löschen"),
        "object_label": indicator.name,
        "consequences": [],
        "cancel_url": _detail_url(access, pk),
    }
    return render(request, "ui/confirm_delete.html", context)
