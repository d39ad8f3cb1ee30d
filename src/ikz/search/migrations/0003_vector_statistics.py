from django.db import migrations

# PostgreSQL: a finer sample of the index words for the planner. With the default (100), its
# estimate of how many rows a common prefix ("bauhof:*") matches was a tenth of the truth
# (2,120 against 19,130 of 105,000 rows), so it collected every match through the GIN index
# and sorted them (106 ms) instead of walking the newest rows until the window is full (8 ms).
# docs/search.md, docs/benchmarks.md.
POSTGRES_FORWARD = "ALTER TABLE search_searchentry ALTER COLUMN vector SET STATISTICS 1000"
POSTGRES_BACKWARD = "ALTER TABLE search_searchentry ALTER COLUMN vector SET STATISTICS -1"


def _run(statement):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_search_fts_terms"),
    ]

    operations = [
        migrations.RunPython(_run(POSTGRES_FORWARD), _run(POSTGRES_BACKWARD)),
    ]
