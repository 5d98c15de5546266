"""Compute and store the cluster mapping (LQ, stars, strength flags) from imported statistics."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import pandas as pd
from django.db import transaction

from clusterdialogue.common.bulk import bulk_insert
from clusterdialogue.common.errors import ServiceError
from clusterdialogue.core.mapping import map_clusters
from clusterdialogue.regions.models import Region
from clusterdialogue.statistics.models import Dataset, Industry, MappingResult
from clusterdialogue.statistics.selectors import (
    DEFAULT_DATASET,
    EMPLOYMENT,
    SBS_SERIES,
    employment_frame,
)

RESULT_COLUMNS = (
    "scheme", "level", "year", "region_id", "category_id", "employment", "establishments",
    "share", "lq", "lq_rank", "size_star", "specialisation_star", "focus_star", "stars",
    "strong", "strong10", "significant", "qualifying", "source", "dataset",
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


@transaction.atomic
def mapping_refresh(
    *,
    dataset: str | Sequence[str] | None = None,
    schemes: Iterable[str] = (Industry.Scheme.NACE_DIVISION, Industry.Scheme.NACE_SECTION),
    levels: Iterable[int] = (0, 1, 2),
    progress: Callable[[str], None] | None = None,
) -> list[MappingReport]:
    """Recompute the stored mapping for each scheme and NUTS level from the imported figures.

    Regions are compared with regions of the same level; a NUTS-1 or NUTS-2 region without a
    published figure takes the sum of its lower-level regions, and the result says so.
    ``dataset`` is one dataset code or several (a series and its continuation, each year taken
    from the last one listed that has it); by default the imported datasets of Eurostat's
    regional SBS series (:data:`SBS_SERIES`). Each result records its year's dataset, so the
    pages can state the break between two datasets.
    """
    imported = set(Dataset.objects.values_list("code", flat=True))
    if dataset is None:
        datasets = [code for code in SBS_SERIES if code in imported] or [DEFAULT_DATASET]
    else:
        datasets = [dataset] if isinstance(dataset, str) else list(dataset)
    unknown = [code for code in datasets if code not in imported]
    if unknown:
        known = ", ".join(sorted(imported)) or "none yet"
        raise ServiceError(
            f"unknown dataset {unknown[0]!r} (imported datasets: {known}); the stored mapping "
            "was left as it was"
        )
    named = " + ".join(datasets)
    reports = []
    regions = dict(Region.objects.values_list("code", "pk"))
    for scheme in schemes:
        report = MappingReport(scheme=str(scheme))
        MappingResult.objects.filter(scheme=scheme).delete()
        industries = dict(Industry.objects.filter(scheme=scheme).values_list("code", "pk"))
        found = False
        for level in levels:
            if progress:
                progress(f"{scheme}, NUTS level {level}")
            rows = employment_frame(
                dataset=datasets, scheme=scheme, level=level, fill=True, establishments=True
            )
            found = found or not rows.empty
            rows = rows[rows["employment"].notna()]
            if rows.empty:
                continue
            report.filled_from_children += int((rows["source"] == "children_sum").sum())
            result = map_clusters(
                rows[["year", "region", "industry", "employment", "establishments"]]
            )
            report.warnings.extend(f"level {level}: {w}" for w in result.warnings)
            table = result.table.merge(
                rows[["region", "industry", "year", "source", "dataset"]].rename(
                    columns={"industry": "category"}
                ),
                on=["region", "category", "year"],
                how="left",
            )
            report.rows_by_level[level] = _store_results(table, scheme, level, regions, industries)
        if not found:
            report.warnings.append(f"no {EMPLOYMENT} figures for {scheme} in {named}")
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
        table["dataset"].fillna("").tolist(),
    ]
    bulk_insert(
        table=MappingResult._meta.db_table,
        columns=RESULT_COLUMNS,
        rows=list(zip(*columns, strict=True)),
    )
    return count
