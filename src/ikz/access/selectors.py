"""Reads of access management; every query is filtered by the cooperation in ``access``."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from ikz.access.models import AccessEvent, Invitation
from ikz.accounts.access import Access
from ikz.accounts.models import CooperationRole
from ikz.cooperation.models import Person


@dataclass(frozen=True)
class AccessRow:
    role: CooperationRole
    person: Person | None


def access_rows(*, access: Access) -> list[AccessRow]:
    """Who has access: every role with its log-in and the person it is linked to."""
    roles = list(
        CooperationRole.objects.filter(cooperation=access.cooperation)
        .select_related("user")
        .order_by("role", "user__last_name", "user__first_name", "user__username")
    )
    people = {
        person.user_id: person
        for person in Person.objects.filter(
            cooperation=access.cooperation, user_id__in=[r.user_id for r in roles]
        ).select_related("municipality")
    }
    return [AccessRow(role=role, person=people.get(role.user_id)) for role in roles]


def invitable_person(*, access: Access, pk: int) -> Person | None:
    """A person of the cooperation without a log-in, to prefill the invitation form."""
    return Person.objects.filter(cooperation=access.cooperation, pk=pk, user__isnull=True).first()


def role_get(*, access: Access, pk: int) -> CooperationRole:
    return get_object_or_404(
        CooperationRole.objects.select_related("user"), cooperation=access.cooperation, pk=pk
    )


def open_invitations(*, access: Access) -> QuerySet[Invitation]:
    """Invitations not yet taken up nor revoked, expired ones included (they can be resent)."""
    return (
        Invitation.objects.filter(
            cooperation=access.cooperation, accepted_at__isnull=True, revoked_at__isnull=True
        )
        .select_related("person", "created_by")
        .order_by("-sent_at", "-pk")
    )


def invitation_get(*, access: Access, pk: int) -> Invitation:
    return get_object_or_404(
        Invitation.objects.select_related("cooperation"), cooperation=access.cooperation, pk=pk
    )


def recent_events(*, access: Access, limit: int = 30) -> QuerySet[AccessEvent]:
    return (
        AccessEvent.objects.filter(cooperation=access.cooperation)
        .select_related("actor")
        .order_by("-created_at", "-pk")[:limit]
    )
