"""Forms of the agreement pages: field validation only, choices limited to the cooperation.

The rules (lifecycle, weights adding up to 100 %, frozen statements) live in the services;
their ValidationErrors land on these forms through ``ui.formviews.submit``.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ikz.agreements.allocation import ComponentInput
from ikz.agreements.lifecycle import allowed_targets
from ikz.agreements.models import (
    Agreement,
    Component,
    ComponentKind,
    CostKey,
    Partner,
    State,
    Statement,
)
from ikz.cooperation.models import Cooperation, Municipality
from ikz.meetings.models import Point
from ikz.projects.models import Project
from ikz.ui.forms import GermanDateField, KernForm, KernModelForm

COMPONENT_ROWS_EXTRA = 2


def _euros(label: str, *, required: bool = True) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=required,
        min_value=0,
        max_digits=14,
        decimal_places=2,
        help_text=_("in Euro, z. B. 84000 oder 1234,56"),
        localize=True,
    )


class AgreementForm(KernModelForm):
    term_start = GermanDateField(label=_("Laufzeit ab"), required=False)
    term_end = GermanDateField(
        label=_("Laufzeit bis"), required=False, help_text=_("TT.MM.JJJJ; leer: unbefristet")
    )

    class Meta:
        model = Agreement
        fields = [
            "title",
            "kind",
            "task",
            "performing_municipality",
            "project",
            "description",
            "term_start",
            "term_end",
            "notice_months",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, cooperation: Cooperation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limits = {
            "performing_municipality": Municipality.objects.filter(cooperation=cooperation),
            "project": Project.objects.filter(cooperation=cooperation),
        }
        for name, queryset in limits.items():
            self.fields[name].queryset = queryset  # type: ignore[attr-defined]
            self.fields[name].empty_label = _("– keine Angabe –")  # type: ignore[attr-defined]


class StateChangeForm(KernForm):
    to_state = forms.ChoiceField(label=_("Neuer Stand"))
    date = GermanDateField(label=_("Datum"))
    reason = forms.CharField(
        label=_("Begründung"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    approval_date = GermanDateField(
        label=_("Genehmigung am"), required=False, help_text=_("nur beim Schritt „genehmigt“")
    )
    approval_reference = forms.CharField(
        label=_("Aktenzeichen der Rechtsaufsicht"), required=False, max_length=100
    )
    publication_date = GermanDateField(
        label=_("Bekanntmachung am"),
        required=False,
        help_text=_("nur beim Schritt „bekanntgemacht“"),
    )
    publication_place = forms.CharField(
        label=_("Bekanntmachung in"),
        required=False,
        max_length=200,
        help_text=_("z. B. Amtsblatt Nr. 7/2021"),
    )

    def __init__(self, *args: Any, agreement: Agreement, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_state"].choices = [  # type: ignore[attr-defined]
            (value, State(value).label) for value in allowed_targets(agreement.state)
        ]


class PartnerForm(KernModelForm):
    resolution_date = GermanDateField(label=_("Ratsbeschluss am"), required=False)
    signed_on = GermanDateField(label=_("unterzeichnet am"), required=False)
    joined_on = GermanDateField(label=_("wirksam ab (Beitritt)"), required=False)
    left_on = GermanDateField(
        label=_("ausgeschieden zum"), required=False, help_text=_("TT.MM.JJJJ, letzter Tag")
    )

    class Meta:
        model = Partner
        fields = [
            "municipality",
            "resolution_date",
            "resolution_reference",
            "resolution_point",
            "signed_on",
            "joined_on",
            "left_on",
        ]

    def __init__(self, *args: Any, agreement: Agreement, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cooperation = agreement.cooperation
        taken = Partner.objects.filter(agreement=agreement)
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.pk)
        self.fields["municipality"].queryset = Municipality.objects.filter(  # type: ignore[attr-defined]
            cooperation=cooperation
        ).exclude(pk__in=taken.values("municipality_id"))
        points = Point.objects.filter(
            cooperation=cooperation, kind=Point.Kind.DECISION
        ).select_related("meeting", "meeting__body")
        field = self.fields["resolution_point"]
        field.queryset = points.order_by("-meeting__date", "pk")  # type: ignore[attr-defined]
        field.empty_label = _("– kein Protokollpunkt –")  # type: ignore[attr-defined]
        field.label_from_instance = _point_label  # type: ignore[attr-defined]
        field.help_text = _("falls im Cockpit protokolliert: der Beschlusspunkt")


def _point_label(point: Point) -> str:
    return f"{point.meeting.heading} ({point.meeting.date:%d.%m.%Y}): {point.text[:60]}"


class CostKeyForm(KernForm):
    """A key with a fixed number of component rows and one fixed share per partner."""

    name = forms.CharField(label=_("Bezeichnung"), max_length=200)
    population_reference = forms.CharField(
        label=_("Stichtag der Einwohnerzahl"),
        max_length=100,
        required=False,
        help_text=_(
            "z. B. 31.12.2022 (Statistisches Landesamt); die Zahlen kommen aus den Kommunen"
        ),
    )

    def __init__(
        self,
        *args: Any,
        partners: Sequence[Partner],
        key: CostKey | None = None,
        components: Sequence[Component] = (),
        fixed: dict[int, Decimal] | None = None,
        **kwargs: Any,
    ) -> None:
        initial = kwargs.setdefault("initial", {})
        if key is not None:
            initial.update(name=key.name, population_reference=key.population_reference)
        self.rows = len(components) + COMPONENT_ROWS_EXTRA
        for index, component in enumerate(components):
            initial[f"kind_{index}"] = component.kind
            initial[f"weight_{index}"] = component.weight
            initial[f"measure_{index}"] = component.measure
            if component.fee_cents is not None:
                initial[f"fee_{index}"] = Decimal(component.fee_cents) / 100
        for partner in partners:
            value = (fixed or {}).get(partner.municipality_id)
            if value is not None:
                initial[f"fixed_{partner.municipality_id}"] = value
        super().__init__(*args, **kwargs)
        kinds = [("", _("– keine –")), *ComponentKind.choices]
        for index in range(self.rows):
            number = index + 1
            self.fields[f"kind_{index}"] = forms.ChoiceField(
                label=_("Komponente %(n)s: Art") % {"n": number}, choices=kinds, required=False
            )
            self.fields[f"weight_{index}"] = forms.DecimalField(
                label=_("Komponente %(n)s: Gewicht in %%") % {"n": number},
                required=False,
                min_value=0,
                max_value=100,
                max_digits=5,
                decimal_places=2,
                localize=True,
            )
            self.fields[f"measure_{index}"] = forms.CharField(
                label=_("Komponente %(n)s: Kennzahl") % {"n": number},
                required=False,
                max_length=100,
                help_text=_("nur nach Kennzahl und direkt: z. B. Fallzahlen"),
            )
            self.fields[f"fee_{index}"] = _euros(
                str(_("Komponente %(n)s: Gebühr je Einheit") % {"n": number}), required=False
            )
        self.partners = list(partners)
        for partner in self.partners:
            self.fields[f"fixed_{partner.municipality_id}"] = forms.DecimalField(
                label=_("Fester Anteil %(name)s in %%") % {"name": partner.municipality.name},
                required=False,
                min_value=0,
                max_value=100,
                max_digits=5,
                decimal_places=2,
                localize=True,
                help_text=_("nur bei einer Komponente „feste Anteile“"),
            )

    def component_rows(self) -> list[list[forms.BoundField]]:
        return [
            [self[f"{part}_{index}"] for part in ("kind", "weight", "measure", "fee")]
            for index in range(self.rows)
        ]

    def fixed_fields(self) -> list[forms.BoundField]:
        return [self[f"fixed_{p.municipality_id}"] for p in self.partners]

    def components(self) -> list[ComponentInput]:
        data = self.cleaned_data
        result = []
        for index in range(self.rows):
            kind = data.get(f"kind_{index}")
            if not kind:
                continue
            fee = data.get(f"fee_{index}")
            result.append(
                ComponentInput(
                    kind=kind,
                    weight=data.get(f"weight_{index}") or Decimal(0),
                    measure=(data.get(f"measure_{index}") or "").strip(),
                    fee_cents=int(fee * 100) if fee is not None else None,
                )
            )
        return result

    def fixed(self) -> dict[int, Decimal]:
        return {
            p.municipality_id: value
            for p in self.partners
            if (value := self.cleaned_data.get(f"fixed_{p.municipality_id}")) is not None
        }


class MeasuresForm(KernForm):
    """One field per partner and measure of the year."""

    def __init__(
        self,
        *args: Any,
        partners: Sequence[Partner],
        names: Sequence[str],
        values: dict[tuple[int, str], Decimal],
        **kwargs: Any,
    ) -> None:
        initial = kwargs.setdefault("initial", {})
        self.cells: list[tuple[Partner, list[str]]] = []
        for partner in partners:
            row = []
            for position, name in enumerate(names):
                field_name = f"m_{partner.municipality_id}_{position}"
                row.append(field_name)
                if (partner.municipality_id, name) in values:
                    initial[field_name] = values[(partner.municipality_id, name)]
            self.cells.append((partner, row))
        super().__init__(*args, **kwargs)
        self.names = list(names)
        for partner, row in self.cells:
            for name, field_name in zip(self.names, row, strict=True):
                self.fields[field_name] = forms.DecimalField(
                    label=f"{partner.municipality.name}: {name}",
                    required=False,
                    min_value=0,
                    max_digits=14,
                    decimal_places=2,
                    localize=True,
                )

    def values(self) -> dict[tuple[int, str], Decimal | None]:
        return {
            (partner.municipality_id, name): self.cleaned_data.get(field_name)
            for partner, row in self.cells
            for name, field_name in zip(self.names, row, strict=True)
        }

    def rows(self) -> list[tuple[Partner, list[forms.BoundField]]]:
        return [(partner, [self[name] for name in row]) for partner, row in self.cells]


class StatementForm(KernForm):
    key = forms.ModelChoiceField(label=_("Kostenschlüssel"), queryset=CostKey.objects.none())
    year = forms.IntegerField(label=_("Jahr"), min_value=1990, max_value=2200)
    basis = forms.ChoiceField(label=_("Plan oder Ist"), choices=Statement.Basis.choices)
    costs = _euros(str(_("Gesamtkosten")))
    fees = _euros(str(_("Einnahmen aus Gebühren")), required=False)
    grants = _euros(str(_("Zuwendungen (Fördermittel)")), required=False)
    note = forms.CharField(
        label=_("Anmerkung"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(
        self, *args: Any, agreement: Agreement, statement: Statement | None = None, **kwargs: Any
    ) -> None:
        if statement is not None:
            kwargs.setdefault("initial", {}).update(
                key=statement.key_id,
                year=statement.year,
                basis=statement.basis,
                costs=Decimal(statement.costs_cents) / 100,
                fees=Decimal(statement.fees_cents) / 100,
                grants=Decimal(statement.grants_cents) / 100,
                note=statement.note,
            )
        super().__init__(*args, **kwargs)
        keys = CostKey.objects.filter(cooperation=agreement.cooperation, agreement=agreement)
        self.fields["key"].queryset = keys  # type: ignore[attr-defined]
        self.fields["key"].empty_label = _("– bitte wählen –")  # type: ignore[attr-defined]
        if statement is None and not self.is_bound:
            only = list(keys.values_list("pk", flat=True)[:2])
            if len(only) == 1:
                self.initial["key"] = only[0]
        if statement is not None:
            # Year and basis name the statement's series; a correction keeps them.
            self.fields["year"].disabled = True
            self.fields["basis"].disabled = True

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data

        def cents(name: str) -> int:
            value = data.get(name)
            return int((value or Decimal(0)) * 100)

        return {
            "key": data["key"],
            "year": data["year"],
            "basis": data["basis"],
            "costs_cents": cents("costs"),
            "fees_cents": cents("fees"),
            "grants_cents": cents("grants"),
            "note": data.get("note", ""),
        }
