"""Industry relatedness and regional specialisation from employment data, for matching.

Relatedness is measured, not typed in: two NACE divisions are related when the European regions
where one is over-represented are also those where the other is. With ``LQ(r, a)`` the location
quotient of division ``a`` in region ``r`` (:func:`~clusterdialogue.core.relatedness.
revealed_comparative_advantage`, benchmark the sum of all regions given), the co-location
relatedness is the Pearson correlation across regions
(:func:`~clusterdialogue.core.relatedness.colocation_correlation`)::

    r(a, b) = sum_r (LQ(r,a) - mean_a)(LQ(r,b) - mean_b) / (n * sd_a * sd_b)

Only positive correlations at least :data:`MIN_CORRELATION` count for matching (a weak or
negative co-location says nothing about a value chain).

Regional specialisation of a region in a division is its location quotient; for matching it is
turned into a strength ``s = min(1, max(0, log2 LQ))``: 0 up to LQ 1, 1 from LQ 2 on.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from clusterdialogue.core.io.eurostat import read_eurostat_tsv
from clusterdialogue.core.relatedness import colocation_correlation, revealed_comparative_advantage

__all__ = [
    "MIN_CORRELATION",
    "NUTS_2013_ALIASES",
    "employment_from_eurostat",
    "industry_relatedness",
    "regional_specialisation",
    "specialisation_strength",
]

MIN_CORRELATION = 0.2
#: NUTS 2016 codes of the network whose NUTS 2013 code (in the Eurostat SBS file) differs.
NUTS_2013_ALIASES = {"FRK": "FR7", "FRK1": "FR72", "FRK2": "FR71"}
#: Share of regions in which a division must have a figure to enter the relatedness.
MIN_COVERAGE = 0.8


def employment_from_eurostat(path: str | Path, *, year: int | None = None) -> pd.DataFrame:
    """Persons employed (V16110) per region and NACE division from the SBS regional file.

    Keeps NUTS levels 1 and 2 (codes of 3 and 4 characters, extra-regio ``..Z`` left out) and
    the year with the most figures at level 2 unless ``year`` is given. Confidential and
    missing cells are left out (missing is not zero).

    Returns
    -------
    pandas.DataFrame
        ``region, industry, employment`` (industry in SBS form, ``C29``).
    """
    cells = read_eurostat_tsv(path)
    keep = (
        (cells["indic_sb"] == "V16110")
        & cells["geo"].str.len().isin([3, 4])
        & ~cells["geo"].str.endswith("Z")
        & cells["nace_r2"].str.fullmatch(r"[A-Z]\d{2}")
        & cells["value"].notna()
    )
    cells = cells.loc[keep]
    if year is None:
        level2 = cells.loc[cells["geo"].str.len() == 4]
        year = int(level2.groupby("year").size().idxmax())
    cells = cells.loc[cells["year"] == year]
    return cells.rename(columns={"geo": "region", "nace_r2": "industry", "value": "employment"})[
        ["region", "industry", "employment"]
    ].reset_index(drop=True)


def _wide(employment: pd.DataFrame) -> pd.DataFrame:
    return employment.pivot_table(
        index="region", columns="industry", values="employment", aggfunc="sum"
    )


def industry_relatedness(employment: pd.DataFrame) -> pd.DataFrame:
    """Co-location correlation between divisions, over NUTS-2 regions (see the module).

    ``employment`` is ``region, industry, employment``; regions with 4-character codes (NUTS-2)
    are used when there are any, else all. Divisions with a figure in fewer than
    :data:`MIN_COVERAGE` of the regions are left out, then regions lacking any of the rest, so
    that no correlation rests on unknown (confidential) cells counted as zero.

    Returns
    -------
    pandas.DataFrame
        Divisions by divisions, Pearson r in [-1, 1].
    """
    regions = employment["region"].astype(str)
    if (regions.str.len() == 4).any():
        employment = employment.loc[regions.str.len() == 4]
    wide = _wide(employment)
    covered = wide.notna().mean(axis=0) >= MIN_COVERAGE
    wide = wide.loc[:, covered]
    wide = wide.loc[wide.notna().all(axis=1)]
    return colocation_correlation(revealed_comparative_advantage(wide))


def regional_specialisation(employment: pd.DataFrame) -> pd.DataFrame:
    """Location quotient of every region (of every level given) in every division.

    Each region's LQ uses its own total and, as benchmark, the sum over the regions of the same
    code length (all NUTS-2 regions for a NUTS-2 region). Missing cells give NaN. NUTS 2016
    codes of :data:`NUTS_2013_ALIASES` are added as copies of their NUTS 2013 rows.

    Returns
    -------
    pandas.DataFrame
        Regions by divisions.
    """
    frames = []
    regions = employment["region"].astype(str)
    for length in sorted(regions.str.len().unique()):
        wide = _wide(employment.loc[regions.str.len() == length])
        rca = revealed_comparative_advantage(wide)
        frames.append(rca.where(wide.notna()))
    table = pd.concat(frames)
    for new, old in NUTS_2013_ALIASES.items():
        if old in table.index and new not in table.index:
            table.loc[new] = table.loc[old]
    return table


def specialisation_strength(lq: np.ndarray | pd.DataFrame) -> np.ndarray:
    """``min(1, max(0, log2 LQ))``; NaN (unknown) gives 0.

    >>> specialisation_strength(np.array([0.5, 1.0, 1.5, 2.0, 4.0, np.nan])).round(3).tolist()
    [0.0, 0.0, 0.585, 1.0, 1.0, 0.0]
    """
    values = np.asarray(lq, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        strength = np.clip(np.log2(values), 0.0, 1.0)
    return np.nan_to_num(strength, nan=0.0)
