"""Platform operation: creating, archiving, reactivating cooperations; the CLI equivalents."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.core.management import CommandError, call_command

from ikz.access.models import Invitation
from ikz.accounts.models import User
from ikz.cooperation.models import Cooperation, Municipality
from tests.conftest import World, client_for
from tests.factories import UserFactory


@pytest.fixture
def operator(db: None) -> User:
    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="operate_platform"))
    return user


@pytest.mark.django_db(transaction=True)
def test_operator_creates_a_cooperation_and_invites_its_coordinator(operator: User) -> None:
    client = client_for(operator)
    response = client.post(
        "/betrieb/kooperationen/neu/",
        {
            "name": "Allianz Seenland",
            "slug": "seenland",
            "region": "Landkreis Seeburg",
            "coordinator_email": "koordination@example.org",
        },
    )
    assert response.status_code == 302
    cooperation = Cooperation.objects.get(slug="seenland")
    invitation = Invitation.objects.get(cooperation=cooperation)
    assert (invitation.email, invitation.role) == ("koordination@example.org", "coordinator")
    assert mail.outbox[0].to == ["koordination@example.org"]
    listing = client.get("/betrieb/").content.decode()
    assert "Allianz Seenland" in listing
    # A reserved or taken short name is a German form error; nothing is created.
    for taken in ("seenland", "betrieb", "konto"):
        refused = client.post("/betrieb/kooperationen/neu/", {"name": "X", "slug": taken})
        assert refused.status_code == 400
        assert 'class="kern-error"' in refused.content.decode()
    assert Cooperation.objects.count() == 1


@pytest.mark.django_db
def test_archived_cooperation_is_read_only_and_left_off_the_start_page(
    world: World, operator: User
) -> None:
    operator_client = client_for(operator)
    assert (
        operator_client.post(
            f"/betrieb/kooperationen/{world.cooperation.pk}/archivieren/"
        ).status_code
        == 302
    )
    anonymous = client_for(None).get("/").content.decode()
    assert world.cooperation.name not in anonymous
    coordinator = client_for(world.coordinator)
    assert coordinator.get(f"/{world.cooperation.slug}/kommunen/").status_code == 200
    refused = coordinator.post(
        f"/{world.cooperation.slug}/kommunen/neu/", {"name": "Neudorf", "ags": "14729555"}
    )
    assert refused.status_code == 403
    assert "archiviert" in refused.content.decode()
    assert not Municipality.objects.filter(name="Neudorf").exists()
    operator_client.post(f"/betrieb/kooperationen/{world.cooperation.pk}/reaktivieren/")
    assert world.cooperation.name in client_for(None).get("/").content.decode()
    created = coordinator.post(
        f"/{world.cooperation.slug}/kommunen/neu/",
        {"name": "Neudorf", "kind": "gemeinde", "ags": "14729555"},
    )
    assert created.status_code == 302


@pytest.mark.django_db(transaction=True)
def test_cli_creates_a_cooperation_and_invites(world: World) -> None:
    out = StringIO()
    call_command(
        "cooperation",
        "create",
        "--name",
        "Region Nord",
        "--slug",
        "region-nord",
        "--coordinator",
        "chefin@example.org",
        stdout=out,
    )
    assert "Region Nord" in out.getvalue()
    assert re.search(r"/konto/einladung/\S+/", out.getvalue())
    cooperation = Cooperation.objects.get(slug="region-nord")
    assert Invitation.objects.get(cooperation=cooperation).role == "coordinator"
    with pytest.raises(CommandError, match="reserviert"):
        call_command("cooperation", "create", "--name", "X", "--slug", "admin", stdout=out)
    out = StringIO()
    with pytest.raises(CommandError, match="Keine Person"):
        call_command(
            "invite",
            world.cooperation.slug,
            "m@example.org",
            "--role",
            "member",
            "--person",
            "999999",
        )
    spare = world.other_municipality
    from tests.factories import PersonFactory

    person = PersonFactory(cooperation=world.cooperation, municipality=spare)
    call_command(
        "invite",
        world.cooperation.slug,
        "m@example.org",
        "--role",
        "member",
        "--person",
        str(person.pk),
        stdout=out,
    )
    invitation = Invitation.objects.get(email="m@example.org")
    assert (invitation.role, invitation.person) == ("member", person)
    with pytest.raises(CommandError, match="Keine Kooperation"):
        call_command("invite", "gibt-es-nicht", "m@example.org", "--role", "member")
