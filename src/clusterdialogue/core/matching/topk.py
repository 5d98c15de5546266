"""Top-k of a sparse matrix product, row by row, without ever holding the whole product.

:func:`sparse_topk` computes, for every row ``i`` of ``A``, the ``k`` columns ``j`` with the
largest ``(A @ B.T)[i, j]``. It multiplies blocks of rows of ``A`` with ``B.T`` (scipy's sparse
product; blocks can run in several forked processes), drops the entries that must
not be candidates (the row itself, the same group, values not above a floor) and keeps the best
``k`` per row. A block holds only the pairs that share a feature, and blocks are cut so that
each holds at most ``block_budget`` such pairs: memory stays far below an all-pairs matrix.

Ties are broken by the smaller column, so that the result is the same whatever the blocks.
"""

from __future__ import annotations

import itertools
import multiprocessing as mp
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

__all__ = ["TopK", "csr_row_topk", "sparse_topk"]

#: Cells of one padded array used to find each row's k-th value (bounds that array's memory).
PAD_BUDGET = 4_000_000
#: What the block workers multiply (module level, so that forked processes inherit it).
_STATE: dict = {}


@dataclass
class TopK:
    """The best ``k`` columns of each row.

    Attributes
    ----------
    indices : numpy.ndarray
        ``(n_rows, k)`` int64 column numbers, best first; ``-1`` where a row has fewer than
        ``k`` candidates.
    values : numpy.ndarray
        ``(n_rows, k)`` the matching products; 0 where ``indices`` is -1.
    """

    indices: np.ndarray
    values: np.ndarray


def sparse_topk(
    a: sp.spmatrix,
    b: sp.spmatrix,
    k: int,
    *,
    exclude_self: bool = False,
    row_groups: np.ndarray | None = None,
    col_groups: np.ndarray | None = None,
    floor: float = 0.0,
    block_budget: int = 8_000_000,
    workers: int = 1,
) -> TopK:
    """The ``k`` largest entries of each row of ``a @ b.T``, computed block by block.

    Parameters
    ----------
    a, b : scipy.sparse matrix
        ``(n, f)`` and ``(m, f)``: the rows to rank and the rows to rank them against.
    k : int
        How many columns to keep per row.
    exclude_self : bool
        Leave out the diagonal (``a`` and ``b`` hold the same rows).
    row_groups, col_groups : numpy.ndarray, optional
        Integer group of each row of ``a`` and of ``b``; when both are given, pairs in the same
        group are left out (partners from another territory only).
    floor : float
        Only values strictly above it are candidates (0: pairs that share nothing are never
        proposed).
    block_budget : int
        At most about this many multiply-adds per block (bounds memory).
    workers : int
        Processes multiplying blocks at once (forked, where the platform allows it).

    Returns
    -------
    TopK

    Examples
    --------
    >>> a = sp.csr_matrix(np.array([[1.0, 0.0], [1.0, 1.0], [0.0, 1.0]]))
    >>> top = sparse_topk(a, a, 2, exclude_self=True)
    >>> top.indices.tolist(), top.values.tolist()
    ([[1, -1], [0, 2], [1, -1]], [[1.0, 0.0], [1.0, 1.0], [1.0, 0.0]])
    """
    a = sp.csr_matrix(a)
    bt = sp.csr_matrix(b).T.tocsr()
    n = a.shape[0]
    dtype = np.result_type(a.dtype, bt.dtype)
    indices = np.full((n, k), -1, dtype=np.int64)
    values = np.zeros((n, k), dtype=dtype)
    if n == 0 or k <= 0:
        return TopK(indices, values)
    groups = None
    if row_groups is not None and col_groups is not None:
        groups = (np.asarray(row_groups), np.asarray(col_groups))
    _STATE.update(a=a, bt=bt, k=k, exclude_self=exclude_self, groups=groups, floor=floor)
    blocks = _blocks(a, bt, block_budget)
    try:
        if workers > 1 and len(blocks) > 1 and "fork" in mp.get_all_start_methods():
            # scipy's sparse product holds the GIL: blocks go to forked processes, which see
            # the matrices without copying them and send back only k columns per row.
            with mp.get_context("fork").Pool(workers) as pool:
                results = pool.imap_unordered(_run_block, blocks, chunksize=1)
                for start, idx, val in results:
                    indices[start : start + len(idx)], values[start : start + len(idx)] = idx, val
        else:
            for block in blocks:
                start, idx, val = _run_block(block)
                indices[start : start + len(idx)], values[start : start + len(idx)] = idx, val
    finally:
        _STATE.clear()
    return TopK(indices, values)


def _run_block(block: tuple[int, int]) -> tuple[int, np.ndarray, np.ndarray]:
    """Top-k of the rows ``start:stop`` of the product held in :data:`_STATE`."""
    start, stop = block
    state = _STATE
    product = (state["a"][start:stop] @ state["bt"]).tocsr()
    local = _segment_ids(np.diff(product.indptr))
    rows = local + start
    cols, vals = product.indices, product.data
    keep = vals > state["floor"]
    if state["exclude_self"]:
        keep &= cols != rows
    if state["groups"] is not None:
        row_groups, col_groups = state["groups"]
        keep &= col_groups[cols] != row_groups[rows]
    if not keep.all():
        local = local[keep]
        counts = np.bincount(local, minlength=stop - start)
        indptr = np.concatenate(([0], np.cumsum(counts)))
        cols, vals = cols[keep], vals[keep]
    else:
        indptr = product.indptr
    idx, val = _select(indptr, cols, vals, state["k"], row=local)
    return start, idx, val


def csr_row_topk(matrix: sp.spmatrix, k: int) -> sp.csr_matrix:
    """Keep the ``k`` largest entries of each row of a sparse matrix (ties: smaller column).

    >>> m = sp.csr_matrix(np.array([[3.0, 1.0, 2.0], [0.0, 5.0, 0.0]]))
    >>> csr_row_topk(m, 2).toarray().tolist()
    [[3.0, 0.0, 2.0], [0.0, 5.0, 0.0]]
    """
    matrix = sp.csr_matrix(matrix)
    lengths = np.diff(matrix.indptr)
    if lengths.size == 0 or lengths.max() <= k:
        return matrix
    idx, val = _select(matrix.indptr, matrix.indices, matrix.data, k)
    rows, slots = np.nonzero(idx >= 0)
    kept = sp.csr_matrix(
        (val[rows, slots], (rows, idx[rows, slots])), shape=matrix.shape, dtype=matrix.dtype
    )
    kept.sort_indices()
    return kept


def _blocks(a: sp.csr_matrix, bt: sp.csr_matrix, budget: int) -> list[tuple[int, int]]:
    """Row ranges whose products cost about ``budget`` multiply-adds each."""
    postings = np.diff(bt.indptr).astype(np.float64)  # rows of b holding each feature
    cost = (
        np.zeros(a.shape[0])
        if a.nnz == 0
        else np.bincount(
            np.repeat(np.arange(a.shape[0]), np.diff(a.indptr)),
            weights=postings[a.indices],
            minlength=a.shape[0],
        )
    )
    cumulative = np.cumsum(cost + 1.0)
    cuts = np.searchsorted(cumulative, np.arange(budget, cumulative[-1], budget))
    edges = np.unique(np.concatenate(([0], cuts + 1, [a.shape[0]])))
    edges = edges[edges <= a.shape[0]]
    return [(int(s), int(e)) for s, e in itertools.pairwise(edges) if e > s]


def _segment_ids(lengths: np.ndarray) -> np.ndarray:
    """``np.repeat(np.arange(len(lengths)), lengths)``, several times faster.

    >>> _segment_ids(np.array([2, 0, 3])).tolist()
    [0, 0, 2, 2, 2]
    """
    total = int(lengths.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    starts = np.cumsum(lengths)[:-1]
    return np.cumsum(np.bincount(starts[starts < total], minlength=total))


def _select(
    indptr: np.ndarray, cols: np.ndarray, vals: np.ndarray, k: int, *, row: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Per-row top-k of a CSR structure: largest value first, then smaller column."""
    n = len(indptr) - 1
    lengths = np.diff(indptr)
    if row is None:
        row = _segment_ids(lengths)
    keep = None
    long_rows = np.flatnonzero(lengths > k)
    if long_rows.size:
        # The k-th value of each long row, from padded arrays of rows of similar length (so
        # that padding wastes little); only entries at least as large go on to the exact sort.
        kth = np.full(n, -np.inf, dtype=vals.dtype)
        long_rows = long_rows[np.argsort(lengths[long_rows], kind="stable")]
        widths = lengths[long_rows]
        start = 0
        while start < long_rows.size:
            # Rows are sorted by length, so the last row of a chunk sets its width.
            fits = np.flatnonzero(
                np.arange(1, long_rows.size - start + 1) * widths[start:] <= PAD_BUDGET
            )
            stop = start + (int(fits[-1]) + 1 if fits.size else 1)
            chunk, lens = long_rows[start:stop], widths[start:stop]
            width = int(lens[-1])
            before = np.cumsum(lens) - lens
            ids = _segment_ids(lens)
            ar = np.arange(int(lens.sum()))
            src = ar + (indptr[chunk] - before)[ids]
            dest = ar + (np.arange(chunk.size) * width - before)[ids]
            padded = np.full(chunk.size * width, -np.inf, dtype=vals.dtype)
            padded[dest] = vals[src]
            padded = padded.reshape(chunk.size, width)
            kth[chunk] = np.partition(padded, width - k, axis=1)[:, width - k]
            start = stop
        keep = vals >= kth[row]
    r, c, v = (row, cols, vals) if keep is None else (row[keep], cols[keep], vals[keep])
    order = np.lexsort((c, -v, r))
    r, c, v = r[order], c[order], v[order]
    rank = np.arange(r.size) - np.searchsorted(r, r, side="left")
    ok = rank < k
    idx = np.full((n, k), -1, dtype=np.int64)
    val = np.zeros((n, k), dtype=vals.dtype)
    idx[r[ok], rank[ok]] = c[ok]
    val[r[ok], rank[ok]] = v[ok]
    return idx, val
