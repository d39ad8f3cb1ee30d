"""Writes of surveys: building the questionnaire, sending it, answering, reopening.

Every service runs in one transaction, validates completely (German messages) and refuses
references into another cooperation. Answers are checked here again, whoever calls.
"""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ikz.activity.events import Event
from ikz.activity.services import record_activity
from ikz.cooperation.models import Cooperation, Municipality
from ikz.history import tracking as history
from ikz.meetings import services as meeting_services
from ikz.meetings.models import AgendaItem, Meeting
from ikz.surveys import events
from ikz.surveys.answers import check_answers, without_empty
from ikz.surveys.builtin import BUILTIN_TEMPLATES
from ikz.surveys.formulas import MUNICIPALITY_NAMES, FormulaError, parse_formula
from ikz.surveys.models import Indicator, Question, Response, Section, Survey

NOT_EDITABLE = gettext_lazy(
    "Die Umfrage ist bereits versendet; Abschnitte und Fragen sind nicht mehr änderbar."
)
OTHER_COOPERATION = gettext_lazy("Dieser Eintrag gehört zu einer anderen Kooperation.")
CHOICE_KINDS = (Question.Kind.SINGLE_CHOICE, Question.Kind.MULTIPLE_CHOICE)
RESERVED_KEYS = frozenset(MUNICIPALITY_NAMES) | {"min", "max", "abs"}


def _same_cooperation(obj: models.Model | None, cooperation_id: int, field: str) -> None:
    if obj is not None and getattr(obj, "cooperation_id", None) != cooperation_id:
        raise ValidationError({field: OTHER_COOPERATION})


def _survey_url(survey: Survey) -> str:
    return reverse("surveys:detail", args=[survey.cooperation.slug, survey.pk])


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
    actor_id: int | None = None,
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


def structure_of(survey: Survey) -> dict[str, Any]:
    """The questionnaire as plain data (the format of builtin.py): for copies and exports."""
    sections = []
    questions = list(survey.questions.order_by("position", "pk"))
    for section in survey.sections.order_by("position", "pk"):
        sections.append(
            {
                "title": section.title,
                "description": section.description,
                "questions": [
                    {
                        "key": q.key,
                        "text": q.text,
                        "help_text": q.help_text,
                        "kind": q.kind,
                        "required": q.required,
                        "unit": q.unit,
                        "min": None if q.min_value is None else str(q.min_value),
                        "max": None if q.max_value is None else str(q.max_value),
                        "choices": list(q.choices),
                        "rows": list(q.table_rows),
                        "columns": [dict(c) for c in q.table_columns],
                    }
                    for q in questions
                    if q.section_id == section.pk
                ],
            }
        )
    indicators = [
        {"key": i.key, "name": i.name, "formula": i.formula, "unit": i.unit}
        for i in survey.indicators.order_by("position", "pk")
    ]
    return {
        "title": survey.title,
        "description": survey.description,
        "sections": sections,
        "indicators": indicators,
    }


def _build_structure(survey: Survey, definition: dict[str, Any]) -> None:
    for s_index, section_data in enumerate(definition.get("sections", [])):
        section = section_save(
            survey=survey,
            fields={
                "title": section_data["title"],
                "description": section_data.get("description", ""),
            },
        )
        section.position = s_index
        section.save(update_fields=["position"])
        for q in section_data.get("questions", []):
            question_save(
                survey=survey,
                fields={
                    "section": section,
                    "key": q.get("key", ""),
                    "text": q["text"],
                    "help_text": q.get("help_text", ""),
                    "kind": q.get("kind", Question.Kind.NUMBER),
                    "required": q.get("required", True),
                    "unit": q.get("unit", ""),
                    "min_value": q.get("min"),
                    "max_value": q.get("max"),
                    "choices": q.get("choices", []),
                    "table_rows": q.get("rows", []),
                    "table_columns": q.get("columns", []),
                },
            )
    kinds = dict(survey.questions.values_list("key", "kind"))
    for indicator in definition.get("indicators", []):
        indicator_save(survey=survey, fields=dict(indicator), question_kinds=kinds)


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


@transaction.atomic
def survey_open(*, survey: Survey, actor_id: int | None = None) -> Survey:
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if survey.is_template:
        raise ValidationError(_("Eine Vorlage kann nicht versendet werden."))
    if survey.status == Survey.Status.OPEN:
        raise ValidationError(_("Die Umfrage ist bereits offen."))
    if survey.deadline is None:
        raise ValidationError(_("Bitte vor dem Versenden eine Frist festlegen."))
    if not survey.questions.exists():
        raise ValidationError(_("Die Umfrage hat noch keine Fragen."))
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
    if survey.is_template or survey.status == Survey.Status.DRAFT:
        raise ValidationError(
            _("Nur die Auswertung einer versendeten Umfrage kann auf die Tagesordnung.")
        )
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


# --- Sections and questions ------------------------------------------------------------------


def _require_editable(survey: Survey) -> None:
    if not survey.is_editable:
        raise ValidationError(NOT_EDITABLE)


def _next_position(queryset: models.QuerySet[Any]) -> int:
    return (queryset.aggregate(top=Max("position"))["top"] or 0) + 1


@transaction.atomic
def section_save(
    *, survey: Survey, fields: dict[str, Any], section: Section | None = None
) -> Section:
    _require_editable(survey)
    if section is not None and section.survey_id != survey.pk:
        raise ValidationError(OTHER_COOPERATION)
    instance = section or Section(
        survey=survey,
        cooperation_id=survey.cooperation_id,
        position=_next_position(survey.sections.all()),
    )
    instance.title = fields.get("title", instance.title)
    instance.description = fields.get("description", instance.description)
    instance.full_clean()
    instance.save()
    return instance


@transaction.atomic
def section_delete(*, section: Section, actor_id: int | None = None) -> None:
    survey = section.survey
    _require_editable(survey)
    title = section.title
    section.delete()
    _log_structure(survey, actor_id, events.SECTION_DELETED, section=title)


def _log_structure(survey: Survey, actor_id: int | None, event: Event, **data: Any) -> None:
    """A change of the questionnaire: for the coordination only (an unsent survey is not
    announced to members, see ``survey_save``)."""
    record_activity(
        cooperation=survey.cooperation,
        actor_id=actor_id,
        event=event,
        data={"title": survey.title, **data},
        url=_survey_url(survey),
        body=survey.body,
        coordinators_only=True,
    )


_UMLAUTS = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"}
)


def german_slug(text: str, length: int = 32) -> str:
    """ "Straßennetz in km" → "strassennetz_in_km"."""
    slug = slugify(text.translate(_UMLAUTS)).replace("-", "_")
    return re.sub(r"[^a-z0-9_]", "", slug)[:length].strip("_")


def _unique_key(survey: Survey, text: str, exclude_pk: int | None) -> str:
    base = german_slug(text) or "frage"
    if not base[0].isalpha():
        base = f"f_{base}"[:32]
    others = survey.questions.exclude(pk=exclude_pk) if exclude_pk else survey.questions.all()
    taken = set(others.values_list("key", flat=True))
    taken |= set(survey.indicators.values_list("key", flat=True)) | RESERVED_KEYS
    key, n = base, 2
    while key in taken:
        key, n = f"{base}_{n}", n + 1
    return key


def _clean_lines(values: Any, field: str, label: str) -> list[str]:
    lines = [str(v).strip() for v in (values or []) if str(v).strip()]
    if len(set(lines)) != len(lines):
        raise ValidationError(
            {field: _("%(label)s: jeder Eintrag darf nur einmal vorkommen.") % {"label": label}}
        )
    if any(len(line) > 200 for line in lines):
        raise ValidationError(
            {field: _("%(label)s: höchstens 200 Zeichen je Eintrag.") % {"label": label}}
        )
    return lines


def _clean_columns(columns: Any) -> list[dict[str, str]]:
    cleaned = []
    for column in columns or []:
        label = str(column.get("label", "")).strip()
        kind = column.get("kind", "number")
        if not label:
            raise ValidationError({"table_columns": _("Jede Spalte braucht eine Bezeichnung.")})
        if kind not in ("number", "text"):
            raise ValidationError({"table_columns": _("Spalten sind Zahl oder Text.")})
        key = str(column.get("key") or "") or german_slug(label, 30) or "spalte"
        if not re.fullmatch(r"[a-z0-9_]{1,40}", key):
            raise ValidationError(
                {"table_columns": _("„%(key)s“ ist kein gültiges Spaltenkürzel.") % {"key": key}}
            )
        cleaned.append(
            {"key": key, "label": label[:100], "kind": kind, "unit": str(column.get("unit", ""))}
        )
    if len({c["key"] for c in cleaned}) != len(cleaned):
        raise ValidationError({"table_columns": _("Zwei Spalten haben dieselbe Bezeichnung.")})
    return cleaned


@transaction.atomic
def question_save(
    *, survey: Survey, fields: dict[str, Any], question: Question | None = None
) -> Question:
    _require_editable(survey)
    if question is not None and question.survey_id != survey.pk:
        raise ValidationError(OTHER_COOPERATION)
    section = fields.get("section") or (question.section if question else None)
    if section is None:
        section = survey.sections.first() or section_save(
            survey=survey, fields={"title": _("Allgemeine Angaben")}
        )
    if section.survey_id != survey.pk:
        raise ValidationError({"section": _("Dieser Abschnitt gehört zu einer anderen Umfrage.")})
    instance = question or Question(survey=survey, cooperation_id=survey.cooperation_id)
    if instance.pk is None or instance.section_id != section.pk:
        instance.position = _next_position(section.questions.all())
    instance.section = section
    for name in ("text", "help_text", "kind", "required", "unit", "min_value", "max_value"):
        if name in fields:
            setattr(instance, name, fields[name])
    kind = instance.kind
    instance.choices = _clean_lines(
        fields.get("choices", instance.choices), "choices", _("Auswahlmöglichkeiten")
    )
    instance.table_rows = _clean_lines(
        fields.get("table_rows", instance.table_rows), "table_rows", _("Tabellenzeilen")
    )
    instance.table_columns = _clean_columns(fields.get("table_columns", instance.table_columns))
    if kind in CHOICE_KINDS and len(instance.choices) < 2:
        raise ValidationError({"choices": _("Bitte mindestens zwei Auswahlmöglichkeiten angeben.")})
    if kind == Question.Kind.TABLE and not (instance.table_rows and instance.table_columns):
        raise ValidationError({"table_rows": _("Eine Tabelle braucht Zeilen und Spalten.")})
    if kind not in CHOICE_KINDS:
        instance.choices = []
    if kind != Question.Kind.TABLE:
        instance.table_rows, instance.table_columns = [], []
    if kind != Question.Kind.NUMBER:
        instance.min_value = instance.max_value = None
        if kind != Question.Kind.TABLE:
            instance.unit = ""
    key = (fields.get("key") or "").strip() or instance.key
    if not key:
        key = _unique_key(survey, instance.text, instance.pk)
    if key in RESERVED_KEYS or survey.indicators.filter(key=key).exists():
        raise ValidationError(
            {"key": _("Das Kürzel „%(key)s“ ist bereits vergeben.") % {"key": key}}
        )
    instance.key = key
    instance.full_clean()
    instance.save()
    return instance


@transaction.atomic
def question_delete(*, question: Question, actor_id: int | None = None) -> None:
    survey = question.survey
    _require_editable(survey)
    text = question.text
    question.delete()
    _log_structure(survey, actor_id, events.QUESTION_DELETED, question=text[:120])


@transaction.atomic
def question_move(*, question: Question, direction: int) -> None:
    """Swap the question with its neighbour in the section (direction -1 up, +1 down)."""
    _require_editable(question.survey)
    siblings = list(question.section.questions.order_by("position", "pk"))
    index = next(i for i, q in enumerate(siblings) if q.pk == question.pk)
    other = index + direction
    if not 0 <= other < len(siblings):
        return
    siblings[index], siblings[other] = siblings[other], siblings[index]
    for position, sibling in enumerate(siblings):
        if sibling.position != position:
            sibling.position = position
            sibling.save(update_fields=["position"])


# --- Derived indicators ----------------------------------------------------------------------


@transaction.atomic
def indicator_save(
    *,
    survey: Survey,
    fields: dict[str, Any],
    indicator: Indicator | None = None,
    question_kinds: dict[str, str] | None = None,
) -> Indicator:
    """``question_kinds`` (key → kind of every question) saves a query per indicator in loops."""
    if indicator is not None and indicator.survey_id != survey.pk:
        raise ValidationError(OTHER_COOPERATION)
    instance = indicator or Indicator(
        survey=survey,
        cooperation_id=survey.cooperation_id,
        position=_next_position(survey.indicators.all()),
    )
    for name in ("key", "name", "formula", "unit"):
        if name in fields:
            setattr(instance, name, (fields[name] or "").strip())
    kinds = question_kinds or dict(survey.questions.values_list("key", "kind"))
    number_keys = {key for key, kind in kinds.items() if kind == Question.Kind.NUMBER}
    try:
        parse_formula(instance.formula, number_keys)
    except FormulaError as error:
        raise ValidationError({"formula": str(error)}) from error
    if not instance.key:
        instance.key = _unique_key(survey, instance.name, None)
    if instance.key in RESERVED_KEYS or instance.key in kinds:
        raise ValidationError(
            {"key": _("Das Kürzel „%(key)s“ ist bereits vergeben.") % {"key": instance.key}}
        )
    instance.full_clean()
    instance.save()
    return instance


@transaction.atomic
def indicator_delete(*, indicator: Indicator, actor_id: int | None = None) -> None:
    survey, name = indicator.survey, indicator.name
    indicator.delete()
    _log_structure(survey, actor_id, events.INDICATOR_DELETED, indicator=name)


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
    if survey.status == Survey.Status.DRAFT:
        raise ValidationError(_("Antworten können erst nach dem Versenden importiert werden."))
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
