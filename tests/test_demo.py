"""The demo cooperation "Region Partheland" and ``ikz demo``."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import reverse

from ikz.accounts.access import Level
from ikz.accounts.models import CooperationRole, User
from ikz.cooperation.access import access_for
from ikz.cooperation.models import Body, Cooperation, Location, Membership, Municipality, Person
from ikz.demo.loader import DemoError, DemoResult, load_demo
from ikz.demo.logins import COORDINATOR_LOGIN, MEMBER_LOGIN
from ikz.exchange.services import export_cooperation
from tests.conftest import client_for
from tests.exchange_support import row_counts, without_volatile
from tests.factories import CooperationFactory

pytestmark = pytest.mark.django_db

# The issue's table: name, kind, AGS, population, year, area km².
FACTS = [
    ("Belgershain", "gemeinde", "14729020", 3372, 2023, Decimal("22.8")),
    ("Borsdorf", "gemeinde", "14729060", 8195, 2022, Decimal("15.64")),
    ("Brandis", "stadt", "14729070", 9676, 2022, Decimal("34.89")),
    ("Großpösna", "gemeinde", "14729190", 5508, 2022, Decimal("41.56")),
    ("Machern", "gemeinde", "14729250", 6767, 2022, Decimal("38.93")),
    ("Naunhof", "stadt", "14729300", 8839, 2022, Decimal("39.71")),
    ("Parthenstein", "gemeinde", "14729340", 3545, 2022, Decimal("35.05")),
]


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


class TestTheSharedDemo:
    """Tests that read the demo or change it within themselves share one load (conftest)."""

    def test_demo_cooperation_has_the_facts_of_the_issue(self, shared_demo: DemoResult) -> None:
        cooperation = shared_demo.cooperation
        assert cooperation.slug == "partheland"
        assert cooperation.name == "Region Partheland"
        assert cooperation.process_title == (
            "Steuerung und Begleitung des Kooperationsprozesses einer interkommunalen "
            "Zusammenarbeit in der Region „Partheland“"
        )
        assert cooperation.region == "Landkreis Leipzig, Sachsen"
        assert cooperation.coordinating_organisation == (
            "beratungsraum Kommunal- und Unternehmensberatung GmbH"
        )
        assert cooperation.website == "https://partheland.de/"
        rows = list(
            Municipality.objects.filter(cooperation=cooperation)
            .order_by("name")
            .values_list("name", "kind", "ags", "population", "population_year", "area_km2")
        )
        assert rows == FACTS

    def test_machern_joined_after_the_six_founders(self, shared_demo: DemoResult) -> None:
        cooperation = shared_demo.cooperation
        joined = dict(
            Municipality.objects.filter(cooperation=cooperation).values_list("name", "joined_on")
        )
        machern = joined.pop("Machern")
        assert machern is not None
        assert machern.year == 2021
        assert len(joined) == 6
        assert all(day is not None and day < machern for day in joined.values())

    def test_demo_bodies_and_the_merger_of_ag_verwaltung(self, shared_demo: DemoResult) -> None:
        cooperation = shared_demo.cooperation
        bodies = {body.name: body for body in Body.objects.filter(cooperation=cooperation)}
        assert {name: (b.kind, b.is_public) for name, b in bodies.items()} == {
            "Lenkungsgruppe": (Body.Kind.STEERING_GROUP, False),
            "AG Bauhof": (Body.Kind.WORKING_GROUP, False),
            "AG Verwaltung": (Body.Kind.WORKING_GROUP, False),
            "Strategiewerkstatt": (Body.Kind.STRATEGY_WORKSHOP, True),
            "Bürgerwerkstatt": (Body.Kind.CITIZEN_WORKSHOP, True),
            # Added by ikz.meetings.demo for "Workshop Bibliothek" and "Workshop Blühstreifen".
            "Themenworkshops": (Body.Kind.OTHER, False),
        }
        verwaltung = bodies["AG Verwaltung"]
        assert verwaltung.merged_into == bodies["Lenkungsgruppe"]
        assert verwaltung.active_until_date is not None
        assert verwaltung.active_until_date.iso() == "2019-12"
        assert str(verwaltung.active_until_date) == "12/2019"

    def test_demo_people_and_memberships(self, shared_demo: DemoResult) -> None:
        cooperation = shared_demo.cooperation
        people = Person.objects.filter(cooperation=cooperation)
        mayors = people.filter(function__startswith="Bürgermeister")
        assert mayors.count() == 7
        assert set(mayors.values_list("municipality__name", flat=True)) == {
            fact[0] for fact in FACTS
        }

        def members(body: str, role: str = Membership.Role.MEMBER) -> set[int]:
            return set(
                Membership.objects.filter(
                    cooperation=cooperation, body__name=body, role__in=[role, Membership.Role.CHAIR]
                ).values_list("person_id", flat=True)
            )

        assert set(mayors.values_list("pk", flat=True)) <= members("Lenkungsgruppe")
        bauhof_heads = set(people.filter(function="Bauhofleiter").values_list("pk", flat=True))
        assert len(bauhof_heads) >= 3
        assert members("AG Bauhof") == bauhof_heads
        administration = set(
            people.filter(function__startswith="Hauptamtsleiter").values_list("pk", flat=True)
        )
        assert len(administration) >= 3
        assert members("AG Verwaltung") == administration
        coordination = people.filter(organisation=cooperation.coordinating_organisation)
        assert coordination.count() == 2
        for body in Body.objects.filter(cooperation=cooperation):
            assert set(coordination.values_list("pk", flat=True)) <= members(
                body.name, Membership.Role.COORDINATION
            ), body.name
        assert Location.objects.filter(cooperation=cooperation, name="Rathaus Großpösna").exists()
        assert Location.objects.filter(cooperation=cooperation).count() >= 7

    def test_demo_logins_work_with_their_passwords(self, shared_demo: DemoResult) -> None:
        cooperation = shared_demo.cooperation
        request = RequestFactory().post("/konto/anmelden/")
        coordinator = authenticate(
            request, username=COORDINATOR_LOGIN.username, password=COORDINATOR_LOGIN.password
        )
        member = authenticate(
            request, username=MEMBER_LOGIN.username, password=MEMBER_LOGIN.password
        )
        assert coordinator is not None
        assert member is not None
        assert authenticate(request, username="mitglied", password="falsch-falsch") is None

        assert access_for(user=coordinator, cooperation=cooperation).level == Level.COORDINATOR
        member_access = access_for(user=member, cooperation=cooperation)
        assert member_access.level == Level.MEMBER
        person = Person.objects.select_related("municipality").get(user=member)
        assert person.municipality is not None
        assert person.municipality.name == "Borsdorf"
        bauhof = Body.objects.get(cooperation=cooperation, name="AG Bauhof")
        assert bauhof.pk in member_access.body_ids

    def test_reset_is_idempotent(self, shared_demo: DemoResult) -> None:
        first = shared_demo.cooperation
        export_first = export_cooperation(cooperation=first)
        counts_first = row_counts()

        second = load_demo(reset=True).cooperation

        assert not Cooperation.objects.filter(pk=first.pk).exists()
        assert Cooperation.objects.filter(slug="partheland").count() == 1
        assert without_volatile(export_cooperation(cooperation=second)) == without_volatile(
            export_first
        )
        counts_second = row_counts()
        # The activity feed and sessions may differ; the demo's own rows may not.
        for label in (
            "cooperation.Person",
            "cooperation.Membership",
            "accounts.User",
            "accounts.CooperationRole",
            "cooperation.Body",
            "cooperation.Location",
        ):
            assert counts_second[label] == counts_first[label], label
        assert User.objects.filter(username__in=["koordination", "mitglied"]).count() == 2
        assert CooperationRole.objects.filter(cooperation=second).count() == 2

    def test_load_without_reset_refuses_an_existing_demo(self, shared_demo: DemoResult) -> None:
        with pytest.raises(DemoError, match="gibt es bereits"):
            load_demo(reset=False)

    def test_if_empty_keeps_an_existing_demo_and_still_prints_its_logins(
        self, shared_demo: DemoResult
    ) -> None:
        demo = shared_demo.cooperation
        Municipality.objects.filter(cooperation=demo, name="Machern").update(population=1)
        output = run("demo", "--if-empty")
        assert "enthält bereits Daten" in output
        assert "Passwort „partheland-koordination“" in output
        assert Municipality.objects.get(cooperation=demo, name="Machern").population == 1
        assert Cooperation.objects.get(slug="partheland").pk == demo.pk

    def test_demo_dates_are_plausible(self, shared_demo: DemoResult) -> None:
        cooperation = shared_demo.cooperation
        steering = Body.objects.get(cooperation=cooperation, name="Lenkungsgruppe")
        assert steering.active_from is not None
        assert steering.active_from < dt.date(2020, 1, 14)  # the 5th session was on 14.01.2020

    def test_demo_sets_the_lenkungsgruppe_as_the_steering_body_of_its_settings(
        self, shared_demo: DemoResult
    ) -> None:
        cooperation = shared_demo.cooperation
        assert cooperation.steering_body is not None
        assert cooperation.steering_body.name == "Lenkungsgruppe"
        coordinator = User.objects.get(username=COORDINATOR_LOGIN.username)
        client = client_for(coordinator)
        settings_page = client.get(reverse("cooperation_settings:edit", args=[cooperation.slug]))
        assert (
            f'<option value="{cooperation.steering_body.pk}" selected>Lenkungsgruppe</option>'
            in (settings_page.content.decode())
        )
        # The help texts name the setting's body, not a word of the code.
        bauhof = Body.objects.get(cooperation=cooperation, name="AG Bauhof")
        form = client.get(reverse("cooperation:body_edit", args=[cooperation.slug, bauhof.pk]))
        assert "z. B. eine Arbeitsgruppe in „Lenkungsgruppe“" in form.content.decode()


def test_demo_command_prints_logins_and_address() -> None:
    output = run("demo")
    # 6 bodies: the structure's five and "Themenworkshops" of ikz.meetings.demo.
    assert "Demo-Kooperation „Region Partheland“ geladen: 7 Kommunen, 6 Gremien" in output
    assert "http://127.0.0.1:8000/partheland/" in output
    assert "„koordination“, Passwort „partheland-koordination“" in output
    assert "„mitglied“, Passwort „partheland-mitglied“" in output


def test_if_empty_loads_into_an_empty_database() -> None:
    output = run("demo", "--if-empty")
    assert "geladen" in output
    assert Cooperation.objects.filter(slug="partheland").exists()


def test_if_empty_does_nothing_when_data_exists() -> None:
    CooperationFactory(slug="andere")
    before = row_counts()
    output = run("demo", "--if-empty")
    assert "enthält bereits Daten" in output
    assert "Passwort" not in output  # no demo, so no demo log-ins to show
    assert row_counts() == before
    assert not Cooperation.objects.filter(slug="partheland").exists()
