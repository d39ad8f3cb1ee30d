"""Folding, stemming, query parsing and highlighting (no database)."""

from __future__ import annotations

import pytest

from ikz.search.text import bm25, fold_word, highlight, index_terms, parse_query


@pytest.mark.parametrize(
    ("word", "folded"),
    [
        ("Großpösna", "grossposna"),
        ("Grosspoesna", "grossposna"),
        ("GROSSPÖSNA", "grossposna"),
        ("Grosspösna", "grossposna"),
        ("Brandis", "brandis"),
        ("Bürgermeister", "burgermeister"),
        ("Buergermeister", "burgermeister"),
        ("Straße", "strasse"),
        ("Café", "cafe"),
    ],
)
def test_fold_word(word: str, folded: str) -> None:
    assert fold_word(word) == folded


def test_index_terms_stem_german_word_forms() -> None:
    # Singular and plural meet in one stem; hand-checked Snowball German stems.
    assert index_terms("Bauhöfe Bauhof", stemmed=True) == "bauhof bauhof"
    assert index_terms("Gemeinden Gemeinde", stemmed=True) == "gemeind gemeind"
    assert index_terms("Gemeinden", stemmed=False) == "gemeinden"


def test_parse_query_drops_syntax_and_short_words() -> None:
    query = parse_query('"Bauhof" AND* (x) OR -Großpösna^ NEAR')
    assert query.words == ("bauhof", "and", "or", "grossposna", "near")
    assert query.fts5() == '"bauhof"* AND "and"* AND "or"* AND "grossposna"* AND "near"*'
    assert query.tsquery() == "bauhof:* & and:* & or:* & grossposna:* & near:*"
    assert not parse_query("? ! a")


def test_fts5_matches_looked_up_terms_exactly_and_the_rest_as_prefixes() -> None:
    query = parse_query("Bauhöfe Winterdienst Straße")
    terms = {"bauhof": ("bauhof", "bauhofleit"), "winterdien": ("winterdien",)}
    assert query.fts5(terms) == ('("bauhof" OR "bauhofleit") AND "winterdien" AND "strass"*')


def test_highlight_marks_matches_and_escapes() -> None:
    query = parse_query("Grosspoesna bauhöfe")
    html = highlight("Der <b>Bauhof</b> von Großpösna & Naunhof", query)
    assert html == (
        "Der &lt;b&gt;<mark>Bauhof</mark>&lt;/b&gt; von <mark>Großpösna</mark> &amp; Naunhof"
    )


def test_highlight_cuts_long_text_around_the_first_match() -> None:
    words = [f"wort{i}" for i in range(100)]
    words[60] = "Zweckverband"
    html = highlight(" ".join(words), parse_query("zweckverband"), width=10)
    assert html.startswith("… wort57 wort58 wort59 <mark>Zweckverband</mark> wort61")
    assert html.endswith(" …")


def test_bm25_scores_by_hand() -> None:
    """Three documents of index terms (after two scope words), query "Bauhof": n = 3, df = 2,
    lengths 2, 4, 1 (average 7/3), k1 = 1.2, b = 0.75; idf = ln(1 + 1.5 / 2.5) = ln 1.6."""
    documents = ["0kpoint 0c1 bauhof bauhof", "0kpoint 0c1 bauhof x y z", "0kpoint 0c1 winterdien"]
    scores = bm25(documents, parse_query("Bauhof"), skip=2)
    # tf = 2: 2.2 * ln 1.6 * 2 / (2 + 1.2 * (0.25 + 0.75 * 2 / (7/3))) = 0.67331
    # tf = 1: 2.2 * ln 1.6 / (1 + 1.2 * (0.25 + 0.75 * 4 / (7/3))) = 0.36372
    assert [round(score, 5) for score in scores] == [0.67331, 0.36372, 0.0]


def test_bm25_counts_prefixes_and_weights_rare_words() -> None:
    documents = ["bauhofe radweg", "bauhof", "bauhof"]
    query = parse_query("Bauhof Radweg")
    first, second, third = bm25(documents, query)
    assert first > second == third > 0  # the rarer word "radweg" lifts the first document
