"""Fast bulk upserts for the large statistics tables, on SQLite and PostgreSQL alike.

The ORM's ``bulk_create`` builds a model instance per row; an import of a million figures must
not. These helpers send plain tuples: ``executemany`` on SQLite, ``COPY`` into a temporary table
and one ``INSERT … ON CONFLICT`` on PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db import connection


def _quote(name: str) -> str:
    return connection.ops.quote_name(name)


def bulk_upsert(
    *,
    table: str,
    columns: Sequence[str],
    rows: Iterable[Sequence[object]],
    conflict: Sequence[str],
) -> None:
    """Insert ``rows`` into ``table``; rows whose ``conflict`` columns exist already are updated.

    Call inside a transaction: a failure then leaves the table as it was.
    """
    update = [column for column in columns if column not in conflict]
    column_list = ", ".join(_quote(c) for c in columns)
    conflict_list = ", ".join(_quote(c) for c in conflict)
    set_list = ", ".join(f"{_quote(c)} = excluded.{_quote(c)}" for c in update)
    on_conflict = f"ON CONFLICT ({conflict_list}) DO UPDATE SET {set_list}"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            staging = f"{table}_staging"
            cursor.execute(
                f"CREATE TEMP TABLE {_quote(staging)} AS "
                f"SELECT {column_list} FROM {_quote(table)} WITH NO DATA"
            )
            # The raw psycopg cursor bypasses Django's error translation: restore it, so that a
            # failure raises django.db.IntegrityError etc. as on SQLite.
            with (
                connection.wrap_database_errors,
                cursor.cursor.copy(f"COPY {_quote(staging)} ({column_list}) FROM STDIN") as copy,
            ):
                for row in rows:
                    copy.write_row(row)
            cursor.execute(
                f"INSERT INTO {_quote(table)} ({column_list}) "
                f"SELECT {column_list} FROM {_quote(staging)} {on_conflict}"
            )
            cursor.execute(f"DROP TABLE {_quote(staging)}")
        else:
            placeholders = ", ".join(["%s"] * len(columns))
            cursor.executemany(
                f"INSERT INTO {_quote(table)} ({column_list}) VALUES ({placeholders}) {on_conflict}",
                rows if isinstance(rows, list) else list(rows),
            )


def bulk_insert(*, table: str, columns: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    """Insert ``rows`` into ``table`` (no conflict handling); call inside a transaction."""
    column_list = ", ".join(_quote(c) for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with (
                connection.wrap_database_errors,
                cursor.cursor.copy(f"COPY {_quote(table)} ({column_list}) FROM STDIN") as copy,
            ):
                for row in rows:
                    copy.write_row(row)
        else:
            placeholders = ", ".join(["%s"] * len(columns))
            cursor.executemany(
                f"INSERT INTO {_quote(table)} ({column_list}) VALUES ({placeholders})",
                rows if isinstance(rows, list) else list(rows),
            )
