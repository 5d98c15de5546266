"""The search index on SQLite: an FTS5 table with the trigram tokenizer.

The trigram tokenizer matches any substring of three letters or more, so ``mobilit`` finds
``Elektromobilität`` and ``mobilité`` (the texts are stored normalised: lower case, without
accents, because SQLite 3.40 has no ``remove_diacritics`` option for trigrams). The table
(columns name, body, members; rowid = the organisation's id) is created by migration
``0004_search_index``.
"""

from __future__ import annotations

from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from clusterdialogue.clusters.search.base import (
    DIRECTORY,
    SearchDocument,
    SearchIndex,
    SqlWithParams,
    score_sql,
)
from clusterdialogue.clusters.search.text import ParsedQuery

TABLE = DIRECTORY.fts5_table
# bm25 weights of the columns name, body and members: a rarer word in a name counts most.
WEIGHTS = "10.0, 3.0, 1.0"
_CHUNK = 500


def _match_expression(words: tuple[str, ...], operator: str) -> str:
    # Words are normalised to [0-9a-z]; quoting makes each one a substring, not FTS5 syntax.
    return f" {operator} ".join(f'"{word}"' for word in words)


class Fts5Backend:
    """:class:`~clusterdialogue.clusters.search.base.SearchBackend` on SQLite FTS5."""

    name = "sqlite-fts5"

    def __init__(self, *, index: SearchIndex = DIRECTORY) -> None:
        self.table = index.fts5_table

    def replace(self, *, organisation_ids: list[int], documents: list[SearchDocument]) -> None:
        with connection.cursor() as cursor:
            for start in range(0, len(organisation_ids), _CHUNK):
                chunk = organisation_ids[start : start + _CHUNK]
                marks = ", ".join(["%s"] * len(chunk))
                cursor.execute(f"DELETE FROM {self.table} WHERE rowid IN ({marks})", chunk)
            cursor.executemany(
                f"INSERT INTO {self.table} (rowid, name, body, members) VALUES (%s, %s, %s, %s)",
                [(d.organisation_id, d.name, d.body, d.members) for d in documents],
            )

    def clear(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {self.table}")

    def match_sql(self, *, query: ParsedQuery) -> SqlWithParams:
        return (
            f"SELECT rowid FROM {self.table} WHERE {self.table} MATCH %s",
            [_match_expression(query.words, "AND")],
        )

    def ranked(
        self,
        *,
        query: ParsedQuery,
        any_word: bool = False,
        queryset: QuerySet | None = None,
        limit: int | None = None,
    ) -> list[tuple[int, float]]:
        every_word = _match_expression(query.words, "AND")
        # Tiers from column filters: two more index look-ups, much cheaper than reading the
        # stored texts of every match.
        in_columns = f"rowid IN (SELECT rowid FROM {self.table} WHERE {self.table} MATCH %s)"
        score = score_sql(
            tier_name=in_columns,
            tier_text=in_columns,
            relevance=f"max(0.0, -bm25({self.table}, {WEIGHTS}))",
        )
        params: list = [f"{{name}} : ({every_word})", f"{{name body}} : ({every_word})"]
        sql = f"SELECT rowid, {score} AS score FROM {self.table} WHERE {self.table} MATCH %s"
        params.append(_match_expression(query.words, "OR" if any_word else "AND"))
        if queryset is not None:
            # A correlated EXISTS looks each match up by primary key; "rowid IN (SELECT …)"
            # would read every allowed profile first, or worse, reach FTS5 as a rowid
            # constraint and run the match once per allowed id.
            allowed = queryset.order_by().filter(pk=RawSQL(f"{self.table}.rowid", [])).values("pk")
            allowed_sql, allowed_params = allowed.query.sql_with_params()
            sql += f" AND EXISTS ({allowed_sql})"
            params.extend(allowed_params)
        sql += " ORDER BY score DESC, rowid"
        if limit is not None:
            sql += " LIMIT %s"
            params.append(limit)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return [(row[0], float(row[1])) for row in cursor.fetchall()]
