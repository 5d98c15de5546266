"""The search index on PostgreSQL: full-text search (tsvector) plus trigram matching (pg_trgm).

Each row keeps the three normalised texts and a weighted ``tsvector``: the name in weight A,
the descriptions in weight B, analysed by the ``simple`` configuration and by the stemmers of
the six languages the network writes in (so ``mobilities`` meets ``mobility``), and the member
names in weight C. A query matches a row when the full-text query matches, or when every
stemmed word is a substring of the texts (a trigram index serves ``LIKE '%word%'``), which finds
``Elektromobilität`` for ``mobilität``. The table is created by migration ``0004_search_index``.
"""

from __future__ import annotations

from django.db import connection
from django.db.models import QuerySet

from clusterdialogue.clusters.search.base import (
    DIRECTORY,
    SearchDocument,
    SearchIndex,
    SqlWithParams,
    score_sql,
)
from clusterdialogue.clusters.search.text import ParsedQuery

TABLE = DIRECTORY.postgres_table
# Catalan has no stemmer in PostgreSQL; Spanish's is the closest.
LANGUAGES = ("english", "french", "german", "italian", "spanish", "dutch")
# Must read exactly as in the trigram index of migration 0004, or PostgreSQL will not use it.
ALL_TEXT = "(name || ' ' || body || ' ' || members)"
_STEMMED_BODY = " || ".join(f"to_tsvector('{lang}', body)" for lang in LANGUAGES)
DOCUMENT_SQL = (
    "setweight(to_tsvector('simple', name), 'A')"
    f" || setweight(to_tsvector('simple', body) || {_STEMMED_BODY}, 'B')"
    " || setweight(to_tsvector('simple', members), 'C')"
)


def _word_tsquery(*, with_raw: bool) -> str:
    """One word's query: its stem as a prefix, or the word through each language's stemmer."""
    stemmed = " || ".join(f"plainto_tsquery('{lang}', %s)" for lang in LANGUAGES)
    return f"(to_tsquery('simple', %s) || {stemmed})" if with_raw else "to_tsquery('simple', %s)"


class PostgresBackend:
    """:class:`~clusterdialogue.clusters.search.base.SearchBackend` on PostgreSQL."""

    name = "postgresql"

    def __init__(self, *, index: SearchIndex = DIRECTORY) -> None:
        self.table = index.postgres_table
        self.key = index.postgres_key

    def replace(self, *, organisation_ids: list[int], documents: list[SearchDocument]) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {self.table} WHERE {self.key} = ANY(%s)", [list(organisation_ids)]
            )
            cursor.executemany(
                f"INSERT INTO {self.table} ({self.key}, name, body, members) "
                "VALUES (%s, %s, %s, %s)",
                [(d.organisation_id, d.name, d.body, d.members) for d in documents],
            )
            cursor.execute(
                f"UPDATE {self.table} SET document = {DOCUMENT_SQL} WHERE {self.key} = ANY(%s)",
                [[d.organisation_id for d in documents]],
            )

    def clear(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {self.table}")

    def _condition(self, query: ParsedQuery, operator: str) -> SqlWithParams:
        """Full-text match OR substring match of the words, combined with ``operator``."""
        pairs = list(zip(query.words, query.raw_words, strict=False))
        tsquery = f" {'&&' if operator == 'AND' else '||'} ".join(
            _word_tsquery(with_raw=True) for _ in pairs
        )
        ts_params = [p for word, raw in pairs for p in (f"{word}:*", *[raw] * len(LANGUAGES))]
        like = f" {operator} ".join([f"{ALL_TEXT} LIKE %s"] * len(query.words))
        like_params = [f"%{word}%" for word in query.words]
        return (
            f"(document @@ ({tsquery}) OR ({like}))",
            [*ts_params, *like_params],
        )

    def match_sql(self, *, query: ParsedQuery) -> SqlWithParams:
        condition, params = self._condition(query, "AND")
        return f"SELECT {self.key} FROM {self.table} WHERE {condition}", params

    def ranked(
        self,
        *,
        query: ParsedQuery,
        any_word: bool = False,
        queryset: QuerySet | None = None,
        limit: int | None = None,
    ) -> list[tuple[int, float]]:
        words = query.words
        in_name = " AND ".join(["strpos(name, %s) > 0"] * len(words))
        in_text = " AND ".join(["(strpos(name, %s) > 0 OR strpos(body, %s) > 0)"] * len(words))
        rank_query = " || ".join(["to_tsquery('simple', %s)"] * len(words))
        relevance = f"(ts_rank(document, {rank_query}) + similarity(name, %s))"
        relevance_params = [*[f"{w}:*" for w in words], query.text]
        score = score_sql(tier_name=in_name, tier_text=in_text, relevance=relevance)
        params: list = [
            *words,
            *[w for word in words for w in (word, word)],
            *relevance_params,
            *relevance_params,
        ]
        condition, condition_params = self._condition(query, "OR" if any_word else "AND")
        sql = f"SELECT {self.key}, {score} AS score FROM {self.table} WHERE {condition}"
        params.extend(condition_params)
        if queryset is not None:
            allowed_sql, allowed_params = queryset.order_by().values("pk").query.sql_with_params()
            sql += f" AND {self.key} IN ({allowed_sql})"
            params.extend(allowed_params)
        sql += f" ORDER BY score DESC, {self.key}"
        if limit is not None:
            sql += " LIMIT %s"
            params.append(limit)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return [(row[0], float(row[1])) for row in cursor.fetchall()]
