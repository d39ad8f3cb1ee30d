"""The migrations build the schema the tests run on.

The test database is created from the models (``--no-migrations`` in pyproject.toml) plus the
search index the search migration adds in raw SQL (``tests/conftest.py``). Here a fresh
SQLite file is migrated the way an installation is (``ikz migrate``), and its schema is
compared with the test database's, table by table: columns, indexes, CHECK constraints,
foreign keys and triggers. A model change without its migration, or a migration that leaves
something different from the models, fails here (``make lint`` also runs
``makemigrations --check``, which sees only the model state, not the SQL).
On PostgreSQL, ``tests/hardening/test_backup_postgres.py`` migrates a fresh database.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db

CHECK = re.compile(r'CONSTRAINT "([^"]+)" CHECK ')


def _checks(table_sql: str) -> dict[str, str]:
    """Each named CHECK constraint of a CREATE TABLE statement with its expression."""
    found = {}
    for match in CHECK.finditer(table_sql):
        depth, start = 0, match.end()
        for position in range(start, len(table_sql)):
            depth += {"(": 1, ")": -1}.get(table_sql[position], 0)
            if depth == 0:
                found[match.group(1)] = table_sql[start : position + 1]
                break
    return found


def schema(cursor: Any) -> dict[str, Any]:
    """What a SQLite database's schema holds, independent of column order and SQL layout."""
    cursor.execute(
        "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
    )
    rows = cursor.fetchall()
    result: dict[str, Any] = {}
    for kind, name, table, sql in rows:
        if kind == "table":
            cursor.execute(f'PRAGMA table_info("{name}")')
            columns = {row[1]: (row[2].upper(), *row[3:6]) for row in cursor.fetchall()}
            cursor.execute(f'PRAGMA foreign_key_list("{name}")')
            keys = sorted((row[3], row[2], row[4]) for row in cursor.fetchall())
            cursor.execute(f'PRAGMA index_list("{name}")')
            unique = set()
            for index in cursor.fetchall():
                cursor.execute(f'PRAGMA index_info("{index[1]}")')
                unique.add((index[2], tuple(str(row[2]) for row in cursor.fetchall())))
            result[f"table {name}"] = {
                "columns": columns,
                "foreign keys": keys,
                "indexes (unique, columns)": sorted(unique),
                "checks": _checks(sql or ""),
            }
        elif kind in ("index", "trigger") and sql:
            result[f"{kind} {name}"] = (table, " ".join(sql.split()))
    return result


# A mark, not a skip in the body: the migrated file is not made for a run that never reads it.
@pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="compares SQLite schemas; PostgreSQL migrates in test_backup_postgres.py",
)
def test_migrating_a_fresh_database_gives_the_schema_of_the_models(migrated_sqlite: Path) -> None:
    # ``ikz migrate`` on a new file (tests/hardening/conftest.py), opened read-only.
    with sqlite3.connect(f"file:{migrated_sqlite}?mode=ro", uri=True) as migrated:
        expected = schema(migrated.cursor())
    with connection.cursor() as cursor:
        actual = schema(cursor)

    expected.pop("table django_migrations")  # the migration recorder's own table
    assert sorted(set(actual) - set(expected)) == []
    assert sorted(set(expected) - set(actual)) == []
    differences = {
        name: (actual[name], expected[name]) for name in actual if actual[name] != expected[name]
    }
    assert differences == {}
