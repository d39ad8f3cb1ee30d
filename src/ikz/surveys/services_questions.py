"""Writes of a survey's questionnaire: sections, questions, derived indicators.

Split from ``services`` (which re-exports every name here, so callers keep
``from ikz.surveys import services``). Changes are allowed only while the survey is a draft.
"""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ikz.activity.events import Event
from ikz.activity.services import record_activity
from ikz.surveys import events
from ikz.surveys.formulas import MUNICIPALITY_NAMES, FormulaError, parse_formula
from ikz.surveys.models import Indicator, Question, Section, Survey

NOT_EDITABLE = gettext_lazy(
    "Die Umfrage ist bereits versendet; Abschnitte und Fragen sind nicht mehr änderbar."
)
OTHER_COOPERATION = gettext_lazy("Dieser Eintrag gehört zu einer anderen Kooperation.")
CHOICE_KINDS = (Question.Kind.SINGLE_CHOICE, Question.Kind.MULTIPLE_CHOICE)
RESERVED_KEYS = frozenset(MUNICIPALITY_NAMES) | {"min", "max", "abs"}


def _survey_url(survey: Survey) -> str:
    return reverse("surveys:detail", args=[survey.cooperation.slug, survey.pk])


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
