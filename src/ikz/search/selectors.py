"""The search itself: match, restrict to what the visitor may see, group by kind.

Visibility is decided twice, both times by the apps' own selectors: in SQL (each kind's
``visible`` condition, so that counts and pages are right) and again when the hits are loaded
(``hits``), so a result that slipped through the first check is still never shown.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Q, QuerySet
from django.utils.safestring import SafeString

from ikz.accounts.access import Access
from ikz.search.indexing import SCOPE, scope_terms
from ikz.search.models import SearchEntry
from ikz.search.registry import NOTHING, REGISTRY, Hit, Searchable, searchables
from ikz.search.text import Query, bm25, highlight, parse_query

GROUP_LIMIT = 5
PAGE_SIZE = 20
# Counted and ranked: the newest this many matches of a kind ("über 500 Treffer"). Beyond a
# few hundred, more words or a filter help the visitor more than a longer list.
WINDOW = 500
# A query stem that begins more index terms than this is left to FTS5's prefix query.
MAX_TERMS = 20


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
    capped: bool = False  # more than WINDOW matches: count is WINDOW
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


def _where(entries: QuerySet[SearchEntry]) -> tuple[str, list[Any]]:
    """The WHERE clause the ORM builds for ``entries`` (visibility and filters), as SQL."""
    query = entries.query
    try:
        sql, params = query.get_compiler(using=entries.db).compile(query.where)
    except EmptyResultSet:  # e.g. a filter that can match nothing
        return "1 = 0", []
    return sql or "1 = 1", list(params)


_Terms = dict[str, tuple[str, ...]]


def _after(stem: str) -> str:
    """The first string after every string that begins with ``stem`` ("bauhof" → "bauhog")."""
    return stem[:-1] + chr(ord(stem[-1]) + 1)


def _expanded(query: Query) -> _Terms | None:
    """SQLite: the index terms each query stem begins, in one query of ``search_fts_terms``
    (every cooperation's terms; the scope words narrow later). A stem's prefix would otherwise
    be expanded by FTS5 again in every kind's query, reading the same long lists each time.
    None if a stem begins no term at all: then nothing can match. A stem with more than
    ``MAX_TERMS`` terms stays a prefix query."""
    stems = [s for s in query.stems if s]
    if not stems:
        return {}
    part = (
        "SELECT * FROM (SELECT %s, term FROM search_fts_terms "
        "WHERE term >= %s AND term < %s LIMIT %s)"
    )
    params: list[Any] = []
    for index, stem in enumerate(stems):
        params += [index, stem, _after(stem), MAX_TERMS + 1]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join([part] * len(stems)), params)
        rows = cursor.fetchall()
    found: dict[int, list[str]] = {}
    for index, term in rows:
        found.setdefault(index, []).append(term)
    if len(found) < len(stems):
        return None
    return {
        stem: tuple(found[index])
        for index, stem in enumerate(stems)
        if len(found[index]) <= MAX_TERMS
    }


def _match(query: Query, kind: str, cooperation_id: int, terms: _Terms) -> str:
    if connection.vendor == "postgresql":
        return query.tsquery()
    scope = " AND ".join(f'"{term}"' for term in scope_terms(kind, cooperation_id))
    return f"{scope} AND {query.fts5(terms)}"


# One match of a kind's window: (score, has a date, date or 0, id, object id): sorting these in
# reverse puts the best first, then the newest. The date is a ``date`` (PostgreSQL) or its ISO
# text (SQLite), which sorts the same. The object id is what ``hits`` loads.
_Match = tuple[float, bool, Any, int, int]


def _kinds_to_search(
    cooperation_id: int, kinds: list[Searchable], query: Query, terms: _Terms
) -> set[str]:
    """The kinds worth a window query, in one query of an ``EXISTS`` per kind. On SQLite: the
    kinds with any row that matches the words (FTS5 alone, stopping at the first match; who
    may see it is the window's business), so a kind without a match costs neither compiling
    its visibility condition nor its window. On PostgreSQL: the kinds with any index row in
    the cooperation (an index probe); a match there would cost as much as the window."""
    if not kinds:
        return set()
    params: list[Any] = []
    if connection.vendor == "sqlite":
        probe = "EXISTS (SELECT 1 FROM search_fts WHERE search_fts MATCH %s)"
        for searchable in kinds:
            params.append(_match(query, searchable.kind, cooperation_id, terms))
    else:
        probe = (
            "EXISTS (SELECT 1 FROM search_searchentry "
            "WHERE search_searchentry.cooperation_id = %s AND search_searchentry.kind = %s)"
        )
        for searchable in kinds:
            params += [cooperation_id, searchable.kind]
    sql = "SELECT " + ", ".join([probe] * len(kinds))
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return {searchable.kind for searchable, found in zip(kinds, row, strict=True) if found}


def _window(
    candidates: QuerySet[SearchEntry], query: Query, kind: str, cooperation_id: int, terms: _Terms
) -> list[_Match]:
    """The newest ``WINDOW`` matching rows the visitor may see, scored: one query.

    Counting and ranking both work on this window, so each kind costs one query whatever the
    number of matches. PostgreSQL scores with ``ts_rank``. On SQLite, FTS5's ``bm25()`` would
    count every row of each query word, the scope words (kind, cooperation) included, on every
    call; the rows' index terms are scored here instead (``text.score``), with the same BM25
    formula over the window."""
    where, params = _where(candidates)
    match = _match(query, kind, cooperation_id, terms)
    if connection.vendor == "postgresql":
        # The WHERE is the ORM's own, every value is bound. ``ts_rank`` in the outer query:
        # in the inner one PostgreSQL would rank every visible match before the LIMIT (it
        # postpones only expensive-looking expressions past a sort), not just the window.
        sql = (
            "SELECT w.id, w.object_id, w.date, ts_rank(w.vector, to_tsquery('german', %s)) "  # noqa: S608
            "FROM (SELECT search_searchentry.id, search_searchentry.object_id, "
            "search_searchentry.date, search_searchentry.vector FROM search_searchentry "
            "WHERE search_searchentry.vector @@ to_tsquery('german', %s) "
            f"AND ({where}) ORDER BY search_searchentry.id DESC LIMIT %s) AS w"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [match, match, *params, WINDOW])
            return [
                (float(rank), date is not None, date or 0, pk, object_id)
                for pk, object_id, date, rank in cursor.fetchall()
            ]
    # CROSS JOIN keeps the FTS table outermost: SQLite starts from its matches (already
    # narrowed to kind and cooperation by the scope terms) instead of scanning every row.
    sql = (
        "SELECT search_searchentry.id, search_searchentry.object_id, "  # noqa: S608
        # As text: sorts as the date does, without parsing a thousand dates per kind.
        "CAST(search_searchentry.date AS TEXT), search_searchentry.terms FROM search_fts "
        "CROSS JOIN search_searchentry ON search_searchentry.id = search_fts.rowid "
        f"WHERE search_fts MATCH %s AND ({where}) ORDER BY search_fts.rowid DESC LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [match, *params, WINDOW])
        rows = cursor.fetchall()
    scores = bm25([terms for _pk, _object_id, _date, terms in rows], query, skip=len(SCOPE))
    return [
        (score, day is not None, day or 0, pk, object_id)
        for (pk, object_id, day, _terms), score in zip(rows, scores, strict=True)
    ]


def _ranked(matches: list[_Match], *, offset: int, limit: int) -> list[int]:
    """One page of the matches (their object ids), best first, then newest."""
    return [match[4] for match in sorted(matches, reverse=True)[offset : offset + limit]]


def _filtered(access: Access, filters: Filters, kind: str, visible: Q) -> QuerySet[SearchEntry]:
    """The rows of one kind that the visitor may see (``visible``) and the filters keep."""
    # One filter() call: each call clones the query, and the search builds one per kind.
    condition = Q(cooperation=access.cooperation)
    if filters.body_id is not None:
        condition &= Q(body_id=filters.body_id)
    if filters.start is not None:
        condition &= Q(date__gte=filters.start)
    if filters.end is not None:
        condition &= Q(date__lte=filters.end)
    return SearchEntry.objects.filter(condition & Q(kind=kind) & visible)


def _results(
    access: Access, searchable: Searchable, object_ids: list[int], query: Query
) -> list[Result]:
    hits = searchable.hits(access, object_ids)
    results = []
    for object_id in object_ids:
        hit = hits.get(object_id)
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
    terms: _Terms = {}
    if connection.vendor == "sqlite":
        found = _expanded(query)
        if found is None:  # a word that is nowhere in the index
            return SearchResults(query=query, groups=[])
        terms = found
    kinds = [s for s in searchables() if not filters.kind or s.kind == filters.kind]
    cooperation_id = access.cooperation.pk
    groups: list[Group] = []
    pages = 1
    to_search = _kinds_to_search(cooperation_id, kinds, query, terms)
    for searchable in kinds:
        if searchable.kind not in to_search:
            continue
        visible = searchable.visible(access)
        if visible == NOTHING:
            continue
        # Only this kind's visibility: the other kinds' subqueries would cost every query.
        of_kind = _filtered(access, filters, searchable.kind, visible)
        matches = _window(of_kind, query, searchable.kind, cooperation_id, terms)
        count = len(matches)
        if not count:
            continue
        group = Group(
            kind=searchable.kind,
            label=str(searchable.label),
            count=count,
            capped=count >= WINDOW,
        )
        if filters.kind:
            pages = max(1, -(-count // PAGE_SIZE))
            page = min(max(page, 1), pages)
            ids = _ranked(matches, offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE)
        else:
            ids = _ranked(matches, offset=0, limit=GROUP_LIMIT)
        group.results = _results(access, searchable, ids, query)
        groups.append(group)
    return SearchResults(query=query, groups=groups, page=page, pages=pages)


def kind_choices(access: Access) -> list[tuple[str, str]]:
    """The kinds the visitor could find anything of (the public: no tasks, surveys, people)."""
    return [(s.kind, str(s.label)) for s in searchables() if s.visible(access) != NOTHING]


def is_kind(kind: str) -> bool:
    return kind in REGISTRY
