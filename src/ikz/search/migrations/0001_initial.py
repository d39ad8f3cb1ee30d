import django.db.models.deletion
from django.db import migrations, models

# SQLite: an FTS5 table over SearchEntry.terms (external content), kept in step by triggers.
# Careful: a later migration that makes SQLite rebuild search_searchentry (most AlterField and
# AddField operations) drops these triggers; such a migration must create them again and
# refill the index (``INSERT INTO search_fts(search_fts) VALUES ('rebuild')``), see
# docs/search.md.
SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE search_fts USING fts5("
    "terms, content='search_searchentry', content_rowid='id', tokenize='unicode61')",
    "CREATE TRIGGER search_fts_insert AFTER INSERT ON search_searchentry BEGIN "
    "INSERT INTO search_fts(rowid, terms) VALUES (new.id, new.terms); END",
    "CREATE TRIGGER search_fts_delete AFTER DELETE ON search_searchentry BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, terms) VALUES ('delete', old.id, old.terms); END",
    "CREATE TRIGGER search_fts_update AFTER UPDATE OF terms ON search_searchentry BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, terms) VALUES ('delete', old.id, old.terms); "
    "INSERT INTO search_fts(rowid, terms) VALUES (new.id, new.terms); END",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_fts_update",
    "DROP TRIGGER IF EXISTS search_fts_delete",
    "DROP TRIGGER IF EXISTS search_fts_insert",
    "DROP TABLE IF EXISTS search_fts",
]
# PostgreSQL: a generated tsvector column (German stemming) with a GIN index.
POSTGRES_FORWARD = [
    "ALTER TABLE search_searchentry ADD COLUMN vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('german'::regconfig, terms)) STORED",
    "CREATE INDEX search_entry_vector ON search_searchentry USING gin (vector)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS search_entry_vector",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS vector",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("cooperation", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("kind", models.CharField(max_length=30, verbose_name="Art")),
                ("object_id", models.PositiveBigIntegerField()),
                ("meeting_id", models.PositiveBigIntegerField(blank=True, null=True)),
                ("body_id", models.PositiveBigIntegerField(blank=True, null=True)),
                ("date", models.DateField(blank=True, null=True)),
                ("is_internal", models.BooleanField(default=False)),
                ("title", models.CharField(max_length=500)),
                ("text", models.TextField(blank=True)),
                ("terms", models.TextField(blank=True)),
                ("cooperation", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to="cooperation.cooperation")),
            ],
            options={
                "verbose_name": "Sucheintrag",
                "verbose_name_plural": "Sucheinträge",
                "indexes": [
                    models.Index(fields=["cooperation", "kind"], name="search_entry_coop_kind"),
                    models.Index(fields=["meeting_id"], name="search_entry_meeting"),
                    models.Index(condition=models.Q(("is_internal", True)), fields=["cooperation", "kind"], name="search_entry_internal"),
                ],
                "constraints": [models.UniqueConstraint(fields=("kind", "object_id"), name="search_entry_once")],
            },
        ),
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        ),
    ]
