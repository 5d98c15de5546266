"""Reads for statistics and the stored cluster mapping, shaped for pages, exports and the API."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TypeVar

import pandas as pd
from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Max, QuerySet

from clusterdialogue.core.growth import shift_share
from clusterdialogue.regions.models import Region, RegionCodeChange
from clusterdialogue.regions.selectors import region_successor_map
from clusterdialogue.statistics.models import Industry, MappingResult

DEFAULT_SCHEME = Industry.Scheme.NACE_DIVISION
SHIFT_SHARE_COLUMNS = (
    "employment_start", "employment_end", "change", "national_share", "industry_mix",
    "regional_shift",
)  # fmt: skip
CACHE_SECONDS = 3600

T = TypeVar("T")


def mapping_version() -> str:
    """A fingerprint of the stored mapping that changes whenever results are replaced.

    A refresh deletes and re-inserts the results, so the row count and the highest id (ids are
    never reused by a live database) change with it; both come from indexes, in about a
    millisecond on the full data (two queries: together, SQLite would scan the table).
    """
    last = MappingResult.objects.aggregate(last=Max("id"))["last"]
    return f"{MappingResult.objects.count()}-{last}"


def _cached(name: str, compute: Callable[[], T], *parts: object) -> T:
    """``compute()``, cached under ``name`` and ``parts`` for the current mapping version.

    Inside a transaction nothing is cached: what it reads may be rolled back (and a rolled-back
    database can hand out the same ids again, so the version would not tell).
    """
    if connection.in_atomic_block:
        return compute()
    key = ":".join(["mapping", name, mapping_version(), *(str(p) for p in parts)])
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, CACHE_SECONDS)
    return value


def mapping_years(*, scheme: str = DEFAULT_SCHEME) -> list[int]:
    """Years with stored mapping results, newest first."""

    def compute() -> list[int]:
        return list(
            MappingResult.objects.filter(scheme=scheme)
            .values_list("year", flat=True)
            .distinct()
            .order_by("-year")
        )

    return _cached("years", compute, scheme)


def mapping_default_year(*, scheme: str = DEFAULT_SCHEME, level: int = 2) -> int | None:
    """The year with the widest coverage at ``level`` (the most region-category cells)."""

    def compute() -> list[int]:
        best = (
            MappingResult.objects.filter(scheme=scheme, level=level)
            .values("year")
            .annotate(cells=Count("id"))
            .order_by("-cells", "-year")
            .first()
        )
        return [best["year"]] if best else []  # a list, so that "no year" is cached too

    found = _cached("default-year", compute, scheme, level)
    return found[0] if found else None


def mapping_categories(*, scheme: str = DEFAULT_SCHEME) -> QuerySet[Industry]:
    """Categories that have mapping results in ``scheme``."""
    return Industry.objects.filter(scheme=scheme).order_by("code")


@dataclass(frozen=True)
class DataRegion:
    """The region whose figures stand for a region shown to the user, and why."""

    region: Region
    data_code: str

    @property
    def is_predecessor(self) -> bool:
        return self.data_code != self.region.code


def region_data_codes(
    *, regions: Iterable[Region], scheme: str = DEFAULT_SCHEME
) -> list[DataRegion]:
    """:func:`region_data_code` for several regions at once, in two queries."""
    regions = list(regions)
    if not regions:
        return []
    recoded = dict(
        RegionCodeChange.objects.filter(relation=RegionCodeChange.Relation.RECODED).values_list(
            "new_code", "old_code"
        )
    )
    candidates: dict[str, list[str]] = {}
    for region in regions:
        chain = [region.code]
        while chain[-1] in recoded and len(chain) <= len(recoded):  # the guard stops a cycle
            chain.append(recoded[chain[-1]])
        candidates[region.code] = chain
    present = set(
        MappingResult.objects.filter(
            scheme=scheme,
            region__code__in={code for chain in candidates.values() for code in chain},
        )
        .values_list("region__code", flat=True)
        .distinct()
    )
    return [
        DataRegion(
            region=region,
            data_code=next((c for c in candidates[region.code] if c in present), region.code),
        )
        for region in regions
    ]


def region_data_code(*, region: Region, scheme: str = DEFAULT_SCHEME) -> DataRegion:
    """The code under which ``region`` has figures: its own, else an older code of the same area.

    Auvergne-Rhône-Alpes is FRK in NUTS 2016, but Eurostat's 2008-2015 figures use FR7.
    """
    return region_data_codes(regions=[region], scheme=scheme)[0]


def mapping_region_years(*, code: str, scheme: str = DEFAULT_SCHEME) -> list[int]:
    """Years with mapping results for the region with data code ``code``, oldest first."""
    return list(
        MappingResult.objects.filter(region__code=code, scheme=scheme)
        .values_list("year", flat=True)
        .distinct()
        .order_by("year")
    )


def mapping_for_region(*, code: str, scheme: str, year: int) -> QuerySet[MappingResult]:
    return (
        MappingResult.objects.filter(region__code=code, scheme=scheme, year=year)
        .select_related("category")
        .order_by("-lq")
    )


def mapping_growth(*, code: str, scheme: str, start_year: int, end_year: int) -> dict[str, float]:
    """Compound annual employment growth per category between two years, for one region."""
    rows = MappingResult.objects.filter(
        region__code=code, scheme=scheme, year__in=[start_year, end_year]
    ).values_list("category__code", "year", "employment")
    by_category: dict[str, dict[int, float]] = {}
    for category, year, employment in rows:
        by_category.setdefault(category, {})[year] = employment
    span = end_year - start_year
    growth = {}
    for category, values in by_category.items():
        start, end = values.get(start_year), values.get(end_year)
        if span > 0 and start and end is not None:
            growth[category] = (end / start) ** (1 / span) - 1
    return growth


def mapping_for_category(*, category: str, year: int, level: int) -> QuerySet[MappingResult]:
    return (
        MappingResult.objects.filter(category__code=category, year=year, level=level)
        .select_related("region")
        .order_by("lq_rank", "region__code")
    )


def mapping_map_values(*, category: str, year: int, level: int) -> dict[str, dict]:
    """Per NUTS 2016 code, the mapping of ``category`` in ``year`` (old codes translated)."""
    successors = region_successor_map()
    values = {}
    rows = MappingResult.objects.filter(category__code=category, year=year, level=level).values(
        "region__code", "lq", "stars", "employment", "lq_rank", "source"
    )
    for row in rows:
        code = row.pop("region__code")
        row["data_code"] = code
        values[successors.get(code, code)] = row
    return values


def mapping_shift_share(
    *, code: str, scheme: str, level: int, start_year: int, end_year: int
) -> pd.DataFrame:
    """Shift-share of one region's employment change per category between two years.

    The benchmark is the sum over all regions of the same level with figures in both years,
    as for the location quotients. Columns as :func:`clusterdialogue.core.growth.shift_share`.
    """
    rows = MappingResult.objects.filter(
        scheme=scheme, level=level, year__in=[start_year, end_year]
    ).values_list("year", "region__code", "category__code", "employment")
    frame = pd.DataFrame.from_records(
        list(rows), columns=["year", "region", "category", "employment"]
    )
    if frame.empty or code not in set(frame["region"]):
        return pd.DataFrame(columns=["region", "category", *SHIFT_SHARE_COLUMNS])
    result = shift_share(frame, start_year=start_year, end_year=end_year)
    return result[result["region"] == code].dropna(subset=["change"])
