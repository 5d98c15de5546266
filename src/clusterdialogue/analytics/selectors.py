"""Smart-specialisation analytics of the imported statistics, computed on demand and cached.

The measures (RCA, proximity, relatedness density, ECI, PCI, COI, COG) come from
:func:`clusterdialogue.core.complexity.complexity_by_year`, run on the imported employment
(``V16110``) of one NUTS level: the published figure of each region, else the sum of the level
below, which is the employment the cluster mapping uses (so RCA equals the mapping's LQ).

A run over every year takes a few seconds on the full SBS file, so its results are cached, one
entry per year plus an overview, under a key made of the dataset's import (its id, import time
and number of figures, and the highest figure id), the scheme and the level. A re-import
changes the key and the next page computes afresh; no table is added.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
from django.core.cache import cache
from django.db import connection
from django.db.models import Max

from clusterdialogue.core.complexity import ComplexityResult, complexity_by_year
from clusterdialogue.core.industry_space import IndustrySpace, industry_space_layout
from clusterdialogue.core.nuts import newer_codes, territory_codes
from clusterdialogue.regions.models import Region
from clusterdialogue.regions.selectors import region_recodings
from clusterdialogue.statistics.models import Dataset, Industry, Observation
from clusterdialogue.statistics.selectors import DEFAULT_DATASET, employment_frame

DEFAULT_SCHEME = Industry.Scheme.NACE_DIVISION.value
DEFAULT_LEVEL = 2
LEVELS = (0, 1, 2)
CACHE_SECONDS = 3600


@dataclass(frozen=True)
class AnalyticsOverview:
    """What every analytics page needs about one scheme and level, for every year.

    ``eci`` has one row per region and one column per year; ``coverage`` gives, per region
    code, the years in which the region has employment (oldest first).
    """

    scheme: str
    level: int
    version: str | None
    years: list[int] = field(default_factory=list)
    default_year: int | None = None
    eci: pd.DataFrame = field(default_factory=pd.DataFrame)
    coverage: dict[str, list[int]] = field(default_factory=dict)


@dataclass(frozen=True)
class AnalyticsRegion:
    """A region shown to the user and the code under which the analytics have its figures.

    ``data_code`` is None when the region has no figures at its level (a NUTS-3 region, a
    custom region, a region the statistics do not cover).
    """

    region: Region
    level: int | None
    data_code: str | None
    years: tuple[int, ...] = ()
    #: The figures are under a code of a later NUTS version (a 2021 or 2024 recoding).
    is_newer: bool = False

    @property
    def is_predecessor(self) -> bool:
        """The figures are under an older code of the same territory (FR7 for FRK)."""
        return (
            self.data_code is not None and self.data_code != self.region.code and not self.is_newer
        )


def analytics_version(*, dataset: str = DEFAULT_DATASET) -> tuple[str | None, bool]:
    """A fingerprint of the imported figures, and whether results may be cached under it.

    The import time changes with every import (an upsert keeps the figures' ids); the number
    of figures and the highest id change when figures are added or removed otherwise. Inside a
    transaction, results are cached only for data that went through an import (its import
    time is unique): what a transaction reads may be rolled back and the same ids handed out
    again, as the mapping cache also assumes.
    """
    row = (
        Dataset.objects.filter(code=dataset)
        .values_list("pk", "imported_at", "observation_count")
        .first()
    )
    if row is None:
        return None, False
    pk, imported_at, count = row
    last = Observation.objects.aggregate(last=Max("id"))["last"]
    stamp = imported_at.isoformat() if imported_at else "never"
    cacheable = imported_at is not None or not connection.in_atomic_block
    return f"{pk}-{stamp}-{count}-{last}", cacheable


def _key(part: str, *, dataset: str, version: str, scheme: str, level: int) -> str:
    return f"analytics:{part}:{dataset}:{version}:{scheme}:{level}"


def _compute(
    *, dataset: str, scheme: str, level: int, version: str
) -> tuple[AnalyticsOverview, dict[int, ComplexityResult]]:
    # Each region's published figure, else the sum of the level below, as the mapping reads it.
    employment = employment_frame(dataset=dataset, scheme=scheme, level=level, fill=True)[
        ["year", "region", "industry", "employment"]
    ]
    results = complexity_by_year(employment) if not employment.empty else {}
    coverage: dict[str, list[int]] = {}
    for year, result in results.items():
        totals = result.employment.sum(axis=1)
        for code in totals.index[totals > 0]:
            coverage.setdefault(str(code), []).append(year)
    eci = pd.DataFrame({year: result.eci for year, result in results.items()})
    # The default year is the one with the widest coverage (most regions with an ECI), the
    # latest among equals: Eurostat's last year is often still partial.
    counts = {year: int(result.eci.notna().sum()) for year, result in results.items()}
    default_year = max(counts, key=lambda y: (counts[y], y)) if counts else None
    overview = AnalyticsOverview(
        scheme=scheme,
        level=level,
        version=version,
        years=sorted(results),
        default_year=default_year,
        eci=eci,
        coverage=coverage,
    )
    return overview, results


def _load(*, dataset: str, scheme: str, level: int, year: int | None) -> object:
    """The overview (``year`` None) or one year's result, from the cache or computed."""
    version, cacheable = analytics_version(dataset=dataset)
    if version is None:
        return AnalyticsOverview(scheme=scheme, level=level, version=None) if year is None else None
    names = {"dataset": dataset, "version": version, "scheme": scheme, "level": level}
    wanted = _key("overview" if year is None else f"year{year}", **names)
    if cacheable:
        value = cache.get(wanted)
        if value is not None:
            return value
    overview, results = _compute(dataset=dataset, scheme=scheme, level=level, version=version)
    if cacheable:
        entries = {_key(f"year{y}", **names): result for y, result in results.items()}
        entries[_key("overview", **names)] = overview
        cache.set_many(entries, CACHE_SECONDS)
    return overview if year is None else results.get(year)


def analytics_overview(
    *, scheme: str = DEFAULT_SCHEME, level: int = DEFAULT_LEVEL, dataset: str = DEFAULT_DATASET
) -> AnalyticsOverview:
    """Years, default year, ECI of every region in every year, and each region's years."""
    return _load(dataset=dataset, scheme=scheme, level=level, year=None)


def analytics_result(
    *,
    year: int,
    scheme: str = DEFAULT_SCHEME,
    level: int = DEFAULT_LEVEL,
    dataset: str = DEFAULT_DATASET,
) -> ComplexityResult | None:
    """Every measure of one year (see :class:`~clusterdialogue.core.complexity.ComplexityResult`).

    None when the year has no figures at that level.
    """
    if year not in analytics_overview(scheme=scheme, level=level, dataset=dataset).years:
        return None
    return _load(dataset=dataset, scheme=scheme, level=level, year=year)


def analytics_industry_space(
    *,
    year: int,
    scheme: str = DEFAULT_SCHEME,
    level: int = DEFAULT_LEVEL,
    dataset: str = DEFAULT_DATASET,
) -> IndustrySpace | None:
    """The industry space of one year: its links and each industry's position (cached)."""
    version, cacheable = analytics_version(dataset=dataset)
    if version is None:
        return None
    key = _key(f"space{year}", dataset=dataset, version=version, scheme=scheme, level=level)
    space = cache.get(key) if cacheable else None
    if space is None:
        result = analytics_result(year=year, scheme=scheme, level=level, dataset=dataset)
        if result is None:
            return None
        space = industry_space_layout(result.proximity)
        if cacheable:
            cache.set(key, space, CACHE_SECONDS)
    return space


def analytics_regions(
    *, regions: list[Region], scheme: str = DEFAULT_SCHEME, dataset: str = DEFAULT_DATASET
) -> list[AnalyticsRegion]:
    """Where each region's figures are: its own code, else an older code of the same territory,
    else a newer one (a NUTS 2021 or 2024 recoding).

    Each region is analysed among the regions of its own NUTS level. Auvergne-Rhône-Alpes is
    FRK in NUTS 2016 but Eurostat's SBS figures use FR7; only pure recodings count.
    """
    recodings = region_recodings()
    overviews: dict[int, AnalyticsOverview] = {}
    found = []
    for region in regions:
        level = region.level if region.kind == Region.Kind.NUTS else None
        if level not in LEVELS:
            found.append(AnalyticsRegion(region=region, level=None, data_code=None))
            continue
        if level not in overviews:
            overviews[level] = analytics_overview(scheme=scheme, level=level, dataset=dataset)
        coverage = overviews[level].coverage
        chain = territory_codes(region.code, recodings)
        code = next((c for c in chain if c in coverage), None)
        years = tuple(coverage.get(code, ())) if code else ()
        is_newer = code is not None and code in newer_codes(region.code, recodings)
        found.append(
            AnalyticsRegion(
                region=region, level=level, data_code=code, years=years, is_newer=is_newer
            )
        )
    return found


def analytics_region(
    *, region: Region, scheme: str = DEFAULT_SCHEME, dataset: str = DEFAULT_DATASET
) -> AnalyticsRegion:
    """:func:`analytics_regions` for one region."""
    return analytics_regions(regions=[region], scheme=scheme, dataset=dataset)[0]


def analytics_category_names(*, scheme: str, language: str) -> dict[str, str]:
    """Category code → title in ``language`` (English where the title is missing)."""
    return {
        industry.code: industry.name_in(language)
        for industry in Industry.objects.filter(scheme=scheme).only(
            "code", "name_en", "name_fr", "name_de", "name_it", "name_es", "name_nl"
        )
    }
