"""A database that is busy (a lock timeout) answers 503 with a German page, never 500."""

from __future__ import annotations

import logging
import sys

from django.db import OperationalError
from django.db.utils import InternalError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.defaults import server_error as django_server_error

logger = logging.getLogger("ikz.busy")
RETRY_AFTER_SECONDS = 10
# PostgreSQL: lock not available, query cancelled (lock/statement timeout), serialisation
# failure, deadlock.
_PG_BUSY = {"55P03", "57014", "40001", "40P01"}


def is_busy_error(error: BaseException | None) -> bool:
    """True for "database is locked" (SQLite) and PostgreSQL's lock and timeout errors."""
    while error is not None:
        if isinstance(error, OperationalError | InternalError):
            if "locked" in str(error).lower():
                return True
            if getattr(error.__cause__, "sqlstate", None) in _PG_BUSY:
                return True
        if getattr(error, "sqlstate", None) in _PG_BUSY:
            return True
        error = error.__cause__ or error.__context__
        if error is not None and not isinstance(error, Exception):
            return False
    return False


def busy_response(request: HttpRequest, *, maintenance: bool = False) -> HttpResponse:
    response = render(request, "operations/busy.html", {"maintenance": maintenance}, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def server_error(request: HttpRequest, template_name: str = "500.html") -> HttpResponse:
    """``handler500``: a lock timeout anywhere (view, middleware, session save) becomes 503."""
    error = sys.exc_info()[1]
    if is_busy_error(error):
        logger.warning("database busy: %s %s", request.method, request.path)
        return busy_response(request)
    return django_server_error(request, template_name)
