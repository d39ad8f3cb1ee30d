"""Text for the search index: folding, German stemming, query terms, highlighting.

Documents and queries go through the same ``fold`` so that umlauts, ß and their
transliterations meet: "Großpösna", "Grosspoesna" and "Grosspösna" all fold to "grossposna".
On SQLite the index holds Snowball stems of the folded words (FTS5 has no German stemmer);
on PostgreSQL it holds the folded words and ``to_tsvector('german', …)`` stems them.
"""

from __future__ import annotations

import html
import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WORD = re.compile(r"\w+")
# The transliterations of ä, ö, ü (after ß → ss and the umlauts themselves were folded).
_DIGRAPHS = re.compile(r"(?<=[a-z])(ae|oe|ue)")
MAX_QUERY_TERMS = 8
MIN_TERM_LENGTH = 2

_stemmer = snowballstemmer.stemmer("german")


@lru_cache(maxsize=50_000)
def fold_word(word: str) -> str:
    """One word, lower case, without diacritics; ä/ae → a, ö/oe → o, ü/ue → u, ß → ss."""
    word = word.lower().replace("ß", "ss")
    decomposed = unicodedata.normalize("NFKD", word)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _DIGRAPHS.sub(lambda m: m.group(1)[0], plain)


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    """The Snowball stem of a folded word."""
    return str(_stemmer.stemWord(word))


def folded_words(text: str) -> list[str]:
    return [fold_word(w) for w in WORD.findall(text)]


def index_terms(text: str, *, stemmed: bool) -> str:
    """What goes into the index column: folded words, stemmed where the database cannot."""
    words = folded_words(text)
    if stemmed:
        words = [stem(w) for w in words]
    return " ".join(words)


@dataclass(frozen=True)
class Query:
    """The visitor's words, folded and stemmed, ready for either backend."""

    text: str
    words: tuple[str, ...]  # folded
    stems: tuple[str, ...]

    def __bool__(self) -> bool:
        return bool(self.words)

    def fts5(self, terms: dict[str, tuple[str, ...]] | None = None) -> str:
        """An FTS5 MATCH expression: every stem as a prefix, all required. Only [a-z0-9_]
        reach it (``fold``), and each is quoted, so the visitor cannot write FTS syntax.

        ``terms`` are the index terms a stem is the prefix of, where they were looked up
        (``ikz.search.selectors``): that stem then matches them exactly, which is the same set
        of rows, but FTS5 no longer expands the prefix in every query of the search."""
        terms = terms or {}
        parts = []
        for s in self.stems:
            found = terms.get(s)
            if not found:
                parts.append(f'"{s}"*')
                continue
            exact = " OR ".join('"' + term.replace('"', '""') + '"' for term in found)
            parts.append(f"({exact})" if len(found) > 1 else exact)
        return " AND ".join(parts)

    def tsquery(self) -> str:
        """A ``to_tsquery('german', …)`` expression: every word as a prefix, all required."""
        return " & ".join(f"{w}:*" for w in self.words)


def parse_query(text: str) -> Query:
    words: list[str] = []
    for word in folded_words(text[:300]):
        if len(word) >= MIN_TERM_LENGTH and word not in words:
            words.append(word)
    words = words[:MAX_QUERY_TERMS]
    return Query(text=text, words=tuple(words), stems=tuple(stem(w) for w in words))


def bm25(
    documents: list[str], query: Query, *, skip: int = 0, k1: float = 1.2, b: float = 0.75
) -> list[float]:
    """BM25 scores of ``documents`` (index terms: folded, stemmed words joined by spaces, the
    first ``skip`` of them not counted) for ``query``; document frequencies and the average
    length are taken over ``documents`` themselves. A query stem counts every term it is a
    prefix of, as the FTS5 prefix match does."""
    if not documents:
        return []
    padded = [" " + terms for terms in documents]
    n = len(padded)
    lengths = [max(terms.count(" ") - skip, 1) for terms in padded]
    average = sum(lengths) / n
    norms = [k1 * (1 - b + b * length / average) for length in lengths]
    scores = [0.0] * n
    for stem in query.stems:
        needle = " " + stem
        tfs = [terms.count(needle) for terms in padded]
        df = n - tfs.count(0)
        weight = math.log((n - df + 0.5) / (df + 0.5) + 1.0) * (k1 + 1)
        for i, tf in enumerate(tfs):
            if tf:
                scores[i] += weight * tf / (tf + norms[i])
    return scores


def _matches(word: str, query: Query) -> bool:
    folded = fold_word(word)
    stemmed = stem(folded)
    return any(
        stemmed.startswith(s) or folded.startswith(w)
        for s, w in zip(query.stems, query.words, strict=True)
    )


def highlight(text: str, query: Query, *, width: int = 28) -> SafeString:
    """An escaped excerpt of ``text`` around the first match, matched words in ``<mark>``.

    ``width`` words are shown; "…" marks cut ends. Without a match, the text's beginning."""
    tokens = re.split(r"(\w+)", text)  # even indexes: separators, odd: words
    word_positions = list(range(1, len(tokens), 2))
    hits = [i for i in word_positions if _matches(tokens[i], query)]
    first = word_positions.index(hits[0]) if hits else 0
    start_word = max(0, first - width // 3)
    end_word = min(len(word_positions), start_word + width)
    if not word_positions:
        return mark_safe(escape(text))  # noqa: S308 - escaped
    start = word_positions[start_word] if start_word else 0
    end = word_positions[end_word - 1] + 1 if end_word < len(word_positions) else len(tokens)
    hit_set = set(hits)
    parts = []
    for index in range(start, end):
        # ``html.escape`` is what Django's ``escape`` does, without its lazy-string wrapper and
        # a SafeString per piece (a results page escapes hundreds of pieces).
        piece = html.escape(tokens[index])
        parts.append(f"<mark>{piece}</mark>" if index in hit_set else piece)
    prefix = "… " if start_word else ""
    suffix = " …" if end_word < len(word_positions) else ""
    return mark_safe(prefix + "".join(parts).strip() + suffix)  # noqa: S308 - pieces escaped
