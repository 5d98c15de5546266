"""What one query finds across the site, grouped by kind, limited to what the user may see.

Each kind reuses its feature's own reads: the directory's ranked search over the profiles the
user may see, the board's visible posts, the list of funding calls; this module only narrows them
by the query and shapes the hits for the page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.db.models import Q
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from clusterdialogue.clusters.search import cluster_search_results
from clusterdialogue.clusters.selectors import directory_queryset
from clusterdialogue.collaboration.board.selectors import post_list_visible
from clusterdialogue.collaboration.calls.selectors import funding_call_list
from clusterdialogue.dialogue.library.selectors import policy_instrument_search
from clusterdialogue.regions.models import Region
from clusterdialogue.statistics.models import Industry

LIMIT = 10  # hits shown per kind; the count says how many there are
MIN_LENGTH = 2  # a single letter would match nearly everything


@dataclass(frozen=True)
class SearchHit:
    label: str
    url: str
    detail: str = ""


@dataclass(frozen=True)
class SearchGroup:
    kind: str
    label: str | Promise
    count: int
    hits: tuple[SearchHit, ...]
    more_url: str | None = None  # the feature's own page with the same query, when it has one


def _words(query: str) -> list[str]:
    """The query's words; one-letter words are dropped (as "A" in "cluster A" matches nearly
    everything) unless there is nothing else."""
    words = query.split()
    return [word for word in words if len(word) >= MIN_LENGTH] or words


def _all_words(fields: tuple[str, ...], words: list[str]) -> Q:
    """Every word in at least one of the fields."""
    condition = Q()
    for word in words:
        any_field = Q()
        for name in fields:
            any_field |= Q(**{f"{name}__icontains": word})
        condition &= any_field
    return condition


def region_search(*, query: str) -> tuple[int, list[SearchHit]]:
    """Regions whose code starts with the query or whose name holds every word."""
    text = query.strip()
    matches = Region.objects.filter(
        Q(code__iexact=text) | Q(code__istartswith=text) | _all_words(("name",), _words(text))
    ).order_by("level", "code")
    exact = [r for r in matches.filter(code__iexact=text)]
    rest = [r for r in matches.exclude(code__iexact=text)[: LIMIT - len(exact)]]
    hits = [
        SearchHit(f"{r.code} {r.name}", reverse("portal:region", args=[r.code]), r.country_code)
        for r in (*exact, *rest)
    ]
    return matches.count(), hits


def cluster_organisation_search(*, query: str, user: Any) -> tuple[int, list[SearchHit]]:
    """The directory's own ranked search, over the profiles this user may see."""
    results = cluster_search_results(query=query, queryset=directory_queryset(user=user))
    found = list(results[:LIMIT])
    # The organisation named exactly as typed comes first, whatever the ranking's ties say.
    wanted = query.casefold()
    found.sort(key=lambda o: 0 if wanted in (o.name.casefold(), o.acronym.casefold()) else 1)
    hits = [
        SearchHit(o.name, o.get_absolute_url(), f"{o.region.code} {o.region.name}") for o in found
    ]
    return len(results), hits


def industry_search(*, query: str) -> tuple[int, list[SearchHit]]:
    """Industries (NACE codes and names, in the page's language as well as in English)."""
    language = (get_language() or "en").split("-")[0]
    fields = ("name_en",) + (
        (f"name_{language}",) if language in {"fr", "de", "it", "es", "nl"} else ()
    )
    text = query.strip()
    matches = Industry.objects.filter(
        Q(code__istartswith=text) | _all_words(fields, _words(text))
    ).order_by("scheme", "code")
    hits = [
        SearchHit(f"{i.code} {i.name_in(language)}", reverse("portal:category", args=[i.code]))
        for i in matches[:LIMIT]
    ]
    return matches.count(), hits


def funding_call_search(*, query: str) -> tuple[int, list[SearchHit]]:
    """Funding calls by title, topic, programme or reference."""
    matches = funding_call_list().filter(
        _all_words(("title", "topic", "programme", "reference"), _words(query))
    )
    hits = [
        SearchHit(c.title, c.get_absolute_url(), f"{c.programme} · {c.deadline:%Y-%m-%d}")
        for c in matches[:LIMIT]
    ]
    return matches.count(), hits


def post_search(*, query: str, user: Any) -> tuple[int, list[SearchHit]]:
    """Board posts this user may see, by title or description."""
    matches = post_list_visible(user=user).filter(
        _all_words(("title", "description"), _words(query))
    )
    hits = [
        SearchHit(p.title, p.get_absolute_url(), f"{p.get_kind_display()} · {p.organisation.name}")
        for p in matches[:LIMIT]
    ]
    return matches.count(), hits


def policy_instrument_site_search(*, query: str) -> tuple[int, list[SearchHit]]:
    """The Dialogue library's ranked search (the directory's interface), instruments only."""
    results = policy_instrument_search(query=query)
    hits = [
        SearchHit(i.name, i.get_absolute_url(), f"{i.territory.name} · {i.get_kind_display()}")
        for i in results[:LIMIT]
    ]
    return len(results), hits


def site_search(*, query: str, user: Any) -> list[SearchGroup]:
    """Every kind that has hits, in a fixed order; empty for a blank or one-letter query."""
    query = " ".join(query.split())
    if len(query) < MIN_LENGTH:
        return []
    with_query = urlencode({"q": query})
    kinds = (
        ("regions", _("Regions"), region_search(query=query), None),
        (
            "clusters",
            _("Cluster organisations"),
            cluster_organisation_search(query=query, user=user),
            f"{reverse('clusters:list')}?{with_query}",
        ),
        ("industries", _("Industries"), industry_search(query=query), None),
        ("calls", _("Funding calls"), funding_call_search(query=query), None),
        ("posts", _("Cooperation board"), post_search(query=query, user=user), None),
        (
            "instruments",
            _("Policy instruments"),
            policy_instrument_site_search(query=query),
            f"{reverse('dialogue:library')}?{with_query}",
        ),
    )
    return [
        SearchGroup(kind, label, count, tuple(hits), more_url if count > len(hits) else None)
        for kind, label, (count, hits), more_url in kinds
        if count
    ]
