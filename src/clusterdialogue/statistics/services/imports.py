"""Import statistics files into the database: Eurostat bulk TSV and the documented long CSV.

Each import reads and checks the whole file first, then writes in one transaction, so a bad file
changes nothing already stored. Re-importing a file updates the same rows (idempotent).
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
from django.db import transaction
from django.utils import timezone

from clusterdialogue.common.bulk import bulk_upsert
from clusterdialogue.core.io._common import GZIP_MAGIC
from clusterdialogue.core.io.errors import DataFileError
from clusterdialogue.core.io.eurostat import (
    EUROSTAT_DATASETS as EUROSTAT_METADATA,
)
from clusterdialogue.core.io.eurostat import (
    eurostat_dataset_code,
    read_eurostat_tsv,
)
from clusterdialogue.core.io.long_csv import read_long_csv
from clusterdialogue.regions.models import Region
from clusterdialogue.regions.services import region_ensure_extra_regio
from clusterdialogue.statistics.models import Dataset, Industry, Observation
from clusterdialogue.statistics.services.industries import industry_ensure_custom

EUROSTAT_DATASETS = {
    "sbs_r_nuts06_r2": {
        "title": "SBS data by NUTS 2 regions and NACE Rev. 2 (Eurostat)",
        "indicators": {"V16110", "V11210", "V13320", "V91290", "V94310"},
    },
    "sbs_r_nuts2021": {
        "title": "SBS by NUTS regions and NACE Rev. 2, from 2021 onwards (Eurostat)",
        "indicators": {"V16110", "V11210"},
    },
    "lfst_r_lfe2en2": {
        "title": "Employment by age, economic activity and NUTS 2 regions (NACE Rev. 2), "
        "thousands (Eurostat LFS)",
        "indicators": None,
    },
}
EUROSTAT_LICENCE = "Source: Eurostat. Free re-use with acknowledgement (Decision 2011/833/EU)"
OBSERVATION_COLUMNS = (
    "dataset_id",
    "region_id",
    "industry_id",
    "indicator",
    "year",
    "value",
    "flag",
)


@dataclass
class ImportReport:
    """What an import stored."""

    dataset: str
    observations: int = 0
    regions: int = 0
    industries: int = 0
    years: list[int] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        span = f"{min(self.years)}–{max(self.years)}" if self.years else "no years"
        return (
            f"{self.dataset}: {self.observations:,} figures for {self.regions} regions, "
            f"{self.industries} industries, {span}"
        )


def _open_text(path: Path):
    """Open a possibly gzip-compressed text file (recognised by its magic bytes)."""
    with path.open("rb") as probe:
        compressed = probe.read(len(GZIP_MAGIC)) == GZIP_MAGIC
    return (gzip.open if compressed else open)(path, "rt", encoding="utf-8-sig")


def _first_line_with(path: Path, token: str, dimension: str) -> int | None:
    """Line number of the first row whose ``dimension`` code equals ``token`` (for errors)."""
    with _open_text(path) as handle:
        for number, line in enumerate(handle, start=1):
            keys = line.split("\t", 1)[0].split(",")
            if number == 1:
                # Positions as in the file: the reader drops a ``freq`` dimension from the frame.
                names = [key.split("\\")[0].strip() for key in keys]
                if dimension not in names:
                    return None
                position = names.index(dimension)
            elif len(keys) > position and keys[position].strip() == token:
                return number
    return None


def _resolve_codes(codes: pd.Series, known: dict[str, int], *, describe, on_unknown) -> np.ndarray:
    unique = pd.unique(codes)
    for code in unique:
        if code not in known:
            resolved = on_unknown(code)
            if resolved is None:
                describe(code)
            known[code] = resolved
    return codes.map(known).to_numpy()


def _store(dataset: Dataset, frame: pd.DataFrame, *, replace: list[int] | None = None) -> int:
    """Upsert the tidy frame ``region_id, industry_id, indicator, year, value, flag``.

    With ``replace`` (the file's years) the file is taken as the complete release for what it
    covers: stored figures of its regions × industries × indicators in those years that the
    file no longer has (a value that became a bare ``:``) are removed, so a re-import leaves
    exactly what the file says. Figures that stay keep their row.
    """
    if replace is not None and len(frame):
        _remove_dropped(dataset, frame, years=replace)
    # Rows in the order of the unique key fill its B-tree sequentially: much faster on SQLite.
    frame = frame.sort_values(["region_id", "industry_id", "indicator", "year"])
    values = frame["value"].astype(object).where(frame["value"].notna(), None)
    rows = list(
        zip(
            [dataset.pk] * len(frame),
            frame["region_id"].tolist(),
            frame["industry_id"].tolist(),
            frame["indicator"].tolist(),
            frame["year"].astype(int).tolist(),
            values.tolist(),
            frame["flag"].tolist(),
            strict=True,
        )
    )
    bulk_upsert(
        table=Observation._meta.db_table,
        columns=OBSERVATION_COLUMNS,
        rows=rows,
        conflict=("dataset_id", "region_id", "industry_id", "indicator", "year"),
    )
    return len(rows)


def _remove_dropped(dataset: Dataset, frame: pd.DataFrame, *, years: list[int]) -> None:
    keys = ["region_id", "industry_id", "indicator", "year"]
    stored = pd.DataFrame.from_records(
        list(
            Observation.objects.filter(
                dataset=dataset,
                region_id__in=pd.unique(frame["region_id"]).tolist(),
                indicator__in=pd.unique(frame["indicator"]).tolist(),
                year__in=years,
            ).values_list("pk", *keys)
        ),
        columns=["pk", *keys],
    )
    if stored.empty:
        return
    new = frame[keys].assign(year=frame["year"].astype(int), present=True)
    matched = stored.merge(new, on=keys, how="left")
    dropped = matched.loc[matched["present"].isna(), "pk"].tolist()
    for start in range(0, len(dropped), 900):  # stay under SQLite's bound-parameter limit
        Observation.objects.filter(pk__in=dropped[start : start + 900]).delete()


def _header_years(path: Path) -> list[int]:
    """The year columns named in a Eurostat TSV header (cells of those years may all be ':')."""
    with _open_text(path) as handle:
        header = handle.readline().rstrip("\n").split("\t")[1:]
    return [int(cell.strip()) for cell in header if cell.strip().isdigit()]


def _region_ids(path: Path, codes: pd.Series, *, column: str | None, field_name: str) -> np.ndarray:
    known = dict(Region.objects.values_list("code", "pk"))

    def unknown(code: str) -> None:
        line = _first_line_with(path, code, column) if column is not None else None
        raise DataFileError(
            path,
            f"unknown region code {code!r}. Load the NUTS regions first "
            "(clusterdialogue data load) or define the region with `clusterdialogue import "
            "regions`.",
            line=line,
            field=field_name,
        )

    def extra_regio(code: str) -> int | None:
        region = region_ensure_extra_regio(code=code)
        return region.pk if region else None

    return _resolve_codes(codes, known, describe=unknown, on_unknown=extra_regio)


@transaction.atomic
def dataset_import_eurostat(*, path: Path, code: str | None = None) -> ImportReport:
    """Import a Eurostat bulk TSV file (``sbs_r_nuts06_r2``, ``sbs_r_nuts2021`` or
    ``lfst_r_lfe2en2``).

    Indicators that mean the same as the platform's are stored under the platform's code
    (``sbs_r_nuts2021``'s ``EMP_LOC_NR`` as persons employed ``V16110``, ``LOC_NR`` as local
    units ``V11210``); flags are kept as published.
    """
    path = Path(path)
    code = code or eurostat_dataset_code(path)
    if code not in EUROSTAT_DATASETS:
        raise DataFileError(
            path,
            f"unsupported Eurostat dataset {code!r}; supported: {', '.join(EUROSTAT_DATASETS)}",
        )
    frame = read_eurostat_tsv(path)
    platform = EUROSTAT_METADATA[code].platform_indicators if code in EUROSTAT_METADATA else {}
    dimension = next((d for d in ("indic_sb", "indic_sbs") if d in frame.columns), None)
    if dimension is not None:
        frame["indicator"] = frame[dimension].map(lambda c: platform.get(c, c))
    elif {"unit", "age"} <= set(frame.columns):
        frame["indicator"] = "EMP_" + frame["unit"] + "_" + frame["age"]
    else:
        raise DataFileError(
            path, "expected an indic_sb or indic_sbs column, or unit and age columns", line=1
        )
    for dimension in ("nace_r2", "geo"):
        if dimension not in frame.columns:
            raise DataFileError(path, f"expected a {dimension} column in the header", line=1)

    industries = dict(Industry.objects.values_list("code", "pk"))
    # Eurostat's own aggregates of activities (``B-S_X_O_S94``: the business economy without
    # some divisions) are no NACE code and no category of the platform: left out, and said.
    aggregates = sorted(c for c in pd.unique(frame["nace_r2"]) if "_" in c and c not in industries)
    if aggregates:
        frame = frame[~frame["nace_r2"].isin(aggregates)].reset_index(drop=True)

    def unknown_industry(industry: str) -> None:
        raise DataFileError(
            path,
            f"unknown NACE code {industry!r}; load the NACE titles first (clusterdialogue data load)",
            line=_first_line_with(path, industry, "nace_r2"),
            field="nace_r2",
        )

    frame["industry_id"] = _resolve_codes(
        frame["nace_r2"], industries, describe=unknown_industry, on_unknown=lambda _: None
    )
    frame["region_id"] = _region_ids(path, frame["geo"], column="geo", field_name="geo")
    meta = EUROSTAT_DATASETS[code]
    dataset, _ = Dataset.objects.update_or_create(
        code=code,
        defaults={
            "title": meta["title"],
            "source": f"Eurostat bulk download, dataset {code}",
            "licence": EUROSTAT_LICENCE,
            "file_name": path.name,
            "imported_at": timezone.now(),
        },
    )
    stored = _store(dataset, frame, replace=_header_years(path))
    report = _finish(dataset, frame, stored)
    if aggregates:
        report.notes.append(
            f"left out the figures of Eurostat's activity aggregates {', '.join(aggregates)} "
            "(not NACE Rev. 2 codes)"
        )
    return report


def _finish(dataset: Dataset, frame: pd.DataFrame, stored: int) -> ImportReport:
    dataset.observation_count = Observation.objects.filter(dataset=dataset).count()
    dataset.save(update_fields=["observation_count"])
    return ImportReport(
        dataset=dataset.code,
        observations=stored,
        regions=int(frame["region_id"].nunique()),
        industries=int(frame["industry_id"].nunique()),
        years=sorted(int(y) for y in frame["year"].unique()),
    )


@transaction.atomic
def dataset_import_long_csv(
    *, path: Path, dataset_code: str, title: str = "", source: str = ""
) -> ImportReport:
    """Import statistics in the documented long format ``region,industry,year,indicator,value``.

    Regions must be known (NUTS, or defined with ``import regions``); industries that are not NACE
    codes become custom categories.
    """
    path = Path(path)
    frame = read_long_csv(path)
    known = dict(Region.objects.values_list("code", "pk"))
    unknown = frame.index[~frame["region"].isin(known)]
    if len(unknown):
        first = unknown[0]
        raise DataFileError(
            path,
            f"unknown region code {frame.at[first, 'region']!r}; define it with "
            "`clusterdialogue import regions` or use a NUTS code",
            line=int(frame.at[first, "line"]) if "line" in frame else None,
            field="region",
        )
    frame["region_id"] = frame["region"].map(known)
    created = industry_ensure_custom(codes=set(frame["industry"]))
    industries = dict(Industry.objects.values_list("code", "pk"))
    frame["industry_id"] = frame["industry"].map(industries)
    dataset, _ = Dataset.objects.update_or_create(
        code=dataset_code,
        defaults={
            "title": title or dataset_code,
            "source": source or path.name,
            "file_name": path.name,
            "imported_at": timezone.now(),
        },
    )
    stored = _store(dataset, frame)
    report = _finish(dataset, frame, stored)
    if created:
        report.notes.append(f"new custom categories: {', '.join(created)}")
    return report
