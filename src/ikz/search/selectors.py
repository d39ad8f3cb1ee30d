"""The search itself: match, restrict to what the visitor may see, group by kind.

Visibility is decided twice, both times by the apps' own selectors: in SQL (each kind's
``visible`` condition, so that counts and pages are right) and again when the hits are loaded
(``hits``), so a result that slipped through the first check is still never shown.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Count, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils.safestring import SafeString

from ikz.accounts.access import Access
from ikz.search.models import SearchEntry
from ikz.search.registry import NOTHING, REGISTRY, Hit, Searchable, searchables
from ikz.search.text import Query, highlight, parse_query

GROUP_LIMIT = 5
PAGE_SIZE = 20


@dataclass(frozen=True)
class Filters:
    kind: str = ""
    body_id: int | None = None
    start: dt.date | None = None
    end: dt.date | None = None

    @property
    def active(self) -> bool:
        return bool(self.kind or self.body_id or self.start or self.end)


@dataclass
class Result:
    hit: Hit
    excerpt: SafeString
    title: SafeString


@dataclass
class Group:
    kind: str
    label: str
    count: int
    results: list[Result] = field(default_factory=list)

    @property
    def more(self) -> int:
        return self.count - len(self.results)


@dataclass
class SearchResults:
    query: Query
    groups: list[Group]
    page: int = 1
    pages: int = 1

    @property
    def total(self) -> int:
        return sum(group.count for group in self.groups)


def _matching(entries: QuerySet[SearchEntry], query: Query) -> QuerySet[SearchEntry]:
    if connection.vendor == "postgresql":
        return entries.extra(
            where=["search_searchentry.vector @@ to_tsquery('german', %s)"],
            params=[query.tsquery()],
        )
    return entries.filter(
        id__in=RawSQL("SELECT rowid FROM search_fts WHERE search_fts MATCH %s", [query.fts5()])
    )


def _ranked(entries: QuerySet[SearchEntry], query: Query) -> QuerySet[SearchEntry]:
    """The matches of ``entries``, best first (lower rank is better on both), then newest."""
    if connection.vendor == "postgresql":
        ranked = _matching(entries, query).extra(
            select={"rank": "-ts_rank(search_searchentry.vector, to_tsquery('german', %s))"},
            select_params=[query.tsquery()],
        )
    else:
        ranked = entries.extra(
            select={"rank": "bm25(search_fts)"},
            tables=["search_fts"],
            where=["search_fts.rowid = search_searchentry.id", "search_fts MATCH %s"],
            params=[query.fts5()],
        )
    return ranked.order_by("rank", "-date", "-id")


def _visible(access: Access, kinds: list[Searchable]) -> Q:
    condition = Q(pk__in=[])
    for searchable in kinds:
        condition |= Q(kind=searchable.kind) & searchable.visible(access)
    return condition


def _filtered(access: Access, query: Query, filters: Filters, kinds: list[Searchable]):
    entries = SearchEntry.objects.filter(cooperation=access.cooperation)
    if filters.body_id is not None:
        entries = entries.filter(body_id=filters.body_id)
    if filters.start is not None:
        entries = entries.filter(date__gte=filters.start)
    if filters.end is not None:
        entries = entries.filter(date__lte=filters.end)
    return entries.filter(_visible(access, kinds))


def _results(access: Access, searchable: Searchable, entries: list[SearchEntry], query: Query):
    hits = searchable.hits(access, [entry.object_id for entry in entries])
    results = []
    for entry in entries:
        hit = hits.get(entry.object_id)
        if hit is None:
            continue
        results.append(
            Result(
                hit=hit,
                title=highlight(hit.title, query, width=40),
                excerpt=highlight(hit.text, query),
            )
        )
    return results


def search(
    *, access: Access, text: str, filters: Filters | None = None, page: int = 1
) -> SearchResults:
    """What ``access`` may see of ``text``'s matches, grouped by kind in the registry's order.

    Without a kind filter every group shows its best ``GROUP_LIMIT`` results; with one, that
    kind's results page by page (``PAGE_SIZE``)."""
    filters = filters or Filters()
    query = parse_query(text)
    if not query:
        return SearchResults(query=query, groups=[])
    kinds = [s for s in searchables() if not filters.kind or s.kind == filters.kind]
    candidates = _filtered(access, query, filters, kinds)
    counts = dict(
        _matching(candidates, query)
        .order_by()
        .values_list("kind")
        .annotate(n=Count("id"))
        .values_list("kind", "n")
    )
    groups: list[Group] = []
    pages = 1
    for searchable in kinds:
        count = counts.get(searchable.kind, 0)
        if not count:
            continue
        group = Group(kind=searchable.kind, label=str(searchable.label), count=count)
        of_kind = _ranked(candidates.filter(kind=searchable.kind), query)
        if filters.kind:
            pages = max(1, -(-count // PAGE_SIZE))
            page = min(max(page, 1), pages)
            window = list(of_kind[(page - 1) * PAGE_SIZE : page * PAGE_SIZE])
        else:
            window = list(of_kind[:GROUP_LIMIT])
        group.results = _results(access, searchable, window, query)
        groups.append(group)
    return SearchResults(query=query, groups=groups, page=page, pages=pages)


def kind_choices(access: Access) -> list[tuple[str, str]]:
    """The kinds the visitor could find anything of (the public: no tasks, surveys, people)."""
    return [(s.kind, str(s.label)) for s in searchables() if s.visible(access) != NOTHING]


def is_kind(kind: str) -> bool:
    return kind in REGISTRY
