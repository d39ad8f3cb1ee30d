"""Cooperations, municipalities, bodies and people: the selectors and services of
``ikz.cooperation``, with the same rules as its pages."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Status

from ikz.accounts.access import Access, Level
from ikz.api.core import PAGE, PAGE_SIZE, access_in, caller, paged, require, responses, writable
from ikz.api.schemas import (
    BodyDetailOut,
    BodyOut,
    CooperationOut,
    MunicipalityOut,
    PersonIn,
    PersonOut,
    PersonPatch,
    page_of,
)
from ikz.cooperation import selectors, services
from ikz.cooperation.models import Municipality, Person

router = Router(tags=["Struktur"])
PersonPage = page_of(PersonOut, "PersonPage")


def _cooperation(access: Access) -> dict[str, Any]:
    cooperation = access.cooperation
    return {
        "slug": cooperation.slug,
        "name": cooperation.name,
        "region": cooperation.region,
        "coordinating_organisation": cooperation.coordinating_organisation,
        "website": cooperation.website,
        "description": cooperation.description,
        "role": access.role_label,
    }


@router.get("/cooperations", response=responses(list[CooperationOut]))
def cooperation_list(request: HttpRequest) -> list[dict[str, Any]]:
    """The cooperation of this API key (a key serves one cooperation)."""
    return [_cooperation(caller(request).access)]


@router.get("/cooperations/{slug}", response=responses(CooperationOut))
def cooperation_detail(request: HttpRequest, slug: str) -> dict[str, Any]:
    return _cooperation(access_in(request, slug))


@router.get("/cooperations/{slug}/municipalities", response=responses(list[MunicipalityOut]))
def municipality_list(request: HttpRequest, slug: str) -> Any:
    return selectors.municipality_list(access=access_in(request, slug))


@router.get(
    "/cooperations/{slug}/municipalities/{municipality_id}", response=responses(MunicipalityOut)
)
def municipality_detail(request: HttpRequest, slug: str, municipality_id: int) -> Municipality:
    return selectors.municipality_get(access=access_in(request, slug), pk=municipality_id)


@router.get("/cooperations/{slug}/bodies", response=responses(list[BodyOut]))
def body_list(request: HttpRequest, slug: str) -> Any:
    """Public bodies; internal ones for their members and the coordination."""
    return list(selectors.body_list(access=access_in(request, slug)))


@router.get("/cooperations/{slug}/bodies/{body_id}", response=responses(BodyDetailOut))
def body_detail(request: HttpRequest, slug: str, body_id: int) -> dict[str, Any]:
    access = access_in(request, slug)
    body = selectors.body_get(access=access, pk=body_id)
    memberships = selectors.body_memberships(access=access, body=body)
    return {
        **{name: getattr(body, name) for name in BodyOut.model_fields},
        "memberships": [
            {
                "id": m.pk,
                "person_id": m.person_id,
                "person_name": m.person.full_name,
                "role": m.role,
                "start_date": m.start_date,
                "end_date": m.end_date,
            }
            for m in memberships
        ],
    }


@router.get("/cooperations/{slug}/people", response=responses(PersonPage))
def person_list(
    request: HttpRequest,
    slug: str,
    municipality_id: int | None = None,
    page: int = PAGE,
    page_size: int = PAGE_SIZE,
) -> dict[str, Any]:
    """Members and the coordination only, as the page "Personen"."""
    access = access_in(request, slug)
    require(access, Level.MEMBER)
    rows = selectors.person_list(access=access, municipality_id=municipality_id)
    return paged(rows, page, page_size)


@router.get("/cooperations/{slug}/people/{person_id}", response=responses(PersonOut))
def person_detail(request: HttpRequest, slug: str, person_id: int) -> Person:
    access = access_in(request, slug)
    require(access, Level.MEMBER)
    return selectors.person_get(access=access, pk=person_id)


def _person_fields(access: Access, data: dict[str, Any]) -> dict[str, Any]:
    fields = dict(data)
    if "municipality_id" in fields:
        municipality_id = fields.pop("municipality_id")
        fields["municipality"] = (
            None
            if municipality_id is None
            else get_object_or_404(Municipality, cooperation=access.cooperation, pk=municipality_id)
        )
    return fields


@router.post("/cooperations/{slug}/people", response=responses(PersonOut, status=201))
def person_create(request: HttpRequest, slug: str, data: PersonIn) -> Status[Person]:
    """Coordination only, with a read-write key."""
    access = writable(request, slug)
    person = services.person_save(
        cooperation=access.cooperation,
        fields=_person_fields(access, data.dict()),
        actor_id=access.user_id,
    )
    return Status(201, person)


@router.patch("/cooperations/{slug}/people/{person_id}", response=responses(PersonOut))
def person_update(request: HttpRequest, slug: str, person_id: int, data: PersonPatch) -> Person:
    access = writable(request, slug)
    person = selectors.person_get(access=access, pk=person_id)
    return services.person_save(
        cooperation=access.cooperation,
        person=person,
        fields=_person_fields(
            access,
            {
                name: value
                for name, value in data.dict(exclude_unset=True).items()
                # None clears only the municipality; other fields are text.
                if value is not None or name == "municipality_id"
            },
        ),
        actor_id=access.user_id,
    )
