"""Shared fixtures: two cooperations and a log-in for every role.

``world`` is cooperation A (the one under test) with an internal body the member belongs to,
an internal body the member does not belong to and a public body; ``other`` is cooperation B
with the same shape, which must never show through in A's pages.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.db import connection, transaction
from django.test import Client
from pytest_django import DjangoDbBlocker

from ikz.accounts.models import CooperationRole, User
from ikz.cooperation.models import Body, Cooperation, Municipality, Person
from ikz.demo.loader import DemoResult, load_demo
from tests.factories import (
    BodyFactory,
    CooperationFactory,
    MembershipFactory,
    MunicipalityFactory,
    UserFactory,
    make_role,
)


def install_search_index() -> None:
    """What the search app's migration adds besides its table (FTS5 / tsvector, raw SQL).

    The test database is created from the models (``--no-migrations``: replaying the 74
    migrations cost about 35 s of CPU per test process); ``tests/hardening/test_migrations.py``
    checks that the migrations build the same schema. The statements come from the migration
    itself, so there is one source.
    """
    initial = importlib.import_module("ikz.search.migrations.0001_initial")
    terms = importlib.import_module("ikz.search.migrations.0002_search_fts_terms")
    statistics = importlib.import_module("ikz.search.migrations.0003_vector_statistics")
    statements = {
        "sqlite": [*initial.SQLITE_FORWARD, terms.SQLITE_FORWARD],
        "postgresql": [*initial.POSTGRES_FORWARD, statistics.POSTGRES_FORWARD],
    }
    with connection.cursor() as cursor:
        for statement in statements[connection.vendor]:
            cursor.execute(statement)


@pytest.fixture(autouse=True, scope="session")
def _own_data_dir(tmp_path_factory: pytest.TempPathFactory) -> None:
    """A data directory per test process: an ``ikz import`` in one worker holds the site in
    maintenance mode through a flag file there (ikz.operations.maintenance), which must not
    turn another worker's writes away with 503."""
    settings.DATA_DIR = tmp_path_factory.mktemp("data")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> None:
    with django_db_blocker.unblock():
        install_search_index()


@contextmanager
def demo_rolled_back() -> Iterator[DemoResult]:
    """The demo, loaded in a transaction that is rolled back when the block ends.

    For a module- or session-scoped fixture that derives something from the demo (a rendered
    report, an exported file) and keeps only that: the database is empty again afterwards.
    """
    with transaction.atomic():
        yield load_demo()
        transaction.set_rollback(True)


@pytest.fixture(scope="class")
def class_transaction(
    request: pytest.FixtureRequest, django_db_setup: None, django_db_blocker: DjangoDbBlocker
) -> Iterator[None]:
    """A transaction around a test class, rolled back after its last test.

    Set-up that takes seconds (the demo, two cooperations' scenes) is built once inside it by
    a class-scoped fixture and shared by the class's tests (docs/testing.md, "Shared set-up").
    Each test still runs in its own savepoint (``class_db``), so it sees the set-up as built,
    never another test's writes. Class scope, not module scope: the transaction must end
    with the tests that asked for it, so the other tests of the module see an empty database.
    """
    if request.cls is None:
        pytest.fail("class-scoped set-up is for the tests of a class (see docs/testing.md)")
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
    yield
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


@pytest.fixture
def class_db(request: pytest.FixtureRequest, class_transaction: None, db: None) -> None:
    """pytest-django's ``db`` inside the class's transaction: the test's own savepoint.

    A transactional test (``transactional_db``, ``live_server``, ``transaction=True``) would
    empty the tables under the open transaction: refused.
    """
    marker = request.node.get_closest_marker("django_db")
    transactional = marker is not None and bool(
        marker.kwargs.get("transaction") or (marker.args and marker.args[0])
    )
    if transactional or {"transactional_db", "live_server"} & set(request.fixturenames):
        pytest.fail("class-scoped set-up cannot serve a transactional test: build it in the test")


@pytest.fixture(scope="class")
def class_demo(class_transaction: None, django_db_blocker: DjangoDbBlocker) -> DemoResult:
    """The demo, loaded once for a test class inside ``class_transaction``."""
    with django_db_blocker.unblock():
        return load_demo()


@pytest.fixture
def shared_demo(class_demo: DemoResult, class_db: None) -> DemoResult:
    """The class's demo (``class_demo``) for one test, in the test's own savepoint.

    The cooperation is read afresh per test: a test that changes the Python object (without
    saving) must not hand that change to the next test.
    """
    return DemoResult(
        cooperation=Cooperation.objects.get(pk=class_demo.cooperation.pk),
        logins=class_demo.logins,
    )


@dataclass
class World:
    cooperation: Cooperation
    municipality: Municipality
    other_municipality: Municipality
    member_body: Body  # internal, the member belongs to it
    internal_body: Body  # internal, the member does not belong to it
    public_body: Body
    coordinator: User
    coordinator_person: Person
    member: User
    member_person: Person
    outsider: User  # logged in, but no role in this cooperation


def build_world(name: str) -> World:
    cooperation = CooperationFactory(name=f"Kooperation {name}", slug=f"koop-{name.lower()}")
    municipality = MunicipalityFactory(cooperation=cooperation, name=f"{name}-Stadt")
    other_municipality = MunicipalityFactory(cooperation=cooperation, name=f"{name}-Dorf")
    member_body = BodyFactory(cooperation=cooperation, name=f"AG Bauhof {name}")
    internal_body = BodyFactory(cooperation=cooperation, name=f"AG Verwaltung {name}")
    public_body = BodyFactory(
        cooperation=cooperation,
        name=f"Bürgerwerkstatt {name}",
        kind=Body.Kind.CITIZEN_WORKSHOP,
        is_public=True,
    )
    coordinator, coordinator_person = make_role(
        cooperation=cooperation, role=CooperationRole.Role.COORDINATOR
    )
    member, member_person = make_role(
        cooperation=cooperation, role=CooperationRole.Role.MEMBER, municipality=municipality
    )
    MembershipFactory(cooperation=cooperation, body=member_body, person=member_person)
    outsider = UserFactory()
    return World(
        cooperation=cooperation,
        municipality=municipality,
        other_municipality=other_municipality,
        member_body=member_body,
        internal_body=internal_body,
        public_body=public_body,
        coordinator=coordinator,
        coordinator_person=coordinator_person,
        member=member,
        member_person=member_person,
        outsider=outsider,
    )


@pytest.fixture
def world(db: None) -> World:
    return build_world("A")


@pytest.fixture
def other(db: None) -> World:
    return build_world("B")


def client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def coordinator_client(world: World) -> Client:
    return client_for(world.coordinator)


@pytest.fixture
def member_client(world: World) -> Client:
    return client_for(world.member)


@pytest.fixture
def anonymous_client() -> Client:
    return Client()
