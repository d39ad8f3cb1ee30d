"""Choices for forms: task owners and attendance candidates of the cooperation."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from ikz.accounts.access import Access
from ikz.cooperation.models import Body, Municipality, Person
from ikz.meetings.models import Meeting, Task
from ikz.meetings.selectors.tasks import parse_owner


@dataclass
class OwnerChoices:
    people: list[Person]
    municipalities: list[Municipality]
    bodies: list[Body]

    def as_choices(self) -> list[tuple[str, Any]]:
        return [
            ("", _("– niemand –")),
            (_("Personen"), [(f"person:{p.pk}", _person_label(p)) for p in self.people]),
            (_("Kommunen"), [(f"municipality:{m.pk}", m.name) for m in self.municipalities]),
            (_("Gremien"), [(f"body:{b.pk}", b.label) for b in self.bodies]),
        ]

    def labels(self) -> dict[str, str]:
        """Choice value -> shown label, for the one option each editor row carries."""
        return {
            value: label for _group, entries in self.as_choices()[1:] for value, label in entries
        }


def owner_get(*, access: Access, value: str) -> Person | Municipality | Body | None:
    """The owner named by a choice value ("person:12") in one lookup, or None if there is none
    of that id in the cooperation; the minutes editor checks a chosen owner with this instead
    of loading every person, municipality and body."""
    parsed = parse_owner(value)
    if parsed is None:
        return None
    kind, pk = parsed
    cooperation = access.cooperation
    if kind == "person":
        people = Person.objects.filter(cooperation=cooperation, pk=pk)
        return people.select_related("municipality").first()  # its label names the municipality
    if kind == "municipality":
        return Municipality.objects.filter(cooperation=cooperation, pk=pk).first()
    return Body.objects.filter(cooperation=cooperation, pk=pk).first()


def owner_label(owner: Person | Municipality | Body | None) -> str:
    if isinstance(owner, Person):
        return _person_label(owner)
    if isinstance(owner, Body):
        return owner.label
    return owner.name if owner is not None else ""


def _person_label(person: Person) -> str:
    affiliation = person.municipality.name if person.municipality else person.organisation
    return f"{person.full_name} ({affiliation})" if affiliation else person.full_name


def owner_choices(*, access: Access) -> OwnerChoices:
    cooperation = access.cooperation
    return OwnerChoices(
        people=list(
            Person.objects.filter(cooperation=cooperation)
            .select_related("municipality")
            .order_by("family_name", "given_name")
        ),
        municipalities=list(Municipality.objects.filter(cooperation=cooperation).order_by("name")),
        bodies=list(Body.objects.filter(cooperation=cooperation).order_by("name")),
    )


def owner_value(task: Task | None) -> str:
    if task is None:
        return ""
    if task.owner_person_id:
        return f"person:{task.owner_person_id}"
    if task.owner_municipality_id:
        return f"municipality:{task.owner_municipality_id}"
    if task.owner_body_id:
        return f"body:{task.owner_body_id}"
    return ""


def attendance_candidates(*, access: Access, meeting: Meeting) -> list[Person]:
    """Members of the body first, then everyone else of the cooperation."""
    member_ids = set(
        meeting.body.memberships.filter(cooperation=access.cooperation).values_list(
            "person_id", flat=True
        )
    )
    people = list(
        Person.objects.filter(cooperation=access.cooperation)
        .select_related("municipality")
        .order_by("family_name", "given_name")
    )
    return sorted(people, key=lambda person: person.pk not in member_ids)
