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


def best_of_with_cpu(function: Callable[[], object], repeat: int = 3) -> tuple[float, float]:
    """The fastest wall-clock run and the least CPU time of ``repeat`` runs, in seconds.

    On a shared machine the CPU time is the fairer figure: it is this process's (which
    includes SQLite's own work) plus, on PostgreSQL, that of the server process serving the
    connection (psutil; in steps of the system clock tick, usually 10 ms)."""
    server = _server_process()
    walls, cpus = [], []
    for _ in range(repeat):
        server_before = _cpu(server)
        cpu_before, start = time.process_time(), time.perf_counter()
        function()
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu_before + _cpu(server) - server_before)
    return min(walls), min(cpus)


def _server_process() -> object | None:
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    import psutil

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return psutil.Process(cursor.fetchone()[0])


def _cpu(process: object | None) -> float:
    if process is None:
        return 0.0
    times = process.cpu_times()  # type: ignore[attr-defined]
    return float(times.user + times.system)
