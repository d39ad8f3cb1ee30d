"""Factories for the cooperation's structure. Apps add their own in tests/<app>/factories.py."""

from __future__ import annotations

import factory

from ikz.accounts.models import CooperationRole, User
from ikz.cooperation.models import Body, Cooperation, Location, Membership, Municipality, Person


class CooperationFactory(factory.django.DjangoModelFactory[Cooperation]):
    class Meta:
        model = Cooperation

    name = factory.Sequence(lambda n: f"Kooperation {n}")
    slug = factory.Sequence(lambda n: f"kooperation-{n}")
    region = "Landkreis Leipzig"
    coordinating_organisation = "Beratung GmbH"


class MunicipalityFactory(factory.django.DjangoModelFactory[Municipality]):
    class Meta:
        model = Municipality

    cooperation = factory.SubFactory(CooperationFactory)
    name = factory.Sequence(lambda n: f"Gemeinde {n}")
    kind = Municipality.Kind.MUNICIPALITY
    ags = factory.Sequence(lambda n: f"{14729000 + n:08d}")
    population = 5000
    population_year = 2022
    area_km2 = factory.LazyFunction(lambda: __import__("decimal").Decimal("25.50"))


class BodyFactory(factory.django.DjangoModelFactory[Body]):
    class Meta:
        model = Body

    cooperation = factory.SubFactory(CooperationFactory)
    name = factory.Sequence(lambda n: f"Arbeitsgruppe {n}")
    kind = Body.Kind.WORKING_GROUP
    is_public = False


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.Sequence(lambda n: f"user{n}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "geheim-und-lang-2019")

    # factory_boy's post_generation is untyped; the first argument is the built user.
    @factory.post_generation  # type: ignore[untyped-decorator]
    def saved(user: User, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            user.save()


class PersonFactory(factory.django.DjangoModelFactory[Person]):
    class Meta:
        model = Person

    cooperation = factory.SubFactory(CooperationFactory)
    given_name = factory.Sequence(lambda n: f"Vorname{n}")
    family_name = factory.Sequence(lambda n: f"Nachname{n}")
    function = "Bürgermeister"
    email = factory.Sequence(lambda n: f"person{n}@example.org")


class MembershipFactory(factory.django.DjangoModelFactory[Membership]):
    class Meta:
        model = Membership

    cooperation = factory.SelfAttribute("body.cooperation")
    body = factory.SubFactory(BodyFactory)
    person = factory.SubFactory(PersonFactory, cooperation=factory.SelfAttribute("..cooperation"))
    role = Membership.Role.MEMBER


class LocationFactory(factory.django.DjangoModelFactory[Location]):
    class Meta:
        model = Location

    cooperation = factory.SubFactory(CooperationFactory)
    name = factory.Sequence(lambda n: f"Rathaus {n}")
    address = "Markt 1"


def make_role(
    *, cooperation: Cooperation, role: str, municipality: Municipality | None = None
) -> tuple[User, Person]:
    """A log-in with a role in ``cooperation`` and the person behind it."""
    user = UserFactory()
    CooperationRole.objects.create(user=user, cooperation=cooperation, role=role)
    person = PersonFactory(cooperation=cooperation, user=user, municipality=municipality)
    return user, person
