"""A short maintenance mode for long writes (``ikz import`` on SQLite).

While the flag file ``IKZ_DATA_DIR/maintenance`` exists, every request that would write (any
method but GET/HEAD/OPTIONS) is answered at once with 503 and a German "bitte gleich noch
einmal" page, instead of waiting on SQLite's write lock and failing after the busy timeout.
Pages stay readable (WAL lets readers run beside the one writer).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from ikz.operations.busy import busy_response

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


def flag_path() -> Path:
    return Path(settings.DATA_DIR) / "maintenance"


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process: it exists
    return True


def is_active() -> bool:
    """True while the process that set the flag runs. A flag left by a killed process (the
    pid is in the file) is stale: it is removed, so the site never stays locked by accident."""
    path = flag_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return False
    except OSError:
        return True
    first = text.split(maxsplit=1)[0] if text.strip() else ""
    if first.isascii() and first.isdigit() and not _running(int(first)):
        path.unlink(missing_ok=True)
        return False
    return True


@contextlib.contextmanager
def maintenance(reason: str = "") -> Iterator[None]:
    """Hold the site in maintenance mode for the duration of the block."""
    path = flag_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"{os.getpid()} {reason}\n", encoding="utf-8")
    try:
        yield
    finally:
        path.unlink(missing_ok=True)


class MaintenanceMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in SAFE_METHODS and is_active():
            return busy_response(request, maintenance=True)
        return self.get_response(request)
