"""A short-lived cache of rows looked up by primary key, for one bulk operation.

Signal handlers that run once per saved row (the search index) look up the row's parents. In
an operation that saves many rows of one parent at once (restoring a deleted minutes point with
its sub-points and tasks), that is the same query again and again. Inside ``shared_lookups()``
``cached_get`` answers a repeated look-up from memory; outside it, it always queries. The cache
lives only for the ``with`` block, so nothing stale outlives the operation.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator
from typing import Any, TypeVar

from django.db import models

M = TypeVar("M", bound=models.Model)

_CACHE: contextvars.ContextVar[dict[tuple[type[Any], Any], Any] | None] = contextvars.ContextVar(
    "ikz_shared_lookups", default=None
)


@contextlib.contextmanager
def shared_lookups() -> Iterator[None]:
    token = _CACHE.set({})
    try:
        yield
    finally:
        _CACHE.reset(token)


def cached_get(model: type[M], pk: Any) -> M:
    cache = _CACHE.get()
    if cache is None:
        return model._default_manager.get(pk=pk)
    key = (model, pk)
    if key not in cache:
        cache[key] = model._default_manager.get(pk=pk)
    found: M = cache[key]
    return found
