"""Forms of the questionnaire builder. Related choices are limited to the cooperation."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ikz.cooperation.models import Body, Cooperation
from ikz.meetings.models import Meeting
from ikz.projects.models import Project
from ikz.surveys.builtin import BUILTIN_TEMPLATES
from ikz.surveys.models import Indicator, Question, Section, Survey
from ikz.surveys.numbers import NumberError, format_german_number, parse_german_number
from ikz.ui.forms import GermanDateField, KernForm, KernModelForm

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class GermanDecimalField(forms.CharField):
    """A number typed the German way ("1.234,5"); see ikz.surveys.numbers."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Decimal | int | float):
            return format_german_number(value)
        return value

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        text = super().to_python(value)
        if not text:
            return None
        try:
            return parse_german_number(text)
        except NumberError as error:
            raise forms.ValidationError(str(error), code="invalid") from error


class SurveyForm(KernModelForm):
    deadline = GermanDateField(label=_("Frist"), required=False)

    class Meta:
        model = Survey
        fields = ["title", "description", "body", "project", "deadline", "evaluation_visibility"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "body": _("Das Gremium, für das die Umfrage gedacht ist, z. B. eine Arbeitsgruppe."),
            "project": _("Das Vorhaben, zu dem die Umfrage Zahlen liefert; es listet die Umfrage."),
            "evaluation_visibility": (
                _(
                    "Anonymisiert: Mitglieder sehen den Namen der eigenen Kommune, die anderen als "
                    "„Kommune A“, „Kommune B“ usw."
                )
            ),
        }

    def __init__(self, *args: Any, cooperation: Cooperation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = Body.objects.filter(cooperation=cooperation)  # type: ignore[attr-defined]
        self.fields["body"].empty_label = _("– kein Gremium –")  # type: ignore[attr-defined]
        self.fields["project"].queryset = Project.objects.filter(  # type: ignore[attr-defined]
            cooperation=cooperation
        ).order_by("title")
        self.fields["project"].empty_label = _("– kein Vorhaben –")  # type: ignore[attr-defined]

    def model_fields(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class SurveyCreateForm(SurveyForm):
    source = forms.ChoiceField(label=_("Fragen übernehmen aus"), required=False)
    is_template = forms.BooleanField(
        label=_("Als Vorlage anlegen"),
        required=False,
        help_text=_("Vorlagen werden nicht versendet, sondern für neue Umfragen kopiert."),
    )

    def __init__(self, *args: Any, cooperation: Cooperation, **kwargs: Any) -> None:
        super().__init__(*args, cooperation=cooperation, **kwargs)
        choices: list[tuple[str, StrOrPromise]] = [("", _("– leer beginnen –"))]
        choices += [
            (f"builtin:{k}", _("Mitgelieferte Vorlage: %(title)s") % {"title": d["title"]})
            for k, d in BUILTIN_TEMPLATES.items()
        ]
        surveys = Survey.objects.filter(cooperation=cooperation).order_by("-is_template", "title")
        choices += [
            (
                f"survey:{s.pk}",
                (_("Vorlage: %(title)s") if s.is_template else _("Umfrage: %(title)s"))
                % {"title": s.title},
            )
            for s in surveys
        ]
        self.fields["source"].choices = choices  # type: ignore[attr-defined]
        self.fields["title"].required = False
        self.fields["title"].help_text = _("Leer lassen, um den Titel der Vorlage zu übernehmen.")
        self.order_fields(["source", "title"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("title") and not data.get("source"):
            self.add_error("title", _("Bitte einen Titel angeben."))
        return data

    def model_fields(self) -> dict[str, Any]:
        fields = super().model_fields()
        if not fields["title"]:
            fields.pop("title")
        return fields | {"is_template": self.cleaned_data["is_template"]}


class AgendaForm(KernForm):
    meeting = forms.ModelChoiceField(
        label=_("Sitzung"),
        queryset=Meeting.objects.none(),
        empty_label=None,
        help_text=(
            _(
                "Geplante und eingeladene Sitzungen, die des Gremiums der Umfrage zuerst. "
                "Die Sitzung erhält einen Tagesordnungspunkt „Auswertung: …“ mit Verweis auf die "
                "Auswertung."
            )
        ),
    )

    def __init__(self, *args: Any, meetings: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["meeting"]
        field.queryset = meetings  # type: ignore[attr-defined]
        field.label_from_instance = lambda m: f"{m.heading} ({m.when})"  # type: ignore[attr-defined]


class SectionForm(KernModelForm):
    class Meta:
        model = Section
        fields = ["title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class QuestionForm(KernForm):
    section = forms.ModelChoiceField(label=_("Abschnitt"), queryset=Section.objects.none())
    text = forms.CharField(label=_("Frage"), max_length=300)
    kind = forms.ChoiceField(label=_("Art"), choices=Question.Kind.choices)
    required = forms.BooleanField(label=_("Pflichtfrage"), required=False, initial=True)
    help_text = forms.CharField(label=_("Hinweis"), max_length=500, required=False)
    key = forms.CharField(
        label=_("Kürzel"),
        max_length=40,
        required=False,
        help_text=_("Für Formeln und Tabellenköpfe; leer lassen, um es aus der Frage zu bilden."),
    )
    unit = forms.CharField(
        label=_("Einheit"),
        max_length=40,
        required=False,
        help_text=_("Nur für Zahlen, z. B. „km“, „€“, „Personen“."),
    )
    min_value = GermanDecimalField(label=_("Kleinster erlaubter Wert"), required=False)
    max_value = GermanDecimalField(label=_("Größter erlaubter Wert"), required=False)
    choices = forms.CharField(
        label=_("Auswahlmöglichkeiten"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Nur für Einfach- und Mehrfachauswahl: eine Möglichkeit je Zeile."),
    )
    table_rows = forms.CharField(
        label=_("Tabellenzeilen"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Nur für Tabellen: eine Zeile je Zeile, z. B. je Maschinenart."),
    )
    table_columns = forms.CharField(
        label=_("Tabellenspalten"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=(
            _("Je Zeile „Bezeichnung | Zahl oder Text | Einheit“, z. B. „Anzahl | Zahl | Stück“.")
        ),
    )

    def __init__(
        self, *args: Any, survey: Survey, question: Question | None = None, **kwargs: Any
    ) -> None:
        kwargs["initial"] = dict(kwargs.get("initial") or {})
        if question is not None:
            kwargs["initial"].update(
                {
                    "section": question.section_id,
                    "text": question.text,
                    "kind": question.kind,
                    "required": question.required,
                    "help_text": question.help_text,
                    "key": question.key,
                    "unit": question.unit,
                    "min_value": question.min_value,
                    "max_value": question.max_value,
                    "choices": "\n".join(question.choices),
                    "table_rows": "\n".join(question.table_rows),
                    "table_columns": "\n".join(
                        f"{c['label']} | {'Zahl' if c['kind'] == 'number' else 'Text'}"
                        + (f" | {c['unit']}" if c.get("unit") else "")
                        for c in question.table_columns
                    ),
                }
            )
        super().__init__(*args, **kwargs)
        self.question = question
        self.fields["section"].queryset = Section.objects.filter(  # type: ignore[attr-defined]
            cooperation_id=survey.cooperation_id, survey=survey
        )
        self.fields["section"].empty_label = None  # type: ignore[attr-defined]

    def clean_table_columns(self) -> list[dict[str, str]]:
        columns = []
        old = {c["label"]: c["key"] for c in (self.question.table_columns if self.question else [])}
        for line in _lines(self.cleaned_data.get("table_columns", "")):
            parts = [part.strip() for part in line.split("|")]
            kind_text = (parts[1] if len(parts) > 1 else "Zahl").lower()
            if kind_text not in ("zahl", "text"):
                raise forms.ValidationError(
                    _("„%(line)s“: die Art einer Spalte ist „Zahl“ oder „Text“.") % {"line": line}
                )
            column = {
                "label": parts[0],
                "kind": "number" if kind_text == "zahl" else "text",
                "unit": parts[2] if len(parts) > 2 else "",
            }
            if parts[0] in old:
                column["key"] = old[parts[0]]
            columns.append(column)
        return columns

    def service_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "section": data["section"],
            "text": data["text"],
            "kind": data["kind"],
            "required": data["required"],
            "help_text": data["help_text"],
            "key": data["key"],
            "unit": data["unit"],
            "min_value": data["min_value"],
            "max_value": data["max_value"],
            "choices": _lines(data["choices"]),
            "table_rows": _lines(data["table_rows"]),
            "table_columns": data["table_columns"],
        }


class IndicatorForm(KernModelForm):
    class Meta:
        model = Indicator
        fields = ["name", "formula", "unit", "key"]
        help_texts = {
            "formula": (
                _(
                    "Kürzel der Zahlenfragen mit + − * / und Klammern, dazu einwohner, flaeche, "
                    "min(…), max(…), abs(…); Dezimalzahlen mit Punkt. "
                    "Beispiel: kosten_winterdienst / strassen_km"
                )
            ),
            "key": _("Leer lassen, um es aus der Bezeichnung zu bilden."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["key"].required = False

    def service_fields(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class ImportForm(KernForm):
    file = forms.FileField(
        label=_("Tabelle (XLSX)"),
        help_text=_("Aufgebaut wie der Export „Antworten als XLSX“: eine Zeile je Kommune."),
    )
    submit = forms.BooleanField(
        label=_("Importierte Antworten als abgegeben markieren"),
        required=False,
        help_text=_("Dann müssen alle Pflichtfragen beantwortet sein."),
    )
