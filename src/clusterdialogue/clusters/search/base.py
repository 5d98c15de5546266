"""What every search backend provides, and the ranking rule they share.

A backend keeps one index row per cluster organisation with three normalised texts (see
:class:`SearchDocument`) and answers two questions: which organisations match (as SQL, so that
filters, counts and exports can use it as a sub-query) and how well (a ranked list).

Ranking rule, the same on every backend::

    score = tier + relevance / (1 + relevance)

``tier`` is 2 when every query word is in the name or acronym, 1 when every word is in the name
or the descriptions, keywords and technologies, else 0 (member names only, or words spread
over the member names). ``relevance`` is the backend's own measure (``-bm25`` on SQLite FTS5,
``ts_rank + similarity`` on PostgreSQL) squeezed into [0, 1), so a name hit always ranks above
a description hit, and a description hit above a member-name hit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from django.db.models import QuerySet

from clusterdialogue.clusters.search.text import ParsedQuery

SqlWithParams = tuple[str, list]


@dataclass(frozen=True)
class SearchIndex:
    """Where one kind of record is indexed: the same three texts, its own tables.

    The directory's index is :data:`DIRECTORY`; another feature (the Dialogue's policy library)
    gives its own tables, created by its own migration with the same columns, and reuses the
    backends, the text folding and the ranking rule unchanged.
    """

    fts5_table: str
    postgres_table: str
    postgres_key: str = "organisation_id"


DIRECTORY = SearchIndex(fts5_table="clusters_search_fts", postgres_table="clusters_search_document")


@dataclass(frozen=True)
class SearchDocument:
    """The index row of one organisation: normalised texts, by how much a hit in them counts."""

    organisation_id: int  # the indexed record's id (an organisation's in the directory)
    name: str  # name and acronym
    body: str  # descriptions in every language, keywords, technologies, city
    members: str  # member names


class SearchBackend(Protocol):
    """A full-text index of cluster organisations in the project's database."""

    name: str

    def replace(self, *, organisation_ids: list[int], documents: list[SearchDocument]) -> None:
        """Remove the rows of ``organisation_ids`` and store ``documents`` in their place."""

    def clear(self) -> None:
        """Remove every row."""

    def match_sql(self, *, query: ParsedQuery) -> SqlWithParams:
        """A ``SELECT`` of the ids of the organisations every word of ``query`` matches."""

    def ranked(
        self,
        *,
        query: ParsedQuery,
        any_word: bool = False,
        queryset: QuerySet | None = None,
        limit: int | None = None,
    ) -> list[tuple[int, float]]:
        """``(organisation id, score)``, best first, among the organisations of ``queryset``."""


def score_sql(*, tier_name: str, tier_text: str, relevance: str) -> str:
    """The SQL expression of the shared ranking rule (see the module's docstring)."""
    return (
        f"(CASE WHEN {tier_name} THEN 2 WHEN {tier_text} THEN 1 ELSE 0 END"
        f" + ({relevance}) / (1.0 + ({relevance})))"
    )
