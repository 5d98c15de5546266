"""Reads of the library: its search (the directory's interface), lists, the last meeting, rows.

The search reuses ``clusters.search``: the same text folding across the six languages, the
same backends (FTS5 trigram on SQLite, tsvector + pg_trgm on PostgreSQL) and the same ranking
rule, on the library's own index tables (migration ``dialogue 0005_library``).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone

from clusterdialogue.clusters.search.backends import search_backend
from clusterdialogue.clusters.search.base import SearchIndex
from clusterdialogue.clusters.search.results import RankedResults
from clusterdialogue.clusters.search.text import query_parse
from clusterdialogue.dialogue.models import Meeting, PolicyInstrument, PracticeCase

LIBRARY_INDEX = SearchIndex(
    fts5_table="dialogue_library_search_fts",
    postgres_table="dialogue_library_search_document",
    postgres_key="instrument_id",
)
MAX_COMPARED = 4
# The network's main forum; its meetings define "new since the last meeting" when it has any.
MAIN_GROUP_SLUG = "cluster-dialogue"


def policy_instrument_queryset() -> QuerySet:
    return PolicyInstrument.objects.select_related("territory", "territory__region")


def _fallback_q(words: tuple[str, ...]) -> Q:
    """Plain comparisons when the database has no index (no accent folding)."""
    condition = Q()
    for word in words:
        condition &= (
            Q(name__icontains=word)
            | Q(description__icontains=word)
            | Q(managing_body__icontains=word)
            | Q(target_groups__icontains=word)
            | Q(results__icontains=word)
        )
    return condition


def policy_instrument_search_filter(*, queryset: QuerySet, query: str) -> QuerySet:
    """``queryset`` narrowed to the instruments matching ``query`` (unchanged if blank)."""
    parsed = query_parse(query)
    if not parsed:
        return queryset
    words = parsed.words or parsed.short_words
    backend = search_backend(index=LIBRARY_INDEX)
    if backend is None or not parsed.words:
        return queryset.filter(_fallback_q(words))
    sql, params = backend.match_sql(query=parsed)
    return queryset.filter(pk__in=RawSQL(sql, params))


def policy_instrument_search(*, query: str, queryset: QuerySet | None = None) -> RankedResults:
    """The instruments matching ``query``, best first (name hits above description hits)."""
    allowed = queryset if queryset is not None else policy_instrument_queryset()
    parsed = query_parse(query)
    backend = search_backend(index=LIBRARY_INDEX)
    if parsed.words and backend is not None:
        ranking = backend.ranked(query=parsed, queryset=allowed)
    else:
        matches = policy_instrument_search_filter(queryset=allowed, query=query)
        ranking = [(pk, 1.0) for pk in matches.values_list("pk", flat=True)]
    return RankedResults(queryset=allowed, ranking=ranking)


def library_last_meeting(*, network: Any = None) -> Meeting | None:
    """The last held meeting of the Cluster Dialogue, or else of any group (of ``network``)."""
    held = Meeting.objects.filter(
        status=Meeting.Status.HELD, start__lte=timezone.localdate()
    ).select_related("group")
    if network is not None:
        held = held.filter(group__network=network)
    main = held.filter(group__slug=MAIN_GROUP_SLUG).order_by("-end").first()
    return main or held.order_by("-end").first()


def entries_new_since(*, queryset: QuerySet, meeting: Meeting | None) -> QuerySet:
    """Entries added after the meeting's last day (all of them when no meeting was held)."""
    if meeting is None:
        return queryset
    return queryset.filter(created_at__date__gt=meeting.end)


def library_tags() -> list[str]:
    """Every tag used in the library, sorted (for the tag filter)."""
    tags: set[str] = set()
    for values in PolicyInstrument.objects.values_list("tags", flat=True):
        tags.update(t for t in values or [] if isinstance(t, str))
    return sorted(tags, key=str.casefold)


def practice_case_list(*, query: str = "") -> QuerySet:
    cases = PracticeCase.objects.select_related(
        "territory", "instrument", "presented_at", "presented_at__group"
    )
    for word in query.split():
        cases = cases.filter(
            Q(title__icontains=word) | Q(summary__icontains=word) | Q(tags__icontains=word)
        )
    return cases


def policy_instruments_compared(*, ids: list[int]) -> list[PolicyInstrument]:
    """Up to four instruments in the order asked (unknown ids are left out)."""
    wanted = list(dict.fromkeys(ids))[:MAX_COMPARED]
    found = {i.pk: i for i in policy_instrument_queryset().filter(pk__in=wanted)}
    return [found[pk] for pk in wanted if pk in found]


EXPORT_HEADER = [
    "id", "territory", "name", "type", "managing_body", "budget_amount", "budget_currency",
    "start_year", "end_year", "target_groups", "results", "links", "language", "tags",
    "source", "is_example", "created_at",
]  # fmt: skip


def policy_instrument_rows(*, instruments: QuerySet) -> list[list[Any]]:
    """One export row per instrument, in :data:`EXPORT_HEADER`'s order."""
    return [
        [
            i.pk,
            i.territory.region.code,
            i.name,
            i.kind,
            i.managing_body,
            "" if i.budget_amount is None else str(i.budget_amount),
            i.budget_currency,
            i.start_year or "",
            i.end_year or "",
            i.target_groups,
            i.results,
            " ".join(i.links),
            i.language,
            ";".join(i.tags),
            i.source,
            "yes" if i.is_example else "no",
            i.created_at.date().isoformat(),
        ]
        for i in instruments
    ]
