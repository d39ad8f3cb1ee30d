"""Writes of surveys: building the questionnaire, sending it, answering, reopening.

Every service runs in one transaction, validates completely (German messages) and refuses
references into another cooperation. Answers are checked here again, whoever calls.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ikz.activity.events import Event
from ikz.activity.services import record_activity
from ikz.cooperation.models import Cooperation, Municipality
from ikz.meetings import services as meeting_services
from ikz.meetings.models import AgendaItem, Meeting
from ikz.surveys import events
from ikz.surveys.answers import check_answers, without_empty
from ikz.surveys.builtin import BUILTIN_TEMPLATES
from ikz.surveys.models import Question, Response, Survey

# The questionnaire's writes live in services_questions; their names stay importable from here.
from ikz.surveys.services_questions import (
    CHOICE_KINDS,
    NOT_EDITABLE,
    OTHER_COOPERATION,
    RESERVED_KEYS,
    _build_structure,
    _require_editable,
    _survey_url,
    german_slug,
    indicator_delete,
    indicator_save,
    question_delete,
    question_move,
    question_save,
    section_delete,
    section_save,
    structure_of,
)
from ikz.tracking import records as history


def _same_cooperation(obj: models.Model | None, cooperation_id: int, field: str) -> None:
    if obj is not None and getattr(obj, "cooperation_id", None) != cooperation_id:
        raise ValidationError({field: OTHER_COOPERATION})


def _log(survey: Survey, actor_id: int | None, event: Event, **data: Any) -> None:
    record_activity(
        cooperation=survey.cooperation,
        actor_id=actor_id,
        event=event,
        data={"title": survey.title, **data},
        url=_survey_url(survey),
        body=survey.body,
    )


# --- Surveys ---------------------------------------------------------------------------------


SURVEY_FIELDS = (
    "title",
    "description",
    "body",
    "project",
    "deadline",
    "evaluation_visibility",
    "is_template",
)


@transaction.atomic
def survey_save(
    *,
    cooperation: Cooperation,
    fields: dict[str, Any],
    survey: Survey | None = None,
    actor_id: int | None = None,  # noqa: ARG001 - no entry until sent (below); history records it
) -> Survey:
    if survey is not None and survey.cooperation_id != cooperation.pk:
        raise ValidationError(OTHER_COOPERATION)
    instance = survey or Survey(cooperation=cooperation)
    unknown = set(fields) - set(SURVEY_FIELDS)
    if unknown:
        raise ValidationError(
            _("Unbekannte Felder: %(fields)s") % {"fields": ", ".join(sorted(unknown))}
        )
    changes_template = bool(fields.get("is_template", instance.is_template))
    if changes_template != instance.is_template and not instance.is_editable:
        raise ValidationError({"is_template": _("Eine versendete Umfrage wird keine Vorlage.")})
    for name, value in fields.items():
        setattr(instance, name, value)
    _same_cooperation(instance.body, cooperation.pk, "body")
    _same_cooperation(instance.project, cooperation.pk, "project")
    instance.full_clean()
    instance.save()
    # No activity entry: members must not learn of a survey before it is sent.
    return instance


@transaction.atomic
def survey_delete(*, survey: Survey, actor_id: int | None = None) -> None:
    title, cooperation, was_sent = survey.title, survey.cooperation, survey.opened_at is not None
    survey.delete()
    if was_sent:
        record_activity(
            cooperation=cooperation,
            actor_id=actor_id,
            event=events.SURVEY_DELETED,
            data={"title": title},
        )


@transaction.atomic
def survey_from_definition(
    *,
    cooperation: Cooperation,
    definition: dict[str, Any],
    fields: dict[str, Any] | None = None,
    actor_id: int | None = None,
) -> Survey:
    base = {"title": definition["title"], "description": definition.get("description", "")}
    survey = survey_save(cooperation=cooperation, fields=base | (fields or {}), actor_id=actor_id)
    _build_structure(survey, definition)
    return survey


def survey_from_builtin(
    *,
    cooperation: Cooperation,
    key: str,
    fields: dict[str, Any] | None = None,
    actor_id: int | None = None,
) -> Survey:
    if key not in BUILTIN_TEMPLATES:
        raise ValidationError(_("Diese Vorlage gibt es nicht."))
    return survey_from_definition(
        cooperation=cooperation,
        definition=BUILTIN_TEMPLATES[key],
        fields=fields,
        actor_id=actor_id,
    )


def survey_copy(
    *, survey: Survey, fields: dict[str, Any] | None = None, actor_id: int | None = None
) -> Survey:
    """A new survey in preparation with the same questions (no answers)."""
    return survey_from_definition(
        cooperation=survey.cooperation,
        definition=structure_of(survey),
        fields=fields,
        actor_id=actor_id,
    )


def check_has_questions(survey: Survey) -> None:
    """A survey is sent only with questions; this service and the importer call this (the
    template and the deadline are the model's constraints)."""
    if not survey.questions.exists():
        raise ValidationError(_("Die Umfrage hat noch keine Fragen."))


def check_accepts_responses(survey: Survey) -> None:
    """Answers exist only for a sent survey (the spreadsheet's service and the importer)."""
    if survey.status == Survey.Status.DRAFT:
        raise ValidationError(_("Antworten können erst nach dem Versenden importiert werden."))


@transaction.atomic
def survey_open(*, survey: Survey, actor_id: int | None = None) -> Survey:
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if survey.is_template:
        raise ValidationError(_("Eine Vorlage kann nicht versendet werden."))
    if survey.status == Survey.Status.OPEN:
        raise ValidationError(_("Die Umfrage ist bereits offen."))
    if survey.deadline is None:
        raise ValidationError(_("Bitte vor dem Versenden eine Frist festlegen."))
    check_has_questions(survey)
    survey.status = Survey.Status.OPEN
    survey.opened_at = survey.opened_at or timezone.now()
    survey.full_clean()
    survey.save()
    deadline = survey.deadline.isoformat() if survey.deadline else ""
    _log(survey, actor_id, events.SURVEY_OPENED, deadline=deadline)
    return survey


@transaction.atomic
def survey_close(*, survey: Survey, actor_id: int | None = None) -> Survey:
    if survey.status != Survey.Status.OPEN:
        raise ValidationError(_("Nur eine offene Umfrage kann abgeschlossen werden."))
    survey.status = Survey.Status.CLOSED
    survey.save(update_fields=["status"])
    _log(survey, actor_id, events.SURVEY_CLOSED)
    return survey


# --- The evaluation on a meeting's agenda ----------------------------------------------------

AGENDA_OPEN_STATES = (Meeting.State.PLANNED, Meeting.State.INVITED, Meeting.State.HELD)


def evaluation_agenda_title(survey: Survey) -> str:
    return (_("Auswertung: %(title)s") % {"title": survey.title})[:300]


def check_evaluation_survey(survey: Survey) -> None:
    """Only a sent survey has an evaluation to discuss; this service and the importer (the
    survey's ``agenda_items``) both call this."""
    if survey.is_template or survey.status == Survey.Status.DRAFT:
        raise ValidationError(
            _("Nur die Auswertung einer versendeten Umfrage kann auf die Tagesordnung.")
        )


@transaction.atomic
def attach_evaluation_to_agenda(
    *,
    survey: Survey,
    meeting: Meeting,
    item: AgendaItem | None = None,
    actor_id: int | None = None,
) -> AgendaItem:
    """Put the survey's evaluation on the meeting's agenda: a new item "Auswertung: <title>"
    at the end, or ``item``, an existing item of the meeting, linked to the survey.

    Idempotent: if the meeting already has an item for the survey, that item is returned and
    nothing changes. Every real change raises the meeting's calendar SEQUENCE (agenda service).
    """
    if meeting.cooperation_id != survey.cooperation_id:
        raise ValidationError({"meeting": OTHER_COOPERATION})
    check_evaluation_survey(survey)
    existing = AgendaItem.objects.filter(meeting=meeting, survey=survey).first()
    if existing is not None:
        return existing
    if item is not None:
        if item.meeting_id != meeting.pk:
            raise ValidationError(
                {"item": _("Dieser Tagesordnungspunkt gehört zu einer anderen Sitzung.")}
            )
        if item.survey_id is not None:
            raise ValidationError(
                {"item": _("Dieser Tagesordnungspunkt ist bereits mit einer Umfrage verknüpft.")}
            )
        linked = meeting_services.agenda_item_set_survey(item=item, survey=survey)
    else:
        if meeting.state not in AGENDA_OPEN_STATES:
            raise ValidationError(
                {"meeting": _("Die Tagesordnung dieser Sitzung kann nicht mehr ergänzt werden.")}
            )
        linked = meeting_services.agenda_item_add(
            meeting=meeting, title=evaluation_agenda_title(survey), survey=survey
        )
    # Logged under the meeting's body: whoever sees that body's activity sees its agenda.
    record_activity(
        cooperation=meeting.cooperation,
        actor_id=actor_id,
        event=events.EVALUATION_ON_AGENDA,
        data={"title": survey.title, "heading": meeting.heading},
        url=meeting_services.meeting_url(meeting),
        body=meeting.body,
    )
    return linked


# --- Answers ---------------------------------------------------------------------------------


class ConflictError(ValidationError):
    """Someone else saved the same answer in the meantime."""


def _questions(survey: Survey) -> list[Question]:
    return list(survey.questions.all())


def _lock_response(survey: Survey, municipality: Municipality) -> Response:
    if municipality.cooperation_id != survey.cooperation_id:
        raise ValidationError(OTHER_COOPERATION)
    response, _created = Response.objects.select_for_update().get_or_create(
        survey=survey,
        municipality=municipality,
        defaults={"cooperation_id": survey.cooperation_id},
    )
    return response


@transaction.atomic
def response_save(
    *,
    survey: Survey,
    municipality: Municipality,
    data: dict[str, Any],
    version: int | None,
    submit: bool = False,
    actor_id: int | None = None,
) -> Response:
    """Save a municipality's answer as draft, or submit it (all required answers present).

    ``version`` is the version the form was loaded with; if someone else has saved since,
    ConflictError is raised and nothing is written.
    """
    if survey.status != Survey.Status.OPEN:
        raise ValidationError(_("Die Umfrage ist nicht offen; Antworten sind nicht möglich."))
    response = _lock_response(survey, municipality)
    if response.is_submitted:
        raise ValidationError(
            _("Die Antwort ist bereits abgegeben. Nur die Koordination kann sie wieder öffnen.")
        )
    if version is not None and response.pk and version != response.version:
        raise ConflictError(
            _(
                "Diese Antwort wurde inzwischen von jemand anderem gespeichert. Ihre Eingaben "
                "sind unten erhalten: bitte prüfen und noch einmal speichern."
            ),
            code="conflict",
        )
    cleaned = without_empty(data)
    errors = check_answers(_questions(survey), cleaned, complete=submit)
    if errors:
        raise ValidationError({f"q_{key}": message for key, message in errors.items()})
    response.data = cleaned
    response.version += 1
    response.updated_by_id = actor_id
    if submit:
        response.status = Response.Status.SUBMITTED
        response.submitted_at = timezone.now()
        response.submitted_by_id = actor_id
    response.full_clean()
    response.save()
    if submit:
        _log(survey, actor_id, events.RESPONSE_SUBMITTED, municipality=municipality.name)
    return response


@transaction.atomic
def response_reopen(*, response: Response, actor_id: int | None = None) -> Response:
    response = (
        Response.objects.select_for_update(of=("self",))
        .select_related("survey")
        .get(pk=response.pk)
    )
    if not response.is_submitted:
        raise ValidationError(_("Die Antwort ist nicht abgegeben."))
    response.status = Response.Status.DRAFT
    response.submitted_at = None
    response.submitted_by = None
    response.version += 1
    response.save()
    _log(
        response.survey,
        actor_id,
        events.RESPONSE_REOPENED,
        municipality=response.municipality.name,
    )
    return response


@transaction.atomic
def responses_import(
    *,
    survey: Survey,
    answers: dict[int, dict[str, Any]],
    submit: bool,
    actor_id: int | None = None,
) -> int:
    """Replace the answers of the given municipalities (ids) in one go; returns the count.

    Used by the spreadsheet import after the whole sheet was found clean: any error here
    rolls everything back.
    """
    check_accepts_responses(survey)
    municipalities = Municipality.objects.in_bulk(list(answers))
    if any(
        m is None or m.cooperation_id != survey.cooperation_id
        for m in (municipalities.get(pk) for pk in answers)
    ):
        raise ValidationError(OTHER_COOPERATION)
    questions = _questions(survey)
    # A few queries for the whole sheet, not a few per municipality.
    existing = {
        r.municipality_id: r
        for r in Response.objects.select_for_update().filter(
            survey=survey, municipality_id__in=list(answers)
        )
    }
    now = timezone.now()
    to_create, to_update = [], []
    for municipality_id, data in answers.items():
        municipality = municipalities[municipality_id]
        cleaned = without_empty(data)
        response = existing.get(municipality_id)
        if response is not None and response.is_submitted:
            if cleaned == response.data:
                continue
            raise ValidationError(
                _(
                    "Die Antwort von %(municipality)s ist bereits abgegeben; "
                    "bitte zuerst wieder öffnen."
                )
                % {"municipality": municipality.name}
            )
        errors = check_answers(questions, cleaned, complete=submit)
        if errors:
            raise ValidationError(f"{municipality.name}: {next(iter(errors.values()))}")
        if response is None:
            response = Response(
                cooperation_id=survey.cooperation_id, survey=survey, municipality=municipality
            )
            to_create.append(response)
        else:
            to_update.append(response)
            response.version += 1
        response.data = cleaned
        response.updated_by_id = actor_id
        response.updated_at = now
        if submit:
            response.status = Response.Status.SUBMITTED
            response.submitted_at = now
            response.submitted_by_id = actor_id
    history.bulk_create(Response, to_create, batch_size=500)
    history.bulk_update(
        Response,
        to_update,
        ["data", "version", "updated_by", "updated_at", "status", "submitted_at", "submitted_by"],
        batch_size=500,
    )
    changed = len(to_create) + len(to_update)
    _log(survey, actor_id, events.RESPONSES_IMPORTED, count=changed)
    return changed


__all__ = [
    "AGENDA_OPEN_STATES",
    "CHOICE_KINDS",
    "NOT_EDITABLE",
    "OTHER_COOPERATION",
    "RESERVED_KEYS",
    "SURVEY_FIELDS",
    "ConflictError",
    "_build_structure",
    "_require_editable",
    "_survey_url",
    "attach_evaluation_to_agenda",
    "check_accepts_responses",
    "check_evaluation_survey",
    "check_has_questions",
    "evaluation_agenda_title",
    "german_slug",
    "indicator_delete",
    "indicator_save",
    "question_delete",
    "question_move",
    "question_save",
    "response_reopen",
    "response_save",
    "responses_import",
    "section_delete",
    "section_save",
    "structure_of",
    "survey_close",
    "survey_copy",
    "survey_delete",
    "survey_from_builtin",
    "survey_from_definition",
    "survey_open",
    "survey_save",
]
