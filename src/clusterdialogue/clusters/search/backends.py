"""Choosing the search backend for the database in use."""

from __future__ import annotations

from django.db import connection

from clusterdialogue.clusters.search.base import DIRECTORY, SearchBackend, SearchIndex

_available: dict[tuple[str, str, str], bool] = {}


def _index_table_exists(table: str) -> bool:
    # Looked up once per database: the table only appears or goes with a migration.
    key = (connection.vendor, str(connection.settings_dict["NAME"]), table)
    if key not in _available:
        with connection.cursor() as cursor:
            _available[key] = table in connection.introspection.table_names(cursor)
    return _available[key]


def search_backend(*, index: SearchIndex = DIRECTORY) -> SearchBackend | None:
    """The ``index`` (the directory's by default) on this database: SQLite FTS5 or PostgreSQL;
    ``None`` if the database has no such index.

    Without an index (another database, or an SQLite older than 3.34 without the trigram
    tokenizer) the search falls back to plain name comparisons; see ``cluster_search``.
    """
    if connection.vendor == "sqlite":
        from clusterdialogue.clusters.search.sqlite_fts5 import Fts5Backend

        return Fts5Backend(index=index) if _index_table_exists(index.fts5_table) else None
    if connection.vendor == "postgresql":
        from clusterdialogue.clusters.search.postgres import PostgresBackend

        return PostgresBackend(index=index) if _index_table_exists(index.postgres_table) else None
    return None


def search_backend_forget() -> None:
    """Forget which databases have an index (after a migration in the same process)."""
    _available.clear()
