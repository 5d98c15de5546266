"""Ranks, European Cluster Observatory stars and US Cluster Mapping strength flags.

Each function takes the table built by :func:`clusterdialogue.core.mapping.map_clusters`
(columns ``region, category, type, employment, share, lq`` and optionally ``establishments``)
and returns it with new columns. Every threshold is computed within a group (a category, or a
year and category) among the regions with employment in it; percentiles use numpy's default
linear interpolation.

Flags are nullable booleans: NA means "cannot tell" (for example a missing establishment
count), never "no".
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["NO_ESTABLISHMENTS", "add_cmp_strength", "add_eco_stars", "add_lq_rank"]

CMP_FLAGS = ("strong", "strong10", "significant", "qualifying")
NO_ESTABLISHMENTS = "no establishments column: the strength flags leave out the establishments test"


def _present(table: pd.DataFrame) -> pd.Series:
    return table["employment"] > 0


def _groups(table: pd.DataFrame, by: list[str]) -> pd.Series:
    """Integer group codes of the regions with employment in the category; -1 for the others.

    Grouping by these integers, rather than by the text keys for every percentile, is what
    keeps the criteria fast on a few million rows.
    """
    codes = table.groupby(by, sort=False).ngroup()
    return codes.where(_present(table), -1)


def _by_group(table: pd.DataFrame, column: str, groups: pd.Series):
    """``column`` of the regions with employment, grouped; positions to put results back."""
    present = (groups >= 0).to_numpy()
    values = table[column].to_numpy(dtype="float64", na_value=np.nan)[present]
    return pd.Series(values).groupby(groups.to_numpy()[present], sort=False), present


def _spread(values: pd.Series, present: np.ndarray, index: pd.Index, dtype: str) -> pd.Series:
    """Put per-row results of the present regions back in place (NA elsewhere)."""
    full = np.full(len(index), np.nan)
    full[present] = values.to_numpy()
    return pd.Series(full, index=index).astype(dtype)


def _quantile(table: pd.DataFrame, column: str, q: float, groups: pd.Series) -> pd.Series:
    """``q``-quantile of ``column`` within each group, among regions with employment in it."""
    grouped, present = _by_group(table, column, groups)
    return _spread(grouped.transform("quantile", q), present, table.index, "Float64")


def add_lq_rank(table: pd.DataFrame, *, by: list[str]) -> pd.DataFrame:
    """Add ``lq_rank``: 1 for the highest location quotient within each group.

    Ties share the best rank ("min"); regions without employment in the category get none.

    Examples
    --------
    >>> table = pd.DataFrame({
    ...     "category": ["c"] * 4, "employment": [5, 5, 5, 0], "lq": [2.0, 1.0, 2.0, 0.0]})
    >>> add_lq_rank(table, by=["category"])["lq_rank"].tolist()
    [1, 3, 1, <NA>]
    """
    grouped, present = _by_group(table, "lq", _groups(table, by))
    rank = _spread(grouped.rank(method="min", ascending=False), present, table.index, "Int64")
    return table.assign(lq_rank=rank)


def add_eco_stars(table: pd.DataFrame, *, by: list[str]) -> pd.DataFrame:
    """Add the European Cluster Observatory stars, one per criterion, and their sum.

    ``size_star``: employment at or above the 90th percentile; ``specialisation_star``:
    location quotient of 2 or more; ``focus_star``: the category's share of the region's
    employment at or above the 90th percentile; ``stars``: their sum, 0 to 3.

    Examples
    --------
    >>> table = pd.DataFrame({
    ...     "category": ["c"] * 3, "employment": [100, 10, 0],
    ...     "share": [0.5, 0.05, 0.0], "lq": [2.5, 0.5, 0.0]})
    >>> add_eco_stars(table, by=["category"])["stars"].tolist()
    [3, 0, 0]
    """
    present = _present(table)
    groups = _groups(table, by)
    employment = table["employment"].astype("Float64")
    share = table["share"].astype("Float64")
    lq = table["lq"].astype("Float64")
    # `present &` first: Kleene logic turns "absent and unknown" into a plain no.
    stars = pd.DataFrame(
        {
            "size_star": present & (employment >= _quantile(table, "employment", 0.9, groups)),
            "specialisation_star": present & (lq >= 2),
            "focus_star": present & (share >= _quantile(table, "share", 0.9, groups)),
        },
        index=table.index,
    ).astype("boolean")
    stars["stars"] = stars.astype("Int64").sum(axis=1, skipna=False).astype("Int64")
    return pd.concat([table, stars], axis=1)


def add_cmp_strength(
    table: pd.DataFrame, *, by: list[str], warnings: list[str] | None = None
) -> pd.DataFrame:
    """Add the US Cluster Mapping strength flags ``strong, strong10, significant, qualifying``.

    Within each group, with ``qN`` the N-th percentile among regions with employment:

    * size tests: employment > q25(employment) and establishments > q25(establishments);
    * ``strong``: LQ >= q75(LQ), LQ >= 1 and the size tests;
    * ``strong10``: LQ >= q90(LQ), LQ >= 1 and the size tests;
    * ``significant``: LQ > q50(LQ) and the size tests;
    * ``qualifying``: LQ > q25(LQ) and the size tests.

    The flags are NA for local categories, which the method does not assess. Without an
    ``establishments`` column the establishments test is left out and a warning is added.

    Examples
    --------
    >>> table = pd.DataFrame({
    ...     "category": ["c"] * 4, "type": ["traded"] * 4,
    ...     "employment": [400, 300, 200, 100], "lq": [2.0, 1.5, 1.0, 0.5]})
    >>> add_cmp_strength(table, by=["category"])[["strong", "qualifying"]]
       strong  qualifying
    0    True        True
    1   False        True
    2   False        True
    3   False       False
    """
    present = _present(table)
    groups = _groups(table, by)
    lq = table["lq"].astype("Float64")
    large = table["employment"].astype("Float64") > _quantile(table, "employment", 0.25, groups)
    if "establishments" in table.columns:
        establishments = table["establishments"].astype("Float64")
        large = large & (establishments > _quantile(table, "establishments", 0.25, groups))
    elif warnings is not None:
        warnings.append(NO_ESTABLISHMENTS)
    large = present & large
    flags = pd.DataFrame(
        {
            "strong": large & (lq >= _quantile(table, "lq", 0.75, groups)) & (lq >= 1),
            "strong10": large & (lq >= _quantile(table, "lq", 0.9, groups)) & (lq >= 1),
            "significant": large & (lq > _quantile(table, "lq", 0.5, groups)),
            "qualifying": large & (lq > _quantile(table, "lq", 0.25, groups)),
        },
        index=table.index,
    ).astype("boolean")
    flags = flags.mask(table["type"].eq("local"), pd.NA)
    return pd.concat([table, flags], axis=1)
