"""Surveys in the exchange file: questionnaires, indicators, the municipalities' answers and
the reminders sent (see docs/data-exchange.md and docs/surveys.md).

A survey names its project (``"project"``, a number of the projects section) and the agenda
items that discuss its evaluation (``"agenda_items"``, numbers of the meetings section): the
meetings section comes first and cannot refer forward, so the link is written here.

Answers are written keyed by question key (``{"strassen_km": 85.4}``), never by database id.
Who saved or submitted an answer is a log-in and, like all log-ins, not part of the file.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ikz.cooperation.models import Body, Cooperation, Municipality
from ikz.exchange.fields import Record, create, iso_date, records, validation_message
from ikz.exchange.protocol import ExchangeError, ExportIds, ImportRefs, describe
from ikz.meetings.models import AgendaItem
from ikz.projects.models import Project
from ikz.surveys import services
from ikz.surveys.answers import check_answers
from ikz.surveys.models import Indicator, Question, Reminder, Response, Section, Survey

NAME = "surveys"

SURVEY_KEYS = (
    "id",
    "title",
    "description",
    "body",
    "project",
    "status",
    "deadline",
    "is_template",
    "evaluation_visibility",
    "opened_at",
    "sections",
    "indicators",
    "responses",
    "reminders",
    "agenda_items",
)
SECTION_KEYS = ("title", "description", "questions")
QUESTION_KEYS = (
    "key",
    "text",
    "help_text",
    "kind",
    "required",
    "unit",
    "min",
    "max",
    "choices",
    "rows",
    "columns",
)
COLUMN_KEYS = ("key", "label", "kind", "unit")
INDICATOR_KEYS = ("key", "name", "formula", "unit")
RESPONSE_KEYS = ("municipality", "status", "submitted_at", "answers")
REMINDER_KEYS = ("municipality", "sent_on", "recipients")


def _iso_datetime(value: dt.datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def _decimal(value: Any) -> str | None:
    return None if value is None else f"{value:f}"


def export_section(*, cooperation: Cooperation, ids: ExportIds) -> list[dict[str, Any]]:
    surveys = list(
        Survey.objects.filter(cooperation=cooperation)
        .select_related("body", "project")
        .order_by("pk")
    )
    agenda_items: dict[int, list[AgendaItem]] = defaultdict(list)
    for item in AgendaItem.objects.filter(cooperation=cooperation, survey__isnull=False):
        agenda_items[item.survey_id].append(item)  # type: ignore[index]
    sections: dict[int, list[Section]] = defaultdict(list)
    for section in Section.objects.filter(cooperation=cooperation).order_by("position", "pk"):
        sections[section.survey_id].append(section)
    questions: dict[int, list[Question]] = defaultdict(list)
    for question in Question.objects.filter(cooperation=cooperation).order_by("position", "pk"):
        questions[question.section_id].append(question)
    indicators: dict[int, list[Indicator]] = defaultdict(list)
    for indicator in Indicator.objects.filter(cooperation=cooperation).order_by("position", "pk"):
        indicators[indicator.survey_id].append(indicator)
    responses: dict[int, list[Response]] = defaultdict(list)
    for response in (
        Response.objects.filter(cooperation=cooperation)
        .select_related("municipality")
        .order_by("municipality__name", "pk")
    ):
        responses[response.survey_id].append(response)
    reminders: dict[int, list[Reminder]] = defaultdict(list)
    for reminder in (
        Reminder.objects.filter(cooperation=cooperation)
        .select_related("municipality")
        .order_by("sent_on", "pk")
    ):
        reminders[reminder.survey_id].append(reminder)
    result = []
    for survey in surveys:
        keys = {q.pk: q.key for s in sections[survey.pk] for q in questions[s.pk]}
        result.append(
            {
                "id": ids.of(survey),
                "title": survey.title,
                "description": survey.description,
                "body": ids.maybe(survey.body),
                "project": ids.maybe(survey.project),
                "status": survey.status,
                "deadline": iso_date(survey.deadline),
                "is_template": survey.is_template,
                "evaluation_visibility": survey.evaluation_visibility,
                "opened_at": _iso_datetime(survey.opened_at),
                "sections": [
                    {
                        "title": section.title,
                        "description": section.description,
                        "questions": [_question(q) for q in questions[section.pk]],
                    }
                    for section in sections[survey.pk]
                ],
                "indicators": [
                    {"key": i.key, "name": i.name, "formula": i.formula, "unit": i.unit}
                    for i in indicators[survey.pk]
                ],
                "responses": [
                    {
                        "municipality": ids.of(r.municipality),
                        "status": r.status,
                        "submitted_at": _iso_datetime(r.submitted_at),
                        "answers": {keys[int(k)]: v for k, v in r.data.items() if int(k) in keys},
                    }
                    for r in responses[survey.pk]
                ],
                "reminders": [
                    {
                        "municipality": ids.of(r.municipality),
                        "sent_on": iso_date(r.sent_on),
                        "recipients": r.recipients,
                    }
                    for r in reminders[survey.pk]
                ],
                # The meetings section numbered the agenda items already.
                "agenda_items": sorted(ids.of(item) for item in agenda_items[survey.pk]),
            }
        )
    return result


def _question(question: Question) -> dict[str, Any]:
    return {
        "key": question.key,
        "text": question.text,
        "help_text": question.help_text,
        "kind": question.kind,
        "required": question.required,
        "unit": question.unit,
        "min": _decimal(question.min_value),
        "max": _decimal(question.max_value),
        "choices": list(question.choices),
        "rows": list(question.table_rows),
        "columns": [dict(c) for c in question.table_columns],
    }


# --- Import ----------------------------------------------------------------------------------


def _texts(record: Record, key: str) -> list[str]:
    value = record.raw(key)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ExchangeError(
            _("Erwartet wird eine Liste von Texten, nicht %(value)s.") % {"value": describe(value)},
            path=record.at(key),
        )
    return value


def _datetime(record: Record, key: str) -> dt.datetime | None:
    return record.datetime(key)


def _definition(record: Record) -> dict[str, Any]:
    sections = []
    for section in records(record.raw("sections") or [], record.at("sections"), keys=SECTION_KEYS):
        questions = []
        for q in records(
            section.raw("questions") or [], section.at("questions"), keys=QUESTION_KEYS
        ):
            columns = [
                {
                    "key": c.text("key"),
                    "label": c.text("label", required=True),
                    "kind": c.text("kind") or "number",
                    "unit": c.text("unit"),
                }
                for c in records(q.raw("columns") or [], q.at("columns"), keys=COLUMN_KEYS)
            ]
            questions.append(
                {
                    "key": q.text("key", required=True),
                    "text": q.text("text", required=True),
                    "help_text": q.text("help_text"),
                    "kind": q.choice("kind", Question.Kind, default=Question.Kind.NUMBER),
                    "required": q.boolean("required", default=True),
                    "unit": q.text("unit"),
                    "min": q.decimal("min"),
                    "max": q.decimal("max"),
                    "choices": _texts(q, "choices"),
                    "rows": _texts(q, "rows"),
                    "columns": columns,
                }
            )
        sections.append(
            {
                "title": section.text("title", required=True),
                "description": section.text("description"),
                "questions": questions,
            }
        )
    indicators = [
        {
            "key": i.text("key", required=True),
            "name": i.text("name", required=True),
            "formula": i.text("formula", required=True),
            "unit": i.text("unit"),
        }
        for i in records(
            record.raw("indicators") or [], record.at("indicators"), keys=INDICATOR_KEYS
        )
    ]
    return {"sections": sections, "indicators": indicators}


def _import_survey(record: Record, cooperation: Cooperation, refs: ImportRefs) -> None:
    number = record.number()
    survey = create(
        Survey(
            cooperation=cooperation,
            title=record.text("title", required=True),
            description=record.text("description"),
            body=record.ref("body", Body, refs),
            project=record.ref("project", Project, refs),
            evaluation_visibility=record.choice(
                "evaluation_visibility", Survey.Visibility, default=Survey.Visibility.COORDINATION
            ),
        ),
        path=record.path,
    )
    definition = _definition(record)
    try:
        services._build_structure(survey, definition)
    except ValidationError as error:
        raise validation_message(error, record.at("sections")) from None
    survey.status = record.choice("status", Survey.Status, default=Survey.Status.DRAFT)
    survey.deadline = record.date("deadline")
    survey.is_template = record.boolean("is_template")
    survey.opened_at = _datetime(record, "opened_at")
    create(survey, path=record.path)
    if survey.status != Survey.Status.DRAFT:
        _check(services.check_has_questions, survey, path=record.at("sections"))
    refs.put(Survey, number, survey, path=record.at("id"))
    questions = list(survey.questions.all())
    by_key = {q.key: q for q in questions}
    seen: set[int] = set()
    responses = records(record.raw("responses") or [], record.at("responses"), keys=RESPONSE_KEYS)
    if responses:
        _check(services.check_accepts_responses, survey, path=record.at("responses"))
    for row in responses:
        municipality: Municipality = row.ref("municipality", Municipality, refs, required=True)
        if municipality.pk in seen:
            raise ExchangeError(_("Diese Kommune hat bereits eine Antwort."), path=row.path)
        seen.add(municipality.pk)
        answers = row.raw("answers") or {}
        if not isinstance(answers, dict):
            raise ExchangeError(
                _("Erwartet wird ein Objekt, nicht %(value)s.") % {"value": describe(answers)},
                path=row.at("answers"),
            )
        unknown = [key for key in answers if key not in by_key]
        if unknown:
            raise ExchangeError(
                _("„%(key)s“ ist keine Frage dieser Umfrage.") % {"key": unknown[0]},
                path=row.at("answers"),
            )
        data = {str(by_key[key].pk): value for key, value in answers.items()}
        _check_answers(questions, data, row, complete=False)
        response = create(
            Response(
                cooperation=cooperation,
                survey=survey,
                municipality=municipality,
                status=row.choice("status", Response.Status, default=Response.Status.DRAFT),
                submitted_at=_datetime(row, "submitted_at"),
                data=data,
            ),
            path=row.path,
        )
        if response.is_submitted:  # as the answering service: every required answer given
            _check_answers(questions, data, row, complete=True)
    for row in records(record.raw("reminders") or [], record.at("reminders"), keys=REMINDER_KEYS):
        sent_on = row.date("sent_on")
        if sent_on is None:
            raise ExchangeError(_("Pflichtfeld fehlt."), path=row.at("sent_on"))
        create(
            Reminder(
                cooperation=cooperation,
                survey=survey,
                municipality=row.ref("municipality", Municipality, refs, required=True),
                sent_on=sent_on,
                recipients=row.text("recipients"),
            ),
            path=row.path,
        )
    _link_agenda_items(record, survey, refs)


def _check_answers(
    questions: list[Question], data: dict[str, Any], row: Record, *, complete: bool
) -> None:
    """The answering service's check of the values (and, if ``complete``, of the required
    answers); the first error names its question's key."""
    errors = check_answers(questions, data, complete=complete)
    if errors:
        pk, message = next(iter(errors.items()))
        key = next(q.key for q in questions if str(q.pk) == pk)
        raise ExchangeError(message, path=f"{row.at('answers')}.{key}")


def _check(rule: Callable[[Survey], None], survey: Survey, *, path: str) -> None:
    """A rule the services share with the importer; its refusal names ``path``."""
    try:
        rule(survey)
    except ValidationError as error:
        raise validation_message(error, path) from None


def _link_agenda_items(record: Record, survey: Survey, refs: ImportRefs) -> None:
    numbers = record.raw("agenda_items") or []
    path = record.at("agenda_items")
    if not isinstance(numbers, list):
        raise ExchangeError(
            _("Erwartet wird eine Liste, nicht %(value)s.") % {"value": describe(numbers)},
            path=path,
        )
    if numbers:
        _check(services.check_evaluation_survey, survey, path=path)  # the agenda service's rule
    for index, number in enumerate(numbers):
        at = f"{path}[{index}]"
        item: AgendaItem = refs.get(AgendaItem, number, path=at)
        if item.survey_id is not None:
            raise ExchangeError(
                _("Dieser Tagesordnungspunkt ist bereits mit einer Umfrage verknüpft."), path=at
            )
        item.survey = survey
        try:
            item.validate_constraints()
        except ValidationError as error:
            raise validation_message(error, at) from None
        item.save(update_fields=["survey"])


def import_section(*, cooperation: Cooperation, data: Any, refs: ImportRefs) -> None:
    for record in records(data, NAME, keys=SURVEY_KEYS):
        _import_survey(record, cooperation, refs)
