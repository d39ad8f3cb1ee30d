"""``ikz import`` of a large exchange file alone (no concurrent writers), on SQLite.

The file is the one of the concurrency benchmark (``big_exchange_file``: one cooperation with
many minute points, about ``IKZ_BENCH_IMPORT_MB`` MB, default 10); it is imported as a new
cooperation into the benchmark's database by the real console script, so the time includes
starting Django, parsing, validation, the inserts with their history and the search index.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import Result
from .bench_concurrency import IMPORT_MB, big_exchange_file


def run() -> list[Result]:
    from django.conf import settings

    from ikz.meetings.models import Point

    env = dict(os.environ) | {
        "IKZ_DEV": "1",
        "IKZ_DATA_DIR": str(settings.DATA_DIR),
        "IKZ_SQLITE_PATH": str(settings.DATABASES["default"]["NAME"]),
        "IKZ_LOG_LEVEL": "WARNING",
    }
    env.pop("IKZ_ZEAL_RAISE", None)
    ikz = str(Path(sys.executable).parent / "ikz")
    with tempfile.TemporaryDirectory(prefix="ikz-bench-import-") as tmp:
        source = Path(tmp) / "gross.json"
        size = big_exchange_file(source, IMPORT_MB, slug="import-quelle-allein")
        points = Point.objects.filter(cooperation__slug="import-quelle-allein").count()
        started = time.perf_counter()
        subprocess.run(  # noqa: S603 - our own console script
            [ikz, "import", str(source), "--slug", "import-ziel-allein"],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        took = time.perf_counter() - started
    assert Point.objects.filter(cooperation__slug="import-ziel-allein").count() == points
    note = f"{size / 1024 / 1024:.1f} MB, {points:,} minute points, one transaction"
    return [("ikz import of a large exchange file", took, note)]
