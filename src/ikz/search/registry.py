"""What can be searched: one ``Searchable`` per model, registered by kind.

To make a new model searchable, register a ``Searchable`` in a module ``search.py`` of its
app (``ikz/<app>/search.py``; the search app imports every such module at start-up) and run
``ikz search_index`` once for the rows that exist already. See docs/search.md.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

from django.db import models
from django.db.models import Q

from ikz.accounts.access import Access
from ikz.lookups import cached_get

M = TypeVar("M", bound=models.Model)


@dataclass(frozen=True)
class Document:
    """The indexed text of one object and what the filters need."""

    title: str
    text: str = ""
    meeting_id: int | None = None
    body_id: int | None = None
    date: dt.date | None = None
    is_internal: bool = False


@dataclass(frozen=True)
class Hit:
    """One result as the results page shows it."""

    title: str
    url: str
    context: list[str]  # e.g. ["5. Lenkungsgruppensitzung", "05.12.2019", "Lenkungsgruppe"]
    text: str  # the text the excerpt is cut from
    portal_url: str = ""  # where a public visitor on the portal reads it, if anywhere


@dataclass(frozen=True)
class Searchable:
    kind: str
    label: Any  # lazy plural, e.g. "Protokollpunkte"
    model: type[models.Model]
    # The object's document; None means "not in the index" (it is removed).
    document: Callable[[Any], Document | None]
    # Rows of this kind the visitor may see, as a condition on SearchEntry fields.
    visible: Callable[[Access], Q]
    # The results among the given object ids, loaded through the app's selectors; an id
    # missing from the answer is not shown (a second visibility check).
    hits: Callable[[Access, list[int]], dict[int, Hit]]
    # Objects (querysets of ``model``) to re-index when a watched model is saved, e.g. the
    # meetings of a renamed body.
    watch: tuple[tuple[type[models.Model], Callable[[Any], models.QuerySet[Any]]], ...] = field(
        default=()
    )
    # Run after an object was indexed, e.g. to refresh dependent rows' filters.
    after_index: Callable[[Any], None] | None = None
    # Run after ``indexing.rebuild`` wrote this kind's rows (argument: the cooperation ids, or
    # None for all), e.g. to set flags that depend on other rows.
    after_rebuild: Callable[[list[int] | None], None] | None = None
    # select_related() for rebuilding the whole index (what ``document`` reads).
    related: tuple[str, ...] = ()
    order: int = 100


REGISTRY: dict[str, Searchable] = {}
# A ``visible`` answer meaning "nothing of this kind" (the kind is then not offered at all).
NOTHING = Q(pk__in=[])


def register(searchable: Searchable) -> Searchable:
    if searchable.kind in REGISTRY and REGISTRY[searchable.kind] is not searchable:
        raise ValueError(f"search kind {searchable.kind!r} is registered twice")
    REGISTRY[searchable.kind] = searchable
    return searchable


def searchables() -> list[Searchable]:
    return sorted(REGISTRY.values(), key=lambda s: (s.order, s.kind))


def for_model(model: type[models.Model]) -> Searchable | None:
    for searchable in REGISTRY.values():
        if searchable.model is model:
            return searchable
    return None


def related(instance: models.Model, name: str, model: type[M]) -> M:
    """``instance.<name>``, from the cache if loaded, else by an explicit query (not a lazy
    relation load, which the N+1 detector would flag when a service saves many rows)."""
    cache = instance._state.fields_cache
    if name not in cache:
        cache[name] = cached_get(model, getattr(instance, f"{name}_id"))
    return cast(M, cache[name])
