"""Ranks, European Cluster Observatory stars and US Cluster Mapping strength flags.

Each ``add_*`` function takes the table built by :func:`clusterdialogue.core.mapping.map_clusters`
(columns ``region, category, type, employment, share, lq`` and optionally ``establishments``)
and returns it with new columns. Every threshold is computed within a group (a category, or a
year and category) among the regions with employment in it; percentiles use linear
interpolation (numpy's and pandas' default), computed exactly as ``groupby().quantile()`` does.

Flags are nullable booleans: NA means "cannot tell" (for example a missing establishment
count), never "no".

The work is done on a dense ``groups x slots`` array (:class:`GroupLayout`): one sort along the
slot axis per measure gives every percentile of that measure, and the location quotient's sort
also gives its ranks. :func:`criteria_columns` computes all of them at once for
:func:`~clusterdialogue.core.mapping.map_clusters`, which lays out its cells by (year, category)
and region without any grouping.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = [
    "NO_ESTABLISHMENTS",
    "GroupLayout",
    "add_cmp_strength",
    "add_eco_stars",
    "add_lq_rank",
    "criteria_columns",
]

CMP_FLAGS = ("strong", "strong10", "significant", "qualifying")
ECO_STARS = ("size_star", "specialisation_star", "focus_star")
NO_ESTABLISHMENTS = "no establishments column: the strength flags leave out the establishments test"


class GroupLayout:
    """Where each row of a table sits in a dense ``groups x slots`` array.

    Parameters
    ----------
    group : numpy.ndarray
        Group number of each row (0 to ``ngroups - 1``), or -1 for rows that take no part
        (regions without employment in the category).
    ngroups : int
        Number of groups.
    slot : numpy.ndarray, optional
        Column of each row within its group, unique within a group and below ``width``. By
        default the rows of a group take the slots 0, 1, ... in table order.
    width : int, optional
        Number of slots (required with ``slot``).

    Examples
    --------
    >>> layout = GroupLayout(np.array([0, 0, 1, -1, 0]), 2)
    >>> layout.quantile(np.array([1.0, 3.0, 7.0, 9.0, 2.0]), 0.5).tolist()
    [2.0, 2.0, 7.0, nan, 2.0]
    >>> layout.rank_descending(np.array([1.0, 3.0, 7.0, 9.0, 3.0])).tolist()
    [3.0, 1.0, 1.0, nan, 1.0]
    """

    def __init__(
        self,
        group: np.ndarray,
        ngroups: int,
        slot: np.ndarray | None = None,
        width: int | None = None,
    ) -> None:
        group = np.asarray(group, dtype=np.int64)
        self.present = group >= 0
        self.rows = np.flatnonzero(self.present)
        self.group = group[self.rows]
        self.ngroups = int(ngroups)
        if slot is None:
            counts = np.bincount(self.group, minlength=self.ngroups)
            # Group numbers below 2**16 sort as uint16, which numpy does by radix (linear).
            codes = self.group.astype(np.uint16) if self.ngroups <= 1 << 16 else self.group
            order = np.argsort(codes, kind="stable")
            starts = np.cumsum(counts) - counts
            slot = np.empty(len(order), dtype=np.int64)
            slot[order] = np.arange(len(order)) - starts[self.group[order]]
            width = int(counts.max(initial=0))
        else:
            slot = np.asarray(slot, dtype=np.int64)[self.rows]
        self.width = max(int(width), 1)
        self.cell = self.group * self.width + slot

    def dense(self, values: np.ndarray) -> np.ndarray:
        """``values`` of the taking-part rows as a ``groups x slots`` array, NaN elsewhere."""
        grid = np.full(self.ngroups * self.width, np.nan)
        grid[self.cell] = np.asarray(values, dtype=np.float64)[self.rows]
        return grid.reshape(self.ngroups, self.width)

    def sorted(self, values: np.ndarray) -> SortedGroups:
        """Each group's values sorted (NaN, that is missing, last)."""
        grid = self.dense(values)
        grid.sort(axis=1)
        return SortedGroups(self, grid, None)

    def argsorted(self, values: np.ndarray) -> SortedGroups:
        """As :meth:`sorted`, keeping the order so that ranks can be read off."""
        grid = self.dense(values)
        order = np.argsort(grid, axis=1)
        return SortedGroups(self, np.take_along_axis(grid, order, axis=1), order)

    def quantile(self, values: np.ndarray, q: float) -> np.ndarray:
        """Each row's group ``q``-quantile of ``values`` (NaN for rows not taking part)."""
        return self.sorted(values).quantile(q)

    def rank_descending(self, values: np.ndarray) -> np.ndarray:
        """Rank within the group, 1 for the highest, ties sharing the best ("min") rank."""
        return self.argsorted(values).rank_descending()

    def spread(self, per_group: np.ndarray) -> np.ndarray:
        """A value per group put on each taking-part row (NaN for the others)."""
        out = np.full(len(self.present), np.nan)
        out[self.rows] = per_group[self.group]
        return out


@dataclass
class SortedGroups:
    """The sorted ``groups x slots`` array of one measure (see :class:`GroupLayout`)."""

    layout: GroupLayout
    values: np.ndarray
    order: np.ndarray | None

    def __post_init__(self) -> None:
        # NaN sorts last, so the known values of a group are its first `known` slots.
        self.known = self.values.shape[1] - np.isnan(self.values).sum(axis=1)

    def quantile(self, q: float) -> np.ndarray:
        """Per row, as pandas ``groupby().quantile(q)`` (linear interpolation, NaN skipped)."""
        # The same operations in the same order as pandas' group_quantile, for the same bits.
        position = q * (self.known - 1).astype(np.float64)
        low = np.maximum(position, 0).astype(np.int64)
        fraction = np.mod(position, 1)
        rows = np.arange(len(low))
        value = self.values[rows, low]
        above = self.values[rows, np.minimum(low + 1, self.values.shape[1] - 1)]
        with np.errstate(invalid="ignore"):
            quantile = np.where(fraction == 0.0, value, value + (above - value) * fraction)
        quantile[self.known == 0] = np.nan
        return self.layout.spread(quantile)

    def rank_descending(self) -> np.ndarray:
        """Per row, as pandas ``groupby().rank(method="min", ascending=False)``."""
        if self.order is None:
            raise ValueError("ranks need the order: use GroupLayout.argsorted")
        values = self.values
        ngroups, width = values.shape
        last_of_ties = np.ones((ngroups, width), dtype=bool)
        last_of_ties[:, :-1] = values[:, 1:] != values[:, :-1]
        # For each sorted position, the last position holding the same value.
        end = np.where(last_of_ties, np.arange(width), width)
        end = np.minimum.accumulate(end[:, ::-1], axis=1)[:, ::-1]
        # Values above = known - 1 - end; the rank is one more.
        ranks_sorted = (self.known[:, None] - end).astype(np.float64)
        ranks_sorted[np.isnan(values)] = np.nan
        ranks = np.empty_like(ranks_sorted)
        np.put_along_axis(ranks, self.order, ranks_sorted, axis=1)
        out = np.full(len(self.layout.present), np.nan)
        out[self.layout.rows] = ranks.reshape(-1)[self.layout.cell]
        return out


class _Flag:
    """A nullable boolean as two numpy arrays, combined with Kleene logic like pandas'."""

    def __init__(self, true: np.ndarray, unknown: np.ndarray) -> None:
        self.true = true & ~unknown
        self.unknown = unknown

    @classmethod
    def compare(cls, left: np.ndarray, right: np.ndarray | float, op) -> _Flag:
        with np.errstate(invalid="ignore"):
            return cls(op(left, right), np.isnan(left) | np.isnan(right))

    def __and__(self, other: _Flag) -> _Flag:
        false = (~self.true & ~self.unknown) | (~other.true & ~other.unknown)
        return _Flag(self.true & other.true, ~false & (self.unknown | other.unknown))

    def masked(self, where: np.ndarray) -> _Flag:
        return _Flag(self.true & ~where, self.unknown | where)

    def array(self) -> pd.arrays.BooleanArray:
        return pd.arrays.BooleanArray(self.true, self.unknown.copy())


def _integers(values: np.ndarray) -> pd.arrays.IntegerArray:
    unknown = np.isnan(values)
    return pd.arrays.IntegerArray(np.where(unknown, 0, values).astype(np.int64), unknown)


def criteria_columns(
    *,
    employment: np.ndarray,
    share: np.ndarray | None,
    lq: np.ndarray,
    establishments: np.ndarray | None,
    local: np.ndarray | None,
    layout: GroupLayout,
    which: tuple[str, ...] = ("rank", "eco", "cmp"),
) -> dict[str, pd.api.extensions.ExtensionArray]:
    """``lq_rank``, the ECO stars and the strength flags of every row, as nullable arrays.

    Parameters
    ----------
    employment, share, lq, establishments : numpy.ndarray
        The row's measures (float64, NaN for missing); ``establishments`` may be None.
    local : numpy.ndarray, optional
        True for rows of local categories (their strength flags are NA).
    layout : GroupLayout
        The rows' groups; rows with employment take part, the others have group -1.
    which : tuple of str
        Any of ``rank`` (``lq_rank``), ``eco`` (stars) and ``cmp`` (strength flags).

    Examples
    --------
    >>> employment = np.array([100.0, 10.0, 0.0])
    >>> layout = GroupLayout(np.where(employment > 0, 0, -1), 1)
    >>> columns = criteria_columns(
    ...     employment=employment, share=np.array([0.5, 0.05, 0.0]),
    ...     lq=np.array([2.5, 0.5, 0.0]), establishments=None, local=None, layout=layout)
    >>> columns["lq_rank"].tolist(), columns["stars"].tolist(), columns["strong"].tolist()
    ([1, 2, <NA>], [3, 0, 0], [True, False, False])
    """
    present = _Flag(layout.present, np.zeros(len(layout.present), dtype=bool))
    columns: dict[str, pd.api.extensions.ExtensionArray] = {}
    lq_sorted = layout.argsorted(lq) if "rank" in which else layout.sorted(lq)
    if "rank" in which:
        columns["lq_rank"] = _integers(lq_sorted.rank_descending())
    employment_sorted = layout.sorted(employment)
    if "eco" in which:
        stars = {
            "size_star": present
            & _Flag.compare(employment, employment_sorted.quantile(0.9), np.greater_equal),
            "specialisation_star": present & _Flag.compare(lq, 2.0, np.greater_equal),
            "focus_star": present
            & _Flag.compare(share, layout.sorted(share).quantile(0.9), np.greater_equal),
        }
        total = sum(flag.true.astype(np.int64) for flag in stars.values())
        unknown = np.logical_or.reduce([flag.unknown for flag in stars.values()])
        columns.update({name: flag.array() for name, flag in stars.items()})
        columns["stars"] = pd.arrays.IntegerArray(np.where(unknown, 0, total), unknown)
    if "cmp" in which:
        large = present & _Flag.compare(employment, employment_sorted.quantile(0.25), np.greater)
        if establishments is not None:
            q25 = layout.sorted(establishments).quantile(0.25)
            large = large & _Flag.compare(establishments, q25, np.greater)
        at_least_one = _Flag.compare(lq, 1.0, np.greater_equal)
        flags = {
            "strong": large
            & _Flag.compare(lq, lq_sorted.quantile(0.75), np.greater_equal)
            & at_least_one,
            "strong10": large
            & _Flag.compare(lq, lq_sorted.quantile(0.9), np.greater_equal)
            & at_least_one,
            "significant": large & _Flag.compare(lq, lq_sorted.quantile(0.5), np.greater),
            "qualifying": large & _Flag.compare(lq, lq_sorted.quantile(0.25), np.greater),
        }
        for name, flag in flags.items():
            columns[name] = (flag.masked(local) if local is not None else flag).array()
    return columns


def _column(table: pd.DataFrame, name: str) -> np.ndarray:
    return table[name].to_numpy(dtype="float64", na_value=np.nan)


def _layout(table: pd.DataFrame, by: list[str]) -> GroupLayout:
    """Groups of the regions with employment in the category; -1 for the others."""
    codes = table.groupby(by, sort=False).ngroup().to_numpy()
    present = _column(table, "employment") > 0
    return GroupLayout(np.where(present, codes, -1), int(codes.max(initial=-1)) + 1)


def _add(table: pd.DataFrame, columns: dict) -> pd.DataFrame:
    return pd.concat([table, pd.DataFrame(columns, index=table.index)], axis=1)


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
    rank = _layout(table, by).rank_descending(_column(table, "lq"))
    return table.assign(lq_rank=pd.Series(_integers(rank), index=table.index))


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
    columns = criteria_columns(
        employment=_column(table, "employment"),
        share=_column(table, "share"),
        lq=_column(table, "lq"),
        establishments=None,
        local=None,
        layout=_layout(table, by),
        which=("eco",),
    )
    return _add(table, columns)


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
    has_establishments = "establishments" in table.columns
    if not has_establishments and warnings is not None:
        warnings.append(NO_ESTABLISHMENTS)
    columns = criteria_columns(
        employment=_column(table, "employment"),
        share=None,
        lq=_column(table, "lq"),
        establishments=_column(table, "establishments") if has_establishments else None,
        local=table["type"].eq("local").to_numpy(dtype=bool, na_value=False),
        layout=_layout(table, by),
        which=("cmp",),
    )
    return _add(table, columns)
