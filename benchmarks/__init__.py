"""Benchmarks: ``python -m benchmarks [NAME ...]`` (see README.md in this folder)."""

from __future__ import annotations

import resource
import time
from collections.abc import Callable

# What a benchmark module's run() returns: one row per measurement, optionally with the CPU
# seconds of the same run (see best_of_cpu).
Result = tuple[str, float, str] | tuple[str, float, str, float]  # (name, seconds, note[, cpu])


def best_of(function: Callable[[], object], repeat: int = 3) -> float:
    """The fastest of ``repeat`` wall-clock runs in seconds (the least disturbed one)."""
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        timings.append(time.perf_counter() - start)
    return min(timings)


def _cpu() -> float:
    """CPU seconds (user + system) of this process, all its threads, and its waited-for
    children: Typst compiles in-process on its own threads, LibreOffice would be a child."""
    total = 0.0
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
        usage = resource.getrusage(who)
        total += usage.ru_utime + usage.ru_stime
    return total


def best_of_cpu(function: Callable[[], object], repeat: int = 3) -> tuple[float, float]:
    """The least wall-clock and the least CPU seconds of ``repeat`` runs: (wall, cpu).

    On a loaded machine the wall time includes waiting for a core; the CPU time is what the
    work itself costs, so it stays comparable between runs under different load. On
    PostgreSQL it includes the server process serving the connection (psutil; in steps of
    the system clock tick, usually 10 ms).
    """
    server = _server_process()
    walls, cpus = [], []
    for _ in range(repeat):
        server_before = _server_cpu(server)
        cpu, start = _cpu(), time.perf_counter()
        function()
        walls.append(time.perf_counter() - start)
        cpus.append(_cpu() - cpu + _server_cpu(server) - server_before)
    return min(walls), min(cpus)


def _server_process() -> object | None:
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    import psutil

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        process: object = psutil.Process(cursor.fetchone()[0])  # psutil has no type hints
        return process


def _server_cpu(process: object | None) -> float:
    if process is None:
        return 0.0
    times = process.cpu_times()  # type: ignore[attr-defined]
    return float(times.user + times.system)
