"""Compute and store the cluster mapping (LQ, stars, strength flags) from imported statistics."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import pandas as pd
from django.db import transaction

from clusterdialogue.common.bulk import bulk_insert
from clusterdialogue.common.errors import ServiceError
from clusterdialogue.core.mapping import map_clusters
from clusterdialogue.regions.models import Region
from clusterdialogue.statistics.models import Dataset, Industry, MappingResult, Observation

EMPLOYMENT = "V16110"
ESTABLISHMENTS = "V11210"
DEFAULT_DATASET = "sbs_r_nuts06_r2"
RESULT_COLUMNS = (
    "scheme", "level", "year", "region_id", "category_id", "employment", "establishments",
    "share", "lq", "lq_rank", "size_star", "specialisation_star", "focus_star", "stars",
    "strong", "strong10", "significant", "qualifying", "source",
)  # fmt: skip


@dataclass
class MappingReport:
    """What a mapping refresh stored, per NUTS level."""

    scheme: str
    rows_by_level: dict[int, int] = field(default_factory=dict)
    filled_from_children: int = 0
    warnings: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        levels = ", ".join(f"level {lvl}: {n:,}" for lvl, n in sorted(self.rows_by_level.items()))
        return f"mapping {self.scheme}: {levels} ({self.filled_from_children:,} cells from sums)"


def statistics_frame(*, dataset: str, scheme: str, indicators: Iterable[str]) -> pd.DataFrame:
    """Observations of NUTS regions as a frame ``region, level, industry, year, <indicator>…``."""
    rows = Observation.objects.filter(
        dataset__code=dataset,
        indicator__in=list(indicators),
        industry__scheme=scheme,
        region__kind=Region.Kind.NUTS,
        value__isnull=False,
    ).values_list("region__code", "region__level", "industry__code", "year", "indicator", "value")
    frame = pd.DataFrame.from_records(
        list(rows), columns=["region", "level", "industry", "year", "indicator", "value"]
    )
    if frame.empty:
        return frame
    return (
        frame.pivot_table(
            index=["region", "level", "industry", "year"], columns="indicator", values="value"
        )
        .reset_index()
        .rename_axis(columns=None)
    )


def fill_from_children(
    frame: pd.DataFrame, *, level: int, value_columns: list[str]
) -> pd.DataFrame:
    """Rows of ``level``: published where present, else the sum of the level below (by code).

    Adds a ``source`` column (``published`` or ``children_sum``).

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


@transaction.atomic
def mapping_refresh(
    *,
    dataset: str = DEFAULT_DATASET,
    schemes: Iterable[str] = (Industry.Scheme.NACE_DIVISION, Industry.Scheme.NACE_SECTION),
    levels: Iterable[int] = (0, 1, 2),
    progress: Callable[[str], None] | None = None,
) -> list[MappingReport]:
    """Recompute the stored mapping for each scheme and NUTS level from the imported figures.

    Regions are compared with regions of the same level; a NUTS-1 or NUTS-2 region without a
    published figure takes the sum of its lower-level regions, and the result says so.
    """
    if not Dataset.objects.filter(code=dataset).exists():
        known = ", ".join(Dataset.objects.values_list("code", flat=True)) or "none yet"
        raise ServiceError(
            f"unknown dataset {dataset!r} (imported datasets: {known}); the stored mapping "
            "was left as it was"
        )
    reports = []
    regions = dict(Region.objects.values_list("code", "pk"))
    for scheme in schemes:
        frame = statistics_frame(
            dataset=dataset, scheme=scheme, indicators=(EMPLOYMENT, ESTABLISHMENTS)
        )
        report = MappingReport(scheme=str(scheme))
        MappingResult.objects.filter(scheme=scheme).delete()
        if frame.empty:
            report.warnings.append(f"no {EMPLOYMENT} figures for {scheme} in {dataset}")
            reports.append(report)
            continue
        for column in (EMPLOYMENT, ESTABLISHMENTS):
            if column not in frame:
                frame[column] = float("nan")
        industries = dict(Industry.objects.filter(scheme=scheme).values_list("code", "pk"))
        for level in levels:
            if progress:
                progress(f"{scheme}, NUTS level {level}")
            rows = fill_from_children(
                frame, level=level, value_columns=[EMPLOYMENT, ESTABLISHMENTS]
            )
            rows = rows[rows[EMPLOYMENT].notna()]
            if rows.empty:
                continue
            report.filled_from_children += int((rows["source"] == "children_sum").sum())
            result = map_clusters(
                rows.rename(columns={EMPLOYMENT: "employment", ESTABLISHMENTS: "establishments"})[
                    ["year", "region", "industry", "employment", "establishments"]
                ]
            )
            report.warnings.extend(f"level {level}: {w}" for w in result.warnings)
            table = result.table.merge(
                rows[["region", "industry", "year", "source"]].rename(
                    columns={"industry": "category"}
                ),
                on=["region", "category", "year"],
                how="left",
            )
            report.rows_by_level[level] = _store_results(table, scheme, level, regions, industries)
        reports.append(report)
    return reports


def _nullable(series: pd.Series) -> list:
    return series.astype(object).where(series.notna(), None).tolist()


def _store_results(
    table: pd.DataFrame, scheme: str, level: int, regions: dict, industries: dict
) -> int:
    count = len(table)
    columns = [
        [str(scheme)] * count,
        [level] * count,
        table["year"].astype(int).tolist(),
        table["region"].map(regions).tolist(),
        table["category"].map(industries).tolist(),
        table["employment"].astype(float).tolist(),
        _nullable(table["establishments"]) if "establishments" in table else [None] * count,
        table["share"].astype(float).tolist(),
        table["lq"].astype(float).tolist(),
        _nullable(table["lq_rank"]),
        table["size_star"].astype(bool).tolist(),
        table["specialisation_star"].astype(bool).tolist(),
        table["focus_star"].astype(bool).tolist(),
        table["stars"].astype(int).tolist(),
        *(_nullable(table[flag]) for flag in ("strong", "strong10", "significant", "qualifying")),
        table["source"].fillna(MappingResult.Source.PUBLISHED.value).tolist(),
    ]
    bulk_insert(
        table=MappingResult._meta.db_table,
        columns=RESULT_COLUMNS,
        rows=list(zip(*columns, strict=True)),
    )
    return count
