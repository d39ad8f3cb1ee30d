"""Keeping the index current: model signals write SearchEntry rows in the same transaction
as the change (services run in ``transaction.atomic``; the signals fire inside it)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import connection
from django.db.models import Model
from django.db.models.signals import post_delete, post_save
from django.utils.module_loading import autodiscover_modules

from ikz.lookups import shared_lookups
from ikz.meetings.tree import nodes_moved
from ikz.search.models import SearchEntry
from ikz.search.registry import REGISTRY, Document, Searchable, for_model, searchables
from ikz.search.text import index_terms


def database_stems() -> bool:
    """PostgreSQL stems itself (``to_tsvector('german', …)``); SQLite gets Python's stems."""
    return connection.vendor == "postgresql"


# The scope words every SQLite index row starts with (``scope_terms``).
SCOPE = ("kind", "cooperation")


def scope_terms(kind: str, cooperation_id: int) -> tuple[str, str]:
    """Two index words naming the row's kind and cooperation, so that SQLite's FTS narrows a
    search to them itself (an intersection of posting lists) instead of checking every match."""
    return (f"0k{kind.replace('_', '')}", f"0c{cooperation_id}")


def _terms(kind: str, cooperation_id: int, document: Document) -> str:
    words = index_terms(f"{document.title} {document.text}", stemmed=not database_stems())
    if database_stems():
        return words
    return " ".join((*scope_terms(kind, cooperation_id), words))


def _entry_fields(searchable: Searchable, instance: Any, document: Document) -> dict[str, Any]:
    return {
        "cooperation_id": instance.cooperation_id,
        "kind": searchable.kind,
        "object_id": instance.pk,
        "meeting_id": document.meeting_id,
        "body_id": document.body_id,
        "date": document.date,
        "is_internal": document.is_internal,
        "title": document.title[:500],
        "text": document.text,
        "terms": _terms(searchable.kind, instance.cooperation_id, document),
    }


def index_object(instance: Model) -> None:
    searchable = for_model(type(instance))
    if searchable is None:
        return
    document = searchable.document(instance)
    if document is None:
        remove_object(searchable.kind, instance.pk)
        return
    fields = _entry_fields(searchable, instance, document)
    updated = SearchEntry.objects.filter(kind=searchable.kind, object_id=instance.pk).update(
        **{k: v for k, v in fields.items() if k not in ("kind", "object_id")}
    )
    if not updated:
        SearchEntry.objects.create(**fields)
    if searchable.after_index is not None:
        searchable.after_index(instance)


def remove_object(kind: str, pk: Any) -> None:
    SearchEntry.objects.filter(kind=kind, object_id=pk).delete()


def _on_save(*, instance: Model, **kwargs: Any) -> None:
    index_object(instance)


def _on_delete(sender: type[Model], instance: Model, **kwargs: Any) -> None:
    searchable = for_model(sender)
    if searchable is not None:
        remove_object(searchable.kind, instance.pk)


def _on_nodes_moved(*, nodes: list[Model], **kwargs: Any) -> None:
    # One look-up of the shared parents (the meeting, its body) for all moved nodes.
    with shared_lookups():
        for node in nodes:
            index_object(node)


def _on_watched_save(sender: type[Model], instance: Model, **kwargs: Any) -> None:
    for searchable in REGISTRY.values():
        for model, dependents in searchable.watch:
            if model is sender:
                for obj in dependents(instance).select_related(*searchable.related):
                    index_object(obj)


def connect_signals() -> None:
    """Import every app's ``search`` module (and the built-in kinds), connect the signals."""
    from ikz.search import kinds  # noqa: F401 - registers the kinds of the existing apps

    autodiscover_modules("search")
    watched: set[type[Model]] = set()
    for searchable in REGISTRY.values():
        uid = f"ikz.search:{searchable.kind}"
        post_save.connect(_on_save, sender=searchable.model, dispatch_uid=f"{uid}:save")
        post_delete.connect(_on_delete, sender=searchable.model, dispatch_uid=f"{uid}:delete")
        watched.update(model for model, _ in searchable.watch)
    # Tree moves are UPDATEs (no post_save); re-indexing a moved point refreshes its meeting.
    nodes_moved.connect(_on_nodes_moved, dispatch_uid="ikz.search:moved")
    for model in watched:
        post_save.connect(
            _on_watched_save, sender=model, dispatch_uid=f"ikz.search:watch:{model.__name__}"
        )


def rebuild(*, cooperation_ids: Iterable[int] | None = None, batch_size: int = 2000) -> int:
    """Rebuild the index (of some cooperations, or all); returns the number of rows."""
    ids = list(cooperation_ids) if cooperation_ids is not None else None
    stale = SearchEntry.objects.all()
    if ids is not None:
        stale = stale.filter(cooperation_id__in=ids)
    stale.delete()
    total = 0
    for searchable in searchables():
        objects = searchable.model._default_manager.all()
        if ids is not None:
            objects = objects.filter(cooperation_id__in=ids)
        batch: list[SearchEntry] = []
        for instance in objects.select_related(*searchable.related).iterator(chunk_size=batch_size):
            document = searchable.document(instance)
            if document is None:
                continue
            batch.append(SearchEntry(**_entry_fields(searchable, instance, document)))
            if len(batch) >= batch_size:
                SearchEntry.objects.bulk_create(batch)
                total += len(batch)
                batch = []
        SearchEntry.objects.bulk_create(batch)
        total += len(batch)
        if searchable.after_rebuild is not None:
            searchable.after_rebuild(ids)
    return total
