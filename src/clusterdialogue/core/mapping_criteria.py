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

import os
from concurrent.futures import ThreadPoolExecutor
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
        inner: int | None = None,
    ) -> None:
        group = np.asarray(group, dtype=np.int64)
        self.present = group >= 0
        self.rows = np.flatnonzero(self.present)
        self.group = group[self.rows]
        self.ngroups = int(ngroups)
        self.counts = counts = np.bincount(self.group, minlength=self.ngroups)
        if slot is None:
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
        self.nrows = len(group)
        # Per row its group, or ``ngroups`` (a NaN put after the groups' values) if not taking part.
        self.row_group = np.where(self.present, group, self.ngroups)
        self.inner = None
        if inner and self.ngroups % inner == 0 and self.ngroups * self.width >= _TRANSPOSE_FROM:
            # Groups are (outer, inner) pairs and the taking-part rows come in (outer, slot,
            # inner) order: the dense array is then a transpose of the rows' own order, made
            # block by block so that it stays in the cache on large inputs.
            self.inner = int(inner)
            self.row_key = (self.group // inner * self.width + slot) * inner + self.group % inner
            if not (self.row_key[1:] > self.row_key[:-1]).all():
                self.inner = None
        self._grid_rows: np.ndarray | None = None

    @property
    def grid_rows(self) -> np.ndarray:
        """The row in each slot of the dense array, or the number of rows for an empty slot."""
        if self._grid_rows is None:
            self._grid_rows = np.full(self.ngroups * self.width, self.nrows, dtype=np.intp)
            self._grid_rows[self.cell] = self.rows
        return self._grid_rows

    def _to_groups(self, values: np.ndarray, fill) -> np.ndarray:
        """Values of the taking-part rows (in row order) as the ``groups x slots`` array."""
        outer = self.ngroups // self.inner
        by_rows = np.full(outer * self.width * self.inner, fill, dtype=values.dtype)
        by_rows[self.row_key] = values
        by_rows = by_rows.reshape(outer, self.width, self.inner)
        grid = np.empty((outer, self.inner, self.width), dtype=values.dtype)
        step = _block(self.inner, values.itemsize)
        for first in range(0, self.width, step):
            grid[:, :, first : first + step] = by_rows[:, first : first + step, :].transpose(
                0, 2, 1
            )
        return grid.reshape(self.ngroups, self.width)

    def _to_rows(self, grid: np.ndarray) -> np.ndarray:
        """The inverse of :meth:`_to_groups`: per taking-part row its slot's value."""
        outer = self.ngroups // self.inner
        grid = grid.reshape(outer, self.inner, self.width)
        by_rows = np.empty((outer, self.width, self.inner), dtype=grid.dtype)
        step = _block(self.inner, grid.itemsize)
        for first in range(0, self.width, step):
            by_rows[:, first : first + step, :] = grid[:, :, first : first + step].transpose(
                0, 2, 1
            )
        return by_rows.reshape(-1)[self.row_key]

    def dense(self, values: np.ndarray) -> np.ndarray:
        """``values`` of the taking-part rows as a ``groups x slots`` array, NaN elsewhere."""
        grid = np.full(self.ngroups * self.width, np.nan)
        grid[self.cell] = np.asarray(values, dtype=np.float64)[self.rows]
        return grid.reshape(self.ngroups, self.width)

    def _sortable(self, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The taking-part values as a ``groups x slots`` array whose sort puts missing last.

        Sorting is the cost of every percentile, so the array is as narrow as the values allow:
        whole numbers that fit go in int32 (sorted about five times faster than float64), with
        the largest int32 for missing; other values stay float64, with +inf for missing (numpy
        sorts NaN-free floats much faster), or NaN if +inf is itself a value. Returns the
        array and the number of known values per group. The checks look at every row, taking
        part or not: a row that does not take part can only send the values down a slower
        path, never change a result.
        """
        values = np.asarray(values, dtype=np.float64)
        missing = np.isnan(values)
        if missing.any():
            lacking = self.group[missing[self.rows]]
            known = self.counts - np.bincount(lacking, minlength=self.ngroups)
            counted = values[~missing]
        else:
            missing, known, counted = None, self.counts, values
        if self.inner is not None:
            taking_part = values[self.rows]
            unknown = None if missing is None else missing[self.rows]
            if _fits_int32(counted):
                fill = _INT32_MISSING
                if unknown is not None:
                    taking_part = np.where(unknown, fill, taking_part)
                taking_part = taking_part.astype(np.int32)
            else:
                fill = np.nan if np.isposinf(counted).any() else np.inf
                if unknown is not None and fill == fill:
                    taking_part = np.where(unknown, fill, taking_part)
            return self._to_groups(taking_part, fill), known
        if _fits_int32(counted):
            extended = np.empty(len(values) + 1, dtype=np.int32)
            if missing is None:
                extended[:-1] = counted
            else:
                extended[:-1] = np.where(missing, _INT32_MISSING, values)
            extended[-1] = _INT32_MISSING
        else:
            fill = np.nan if np.isposinf(counted).any() else np.inf
            extended = np.empty(len(values) + 1)
            extended[:-1] = (
                values if missing is None or fill != fill else np.where(missing, fill, values)
            )
            extended[-1] = fill
        return extended[self.grid_rows].reshape(self.ngroups, self.width), known

    def sorted(self, values: np.ndarray, quantiles: tuple[float, ...] = ()) -> SortedGroups:
        """Each group's values sorted (missing last).

        With ``quantiles`` (the only ones that will be asked for) and wide groups, each group
        is only partitioned around the positions those quantiles read: selection takes linear
        time where a sort of thousands of values per group costs several times more per value.
        """
        grid, known = self._sortable(values)
        if quantiles and self.width >= _SELECT_FROM_WIDTH:
            return SelectedGroups(self, grid, known, None, quantiles)
        grid.sort(axis=1)
        return SortedGroups(self, grid, known, None)

    def argsorted(self, values: np.ndarray) -> SortedGroups:
        """As :meth:`sorted`, keeping the order so that ranks can be read off."""
        grid, known = self._sortable(values)
        order = np.argsort(grid, axis=1)
        order += (np.arange(self.ngroups) * self.width)[:, None]
        return SortedGroups(self, grid.reshape(-1)[order], known, order.reshape(-1))

    def quantile(self, values: np.ndarray, q: float) -> np.ndarray:
        """Each row's group ``q``-quantile of ``values`` (NaN for rows not taking part)."""
        return self.sorted(values).quantile(q)

    def rank_descending(self, values: np.ndarray) -> np.ndarray:
        """Rank within the group, 1 for the highest, ties sharing the best ("min") rank."""
        return self.argsorted(values).rank_descending(values)

    def spread(self, per_group: np.ndarray) -> np.ndarray:
        """A value per group put on each taking-part row (NaN for the others)."""
        return np.append(per_group, np.nan)[self.row_group]


_INT32_MISSING = np.iinfo(np.int32).max


def _block(inner: int, itemsize: int) -> int:
    """Slots per block of a transpose: about 256 KiB of values, within the L2 cache."""
    return max(1, (1 << 18) // (inner * itemsize))


def _fits_int32(values: np.ndarray) -> bool:
    """Whether the (NaN-free) values are all whole numbers that int32 holds below its largest.

    Zero must be +0.0: a -0.0 read back from int32 would lose its sign in a percentile.
    """
    if not len(values) or not (values[:64] == np.trunc(values[:64])).all():
        return False  # most fractional columns show it in their first values
    return bool(
        values.max() < _INT32_MISSING
        and not np.signbit(values).any()
        and (values == np.trunc(values)).all()
    )


@dataclass
class SortedGroups:
    """The sorted ``groups x slots`` array of one measure (see :class:`GroupLayout`).

    ``values`` holds each group's known values in its first ``known`` slots, in order;
    ``order``, when kept, gives for each sorted position the flat position it came from.
    """

    layout: GroupLayout
    values: np.ndarray
    known: np.ndarray
    order: np.ndarray | None

    def _positions(self, q: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Per group, the sorted positions that the ``q``-quantile reads and the fraction."""
        # The same operations in the same order as pandas' group_quantile, for the same bits.
        position = q * (self.known - 1).astype(np.float64)
        low = np.maximum(position, 0).astype(np.int64)
        return low, np.minimum(low + 1, self.values.shape[1] - 1), np.mod(position, 1)

    def _read(self, q: float, low: np.ndarray, high: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        rows = np.arange(len(low))
        return self.values[rows, low].astype(np.float64), self.values[rows, high].astype(np.float64)

    def quantile(self, q: float) -> np.ndarray:
        """Per row, as pandas ``groupby().quantile(q)`` (linear interpolation, NaN skipped)."""
        low, high, fraction = self._positions(q)
        value, above = self._read(q, low, high)
        with np.errstate(invalid="ignore"):
            quantile = np.where(fraction == 0.0, value, value + (above - value) * fraction)
        quantile[self.known == 0] = np.nan
        return self.layout.spread(quantile)

    def rank_descending(self, values: np.ndarray) -> np.ndarray:
        """Per row, as pandas ``groupby().rank(method="min", ascending=False)``.

        ``values`` are the ones that were sorted (their missing rows get no rank).
        """
        if self.order is None:
            raise ValueError("ranks need the order: use GroupLayout.argsorted")
        layout = self.layout
        width = self.values.shape[1]
        # Rank of sorted position j: the known values above it, plus one. Without ties that is
        # known - j; a run of equal values takes the rank of its last position.
        slots = np.arange(width)
        ranks = self.known[:, None] - slots[None, :]
        flat = self.values.reshape(-1)
        # Position j ties with j + 1 when both hold the same known value (of the same group).
        both_known = (slots[None, :] < (self.known - 1)[:, None]).reshape(-1)[:-1]
        tied = np.flatnonzero((flat[1:] == flat[:-1]) & both_known)
        if len(tied):
            ends = np.ones(len(flat), dtype=bool)
            ends[tied] = False
            ends = np.flatnonzero(ends)
            run_end = ends[np.searchsorted(ends, tied)]
            ranks.reshape(-1)[tied] = self.known[tied // width] - run_end % width
        if layout.inner is not None:
            by_slot = np.empty(ranks.size)
            by_slot[self.order] = ranks.reshape(-1)  # each group's ranks back in slot order
            out = np.full(len(layout.present), np.nan)
            out[layout.rows] = layout._to_rows(by_slot)
        else:
            out = np.full(len(layout.present) + 1, np.nan)
            out[layout.grid_rows[self.order]] = ranks.reshape(-1)
            out = out[:-1]
        out[np.isnan(np.asarray(values, dtype=np.float64))] = np.nan
        return out


class SelectedGroups(SortedGroups):
    """As :class:`SortedGroups` for a few quantiles only: each group partitioned, not sorted."""

    def __init__(
        self,
        layout: GroupLayout,
        values: np.ndarray,
        known: np.ndarray,
        order: None,
        quantiles: tuple[float, ...],
    ) -> None:
        super().__init__(layout, values, known, order)
        positions = {q: self._positions(q) for q in quantiles}
        read = {q: (np.full(len(known), np.nan), np.full(len(known), np.nan)) for q in quantiles}
        for group in np.flatnonzero(known > 0):
            wanted = np.unique([p[i][group] for p in positions.values() for i in (0, 1)])
            row = np.partition(values[group], wanted)
            for q, (low, high, _) in positions.items():
                read[q][0][group] = row[low[group]]
                read[q][1][group] = row[high[group]]
        self.read = read

    def _read(self, q: float, low: np.ndarray, high: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return self.read[q]


_TRANSPOSE_FROM = 1 << 20  # slots; a smaller array is as fast to fill slot by slot
_SELECT_FROM_WIDTH = 2048  # slots; narrower groups sort faster than a loop partitions them


class _Flag:
    """A nullable boolean as two numpy arrays, combined with Kleene logic like pandas'.

    ``unknown`` is None when every value is known, which spares the work on NA masks.
    """

    def __init__(self, true: np.ndarray, unknown: np.ndarray | None) -> None:
        if unknown is not None and not unknown.any():
            unknown = None
        self.true = true if unknown is None else true & ~unknown
        self.unknown = unknown

    @classmethod
    def compare(
        cls, left: np.ndarray, right: np.ndarray | float, op, left_unknown: np.ndarray | None
    ) -> _Flag:
        """``op(left, right)``, unknown where either is NaN (``left_unknown``: left's NaN)."""
        with np.errstate(invalid="ignore"):
            true = op(left, right)
        unknown = left_unknown
        if np.ndim(right):
            right_unknown = np.isnan(right)
            unknown = right_unknown if unknown is None else unknown | right_unknown
        elif np.isnan(right):
            unknown = np.ones(len(true), dtype=bool)
        return cls(true, unknown)

    def __and__(self, other: _Flag) -> _Flag:
        if self.unknown is None and other.unknown is None:
            return _Flag(self.true & other.true, None)
        if self.unknown is None:  # false where self is, other's value where self is true
            return _Flag(self.true & other.true, self.true & other.unknown)
        if other.unknown is None:
            return _Flag(self.true & other.true, other.true & self.unknown)
        false = (~self.true & ~self.unknown) | (~other.true & ~other.unknown)
        return _Flag(self.true & other.true, ~false & (self.unknown | other.unknown))

    def masked(self, where: np.ndarray) -> _Flag:
        unknown = where if self.unknown is None else self.unknown | where
        return _Flag(self.true & ~where, unknown)

    def array(self) -> pd.arrays.BooleanArray:
        unknown = np.zeros(len(self.true), dtype=bool) if self.unknown is None else self.unknown
        return pd.arrays.BooleanArray(self.true, unknown.copy())


def _nan(values: np.ndarray | None) -> np.ndarray | None:
    """Where ``values`` is NaN, or None if nowhere."""
    if values is None:
        return None
    missing = np.isnan(values)
    return missing if missing.any() else None


def _integers(values: np.ndarray) -> pd.arrays.IntegerArray:
    unknown = np.isnan(values)
    return pd.arrays.IntegerArray(np.where(unknown, 0, values).astype(np.int64), unknown)


_POOL: ThreadPoolExecutor | None = None
_PARALLEL_FROM = 50_000  # rows; below that a thread costs more than it saves


def _beside(function, values: np.ndarray):
    """Start ``function(values)`` in a worker thread; returns a callable giving its result.

    Runs it in place when the machine has one CPU or the input is small.
    """
    global _POOL
    if len(values) < _PARALLEL_FROM or (os.cpu_count() or 1) < 2:
        result = function(values)
        return lambda: result
    if _POOL is None:
        _POOL = ThreadPoolExecutor(max_workers=1, thread_name_prefix="mapping-criteria")
    return _POOL.submit(function, values).result


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
    present = _Flag(layout.present, None)
    lq_nan, employment_nan = _nan(lq), _nan(employment)
    columns: dict[str, pd.api.extensions.ExtensionArray] = {}
    # The sorts are most of the work and numpy lets go of the GIL while sorting: the location
    # quotient's sort (the largest, with its order) runs beside the others.
    lq_sort = layout.argsorted if "rank" in which else layout.sorted
    lq_sorted = _beside(lq_sort, lq)
    employment_quantiles = (0.9,) * ("eco" in which) + (0.25,) * ("cmp" in which)
    employment_sorted = layout.sorted(employment, employment_quantiles)
    share_sorted = layout.sorted(share, (0.9,)) if "eco" in which else None
    establishments_sorted = (
        layout.sorted(establishments, (0.25,))
        if "cmp" in which and establishments is not None
        else None
    )
    lq_sorted = lq_sorted()
    if "rank" in which:
        columns["lq_rank"] = _integers(lq_sorted.rank_descending(lq))
    if "eco" in which:
        stars = {
            "size_star": present
            & _Flag.compare(
                employment, employment_sorted.quantile(0.9), np.greater_equal, employment_nan
            ),
            "specialisation_star": present & _Flag.compare(lq, 2.0, np.greater_equal, lq_nan),
            "focus_star": present
            & _Flag.compare(share, share_sorted.quantile(0.9), np.greater_equal, _nan(share)),
        }
        total = sum(flag.true.astype(np.int64) for flag in stars.values())
        unknown = np.zeros(len(total), dtype=bool)
        for flag in stars.values():
            if flag.unknown is not None:
                unknown |= flag.unknown
        columns.update({name: flag.array() for name, flag in stars.items()})
        columns["stars"] = pd.arrays.IntegerArray(np.where(unknown, 0, total), unknown)
    if "cmp" in which:
        large = present & _Flag.compare(
            employment, employment_sorted.quantile(0.25), np.greater, employment_nan
        )
        if establishments is not None:
            q25 = establishments_sorted.quantile(0.25)
            large = large & _Flag.compare(establishments, q25, np.greater, _nan(establishments))
        at_least_one = _Flag.compare(lq, 1.0, np.greater_equal, lq_nan)

        def lq_test(q: float, op) -> _Flag:
            return _Flag.compare(lq, lq_sorted.quantile(q), op, lq_nan)

        flags = {
            "strong": large & lq_test(0.75, np.greater_equal) & at_least_one,
            "strong10": large & lq_test(0.9, np.greater_equal) & at_least_one,
            "significant": large & lq_test(0.5, np.greater),
            "qualifying": large & lq_test(0.25, np.greater),
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
