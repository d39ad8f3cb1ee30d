"""The shared demo (tests/conftest.py, ``shared_demo``): one load per class, no test sees another's.

Each test of the class changes the demo in the same places (a municipality's population, a new
body, a deleted person) and first checks that it finds the demo as loaded. Whichever runs second
would see the first one's writes if the per-test savepoint did not roll them back. The test after
the class checks that the class's transaction is gone with it: the module's other tests start
from an empty database.
"""

from __future__ import annotations

import pytest

from ikz.cooperation.models import Body, Cooperation
from ikz.demo.loader import DemoResult
from tests.demo_isolation import find_as_loaded_then_change


class TestEveryTestSeesTheDemoAsLoaded:
    @pytest.mark.parametrize("turn", ["erste", "zweite", "dritte"])
    def test_writes_of_one_test_are_gone_in_the_next(
        self, shared_demo: DemoResult, turn: str
    ) -> None:
        cooperation = shared_demo.cooperation
        assert cooperation.description != "geändert"
        find_as_loaded_then_change(cooperation, turn=turn)
        cooperation.description = "geändert"  # the Python object too (not saved)

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
