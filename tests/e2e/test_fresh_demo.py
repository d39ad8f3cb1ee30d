"""``fresh_demo`` (tests/e2e/helpers.py): every browser test starts from the demo as loaded.

No browser here, but the browser tests' database: committed writes (``transactional_db``),
emptied after each test. Each turn finds the demo as loaded and then changes it where a
browser test would (a population, a new body, a deleted person): the next turn, restored from
the copy, must not see it. The last test compares the restored demo with a real load.
"""

from __future__ import annotations

import pytest

from ikz.demo.loader import load_demo
from ikz.exchange.services import export_cooperation
from tests.demo_isolation import find_as_loaded_then_change
from tests.exchange_support import without_volatile

from .helpers import fresh_demo

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("turn", ["erste", "zweite", "dritte"])
def test_a_browser_tests_writes_are_gone_in_the_next(transactional_db: None, turn: str) -> None:
    find_as_loaded_then_change(fresh_demo().cooperation, turn=turn)


def test_the_restored_demo_is_the_loaded_one(transactional_db: None) -> None:
    fresh_demo()  # loads the demo, or (after another test) restores the copy
    restored = export_cooperation(cooperation=fresh_demo().cooperation)  # restored for sure
    loaded = export_cooperation(cooperation=load_demo(reset=True).cooperation)
    assert without_volatile(restored) == without_volatile(loaded)
