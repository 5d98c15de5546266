"""Full-text search of the cluster directory, one interface over SQLite FTS5 and PostgreSQL.

* :func:`cluster_search` — ranked ``(organisation id, score)`` pairs for a query;
* :func:`cluster_search_filter` — a queryset narrowed to the matches (for filters and exports);
* :func:`search_index_update` — keep the index in step after writes (see ``index.py``);
* :class:`RankedResults` — matches in ranked order, fetched a page at a time.

Matching is accent- and case-insensitive and works on substrings of three letters or more in
names, acronyms, descriptions in every language, keywords, technologies, cities and member
names; every word of the query must match. Words of one or two letters (``AI``, ``3D``) match
only acronyms and whole words of names, and only when the query has no longer word.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL

from clusterdialogue.clusters.models import ClusterOrganisation
from clusterdialogue.clusters.search.backends import search_backend
from clusterdialogue.clusters.search.index import search_index_update
from clusterdialogue.clusters.search.results import RankedResults
from clusterdialogue.clusters.search.text import ParsedQuery, query_parse

__all__ = [
    "RankedResults",
    "cluster_search",
    "cluster_search_filter",
    "cluster_search_results",
    "search_index_update",
]


def _short_words_q(words: tuple[str, ...]) -> Q:
    """Acronym equal to a short word, or the word standing alone in the name."""
    condition = Q()
    for word in words:
        condition &= (
            Q(acronym__iexact=word)
            | Q(name__iexact=word)
            | Q(name__istartswith=f"{word} ")
            | Q(name__iendswith=f" {word}")
            | Q(name__icontains=f" {word} ")
        )
    return condition


def _fallback_q(query: ParsedQuery) -> Q:
    """Plain comparisons for a database without a search index (no accent folding)."""
    condition = Q()
    for word in query.words:
        condition &= (
            Q(name__icontains=word)
            | Q(acronym__icontains=word)
            | Q(description__icontains=word)
            | Q(pk__in=ClusterOrganisation.objects.filter(members__name__icontains=word))
        )
    return condition


def cluster_search_filter(*, queryset: QuerySet, query: str) -> QuerySet:
    """``queryset`` narrowed to the organisations matching ``query`` (unchanged if it is blank).

    The match runs inside the database as a sub-query, so the result can be counted, faceted,
    exported or paginated like any queryset; it is not ordered by rank (see ``cluster_search``).
    """
    parsed = query_parse(query)
    if not parsed:
        return queryset
    if not parsed.words:
        return queryset.filter(_short_words_q(parsed.short_words))
    backend = search_backend()
    if backend is None:
        return queryset.filter(_fallback_q(parsed))
    sql, params = backend.match_sql(query=parsed)
    return queryset.filter(pk__in=RawSQL(sql, params))


def cluster_search(
    *,
    query: str,
    queryset: QuerySet | None = None,
    limit: int | None = None,
    any_word: bool = False,
) -> list[tuple[int, float]]:
    """Organisations matching ``query`` as ``(id, score)`` pairs, best first.

    Only organisations in ``queryset`` are considered when it is given (pass the visible,
    filtered list). Every word must match, unless ``any_word``. Scores: 2–3 for hits in the name
    or acronym, 1–2 for hits in descriptions, keywords or technologies, 0–1 for hits in member
    names only (see ``base.py``).
    """
    parsed = query_parse(query)
    if not parsed:
        return []
    backend = search_backend()
    if parsed.words and backend is not None:
        # Always through a queryset: index rows of profiles deleted without an index update
        # (or left by a test database flush) must not come back as results.
        allowed = queryset if queryset is not None else ClusterOrganisation.objects.all()
        return backend.ranked(query=parsed, any_word=any_word, queryset=allowed, limit=limit)
    # Short words only, or no index: rank in Python over the (small) set of matches.
    base = queryset if queryset is not None else ClusterOrganisation.objects.all()
    condition = _fallback_q(parsed) if parsed.words else _short_words_q(parsed.short_words)
    words = parsed.words or parsed.short_words
    ranking = []
    for pk, name, acronym in base.filter(condition).values_list("pk", "name", "acronym"):
        title = f"{name} {acronym}".lower()
        ranking.append((pk, 2.5 if all(w in title for w in words) else 0.5))
    ranking.sort(key=lambda pair: (-pair[1], pair[0]))
    return ranking[:limit] if limit is not None else ranking


def cluster_search_results(*, query: str, queryset: QuerySet) -> RankedResults:
    """The organisations of ``queryset`` matching ``query``, in ranked order, lazily fetched."""
    return RankedResults(queryset=queryset, ranking=cluster_search(query=query, queryset=queryset))
