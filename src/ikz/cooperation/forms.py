"""Forms for the coordinator. Choices of related objects are limited to the cooperation."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ikz.cooperation.models import Body, Cooperation, Location, Membership, Municipality, Person
from ikz.dates import PartialDate
from ikz.ui.forms import GermanDateField, KernModelForm, PartialDateField

FUNCTION_SUGGESTIONS = [
    "Bürgermeister",
    "Bürgermeisterin",
    "Hauptamtsleiter",
    "Hauptamtsleiterin",
    "Fachbereichsleiter",
    "Fachbereichsleiterin",
    "Amtsleiter",
    "Amtsleiterin",
    "Gemeinderat",
    "Gemeinderätin",
    "Stadtrat",
    "Stadträtin",
    "Kooperationsmanagement",
]


class MunicipalityForm(KernModelForm):
    joined_on = GermanDateField(label=_("Beitritt"), required=False)
    left_on = GermanDateField(label=_("Austritt"), required=False)

    class Meta:
        model = Municipality
        fields = [
            "name",
            "kind",
            "ags",
            "population",
            "population_year",
            "area_km2",
            "joined_on",
            "left_on",
        ]
        widgets = {
            "ags": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
            "area_km2": forms.TextInput(attrs={"inputmode": "decimal"}),
        }
        help_texts = {"ags": _("8 Ziffern, z. B. 14729060")}
        # German decimal comma: "15,64" is read like "15.64".
        localized_fields = ["area_km2"]


class BodyForm(KernModelForm):
    active_from = PartialDateField(label=_("aktiv ab"), required=False)
    active_until = PartialDateField(label=_("aktiv bis"), required=False)

    class Meta:
        model = Body
        fields = [
            "name",
            "short_name",
            "session_name",
            "kind",
            "description",
            "is_public",
            "merged_into",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, cooperation: Cooperation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        others = Body.objects.filter(cooperation=cooperation)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
            self.initial["active_from"] = self.instance.active_from_date
            self.initial["active_until"] = self.instance.active_until_date
        self.fields["merged_into"].queryset = others  # type: ignore[attr-defined]
        self.fields["merged_into"].empty_label = _("– in kein anderes Gremium –")  # type: ignore[attr-defined]
        steering = cooperation.steering_body
        self.fields["merged_into"].help_text = (
            _("Wenn das Gremium in ein anderes übergeht, z. B. eine Arbeitsgruppe in „%(body)s“.")
            % {"body": steering.name}
            if steering and steering.pk != self.instance.pk
            else _(
                "Wenn das Gremium in ein anderes übergeht, z. B. eine Arbeitsgruppe in ein anderes."
            )
        )
        self.order_fields(
            [
                "name",
                "short_name",
                "kind",
                "description",
                "is_public",
                "active_from",
                "active_until",
            ]
        )

    def model_fields(self) -> dict[str, Any]:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        for prefix in ("active_from", "active_until"):
            value: PartialDate | None = self.cleaned_data.get(prefix)
            data[prefix] = value.value if value else None
            data[f"{prefix}_precision"] = value.precision if value else "day"
        return data


class PersonForm(KernModelForm):
    class Meta:
        model = Person
        fields = [
            "title",
            "given_name",
            "family_name",
            "function",
            "municipality",
            "organisation",
            "email",
            "phone",
            "publication_consent",
        ]
        widgets = {
            "function": forms.TextInput(attrs={"list": "function-suggestions"}),
            "email": forms.EmailInput(attrs={"autocomplete": "off"}),
        }

    def __init__(self, *args: Any, cooperation: Cooperation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Municipality.objects.filter(  # type: ignore[attr-defined]
            cooperation=cooperation
        )
        self.fields["municipality"].empty_label = _("– keine Mitgliedskommune –")  # type: ignore[attr-defined]

    # "A municipality or an organisation, not both" is the model's CheckConstraint
    # (person_municipality_or_organisation): the form shows its message through full_clean().


class MembershipForm(KernModelForm):
    start_date = GermanDateField(label=_("von"), required=False)
    end_date = GermanDateField(label=_("bis"), required=False)

    class Meta:
        model = Membership
        fields = ["person", "role", "start_date", "end_date"]

    def __init__(self, *args: Any, cooperation: Cooperation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.filter(  # type: ignore[attr-defined]
            cooperation=cooperation
        ).select_related("municipality")
        self.fields["person"].empty_label = _("– Person auswählen –")  # type: ignore[attr-defined]
        # Two people of the same name are told apart by their municipality or organisation.
        self.fields["person"].label_from_instance = _person_label  # type: ignore[attr-defined]


def _person_label(person: Person) -> str:
    return f"{person.full_name} ({person.affiliation})" if person.affiliation else person.full_name


class LocationForm(KernModelForm):
    class Meta:
        model = Location
        fields = ["name", "address", "municipality"]

    def __init__(self, *args: Any, cooperation: Cooperation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Municipality.objects.filter(  # type: ignore[attr-defined]
            cooperation=cooperation
        )
        self.fields["municipality"].empty_label = _("– keine –")  # type: ignore[attr-defined]
