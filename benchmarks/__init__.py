"""Benchmarks: ``python -m benchmarks [NAME ...]`` (see README.md in this folder)."""

from __future__ import annotations

import time
from collections.abc import Callable

# What a benchmark module's run() returns: one row per measurement.
Result = tuple[str, float, str]  # (name, seconds, note)


def best_of(function: Callable[[], object], repeat: int = 3) -> float:
    """The fastest of ``repeat`` wall-clock runs in seconds (the least disturbed one)."""
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        timings.append(time.perf_counter() - start)
    return min(timings)
