"""Reads of the directory page: the counts beside each filter.

Which profiles a user may see at all is app-wide: ``clusters.selectors.directory_queryset``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from clusterdialogue.clusters.directory.filters import (
    SIZE_BANDS,
    SIZE_CHOICES,
    member_total_expression,
    size_band_q,
)
from clusterdialogue.clusters.models import ClusterMember, ClusterOrganisation
from clusterdialogue.clusters.selectors import cluster_in_territory_q
from clusterdialogue.regions.selectors import network_default, territory_list


@dataclass
class FacetOption:
    """One value of a filter, with how many of the shown profiles have it."""

    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class Facet:
    """One filter beside the results: its query-string name and its values with counts."""

    name: str
    label: str
    options: list[FacetOption] = field(default_factory=list)


def _grouped(queryset: QuerySet, value: str, label: str) -> list[tuple[str, str, int]]:
    rows = (
        queryset.order_by()
        .exclude(**{f"{value}__isnull": True})
        .values(*dict.fromkeys([value, label]))
        .annotate(count=Count("pk", distinct=True))
    )
    return [(str(r[value]), str(r[label]), r["count"]) for r in rows]


def _shorten(text: str, length: int = 70) -> str:
    # Long NACE titles would stretch the filter column; the full title is in the table.
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def _facet(name: str, label: str, rows, selected: dict[str, str], *, by_count=True) -> Facet:
    options = [
        FacetOption(value, _shorten(text), count, value == selected.get(name))
        for value, text, count in rows
        if count or value == selected.get(name)
    ]
    if by_count:
        options.sort(key=lambda o: (-o.count, o.label))
    return Facet(name, label, options)


def _sector_rows(queryset: QuerySet) -> list[tuple[str, str, int]]:
    language = (get_language() or "en")[:2]
    name = f"sectors__name_{language}" if language in {"fr", "de", "it", "es", "nl"} else None
    fields = ["sectors__code", "sectors__name_en", *([name] if name else [])]
    rows = (
        queryset.order_by()
        .exclude(sectors__isnull=True)
        .values(*fields)
        .annotate(count=Count("pk", distinct=True))
    )
    return [
        (r["sectors__code"], f"{r['sectors__code']} {(name and r[name]) or r['sectors__name_en']}",
         r["count"])
        for r in rows
    ]  # fmt: skip


def directory_facets(*, queryset: QuerySet, selected: dict[str, str]) -> list[Facet]:
    """Each filter's values with the number of profiles of ``queryset`` that have them.

    ``queryset`` is the already filtered list, so the counts say how many of the shown profiles
    each value would keep (drill-down counts); ``selected`` is the current query string.
    """
    network = network_default()
    territories = list(territory_list(network=network)) if network else []
    conditional = {f"territory_{t.pk}": Count("pk", filter=cluster_in_territory_q(territory=t))
                   for t in territories}  # fmt: skip
    conditional |= {f"size_{band}": Count("pk", filter=size_band_q(band)) for band in SIZE_BANDS}
    conditional |= {
        f"type_{value}": Count("pk", filter=Q(**{f"members_{value}__gt": 0}))
        for value in ClusterMember.MemberType.values
    }
    totals = (
        queryset.order_by().alias(_member_total=member_total_expression()).aggregate(**conditional)
    )
    statuses = dict(ClusterOrganisation.Status.choices)
    return [
        _facet(
            "territory",
            _("Territory"),
            [(str(t.pk), t.name, totals[f"territory_{t.pk}"]) for t in territories],
            selected,
            by_count=False,
        ),
        _facet("nace", _("Sector (NACE)"), _sector_rows(queryset), selected),
        _facet(
            "category",
            _("Cluster category"),
            _grouped(queryset, "categories__slug", "categories__name"),
            selected,
        ),
        _facet(
            "ecosystem",
            _("Industrial ecosystem"),
            _grouped(queryset, "ecosystems__code", "ecosystems__name"),
            selected,
        ),
        _facet("label", _("Label"), _grouped(queryset, "labels__name", "labels__name"), selected),
        _facet(
            "size",
            _("Members"),
            [(value, str(text), totals[f"size_{value}"]) for value, text in SIZE_CHOICES],
            selected,
            by_count=False,
        ),
        _facet(
            "member_type",
            _("Has members that are"),
            [
                (value, str(text), totals[f"type_{value}"])
                for value, text in ClusterMember.MemberType.choices
            ],
            selected,
            by_count=False,
        ),
        _facet(
            "status",
            _("Status"),
            [
                (r["status"], str(statuses.get(r["status"], r["status"])), r["count"])
                for r in queryset.order_by().values("status").annotate(count=Count("pk"))
            ],
            selected,
        ),
    ]
