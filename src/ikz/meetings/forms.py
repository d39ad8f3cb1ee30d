"""Forms of the meetings pages. Choices of related objects are limited to the cooperation;
the services check the references again."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from ikz.cooperation.models import Body, Cooperation, Location, Municipality, Person
from ikz.dates import PartialDate
from ikz.meetings.models import AgendaItem, Attendance, Meeting, Point, Task
from ikz.meetings.selectors import OwnerChoices, owner_value
from ikz.ui.forms import KernForm, KernModelForm, PartialDateField

# "person:12" -> that person of the cooperation, or None.
OwnerLookup = Callable[[str], Person | Municipality | Body | None]


class GermanTimeField(forms.TimeField):
    input_formats = ["%H:%M", "%H.%M", "%H"]
    default_error_messages = {"invalid": _("Bitte eine Uhrzeit als HH:MM eingeben, z. B. 14:00.")}

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault(
            "widget", forms.TimeInput(format="%H:%M", attrs={"inputmode": "numeric", "size": 5})
        )
        kwargs.setdefault("help_text", _("HH:MM"))
        super().__init__(**kwargs)


class MeetingForm(KernModelForm):
    when = PartialDateField(
        label=_("Datum"),
        help_text=_("TT.MM.JJJJ, z. B. 05.12.2019 – oder nur der Monat als MM/JJJJ, z. B. 01/2020"),
    )
    start_time = GermanTimeField(label=_("Beginn"), required=False)
    end_time = GermanTimeField(label=_("Ende"), required=False)

    class Meta:
        model = Meeting
        fields = [
            "body",
            "number",
            "title",
            "location",
            "is_public",
            "description",
        ]
        widgets = {
            "number": forms.NumberInput(attrs={"min": 1, "inputmode": "numeric"}),
            "description": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "number": _("Fortlaufend je Gremium; leer lassen für die nächste freie Nummer."),
            "is_public": _("Öffentliche Sitzungen und ihr veröffentlichtes Protokoll sieht jeder."),
        }

    def __init__(self, *args: Any, cooperation: Cooperation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = Body.objects.filter(cooperation=cooperation)  # type: ignore[attr-defined]
        self.fields["location"].queryset = Location.objects.filter(  # type: ignore[attr-defined]
            cooperation=cooperation
        ).select_related("municipality")
        self.fields["location"].label_from_instance = _location_label  # type: ignore[attr-defined]
        self.fields["location"].empty_label = _("– noch offen –")  # type: ignore[attr-defined]
        self.fields["body"].empty_label = _("– bitte wählen –")  # type: ignore[attr-defined]
        self.fields["number"].required = False
        if self.instance.pk:
            self.initial["when"] = self.instance.when
            self.initial["start_time"] = self.instance.start_time
            self.initial["end_time"] = self.instance.end_time
        self.order_fields(
            ["body", "number", "title", "when", "start_time", "end_time", "location", "is_public"]
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        when: PartialDate | None = data.get("when")
        if when is not None and when.is_month and (data.get("start_time") or data.get("end_time")):
            self.add_error(
                "start_time",
                _("Eine Uhrzeit setzt einen genauen Tag voraus (TT.MM.JJJJ statt MM/JJJJ)."),
            )
        return data

    def service_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "body": data["body"],
            "number": data.get("number"),
            "title": data.get("title", ""),
            "when": data["when"],
            "start_time": data.get("start_time"),
            "end_time": data.get("end_time"),
            "location": data.get("location"),
            "is_public": data.get("is_public", False),
            "description": data.get("description", ""),
        }


def _location_label(location: Location) -> str:
    if location.municipality:
        return f"{location.name} ({location.municipality.name})"
    return location.name


class AgendaItemForm(KernModelForm):
    class Meta:
        model = AgendaItem
        fields = ["title", "presenter", "duration_minutes"]
        widgets = {"duration_minutes": forms.NumberInput(attrs={"min": 1, "inputmode": "numeric"})}

    def __init__(self, *args: Any, cooperation: Cooperation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["presenter"].queryset = Person.objects.filter(  # type: ignore[attr-defined]
            cooperation=cooperation
        ).order_by("family_name", "given_name")
        self.fields["presenter"].empty_label = _("– niemand –")  # type: ignore[attr-defined]


class OwnerLookupMixin:
    """The field ``owner``: a choice value ("person:12") checked with one lookup
    (``owner_lookup``), not against the whole list of people, municipalities and bodies; that
    list is loaded only to show a select, never to check a save."""

    cleaned_data: dict[str, Any]
    owner_lookup: OwnerLookup

    def clean_owner(self) -> Person | Municipality | Body | None:
        value = self.cleaned_data.get("owner", "")
        if not value:
            return None
        owner = self.owner_lookup(value)
        if owner is None:
            raise forms.ValidationError(
                _("Bitte eine verantwortliche Stelle aus der Liste wählen.")
            )
        return owner


class PointForm(OwnerLookupMixin, KernForm):
    """One row of the minutes editor. Owner and due date count only for kind "task"."""

    text = forms.CharField(
        label=_("Text"),
        max_length=5000,
        error_messages={"required": _("Bitte einen Text für den Punkt eingeben.")},
    )
    kind = forms.ChoiceField(
        label=_("Art"), choices=Point.Kind.choices, initial=Point.Kind.INFORMATION
    )
    owner = forms.CharField(label=_("Verantwortlich"), required=False, max_length=40)
    due = PartialDateField(
        label=_("Fällig"), required=False, help_text=_("TT.MM.JJJJ oder MM/JJJJ")
    )
    is_internal = forms.BooleanField(label=_("intern"), required=False)

    def __init__(self, *args: Any, owner_lookup: OwnerLookup, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.owner_lookup = owner_lookup

    def service_values(self) -> dict[str, Any]:
        data = self.cleaned_data
        task = data["kind"] == Point.Kind.TASK
        return {
            "text": data["text"],
            "kind": data["kind"],
            "is_internal": data.get("is_internal", False),
            "owner": data.get("owner") if task else None,
            "due": data.get("due") if task else None,
        }


class OwnerSelect(forms.Select):
    """The select of every person, municipality and body, its options joined in Python: through
    the widget's template, one template render per option, 1,200 options took 0.2 s."""

    def render(
        self,
        name: str,
        value: Any,
        attrs: dict[str, Any] | None = None,
        renderer: Any = None,  # noqa: ARG002 - Django's signature; no template renders this
    ) -> SafeString:
        chosen = str(value or "")
        groups = []
        for group, entries in self.choices:
            if not isinstance(entries, list | tuple):  # an option outside a group
                groups.append(_option(str(group), entries, chosen))
                continue
            options = format_html_join(
                "", "{}", ((_option(v, label, chosen),) for v, label in entries)
            )
            groups.append(format_html('<optgroup label="{}">{}</optgroup>', group, options))
        final = self.build_attrs(self.attrs, attrs)
        final.pop("maxlength", None)  # the CharField's, meaningless on a select
        return format_html(
            '<select name="{}"{}>{}</select>', name, flatatt(final), SafeString("".join(groups))
        )


def _option(value: str, label: Any, chosen: str) -> SafeString:
    selected = " selected" if value == chosen else ""
    return format_html('<option value="{}"{}>{}</option>', value, selected, label)


class TaskForm(OwnerLookupMixin, KernModelForm):
    """A task's title, owner and due date (the body only when it is created). The owner's
    select gets its options from ``show_owners``, called only when the form is shown."""

    due_date = PartialDateField(label=_("Fällig"), required=False)
    owner = forms.CharField(
        label=_("Verantwortlich"), required=False, max_length=40, widget=OwnerSelect
    )

    class Meta:
        model = Task
        fields = ["title", "body"]
        widgets = {"title": forms.TextInput()}

    def __init__(
        self, *args: Any, cooperation: Cooperation, owner_lookup: OwnerLookup, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.owner_lookup = owner_lookup
        self.fields["body"].queryset = Body.objects.filter(cooperation=cooperation)  # type: ignore[attr-defined]
        if self.instance.pk:
            self.initial["owner"] = owner_value(self.instance)
            self.initial["due_date"] = self.instance.due_date
            # The follow-up body changes by handing the task over, not here.
            self.fields["body"].disabled = True

    def show_owners(self, owners: OwnerChoices) -> None:
        self.fields["owner"].widget.choices = owners.as_choices()


class TaskMoveForm(KernForm):
    body = forms.ModelChoiceField(
        label=_("An Gremium übergeben"),
        queryset=Body.objects.none(),
        help_text=_("Die Aufgabe kommt auf die nächste anstehende Sitzung dieses Gremiums."),
    )

    def __init__(self, *args: Any, cooperation: Cooperation, task: Task, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = Body.objects.filter(cooperation=cooperation).exclude(  # type: ignore[attr-defined]
            pk=task.body_id
        )
        self.fields["body"].empty_label = _("– bitte wählen –")  # type: ignore[attr-defined]


ATTENDANCE_CHOICES = [("", _("– nicht eingetragen –")), *Attendance.Status.choices]


class AttendanceForm(KernForm):
    """One status select per person, body members first."""

    def __init__(
        self, *args: Any, people: list[Person], current: dict[int, str], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.people = people
        for person in people:
            name = f"person_{person.pk}"
            affiliation = person.affiliation
            self.fields[name] = forms.ChoiceField(
                label=f"{person.full_name}{f' ({affiliation})' if affiliation else ''}",
                choices=ATTENDANCE_CHOICES,
                required=False,
                initial=current.get(person.pk, ""),
                widget=forms.Select(attrs={"class": "kern-form-input__select"}),
            )

    def statuses(self) -> dict[Person, str]:
        return {person: self.cleaned_data.get(f"person_{person.pk}", "") for person in self.people}
