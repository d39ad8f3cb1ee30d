"""Forms of the project pages. Field validation only; choices limited to the cooperation.

No form has a ``stage`` field except the stage change form, whose values go to
``services.project_change_stage``.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ikz.cooperation.models import Body, Cooperation, Municipality, Person
from ikz.meetings.models import Meeting
from ikz.projects.models import (
    Field,
    FundingApplication,
    FundingProgramme,
    Goal,
    Participation,
    Project,
    Stage,
)
from ikz.projects.services import allowed_targets
from ikz.ui.forms import GermanDateField, KernForm, KernModelForm, MoneyField, PartialDateField


class ProjectForm(KernModelForm):
    class Meta:
        model = Project
        fields = [
            "title",
            "description",
            "field",
            "lead_body",
            "lead_municipality",
            "contact_person",
            "is_public",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, cooperation: Cooperation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limits = {
            "field": Field.objects.filter(cooperation=cooperation),
            "lead_body": Body.objects.filter(cooperation=cooperation),
            "lead_municipality": Municipality.objects.filter(cooperation=cooperation),
            "contact_person": Person.objects.filter(cooperation=cooperation),
        }
        for name, queryset in limits.items():
            self.fields[name].queryset = queryset  # type: ignore[attr-defined]
            self.fields[name].empty_label = _("– keine Angabe –")  # type: ignore[attr-defined]


class StageChangeForm(KernForm):
    to_stage = forms.ChoiceField(label=_("Neue Phase"))
    date = GermanDateField(label=_("Datum"))
    reason = forms.CharField(
        label=_("Begründung"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Warum wechselt das Vorhaben die Phase? Erscheint in der Historie."),
    )
    is_public = forms.BooleanField(
        label=_("in der öffentlichen Historie zeigen"), required=False, initial=True
    )

    def __init__(self, *args: Any, current: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_stage"].choices = [  # type: ignore[attr-defined]
            (stage, Stage(stage).label) for stage in allowed_targets(current)
        ]


class ParticipationForm(KernForm):
    status = forms.ChoiceField(label=_("Status"), choices=Participation.Status.choices)
    date = GermanDateField(label=_("Datum"), required=False)
    note = forms.CharField(label=_("Anmerkung"), required=False, max_length=300)


class MilestoneForm(KernForm):
    title = forms.CharField(label=_("Titel"), max_length=300)
    when = PartialDateField(label=_("Datum"))
    is_deadline = forms.BooleanField(label=_("Frist"), required=False)
    done = forms.BooleanField(label=_("erledigt"), required=False)
    done_on = GermanDateField(label=_("erledigt am"), required=False)


class FundingApplicationForm(KernForm):
    programme = forms.ModelChoiceField(
        label=_("Förderprogramm"), queryset=FundingProgramme.objects.none(), required=False
    )
    new_programme = forms.CharField(
        label=_("oder neues Förderprogramm"),
        required=False,
        max_length=200,
        help_text=_("Name eines Programms, das noch nicht in der Liste steht."),
    )
    funder = forms.CharField(label=_("Fördermittelgeber (neues Programm)"), required=False)
    deadline = PartialDateField(label=_("Antragsfrist"), required=False)
    amount_applied = MoneyField(label=_("beantragt (€)"), required=False)
    amount_granted = MoneyField(label=_("bewilligt (€)"), required=False)
    state = forms.ChoiceField(label=_("Status"), choices=FundingApplication.State.choices)
    submitted_on = GermanDateField(label=_("eingereicht am"), required=False)

    def __init__(self, *args: Any, cooperation: Cooperation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = FundingProgramme.objects.filter(  # type: ignore[attr-defined]
            cooperation=cooperation
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("programme") and not (data.get("new_programme") or "").strip():
            self.add_error("programme", _("Bitte ein Förderprogramm wählen oder neu angeben."))
        return data


class GoalForm(KernForm):
    title = forms.CharField(label=_("Zielstellung"), max_length=300)
    description = forms.CharField(
        label=_("Beschreibung"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    rank = forms.IntegerField(
        label=_("Rang"),
        required=False,
        min_value=1,
        max_value=999,
        help_text=_("1 = wichtigstes Ziel"),
    )
    parent = forms.ModelChoiceField(
        label=_("übergeordnetes Ziel"), queryset=Goal.objects.none(), required=False
    )
    set_in_meeting = forms.ModelChoiceField(
        label=_("erarbeitet in"), queryset=Meeting.objects.none(), required=False
    )
    projects = forms.ModelMultipleChoiceField(
        label=_("Vorhaben, die dem Ziel dienen"),
        queryset=Project.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(
        self, *args: Any, cooperation: Cooperation, goal: Goal | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        parents = Goal.objects.filter(cooperation=cooperation)
        if goal is not None:
            parents = parents.exclude(pk=goal.pk)
        self.fields["parent"].queryset = parents  # type: ignore[attr-defined]
        self.fields["parent"].empty_label = _("– keines (oberste Ebene) –")  # type: ignore[attr-defined]
        self.fields["set_in_meeting"].queryset = Meeting.objects.filter(  # type: ignore[attr-defined]
            cooperation=cooperation
        ).select_related("body")
        self.fields["set_in_meeting"].empty_label = _("– keine Angabe –")  # type: ignore[attr-defined]
        self.fields["projects"].queryset = Project.objects.filter(  # type: ignore[attr-defined]
            cooperation=cooperation
        )


class FieldForm(KernModelForm):
    class Meta:
        model = Field
        fields = ["name", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class PointLinkForm(KernForm):
    project = forms.ModelChoiceField(
        label=_("Vorhaben"), queryset=Project.objects.none(), required=False
    )
    new_title = forms.CharField(
        label=_("oder neues Vorhaben anlegen (Titel)"),
        required=False,
        max_length=200,
        help_text=_("Leer lassen, wenn oben ein Vorhaben gewählt ist."),
    )
    to_stage = forms.ChoiceField(label=_("Phase ändern"), required=False)
    reason = forms.CharField(
        label=_("Begründung"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, cooperation: Cooperation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = Project.objects.filter(  # type: ignore[attr-defined]
            cooperation=cooperation
        )
        self.fields["project"].empty_label = _("– Vorhaben wählen –")  # type: ignore[attr-defined]
        self.fields["to_stage"].choices = [  # type: ignore[attr-defined]
            ("", _("– Phase nicht ändern –")),
            *Stage.choices,
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        has_project = data.get("project") is not None
        has_title = bool((data.get("new_title") or "").strip())
        if has_project == has_title:
            self.add_error(
                "project", _("Bitte entweder ein Vorhaben wählen oder einen neuen Titel angeben.")
            )
        return data
