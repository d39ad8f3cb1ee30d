"""Invitations: the mail, the link's states, accepting with a new or an existing log-in."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from ikz.access import services
from ikz.access.models import AccessEvent, Invitation
from ikz.accounts.access import Level
from ikz.accounts.models import CooperationRole, User
from ikz.cooperation.access import access_for
from ikz.cooperation.models import Person
from tests.conftest import World, client_for
from tests.factories import PersonFactory, UserFactory

PASSWORD = "ein-langes-neues-Passwort-2026"


def _link(message: mail.EmailMessage) -> str:
    match = re.search(r"https?://[^/\s]+(/konto/einladung/[^\s]+/)", str(message.body))
    assert match, message.body
    return match.group(1)


def _invite(world: World, email: str = "neu@example.org", **kwargs: object) -> str:
    mail.outbox.clear()
    services.invitation_create(
        cooperation=world.cooperation,
        email=email,
        role=kwargs.pop("role", "member"),  # type: ignore[arg-type]
        actor_id=world.coordinator.pk,
        **kwargs,  # type: ignore[arg-type]
    )
    assert len(mail.outbox) == 1
    return _link(mail.outbox[0])


def _accept_new(link: str, client: Client | None = None) -> object:
    return (client or Client()).post(
        link,
        {
            "given_name": "Erika",
            "family_name": "Muster",
            "password": PASSWORD,
            "password2": PASSWORD,
        },
    )


@pytest.mark.django_db(transaction=True)
def test_mail_after_commit_in_german_with_single_use_link(world: World) -> None:
    person = PersonFactory(cooperation=world.cooperation, municipality=world.municipality)
    link = _invite(world, "Buergermeisterin@Example.org", person=person)
    message = mail.outbox[0]
    assert message.to == ["buergermeisterin@example.org"]
    assert message.subject == f"Einladung in die Kooperation „{world.cooperation.name}“"
    assert "Passwort fest" in message.body
    response = _accept_new(link)
    assert response.status_code == 302  # type: ignore[attr-defined]
    user = User.objects.get(email="buergermeisterin@example.org")
    assert user.check_password(PASSWORD)
    person.refresh_from_db()
    assert person.user == user
    access = access_for(user=user, cooperation=world.cooperation)
    assert access.level == Level.MEMBER
    assert access.municipality_id == world.municipality.pk
    # Reused: a clear German page, nothing changes.
    before = (User.objects.count(), CooperationRole.objects.count())
    again = _accept_new(link)
    assert again.status_code == 410  # type: ignore[attr-defined]
    assert "bereits angenommen" in again.content.decode()  # type: ignore[attr-defined]
    assert (User.objects.count(), CooperationRole.objects.count()) == before


@pytest.mark.django_db(transaction=True)
def test_expired_link_is_refused_and_changes_nothing(world: World) -> None:
    link = _invite(world)
    Invitation.objects.update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    users = User.objects.count()
    response = _accept_new(link)
    assert response.status_code == 410  # type: ignore[attr-defined]
    assert "abgelaufen" in response.content.decode()  # type: ignore[attr-defined]
    assert User.objects.count() == users
    assert Client().get(link).status_code == 410


@pytest.mark.django_db(transaction=True)
def test_revoked_and_resent_links(world: World) -> None:
    link = _invite(world)
    invitation = Invitation.objects.get()
    services.invitation_resend(cooperation=world.cooperation, invitation=invitation)
    new_link = _link(mail.outbox[-1])
    assert new_link != link
    old = Client().get(link)
    assert old.status_code == 404
    assert "ungültig" in old.content.decode()
    services.invitation_revoke(cooperation=world.cooperation, invitation=invitation)
    users = User.objects.count()
    revoked = _accept_new(new_link)
    assert revoked.status_code == 410  # type: ignore[attr-defined]
    assert "zurückgezogen" in revoked.content.decode()  # type: ignore[attr-defined]
    assert User.objects.count() == users
    assert Client().get("/konto/einladung/gefaelscht/").status_code == 404


@pytest.mark.django_db(transaction=True)
def test_existing_login_accepts_into_the_same_login(world: World, other: World) -> None:
    # B's member is invited into A: one login, roles in both cooperations.
    user = other.member
    link = _invite(world, user.email, role="coordinator")
    assert "schon ein Konto" in mail.outbox[0].body
    anonymous = Client().get(link)
    assert "gibt es schon ein Konto" in anonymous.content.decode()
    stranger = client_for(world.outsider).post(link)
    assert stranger.status_code == 403
    response = client_for(user).post(link)
    assert response.status_code == 302
    assert access_for(user=user, cooperation=world.cooperation).level == Level.COORDINATOR
    assert access_for(user=user, cooperation=other.cooperation).level == Level.MEMBER
    assert User.objects.filter(email=user.email).count() == 1
    assert Person.objects.filter(cooperation=world.cooperation, user=user).exists()


@pytest.mark.django_db(transaction=True)
def test_invitation_of_one_cooperation_grants_nothing_in_another(
    world: World, other: World
) -> None:
    link = _invite(world)
    _accept_new(link)
    user = User.objects.get(email="neu@example.org")
    assert access_for(user=user, cooperation=other.cooperation).level == Level.PUBLIC
    assert not CooperationRole.objects.filter(user=user, cooperation=other.cooperation).exists()
    assert not Person.objects.filter(cooperation=other.cooperation, user=user).exists()
    # A person of B cannot be named in an invitation of A.
    foreign = PersonFactory(cooperation=other.cooperation)
    with pytest.raises(ValidationError):
        services.invitation_create(
            cooperation=world.cooperation, email="x@example.org", role="member", person=foreign
        )
    # A coordinator of A cannot resend B's invitation by id.
    services.invitation_create(cooperation=other.cooperation, email="b@example.org", role="member")
    foreign_invitation = Invitation.objects.get(email="b@example.org")
    client = client_for(world.coordinator)
    url = f"/{world.cooperation.slug}/zugaenge/einladungen/{foreign_invitation.pk}/"
    assert client.post(url + "erneut/").status_code == 404
    assert client.post(url + "zurueckziehen/").status_code == 404


@pytest.mark.django_db
def test_last_coordinator_cannot_be_removed_or_demoted(world: World) -> None:
    role = CooperationRole.objects.get(user=world.coordinator, cooperation=world.cooperation)
    client = client_for(world.coordinator)
    base = f"/{world.cooperation.slug}/zugaenge/{role.pk}/"
    response = client.post(base + "entfernen/", follow=True)
    assert "letzte Person mit der Rolle Koordination" in response.content.decode()
    client.post(base + "rolle/", {"role": "member"})
    role.refresh_from_db()
    assert role.role == "coordinator"
    # With a second coordinator, the first may go; the person stays, unlinked.
    second = UserFactory()
    CooperationRole.objects.create(user=second, cooperation=world.cooperation, role="coordinator")
    assert client.post(base + "entfernen/").status_code == 302
    assert not CooperationRole.objects.filter(pk=role.pk).exists()
    world.coordinator_person.refresh_from_db()
    assert world.coordinator_person.user is None
    summaries = list(AccessEvent.objects.values_list("summary", flat=True))
    assert any("entfernt" in s for s in summaries)


@pytest.mark.django_db
def test_role_change_is_recorded(world: World) -> None:
    role = CooperationRole.objects.get(user=world.member, cooperation=world.cooperation)
    client = client_for(world.coordinator)
    assert (
        client.post(
            f"/{world.cooperation.slug}/zugaenge/{role.pk}/rolle/", {"role": "coordinator"}
        ).status_code
        == 302
    )
    role.refresh_from_db()
    assert role.role == "coordinator"
    event = AccessEvent.objects.get()
    assert event.actor == world.coordinator
    assert "Mitglied → Koordination" in event.summary


@pytest.mark.django_db(transaction=True)
def test_zugaenge_page_lists_access_and_pending_invitations(world: World) -> None:
    _invite(world, "offen@example.org")
    html = (
        client_for(world.coordinator).get(f"/{world.cooperation.slug}/zugaenge/").content.decode()
    )
    assert world.member.username in html
    assert "offen@example.org" in html
    assert "noch nie" in html  # no last login yet
    assert "eingeladen (Mitglied)" in html  # the log
