"""The full-text search index of the directory: FTS5 on SQLite, tsvector + pg_trgm on PostgreSQL.

The index is a plain table that ``clusters.search`` fills (``search_index_update``), not a model;
on a database that already holds profiles, run ``clusterdialogue clusters reindex`` once after
migrating. Other databases (and SQLite older than 3.34, without the trigram tokenizer) get no
index, and the search falls back to plain comparisons. The SQL is written out here, not
imported, so that this migration stays as it was when later code changes.
"""

from django.db import migrations

SQLITE_CREATE = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS clusters_search_fts "
    "USING fts5(name, body, members, tokenize='trigram')",
]
SQLITE_DROP = ["DROP TABLE IF EXISTS clusters_search_fts"]
POSTGRES_CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    """CREATE TABLE IF NOT EXISTS clusters_search_document (
        organisation_id bigint PRIMARY KEY,
        name text NOT NULL,
        body text NOT NULL,
        members text NOT NULL,
        document tsvector NOT NULL DEFAULT ''::tsvector
    )""",
    "CREATE INDEX IF NOT EXISTS clusters_search_document_document "
    "ON clusters_search_document USING gin (document)",
    "CREATE INDEX IF NOT EXISTS clusters_search_document_trigram ON clusters_search_document "
    "USING gin ((name || ' ' || body || ' ' || members) gin_trgm_ops)",
]
POSTGRES_DROP = ["DROP TABLE IF EXISTS clusters_search_document"]


def _sqlite_has_trigram(cursor) -> bool:
    try:
        cursor.execute("CREATE VIRTUAL TABLE temp.fts5_probe USING fts5(x, tokenize='trigram')")
        cursor.execute("DROP TABLE temp.fts5_probe")
    except Exception:  # no FTS5, or no trigram tokenizer: no index
        return False
    return True


def _run(schema_editor, statements: dict) -> None:
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite" and not _sqlite_has_trigram(cursor):
            return
        for statement in statements.get(connection.vendor, []):
            cursor.execute(statement)


def create_index(apps, schema_editor):
    _run(schema_editor, {"sqlite": SQLITE_CREATE, "postgresql": POSTGRES_CREATE})


def drop_index(apps, schema_editor):
    _run(schema_editor, {"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP})


class Migration(migrations.Migration):
    dependencies = [("clusters", "0002_industrial_ecosystems")]
    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
