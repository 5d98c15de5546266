"""Reads for statistics and the stored cluster mapping, shaped for pages, exports and the API."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal, TypeVar

import pandas as pd
from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Max, QuerySet
from django.utils.translation import gettext as _

from clusterdialogue.core.growth import shift_share
from clusterdialogue.core.nuts import newer_codes, territory_codes
from clusterdialogue.core.series import Period, period_breaks, series_breaks, series_periods
from clusterdialogue.regions.models import Region
from clusterdialogue.regions.selectors import region_recodings, region_version_map
from clusterdialogue.statistics.models import Industry, MappingResult, Observation

DEFAULT_SCHEME = Industry.Scheme.NACE_DIVISION
#: The platform's indicators: persons employed and local units (establishments), as Eurostat's
#: ``sbs_r_nuts06_r2`` codes them; other datasets' codes are mapped onto them on import.
EMPLOYMENT = "V16110"
ESTABLISHMENTS = "V11210"
DEFAULT_DATASET = "sbs_r_nuts06_r2"
#: Eurostat's regional SBS series, oldest first: 2008-2020 under NUTS 2013/2016, then from
#: reference year 2021 under NUTS 2021 (a break in the series between the two).
SBS_SERIES = ("sbs_r_nuts06_r2", "sbs_r_nuts2021")
EMPLOYMENT_COLUMNS = ("region", "level", "industry", "year", "dataset", "employment")
SHIFT_SHARE_COLUMNS = (
    "employment_start", "employment_end", "change", "national_share", "industry_mix",
    "regional_shift",
)  # fmt: skip
CACHE_SECONDS = 3600

T = TypeVar("T")


def fill_from_children(
    frame: pd.DataFrame, *, level: int, value_columns: list[str]
) -> pd.DataFrame:
    """Rows of ``level``: published where present, else the sum of the level below (by code).

    Adds a ``source`` column (``published`` or ``children_sum``); other columns than the keys
    ``region, industry, year``, ``level`` and ``value_columns`` are dropped.

    Examples
    --------
    >>> f = pd.DataFrame({"region": ["DE1", "DE11", "DE12", "FR71", "FR72"],
    ...     "level": [1, 2, 2, 2, 2], "industry": "C29", "year": 2014,
    ...     "V16110": [100.0, 60.0, 45.0, 5.0, 7.0]})
    >>> fill_from_children(f, level=1, value_columns=["V16110"])[["region", "V16110", "source"]]
      region  V16110        source
    0    DE1   100.0     published
    1    FR7    12.0  children_sum
    """
    keys = ["region", "industry", "year"]
    # A published row counts only where its first (main) figure is there: a region published
    # with establishments but no employment must still take its children's employment.
    published = frame[(frame["level"] == level) & frame[value_columns[0]].notna()].assign(
        source=MappingResult.Source.PUBLISHED.value
    )
    children = frame[frame["level"] == level + 1].assign(region=lambda f: f["region"].str[:-1])
    summed = (
        children.groupby(keys, as_index=False)[value_columns]
        .sum(min_count=1)
        .assign(level=level, source=MappingResult.Source.CHILDREN_SUM.value)
    )
    missing = summed.merge(published[keys], on=keys, how="left", indicator=True)
    summed = summed[(missing["_merge"] == "left_only").to_numpy()]
    return pd.concat([published, summed], ignore_index=True)[
        ["region", "level", "industry", "year", *value_columns, "source"]
    ]


def employment_frame(
    *,
    dataset: str | Iterable[str] = DEFAULT_DATASET,
    scheme: str = DEFAULT_SCHEME,
    level: int | None = None,
    levels: Iterable[int] | None = None,
    fill: bool = False,
    year: int | Literal["best"] | None = None,
    establishments: bool = False,
    kinds: Iterable[str] = (Region.Kind.NUTS,),
) -> pd.DataFrame:
    """Persons employed by region and industry, as stored: the one reader of employment.

    The cluster mapping, the analytics and the matching engine all read employment here.

    Parameters
    ----------
    dataset
        The dataset code, or several (a series continued by a newer dataset); each figure keeps
        its dataset in the ``dataset`` column. A year present in several datasets is taken
        from the last one listed.
    scheme
        The industry scheme (NACE divisions by default).
    level, levels
        The NUTS level to return, or several; neither: every level. With ``fill``, ``level``
        is required.
    fill
        A region of ``level`` without a published employment figure in an industry and year
        takes the sum of its regions one level below (matched by code), and the ``source``
        column says which (``published`` or ``children_sum``), as the cluster mapping does.
    year
        One year, ``"best"`` (the year with the most employment figures at the deepest level
        read, the latest among equals), or None for every year.
    establishments
        Add an ``establishments`` column (local units; NaN where not published).
    kinds
        The region kinds read (NUTS regions only by default; extra-regio figures are never
        employment of a place).

    Returns
    -------
    pandas.DataFrame
        ``region, level, industry, year, dataset, employment`` (then ``establishments``, then
        ``source`` with ``fill``); a figure flagged without a value (``c``, confidential) is
        left out, never read as zero. Rows without employment but with establishments are kept
        (employment NaN) when ``establishments`` is asked for.
    """
    if fill and level is None:
        raise ValueError("fill needs the level to fill")
    wanted = [level] if level is not None else (list(levels) if levels is not None else None)
    datasets = [dataset] if isinstance(dataset, str) else list(dataset)
    indicators = [EMPLOYMENT, ESTABLISHMENTS] if establishments else [EMPLOYMENT]
    value_columns = ["employment", "establishments"][: len(indicators)]
    columns = [*EMPLOYMENT_COLUMNS, *value_columns[1:], *(["source"] if fill else [])]
    rows = Observation.objects.filter(
        dataset__code__in=datasets,
        indicator__in=indicators,
        industry__scheme=scheme,
        region__kind__in=list(kinds),
        value__isnull=False,
    )
    if wanted is not None:
        read = {*wanted, *((level + 1,) if fill else ())}
        rows = rows.filter(region__level__in=sorted(read))
    records = rows.values_list(
        "region__code", "region__level", "industry__code", "year", "dataset__code", "indicator",
        "value",
    )  # fmt: skip
    frame = pd.DataFrame.from_records(
        list(records),
        columns=["region", "level", "industry", "year", "dataset", "indicator", "value"],
    )
    if frame.empty:
        return pd.DataFrame(columns=columns)
    if len(datasets) > 1:
        # A year comes from one dataset only: the last one listed that has it.
        rank = {code: n for n, code in enumerate(datasets)}
        source = frame.groupby("year")["dataset"].agg(lambda d: max(d, key=rank.__getitem__))
        frame = frame[frame["dataset"].to_numpy() == frame["year"].map(source).to_numpy()]
    frame = (
        frame.pivot_table(
            index=["region", "level", "industry", "year", "dataset"],
            columns="indicator",
            values="value",
        )
        .reindex(columns=indicators)
        .rename(columns=dict(zip(indicators, value_columns, strict=True)))
        .reset_index()
        .rename_axis(columns=None)
    )
    if fill:
        by_year = frame.groupby("year")["dataset"].first()
        frame = fill_from_children(frame, level=level, value_columns=value_columns)
        frame["dataset"] = frame["year"].map(by_year)
    if year == "best":
        deepest = frame[frame["level"] == frame["level"].max()]
        counts = deepest[deepest["employment"].notna()].groupby("year").size()
        if counts.empty:
            return pd.DataFrame(columns=columns)
        year = max(counts.index, key=lambda y: (counts[y], y))
    if year is not None:
        frame = frame[frame["year"] == year]
    return frame[columns].reset_index(drop=True)


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
    #: The figures are under a code of a later NUTS version (a 2021 or 2024 recoding).
    is_newer: bool = False

    @property
    def is_predecessor(self) -> bool:
        """The figures are under an older code of the same territory (FR7 for FRK)."""
        return self.data_code != self.region.code and not self.is_newer


def region_data_codes(
    *, regions: Iterable[Region], scheme: str = DEFAULT_SCHEME
) -> list[DataRegion]:
    """:func:`region_data_code` for several regions at once, in two queries."""
    regions = list(regions)
    if not regions:
        return []
    recodings = region_recodings()
    candidates = {region.code: territory_codes(region.code, recodings) for region in regions}
    present = set(
        MappingResult.objects.filter(
            scheme=scheme,
            region__code__in={code for chain in candidates.values() for code in chain},
        )
        .values_list("region__code", flat=True)
        .distinct()
    )
    found = []
    for region in regions:
        data_code = next((c for c in candidates[region.code] if c in present), region.code)
        is_newer = data_code in newer_codes(region.code, recodings)
        found.append(DataRegion(region=region, data_code=data_code, is_newer=is_newer))
    return found


def region_data_code(*, region: Region, scheme: str = DEFAULT_SCHEME) -> DataRegion:
    """The code under which ``region`` has figures: its own, else an older code of the same area,
    else a newer one (a NUTS 2021 or 2024 recoding; never a split, merged or moved region).

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


@dataclass(frozen=True)
class SeriesBreak:
    """A break in a region's series: the first year of the new dataset, and both datasets."""

    year: int
    before: str
    after: str


class SeriesBreakError(ValueError):
    """Growth or shift-share was asked for across a break in the series.

    ``str(error)`` is the translated message for the user: where the series breaks and which
    years to choose instead; ``periods`` are the region's periods free of a break.
    """

    def __init__(self, series_break: SeriesBreak, periods: list[Period]) -> None:
        self.series_break = series_break
        self.periods = periods
        super().__init__(series_break_message(series_break, periods))


def series_break_message(series_break: SeriesBreak, periods: list[Period]) -> str:
    """Why no growth is computed across ``series_break``, and what to choose instead."""
    before = [p.end for p in periods if p.end < series_break.year]
    return _(
        "The series breaks between %(last)s and %(year)s: up to %(last)s the figures come "
        "from %(before)s, from %(year)s on from %(after)s, so growth and shift-share are not "
        "computed across the break. Choose years up to %(last)s or from %(year)s on."
    ) % {
        "last": before[-1] if before else series_break.year - 1,
        "year": series_break.year,
        "before": series_break.before,
        "after": series_break.after,
    }


def _series_datasets(
    *, code: str, scheme: str, start_year: int | None = None, end_year: int | None = None
) -> dict[int, str]:
    """The dataset of each year with mapping results for the region with data code ``code``."""
    rows = MappingResult.objects.filter(region__code=code, scheme=scheme)
    if start_year is not None:
        rows = rows.filter(year__gte=start_year)
    if end_year is not None:
        rows = rows.filter(year__lte=end_year)
    return dict(rows.values_list("year", "dataset").distinct().order_by("year", "dataset"))


@dataclass(frozen=True)
class Series:
    """A region's stored mapping as a series: its periods from one dataset each, oldest first."""

    periods: tuple[Period, ...]

    @property
    def breaks(self) -> list[SeriesBreak]:
        """Every break (change of dataset), oldest first."""
        return [SeriesBreak(*found) for found in period_breaks(self.periods)]

    @property
    def growth_periods(self) -> list[Period]:
        """The periods of two years or more: the longest spans growth can be computed over."""
        return [p for p in self.periods if p.start < p.end]

    def period_of(self, year: int | None) -> Period | None:
        """The period holding ``year``, or None (no such year, or its dataset unknown)."""
        return next(
            (p for p in self.periods if year is not None and p.start <= year <= p.end), None
        )


def mapping_series(*, code: str, scheme: str = DEFAULT_SCHEME) -> Series:
    """The series of the region with data code ``code``: its periods and breaks."""
    return Series(periods=tuple(mapping_series_periods(code=code, scheme=scheme)))


def mapping_series_periods(*, code: str, scheme: str = DEFAULT_SCHEME) -> list[Period]:
    """The periods of a region's stored mapping free of a series break, oldest first.

    Each is ``(start, end, dataset)``; growth and shift-share are computed within one only.
    """
    return series_periods(_series_datasets(code=code, scheme=scheme))


def mapping_series_break(
    *, code: str, scheme: str = DEFAULT_SCHEME, start_year: int, end_year: int
) -> SeriesBreak | None:
    """The first break in the series of a region between two years (both included), or None.

    The stored mapping results of each year record the dataset they were computed from;
    the series breaks where that dataset changes (``sbs_r_nuts06_r2`` up to 2020,
    ``sbs_r_nuts2021`` from 2021). Years without a recorded dataset are left out.
    """
    found = series_breaks(
        _series_datasets(code=code, scheme=scheme, start_year=start_year, end_year=end_year)
    )
    return SeriesBreak(*found[0]) if found else None


def mapping_check_no_break(*, code: str, scheme: str, start_year: int, end_year: int) -> None:
    """Raise :class:`SeriesBreakError` when the years ``start_year..end_year`` span a break."""
    found = mapping_series_break(code=code, scheme=scheme, start_year=start_year, end_year=end_year)
    if found is not None:
        raise SeriesBreakError(found, mapping_series_periods(code=code, scheme=scheme))


def mapping_growth(*, code: str, scheme: str, start_year: int, end_year: int) -> dict[str, float]:
    """Compound annual employment growth per category between two years, for one region.

    Raises :class:`SeriesBreakError` when the two years lie on either side of a series break.
    """
    mapping_check_no_break(code=code, scheme=scheme, start_year=start_year, end_year=end_year)
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
    """Per NUTS 2016 code, the mapping of ``category`` in ``year`` (recoded codes translated)."""
    successors = region_version_map()
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
    Raises :class:`SeriesBreakError` when the two years lie on either side of a series break.
    """
    mapping_check_no_break(code=code, scheme=scheme, start_year=start_year, end_year=end_year)
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
