from django.db import migrations

# SQLite: the terms of the FTS5 index, one row per distinct term (``fts5vocab``). The search
# looks a query stem's terms up here once ("bauhof" → bauhof, bauhofleit) and matches them
# exactly in every kind, instead of FTS5 expanding the prefix again in each kind's query
# (ikz.search.selectors._expanded, docs/search.md). It is a view of search_fts: nothing to fill.
SQLITE_FORWARD = "CREATE VIRTUAL TABLE search_fts_terms USING fts5vocab(search_fts, 'row')"
SQLITE_BACKWARD = "DROP TABLE IF EXISTS search_fts_terms"


def _run(statement):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(_run(SQLITE_FORWARD), _run(SQLITE_BACKWARD)),
    ]
