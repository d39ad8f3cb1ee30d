"""The shared demo (tests/conftest.py, ``shared_demo``): one load per class, no test sees another's.

Each test of the class changes the demo in the same places (a municipality's population, a new
body, a deleted person) and first checks that it finds the demo as loaded. Whichever runs second
would see the first one's writes if the per-test savepoint did not roll them back. The test after
the class checks that the class's transaction is gone with it: the module's other tests start
from an empty database.
"""

from __future__ import annotations

import pytest

from ikz.cooperation.models import Body, Cooperation, Municipality, Person
from ikz.demo.loader import DemoResult

# Written by hand from the demo (docs: the table, tests/test_demo.py FACTS).
BRANDIS_POPULATION = 9676
DEMO_BODIES = {
    "Lenkungsgruppe",
    "AG Bauhof",
    "AG Verwaltung",
    "Strategiewerkstatt",
    "Bürgerwerkstatt",
    "Themenworkshops",
}


class TestEveryTestSeesTheDemoAsLoaded:
    @pytest.mark.parametrize("turn", ["erste", "zweite", "dritte"])
    def test_writes_of_one_test_are_gone_in_the_next(
        self, shared_demo: DemoResult, turn: str
    ) -> None:
        cooperation = shared_demo.cooperation
        brandis = Municipality.objects.get(cooperation=cooperation, name="Brandis")
        assert brandis.population == BRANDIS_POPULATION
        names = set(Body.objects.filter(cooperation=cooperation).values_list("name", flat=True))
        assert names == DEMO_BODIES
        people = Person.objects.filter(cooperation=cooperation).count()
        assert cooperation.description != "geändert"

        Municipality.objects.filter(pk=brandis.pk).update(population=1)
        Body.objects.create(cooperation=cooperation, name=f"Spur der {turn}n Runde")
        Person.objects.filter(cooperation=cooperation).order_by("pk").first().delete()  # type: ignore[union-attr]
        cooperation.description = "geändert"  # the Python object too (not saved)
        assert Person.objects.filter(cooperation=cooperation).count() < people

    def test_the_demo_is_loaded_once_for_the_class(
        self, shared_demo: DemoResult, class_demo: DemoResult
    ) -> None:
        assert Cooperation.objects.filter(slug="partheland").count() == 1
        assert shared_demo.cooperation.pk == class_demo.cooperation.pk
        # Each test gets its own copy of the cooperation, not the class's object.
        assert shared_demo.cooperation is not class_demo.cooperation


@pytest.mark.django_db
def test_after_the_class_the_database_is_empty_again() -> None:
    assert not Cooperation.objects.exists()
    assert not Body.objects.exists()
