"""Every page of the ``cooperation``, ``ui`` and ``accounts`` URL namespaces, with what each
role must get there. Shared by the role matrix, the tenant isolation and the query-count tests.

The list of pages is checked against Django's URL resolver (``resolver_url_names``), so a new
URL without an entry here fails the role matrix instead of going untested.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.http.response import HttpResponseBase
from django.test import Client
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

from ikz.cooperation.models import Body, Location, Membership, Municipality, Person
from tests.conftest import World, client_for
from tests.factories import LocationFactory, PersonFactory

NAMESPACES = ("cooperation", "ui", "accounts")
ROLES = ("anonymous", "outsider", "member", "coordinator")
# Expected outcomes besides plain status codes.
LOGIN = "302 → Anmeldung"
HOME = "302 → Start"


@dataclass
class Scene:
    """A cooperation with one object of every kind, so that every URL can be filled in."""

    world: World
    location: Location
    membership: Membership  # world.member_person in world.member_body
    spare_person: Person  # no log-in, no membership: free to edit or delete

    @property
    def slug(self) -> str:
        return self.world.cooperation.slug

    def client(self, role: str) -> Client:
        user = None if role == "anonymous" else getattr(self.world, role)
        return client_for(user)


def build_scene(world: World) -> Scene:
    cooperation = world.cooperation
    name = cooperation.name.rsplit(" ", 1)[-1]
    return Scene(
        world=world,
        location=LocationFactory(
            cooperation=cooperation, name=f"Rathaus {name}", municipality=world.municipality
        ),
        membership=Membership.objects.get(person=world.member_person, body=world.member_body),
        spare_person=PersonFactory(
            cooperation=cooperation, given_name="Greta", family_name=f"Reserve{name}"
        ),
    )


Kwargs = Callable[[Scene], dict[str, Any]]
Expectation = dict[str, int | str]


@dataclass(frozen=True)
class Case:
    """One way of calling a URL: its arguments, the GET outcome per role, and for write views
    a valid POST with the check that the coordinator's POST took effect."""

    label: str
    kwargs: Kwargs
    get: Expectation
    post: Callable[[Scene], dict[str, str]] | None = None
    took_effect: Callable[[Scene], bool] | None = None
    # Arguments naming an object of the cooperation (swapped for another's in isolation tests).
    object_args: tuple[str, ...] = field(default=())

    def url(self, name: str, scene: Scene, *, slug: str | None = None) -> str:
        kwargs = self.kwargs(scene)
        if slug is not None and "slug" in kwargs:
            kwargs["slug"] = slug
        return reverse(name, kwargs=kwargs)


def everyone(status: int | str) -> Expectation:
    return dict.fromkeys(ROLES, status)


PUBLIC = everyone(200)
MEMBERS: Expectation = {"anonymous": LOGIN, "outsider": 403, "member": 200, "coordinator": 200}
COORDINATOR: Expectation = {"anonymous": LOGIN, "outsider": 403, "member": 403, "coordinator": 200}
INTERNAL_OWN: Expectation = {"anonymous": 404, "outsider": 404, "member": 200, "coordinator": 200}
INTERNAL_FOREIGN: Expectation = {
    "anonymous": 404,
    "outsider": 404,
    "member": 404,
    "coordinator": 200,
}
ANONYMOUS_ONLY: Expectation = {
    "anonymous": 200,
    "outsider": HOME,
    "member": HOME,
    "coordinator": HOME,
}


def slug(scene: Scene) -> dict[str, Any]:
    return {"slug": scene.slug}


def with_pk(get_pk: Callable[[Scene], int]) -> Kwargs:
    return lambda scene: {"slug": scene.slug, "pk": get_pk(scene)}


municipality_pk = with_pk(lambda s: s.world.municipality.pk)
other_municipality_pk = with_pk(lambda s: s.world.other_municipality.pk)
member_body_pk = with_pk(lambda s: s.world.member_body.pk)
person_pk = with_pk(lambda s: s.spare_person.pk)
location_pk = with_pk(lambda s: s.location.pk)


def membership_kwargs(scene: Scene) -> dict[str, Any]:
    return {"slug": scene.slug, "body_pk": scene.world.member_body.pk, "pk": scene.membership.pk}


def exists(
    model: type[Municipality | Body | Person | Location], **filters: Any
) -> Callable[[Scene], bool]:
    def check(scene: Scene) -> bool:
        return model.objects.filter(cooperation=scene.world.cooperation, **filters).exists()

    return check


def gone(get_obj: Callable[[Scene], Any]) -> Callable[[Scene], bool]:
    def check(scene: Scene) -> bool:
        obj = get_obj(scene)
        return not type(obj).objects.filter(pk=obj.pk).exists()

    return check


def one(label: str, kwargs: Kwargs, get: Expectation, **extra: Any) -> list[Case]:
    return [Case(label=label, kwargs=kwargs, get=get, **extra)]


PK = ("pk",)
SITE_MAP: dict[str, list[Case]] = {
    # --- ui ---
    "ui:home": one("", lambda s: {}, PUBLIC),
    "ui:accessibility": one("", lambda s: {}, PUBLIC),
    # --- accounts --- (POSTs are covered in test_accounts.py and test_security.py)
    "accounts:login": one("", lambda s: {}, ANONYMOUS_ONLY),
    "accounts:login_code": one("no log-in pending: back to the form", lambda s: {}, everyone(302)),
    "accounts:logout": one("GET is refused, only POST logs out", lambda s: {}, everyone(405)),
    "accounts:password_reset": one("", lambda s: {}, PUBLIC),
    "accounts:password_reset_done": one("", lambda s: {}, PUBLIC),
    "accounts:password_reset_confirm": one(
        "invalid link", lambda s: {"uidb64": "MQ", "token": "ungueltig-123"}, PUBLIC
    ),
    "accounts:password_reset_complete": one("", lambda s: {}, PUBLIC),
    # --- cooperation ---
    "cooperation:dashboard": one("", slug, PUBLIC),
    "cooperation:municipality_list": one("", slug, PUBLIC),
    "cooperation:municipality_detail": one("", municipality_pk, PUBLIC, object_args=PK),
    "cooperation:municipality_create": one(
        "",
        slug,
        COORDINATOR,
        post=lambda s: {"name": "Neudorf", "kind": "gemeinde", "ags": "14729555"},
        took_effect=exists(Municipality, name="Neudorf", ags="14729555"),
    ),
    "cooperation:municipality_edit": one(
        "",
        municipality_pk,
        COORDINATOR,
        post=lambda s: {"name": "Umbenannt", "kind": "stadt", "ags": s.world.municipality.ags},
        took_effect=exists(Municipality, name="Umbenannt", kind="stadt"),
        object_args=PK,
    ),
    "cooperation:municipality_delete": one(
        "",
        other_municipality_pk,
        COORDINATOR,
        post=lambda s: {},
        took_effect=gone(lambda s: s.world.other_municipality),
        object_args=PK,
    ),
    "cooperation:body_list": one("", slug, PUBLIC),
    "cooperation:body_detail": [
        Case("internal, member belongs to it", member_body_pk, INTERNAL_OWN, object_args=PK),
        Case(
            "internal, member not in it",
            with_pk(lambda s: s.world.internal_body.pk),
            INTERNAL_FOREIGN,
            object_args=PK,
        ),
        Case("public", with_pk(lambda s: s.world.public_body.pk), PUBLIC, object_args=PK),
    ],
    "cooperation:body_create": one(
        "",
        slug,
        COORDINATOR,
        post=lambda s: {"name": "AG Digitalisierung", "kind": "working_group"},
        took_effect=exists(Body, name="AG Digitalisierung"),
    ),
    "cooperation:body_edit": one(
        "",
        member_body_pk,
        COORDINATOR,
        post=lambda s: {"name": "AG Bauhof (neu)", "kind": "working_group", "is_public": "on"},
        took_effect=exists(Body, name="AG Bauhof (neu)", is_public=True),
        object_args=PK,
    ),
    "cooperation:body_delete": one(
        "",
        with_pk(lambda s: s.world.internal_body.pk),
        COORDINATOR,
        post=lambda s: {},
        took_effect=gone(lambda s: s.world.internal_body),
        object_args=PK,
    ),
    "cooperation:membership_create": one(
        "",
        lambda s: {"slug": s.slug, "body_pk": s.world.public_body.pk},
        COORDINATOR,
        post=lambda s: {"person": str(s.spare_person.pk), "role": "guest"},
        took_effect=lambda s: Membership.objects.filter(
            person=s.spare_person, body=s.world.public_body, role="guest"
        ).exists(),
        object_args=("body_pk",),
    ),
    "cooperation:membership_edit": one(
        "",
        membership_kwargs,
        COORDINATOR,
        post=lambda s: {"person": str(s.world.member_person.pk), "role": "chair"},
        took_effect=lambda s: Membership.objects.filter(pk=s.membership.pk, role="chair").exists(),
        object_args=("body_pk", "pk"),
    ),
    "cooperation:membership_delete": one(
        "",
        membership_kwargs,
        COORDINATOR,
        post=lambda s: {},
        took_effect=gone(lambda s: s.membership),
        object_args=("body_pk", "pk"),
    ),
    "cooperation:person_list": one("", slug, MEMBERS),
    "cooperation:person_detail": one("", person_pk, MEMBERS, object_args=PK),
    "cooperation:person_create": one(
        "",
        slug,
        COORDINATOR,
        post=lambda s: {"given_name": "Erika", "family_name": "Mustermann"},
        took_effect=exists(Person, family_name="Mustermann"),
    ),
    "cooperation:person_edit": one(
        "",
        person_pk,
        COORDINATOR,
        post=lambda s: {"given_name": "Greta", "family_name": "Geändert"},
        took_effect=exists(Person, family_name="Geändert"),
        object_args=PK,
    ),
    "cooperation:person_delete": one(
        "",
        person_pk,
        COORDINATOR,
        post=lambda s: {},
        took_effect=gone(lambda s: s.spare_person),
        object_args=PK,
    ),
    "cooperation:location_list": one("", slug, MEMBERS),
    "cooperation:location_detail": one("", location_pk, MEMBERS, object_args=PK),
    "cooperation:location_create": one(
        "",
        slug,
        COORDINATOR,
        post=lambda s: {"name": "Dorfgemeinschaftshaus", "address": "Am Anger 2"},
        took_effect=exists(Location, name="Dorfgemeinschaftshaus"),
    ),
    "cooperation:location_edit": one(
        "",
        location_pk,
        COORDINATOR,
        post=lambda s: {"name": "Rathaus (Saal)", "address": "Markt 1"},
        took_effect=exists(Location, name="Rathaus (Saal)"),
        object_args=PK,
    ),
    "cooperation:location_delete": one(
        "",
        location_pk,
        COORDINATOR,
        post=lambda s: {},
        took_effect=gone(lambda s: s.location),
        object_args=PK,
    ),
}


def routes() -> Iterator[tuple[str, str, URLPattern]]:
    """The one URL walker of the tests: ("ns:name", route, pattern) for every named URL of
    every namespace (the admin's aside), e.g. ("meetings:detail",
    "<slug:slug>/sitzungen/<int:pk>/"). Unnamed patterns come out with an empty name."""

    def walk(patterns: list[Any], namespace: tuple[str, ...], prefix: str) -> Iterator[Any]:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace == "admin":
                    continue
                inner = (*namespace, pattern.namespace) if pattern.namespace else namespace
                yield from walk(pattern.url_patterns, inner, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                ns = ":".join(namespace)
                name = (f"{ns}:{pattern.name}" if ns else pattern.name) if pattern.name else ""
                yield name, prefix + str(pattern.pattern), pattern

    yield from walk(get_resolver().url_patterns, (), "")


def url_names(*namespaces: str) -> set[str]:
    """Every URL name ("ns:name"; "name" for a URL outside any namespace), of the given
    top-level namespaces or, without any, of all but the admin's."""
    return {
        name
        for name, _route, _pattern in routes()
        if name and (not namespaces or name.split(":")[0] in namespaces)
    }


def resolver_url_names() -> tuple[set[str], list[str]]:
    """Names ("ns:name") of every URL in NAMESPACES, and the routes that have no name."""
    names = url_names(*NAMESPACES)
    unnamed = [route for name, route, _pattern in routes() if not name]
    return names, unnamed


def all_cases() -> list[tuple[str, Case]]:
    return [(name, case) for name, cases in SITE_MAP.items() for case in cases]


def case_id(name: str, case: Case) -> str:
    return f"{name}[{case.label}]" if case.label else name


def snapshot() -> dict[str, list[Mapping[str, Any]]]:
    """Every structural row of every cooperation, to prove that a refused write changed nothing."""
    models = (Municipality, Body, Person, Membership, Location)
    return {model.__name__: list(model.objects.order_by("pk").values()) for model in models}


def is_login_redirect(response: HttpResponseBase) -> bool:
    return response.status_code == 302 and response["Location"].startswith(
        reverse("accounts:login") + "?next="
    )


def outcome(response: Any) -> int | str:
    """The response as an expectation value: LOGIN/HOME for those redirects, else the status."""
    if is_login_redirect(response):
        return LOGIN
    if response.status_code == 302 and response["Location"] == reverse("ui:home"):
        return HOME
    return int(response.status_code)


def slug_only_urls(slug_value: str) -> list[tuple[str, str]]:
    """Every named URL of any app (admin aside) that needs nothing but the cooperation's slug:
    lists, overviews, feeds and exports."""
    urls: list[tuple[str, str]] = []
    for name in url_names():
        try:
            urls.append((name, reverse(name, kwargs={"slug": slug_value})))
        except NoReverseMatch:
            continue
    return sorted(set(urls))


def _all_entries() -> dict[str, Any]:
    from tests.site_map import results, structure, work

    merged: dict[str, Any] = {}
    for module in (structure, work, results):
        overlap = merged.keys() & module.ENTRIES.keys()
        assert not overlap, f"listed twice in the site map: {sorted(overlap)}"
        merged |= module.ENTRIES
    return merged


# Every URL name of the site (the admin's aside): see tests/site_map/table.py for an entry.
ENTRIES = _all_entries()
