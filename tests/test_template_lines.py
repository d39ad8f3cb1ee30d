"""Template lines stay short enough to read and review (docs/testing.md, "Templates").

The limit is 120 characters: a side-by-side diff on a laptop shows two such columns, and a KERN
tag with its classes, an htmx attribute or a `{% url %}` with three arguments still fits
(the Python code's 100 would split nearly every tag). `scripts/break_template_lines.py` breaks
lines where the page cannot change (docs/architecture.md lists where). What it cannot break
is a single Django tag or attribute value longer than the room left (a `{% translate %}` of a
whole paragraph, a `class` chosen by conditions, a meta description's `{% blocktranslate %}`)
and template logic glued to inline text (`</a>{% if … %}(…)`): those lines need a larger
change (a value computed in the view, a new include) and are counted per file in LONG_LINES,
which may only shrink; no line may ever exceed HARD_LIMIT.
"""

from __future__ import annotations

from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "ikz"
LIMIT = 120
HARD_LIMIT = 500
# Lines over LIMIT per template that only a larger change can break (see above). Lower a number
# when you shorten one; a new long line, or one more in a file listed here, fails.
LONG_LINES = {
    "agreements/templates/agreements/key_form.html": 1,
    "agreements/templates/agreements/statement.html": 1,
    "api/templates/api/tokens.html": 1,
    "meetings/templates/meetings/_agenda.html": 1,
    "meetings/templates/meetings/meeting_calendar.html": 2,
    "meetings/templates/meetings/meeting_detail.html": 1,
    "meetings/templates/meetings/meeting_list.html": 1,
    "portal/templates/portal/body_detail.html": 1,
    "portal/templates/portal/meeting.html": 2,
    "portal/templates/portal/project.html": 2,
    "projects/templates/projects/_point_links.html": 1,
    "projects/templates/projects/project_detail.html": 1,
    "reports/templates/reports/_points.html": 1,
    "ui/templates/base.html": 1,
}


def long_lines() -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    for path in sorted(SRC.glob("**/templates/**/*.html")):
        lengths = [len(line) for line in path.read_text().split("\n")]
        over = [n for n, length in enumerate(lengths, 1) if length > LIMIT]
        if over:
            found[str(path.relative_to(SRC))] = over
        too_long = [n for n, length in enumerate(lengths, 1) if length > HARD_LIMIT]
        assert not too_long, f"{path}: lines {too_long} are longer than {HARD_LIMIT} characters"
    return found


def test_no_new_long_template_line() -> None:
    grown = {
        name: f"lines {lines} (allowed: {LONG_LINES.get(name, 0)})"
        for name, lines in long_lines().items()
        if len(lines) > LONG_LINES.get(name, 0)
    }
    assert not grown, (
        f"Template lines over {LIMIT} characters: {grown}. "
        "Run `python3 scripts/break_template_lines.py`, or restructure the line."
    )


def test_the_allowance_only_shrinks() -> None:
    """A file with fewer long lines than allowed must lower its number (or leave the list)."""
    found = {name: len(lines) for name, lines in long_lines().items()}
    stale = {
        name: (count, found.get(name, 0))
        for name, count in LONG_LINES.items()
        if found.get(name, 0) < count
    }
    assert not stale, f"Lower LONG_LINES (allowed, found): {stale}"
