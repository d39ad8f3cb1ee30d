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

    def resolve(self, value: str) -> Person | Municipality | Body | None:
        parsed = parse_owner(value)
        if parsed is None:
            return None
        kind, pk = parsed
        pools: dict[str, list[Any]] = {
            "person": self.people,
            "municipality": self.municipalities,
            "body": self.bodies,
        }
        for candidate in pools[kind]:
            if candidate.pk == pk:
                found: Person | Municipality | Body = candidate
                return found
        return None


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
