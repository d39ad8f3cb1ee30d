"""The check of both isolation tests of the shared demo (test_shared_demo, e2e/test_fresh_demo).

A test finds the demo as loaded, then changes it where a test would: a municipality's
population, a new body, a deleted person. The next test, run the same way, fails on the first
assertion if the change is still there.
"""

from __future__ import annotations

from ikz.cooperation.models import Body, Cooperation, Municipality, Person

# Written by hand from the demo (the table, tests/test_demo.py FACTS).
BRANDIS_POPULATION = 9676
DEMO_BODIES = {
    "Lenkungsgruppe",
    "AG Bauhof",
    "AG Verwaltung",
    "Strategiewerkstatt",
    "Bürgerwerkstatt",
    "Themenworkshops",
}


def find_as_loaded_then_change(cooperation: Cooperation, *, turn: str) -> None:
    brandis = Municipality.objects.get(cooperation=cooperation, name="Brandis")
    assert brandis.population == BRANDIS_POPULATION
    names = set(Body.objects.filter(cooperation=cooperation).values_list("name", flat=True))
    assert names == DEMO_BODIES
    people = Person.objects.filter(cooperation=cooperation).count()

    Municipality.objects.filter(pk=brandis.pk).update(population=1)
    Body.objects.create(cooperation=cooperation, name=f"Spur der {turn}n Runde")
    Person.objects.filter(cooperation=cooperation).order_by("pk").first().delete()  # type: ignore[union-attr]
    assert Person.objects.filter(cooperation=cooperation).count() == people - 1
