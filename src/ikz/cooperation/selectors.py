"""Reads of a cooperation's structure. Every function filters by the cooperation in ``access``."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from ikz.accounts.access import Access
from ikz.accounts.models import CooperationRole, User
from ikz.cooperation.models import Body, Cooperation, Location, Membership, Municipality, Person


def cooperations_for_start_page(
    *, user: User | AnonymousUser
) -> tuple[list[Cooperation], list[Cooperation]]:
    """The visitor's own cooperations first, then all others (each has a public page)."""
    everything = list(Cooperation.objects.filter(archived_at__isnull=True).order_by("name"))
    if not user.is_authenticated:
        return [], everything
    if user.is_superuser:
        return everything, []
    mine_ids = set(
        CooperationRole.objects.filter(user_id=user.pk).values_list("cooperation_id", flat=True)
    )
    mine = [c for c in everything if c.pk in mine_ids]
    others = [c for c in everything if c.pk not in mine_ids]
    return mine, others


# --- Municipalities ----------------------------------------------------------------------------


def municipality_list(*, access: Access) -> QuerySet[Municipality]:
    return Municipality.objects.filter(cooperation=access.cooperation).order_by("name")


def municipality_get(*, access: Access, pk: int) -> Municipality:
    return get_object_or_404(Municipality, cooperation=access.cooperation, pk=pk)


def people_of_municipality(*, access: Access, municipality: Municipality) -> QuerySet[Person]:
    if not access.is_member:
        return Person.objects.none()
    return Person.objects.filter(
        cooperation=access.cooperation, municipality=municipality
    ).order_by("family_name", "given_name")


# --- Bodies ------------------------------------------------------------------------------------


def visible_bodies(*, access: Access) -> QuerySet[Body]:
    """Public bodies for everyone, internal ones for their members and the coordination."""
    bodies = Body.objects.filter(cooperation=access.cooperation)
    if access.is_coordinator:
        return bodies
    return bodies.filter(Q(is_public=True) | Q(pk__in=access.body_ids))


def body_list(*, access: Access) -> QuerySet[Body]:
    return (
        visible_bodies(access=access)
        .select_related("merged_into")
        .annotate(member_count=Count("memberships", distinct=True))
        .order_by("name")
    )


def body_get(*, access: Access, pk: int) -> Body:
    return get_object_or_404(visible_bodies(access=access).select_related("merged_into"), pk=pk)


def body_memberships(*, access: Access, body: Body) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(cooperation=access.cooperation, body=body)
        .select_related("person", "person__municipality")
        .order_by("role", "person__family_name", "person__given_name")
    )


# --- People ------------------------------------------------------------------------------------


def membership_get(*, access: Access, body_id: int, pk: int) -> Membership:
    """A membership of the body (404 for another body's or cooperation's)."""
    return get_object_or_404(
        Membership.objects.select_related("person", "body"),
        cooperation=access.cooperation,
        body_id=body_id,
        pk=pk,
    )


def person_list(*, access: Access, municipality_id: int | None = None) -> QuerySet[Person]:
    people = Person.objects.filter(cooperation=access.cooperation).select_related("municipality")
    if municipality_id is not None:
        people = people.filter(municipality_id=municipality_id)
    return people.order_by("family_name", "given_name")


def person_get(*, access: Access, pk: int) -> Person:
    memberships = Membership.objects.filter(cooperation=access.cooperation).select_related("body")
    return get_object_or_404(
        Person.objects.filter(cooperation=access.cooperation)
        .select_related("municipality", "user")
        .prefetch_related(Prefetch("memberships", queryset=memberships)),
        pk=pk,
    )


# --- Locations ---------------------------------------------------------------------------------


def location_list(*, access: Access) -> QuerySet[Location]:
    return (
        Location.objects.filter(cooperation=access.cooperation)
        .select_related("municipality")
        .order_by("name")
    )


def location_get(*, access: Access, pk: int) -> Location:
    return get_object_or_404(
        Location.objects.filter(cooperation=access.cooperation).select_related("municipality"),
        pk=pk,
    )


# --- Dashboard ---------------------------------------------------------------------------------


def structure_counts(*, access: Access) -> dict[str, int]:
    cooperation = access.cooperation
    return {
        "municipalities": Municipality.objects.filter(cooperation=cooperation).count(),
        "bodies": visible_bodies(access=access).count(),
        "people": Person.objects.filter(cooperation=cooperation).count() if access.is_member else 0,
    }
