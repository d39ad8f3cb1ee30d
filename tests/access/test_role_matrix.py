"""Every URL of issue 9's namespaces (platform, cooperation_settings, access, invitation,
profile) for anonymous visitors, outsiders, members, coordinators and the platform operator
(a log-in with the "Plattformbetrieb" permission and no role in the cooperation)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import get_resolver, reverse

from ikz.access import services as access_services
from ikz.access.models import Invitation
from ikz.accounts.models import CooperationRole, User
from ikz.cooperation.models import Cooperation
from tests.conftest import World, client_for
from tests.factories import PersonFactory, UserFactory
from tests.site_map import LOGIN, outcome

NAMESPACES = ("platform", "cooperation_settings", "access", "invitation", "profile")
ROLES = ("anonymous", "outsider", "member", "coordinator", "operator")


def _who(
    *, anonymous: Any, outsider: Any, member: Any, coordinator: Any, operator: Any
) -> dict[str, Any]:
    return dict(zip(ROLES, (anonymous, outsider, member, coordinator, operator), strict=True))


OPERATOR = _who(anonymous=LOGIN, outsider=403, member=403, coordinator=403, operator=200)
OPERATOR_POST = _who(anonymous=LOGIN, outsider=403, member=403, coordinator=403, operator=405)
COORDINATOR = _who(anonymous=LOGIN, outsider=403, member=403, coordinator=200, operator=403)
COORDINATOR_POST = _who(anonymous=LOGIN, outsider=403, member=403, coordinator=405, operator=403)
LOGGED_IN = _who(anonymous=LOGIN, outsider=200, member=200, coordinator=200, operator=200)
LOGGED_IN_POST = _who(anonymous=LOGIN, outsider=405, member=405, coordinator=405, operator=405)


def _invitation(world: World) -> Invitation:
    return access_services.invitation_create(
        cooperation=world.cooperation, email="offen@example.org", role="member"
    )


Args = Callable[[World], dict[str, Any]]
slug: Args = lambda w: {"slug": w.cooperation.slug}  # noqa: E731
# name -> (kwargs, GET outcome per role)
TABLE: dict[str, tuple[Args, dict[str, Any]]] = {
    "platform:list": (lambda w: {}, OPERATOR),
    "platform:create": (lambda w: {}, OPERATOR),
    "platform:archive": (lambda w: {"pk": w.cooperation.pk}, OPERATOR_POST),
    "platform:reactivate": (lambda w: {"pk": w.cooperation.pk}, OPERATOR_POST),
    "cooperation_settings:edit": (slug, COORDINATOR),
    "access:page": (slug, COORDINATOR),
    "access:invite": (slug, COORDINATOR),
    "access:invitation_resend": (
        lambda w: {**slug(w), "pk": _invitation(w).pk},
        COORDINATOR_POST,
    ),
    "access:invitation_revoke": (
        lambda w: {**slug(w), "pk": _invitation(w).pk},
        COORDINATOR_POST,
    ),
    "access:role_change": (
        lambda w: {**slug(w), "pk": CooperationRole.objects.get(user=w.member).pk},
        COORDINATOR_POST,
    ),
    "access:remove": (
        lambda w: {**slug(w), "pk": CooperationRole.objects.get(user=w.member).pk},
        COORDINATOR,
    ),
    "access:person_export": (lambda w: {**slug(w), "pk": w.member_person.pk}, COORDINATOR),
    "access:person_erase": (lambda w: {**slug(w), "pk": w.member_person.pk}, COORDINATOR),
    "invitation:accept": (
        lambda w: {"token": "kein-gueltiger-link"},
        dict.fromkeys(ROLES, 404),
    ),
    "profile:overview": (lambda w: {}, LOGGED_IN),
    "profile:name": (lambda w: {}, LOGGED_IN),
    "profile:email": (lambda w: {}, LOGGED_IN),
    "profile:email_confirm": (
        lambda w: {"token": "ungueltig"},
        {**dict.fromkeys(ROLES, 400), "anonymous": LOGIN},
    ),
    "profile:password": (lambda w: {}, LOGGED_IN),
    "profile:sessions": (lambda w: {}, LOGGED_IN),
    "profile:two_factor": (lambda w: {}, LOGGED_IN),
    "profile:two_factor_setup": (lambda w: {}, LOGGED_IN),
    "profile:recovery_codes": (lambda w: {}, LOGGED_IN_POST),
    "profile:two_factor_disable": (lambda w: {}, LOGGED_IN),
    "profile:calendars": (lambda w: {}, LOGGED_IN),
    "profile:calendar_renew": (lambda w: {"slug": w.cooperation.slug}, LOGGED_IN_POST),
    "profile:notifications": (lambda w: {}, LOGGED_IN),
}


def _operator() -> User:
    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="operate_platform"))
    return user


def _client(world: World, role: str) -> Client:
    if role == "operator":
        return client_for(_operator())
    return client_for(None if role == "anonymous" else getattr(world, role))


def _outcome(response: Any) -> Any:
    if response.status_code == 302 and response["Location"] == reverse("accounts:login"):
        return "302 → Anmeldung"
    return outcome(response)


def test_table_covers_every_url() -> None:
    names = set()
    for namespace in NAMESPACES:
        resolver = get_resolver().namespace_dict[namespace][1]
        names |= {f"{namespace}:{n}" for n in resolver.reverse_dict if isinstance(n, str)}
    assert names == set(TABLE)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(TABLE))
def test_get(world: World, name: str, role: str) -> None:
    kwargs, expected = TABLE[name]
    url = reverse(name, kwargs=kwargs(world))
    before = (
        CooperationRole.objects.count(),
        Invitation.objects.filter(revoked_at__isnull=True).count(),
        Cooperation.objects.filter(archived_at__isnull=True).count(),
    )
    response = _client(world, role).get(url)
    assert _outcome(response) == expected[role], f"GET {url} as {role}"
    if expected[role] == 200 and "html" in response["Content-Type"]:
        assert '<html lang="de">' in response.content.decode()
    assert before == (
        CooperationRole.objects.count(),
        Invitation.objects.filter(revoked_at__isnull=True).count(),
        Cooperation.objects.filter(archived_at__isnull=True).count(),
    )


WRITES: dict[str, Callable[[World], tuple[dict[str, str], Callable[[], bool]]]] = {
    "access:invite": lambda w: (
        {"email": "neu@example.org", "role": "member"},
        lambda: Invitation.objects.filter(email="neu@example.org").exists(),
    ),
    "access:role_change": lambda w: (
        {"role": "coordinator"},
        lambda: CooperationRole.objects.filter(user=w.member, role="coordinator").exists(),
    ),
    "access:remove": lambda w: (
        {},
        lambda: not CooperationRole.objects.filter(user=w.member).exists(),
    ),
    "access:invitation_revoke": lambda w: (
        {},
        lambda: Invitation.objects.filter(revoked_at__isnull=False).exists(),
    ),
    "cooperation_settings:edit": lambda w: (
        {"name": "Neuer Name", "report_period": "quarter"},
        lambda: Cooperation.objects.filter(name="Neuer Name", report_period="quarter").exists(),
    ),
}


@pytest.mark.parametrize("role", ["anonymous", "outsider", "member", "operator"])
@pytest.mark.parametrize("name", sorted(WRITES))
def test_only_the_coordinator_writes(world: World, name: str, role: str) -> None:
    kwargs, _expected = TABLE[name]
    url = reverse(name, kwargs=kwargs(world))
    data, took_effect = WRITES[name](world)
    response = _client(world, role).post(url, data)
    assert _outcome(response) in (LOGIN, 403)
    assert not took_effect()
    response = client_for(world.coordinator).post(url, data)
    assert response.status_code == 302, response.content.decode()[:1500]
    assert took_effect()


@pytest.mark.parametrize("role", ["anonymous", "outsider", "member", "coordinator"])
def test_only_the_operator_creates_and_archives(world: World, role: str) -> None:
    data = {"name": "Neue Allianz", "slug": "neue-allianz"}
    client = _client(world, role)
    assert _outcome(client.post(reverse("platform:create"), data)) in (LOGIN, 403)
    archive = reverse("platform:archive", kwargs={"pk": world.cooperation.pk})
    assert _outcome(client.post(archive)) in (LOGIN, 403)
    assert not Cooperation.objects.filter(slug="neue-allianz").exists()
    assert not Cooperation.objects.filter(archived_at__isnull=False).exists()


def test_another_cooperations_ids_are_404(world: World, other: World) -> None:
    client = client_for(world.coordinator)
    foreign_role = CooperationRole.objects.get(user=other.member)
    foreign_person = PersonFactory(cooperation=other.cooperation)
    s = world.cooperation.slug
    for url in (
        f"/{s}/zugaenge/{foreign_role.pk}/entfernen/",
        f"/{s}/zugaenge/personen/{foreign_person.pk}/auskunft/",
        f"/{s}/zugaenge/personen/{foreign_person.pk}/loeschen/",
    ):
        assert client.get(url).status_code == 404, url
        if not url.endswith("auskunft/"):  # GET only: a POST is 405 before any lookup
            assert client.post(url).status_code == 404, url
    assert (
        client.post(f"/{s}/zugaenge/{foreign_role.pk}/rolle/", {"role": "member"}).status_code
        == 404
    )
    assert CooperationRole.objects.filter(pk=foreign_role.pk, role="member").exists()
    # Settings: a body of B cannot become A's steering body.
    response = client.post(
        f"/{s}/einstellungen/",
        {"name": "A", "report_period": "month", "steering_body": str(other.public_body.pk)},
    )
    assert response.status_code == 400
    assert Cooperation.objects.get(pk=world.cooperation.pk).steering_body is None
