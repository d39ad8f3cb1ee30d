"""Checks for the entries of docs/dangerous-constructs.md that a program can see in the source.

Each test names its entry. They read the code (or the settings) rather than run pages, so a
construct is caught even where no test reaches it yet.
"""

from __future__ import annotations

import importlib
import inspect
import io
import pkgutil
import re
import tokenize
from pathlib import Path

from django import forms
from django.conf import settings

import ikz
from ikz.ui.forms import KernFormMixin

SRC = Path(ikz.__file__).parent


def _sources() -> list[Path]:
    return sorted(p for p in SRC.rglob("*.py") if "migrations" not in p.parts)


def _code_lines(path: Path) -> list[tuple[int, str]]:
    """The lines of a module with comments and string literals blanked out."""
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    blank = [list(line) for line in lines]
    for token in tokenize.generate_tokens(io.StringIO(text).readline):
        if token.type not in (tokenize.STRING, tokenize.COMMENT):
            continue
        (start_row, start_col), (end_row, end_col) = token.start, token.end
        for row in range(start_row, end_row + 1):
            first = start_col if row == start_row else 0
            last = end_col if row == end_row else len(blank[row - 1])
            for col in range(first, last):
                blank[row - 1][col] = " "
    return [(number, "".join(chars)) for number, chars in enumerate(blank, start=1)]


def _offenders(pattern: str, *, allowed: str | None = None) -> list[str]:
    found = []
    for path in _sources():
        for number, line in _code_lines(path):
            if re.search(pattern, line) and not (allowed and re.search(allowed, line)):
                found.append(f"{path.relative_to(SRC)}:{number}: {line.strip()}")
    return found


def test_no_atomic_requests() -> None:
    """4. ATOMIC_REQUESTS would hold SQLite's write lock for every request."""
    for alias, database in settings.DATABASES.items():
        assert not database.get("ATOMIC_REQUESTS"), alias


def test_mail_is_sent_by_tasks_only() -> None:
    """5. Mail leaves the process from a django-tasks task (enqueued after commit)."""
    found = [
        hit
        for hit in _offenders(r"(?<!def )\bsend_mail\(|\.send\(\)|send_mass_mail\(")
        if not hit.split(":", 1)[0].endswith("tasks.py")
    ]
    assert found == []


def test_forms_are_bound_with_form_data() -> None:
    """11. ``Form(request.POST or None)`` leaves an empty POST unbound."""
    assert _offenders(r"request\.(POST|GET)\s+or\s+None") == []


def test_no_isdigit_on_user_input() -> None:
    """13. ``"²".isdigit()`` is true and ``int("²")`` raises: parse with ikz.inputs."""
    found = [
        hit
        for hit in _offenders(r"\.isdigit\(\)", allowed=r"\.isascii\(\)")
        if not hit.startswith("inputs.py:")
    ]
    assert found == []


def test_no_unicode_digit_class_in_patterns() -> None:
    r"""13. ``\d`` matches "٣" unless the pattern is compiled with ``re.ASCII``."""
    found = []
    for path in _sources():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            code = line.split("#", 1)[0]
            if "\\d" in code and "re.ASCII" not in code:
                found.append(f"{path.relative_to(SRC)}:{number}: {line.strip()}")
    assert found == []


def test_no_redirect_to_request_data() -> None:
    """14. ``redirect(request.POST["next"])``: use ikz.inputs.safe_local_url."""
    assert _offenders(r"redirect\(\s*request\.") == []


def test_every_form_is_a_kern_form() -> None:
    """15. KernForm/KernModelForm normalise and bound every input."""
    for module in pkgutil.walk_packages(ikz.__path__, "ikz."):
        if ".migrations" in module.name or not module.name.endswith(("forms", "forms_extra")):
            continue
        loaded = importlib.import_module(module.name)
        for name, value in inspect.getmembers(loaded, inspect.isclass):
            if value.__module__ != loaded.__name__ or not issubclass(value, forms.BaseForm):
                continue
            assert issubclass(value, KernFormMixin), f"{module.name}.{name}"


# A view module answers requests: Django views (``views*.py``, a ``views/`` package) and the
# django-ninja routers of the REST API with their shared helpers (``api/routes_*.py``,
# ``api/core.py``). OParl's endpoints are ``oparl/views.py``.
VIEW_QUERY = r"\.objects\.|\.filter\(|\.aggregate\(|\bselect_related\(|\bprefetch_related\("


def _is_view_module(path: Path) -> bool:
    relative = path.relative_to(SRC)
    return (
        relative.name.startswith("views")
        or "views" in relative.parts[:-1]
        or (relative.parts[0] == "api" and relative.name.startswith(("routes_", "core.")))
    )


def test_view_modules_are_found() -> None:
    """The definition above still finds the modules it is meant for (a rename would hide them)."""
    found = {str(path.relative_to(SRC)) for path in _sources() if _is_view_module(path)}
    assert {
        "access/views.py",
        "meetings/views_calendar.py",
        "oparl/views.py",
        "api/routes_meetings.py",
        "api/core.py",
        "profile/views.py",
    } <= found
    assert "meetings/selectors/lists.py" not in found


def test_views_do_not_query_the_orm() -> None:
    """18. Views read through selectors, which filter by cooperation and access; a query in a
    view (also a ``.filter`` chained onto a selector's queryset) is a rule the selector lacks."""
    found = [hit for hit in _offenders(VIEW_QUERY) if _is_view_module(SRC / hit.split(":", 1)[0])]
    assert found == []


def test_stamps_become_berlin_days() -> None:
    """19. ``created_at.date()`` is the UTC day: from 23:00 (22:00 in summer) to midnight it
    is the day before the Berlin day the stamp belongs to. Use ``timezone.localdate(stamp)``."""
    assert _offenders(r"_at\.date\(\)") == []
