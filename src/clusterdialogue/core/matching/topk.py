"""Top-k of a sparse matrix product, row by row, without ever holding the whole product.

:func:`sparse_topk` computes, for every row ``i`` of ``A``, the ``k`` columns ``j`` with the
largest ``(A @ B.T)[i, j]``. It multiplies blocks of rows of ``A`` with ``B.T`` (scipy's sparse
product; blocks can run in several forked processes), drops the entries that must
not be candidates (the row itself, the same group, values not above a floor) and keeps the best
``k`` per row. A block holds only the pairs that share a feature, and blocks are cut so that
each holds at most ``block_budget`` such pairs: memory stays far below an all-pairs matrix.

Ties are broken by the smaller column, so that the result is the same whatever the blocks.

:func:`all_pairs_topk` serves the all-pairs lists of the engine: identical profiles are
multiplied once, ``sparse_dot_topn`` does the blockwise product and top-n (in threads), and
each row's list is checked to be the exact one (else asked again with a longer list).
"""

from __future__ import annotations

import itertools
import multiprocessing as mp
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from sparse_dot_topn import sp_matmul_topn

__all__ = ["PAIR_CHUNK", "TopK", "all_pairs_topk", "csr_row_topk", "rowwise_dot", "sparse_topk"]

#: Cells of one padded array used to find each row's k-th value (bounds that array's memory).
PAD_BUDGET = 4_000_000
#: Pairs handled at once by :func:`rowwise_dot` (bounds the memory of the row gathers).
PAIR_CHUNK = 200_000
#: Profiles whose lists :func:`all_pairs_topk` expands at once (bounds its memory).
CHUNK_PROFILES = 20_000
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


def rowwise_dot(
    left: sp.csr_matrix, right: sp.csr_matrix, i: np.ndarray, j: np.ndarray
) -> np.ndarray:
    """``left[i_k] . right[j_k]`` for every k, in chunks of :data:`PAIR_CHUNK` pairs.

    >>> m = sp.csr_matrix(np.array([[1.0, 2.0], [0.0, 3.0]]))
    >>> rowwise_dot(m, m, np.array([0, 1]), np.array([1, 1])).tolist()
    [6.0, 9.0]
    """
    out = np.zeros(len(i))
    for s in range(0, len(i), PAIR_CHUNK):
        ii, jj = i[s : s + PAIR_CHUNK], j[s : s + PAIR_CHUNK]
        out[s : s + len(ii)] = np.asarray(left[ii].multiply(right[jj]).sum(axis=1)).ravel()
    return out


def all_pairs_topk(
    left: sp.spmatrix,
    right: sp.spmatrix,
    k: int,
    *,
    groups: np.ndarray | None = None,
    workers: int = 1,
) -> TopK:
    """Exact top-``k`` of each row of ``left @ right.T`` without the diagonal nor its group.

    ``left`` and ``right`` hold the same profiles (row ``i`` of both is profile ``i``). Ties
    are broken by the smaller column, as in :func:`sparse_topk`, so the result does not depend
    on ``workers``.

    How: rows identical in both matrices (the same text, the same codes) are multiplied once;
    ``sparse_dot_topn.sp_matmul_topn`` finds the best ``n`` distinct rows of each distinct
    row; those are expanded to their profiles, the row itself and its group left out. A
    profile's list is exact when it has ``k`` partners scoring strictly more than any distinct
    row left out; the distinct rows where this fails are asked again with ``n`` four times
    larger (at the end, all their partners), so that no tie and no exclusion is cut short.

    Parameters
    ----------
    left, right : scipy.sparse matrix
        ``(n, f)`` each, the two sides of the score.
    k : int
        Partners per row.
    groups : numpy.ndarray, optional
        Integer group (territory) of each row: pairs in the same group are left out.
    workers : int
        Threads of the sparse product.

    Returns
    -------
    TopK

    Examples
    --------
    >>> a = sp.csr_matrix(np.array([[1.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0]]))
    >>> top = all_pairs_topk(a, a, 2, groups=np.array([0, 1, 1, 2]))
    >>> top.indices.tolist()
    [[1, 2], [0, -1], [0, 3], [2, -1]]
    """
    left, right = sp.csr_matrix(left, dtype=np.float32), sp.csr_matrix(right, dtype=np.float32)
    n = left.shape[0]
    indices = np.full((n, k), -1, dtype=np.int64)
    values = np.zeros((n, k), dtype=np.float32)
    if n == 0 or k <= 0:
        return TopK(indices, values)
    _, members, starts = _identical_rows(left, right)
    first = members[starts[:-1]]
    distinct_left, distinct_right_t = left[first], right[first].T.tocsr()
    size = np.diff(starts)
    territory = np.zeros(n, dtype=np.int64) if groups is None else np.asarray(groups)
    pending, n_top, target = np.arange(len(first)), min(len(first), 2 * k + 10), 2 * k + 2
    while pending.size:
        failed = []
        # Chunks of distinct rows of about CHUNK_PROFILES profiles (bounds the expansion).
        bounds = np.searchsorted(
            np.cumsum(size[pending]), np.arange(CHUNK_PROFILES, n, CHUNK_PROFILES)
        )
        for chunk in np.split(pending, np.unique(bounds + 1)):
            if not chunk.size:
                continue
            product = sp_matmul_topn(
                distinct_left[chunk],
                distinct_right_t,
                top_n=n_top,
                sort=True,
                n_threads=workers if workers > 1 else None,
            )
            lists = _Lists(
                product, chunk, size, n_top=n_top, complete=n_top >= len(first), target=target
            )
            by_group = groups is not None
            failed.append(lists.expand(k, members, starts, territory, by_group, indices, values))
        pending = np.concatenate(failed)
        n_top, target = min(len(first), n_top * 4), None
    return TopK(indices, values)


def _identical_rows(left: sp.csr_matrix, right: sp.csr_matrix):
    """Distinct rows of ``(left, right)``: the distinct row of each row, members by row, bounds.

    >>> m = sp.csr_matrix(np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 0.0]]))
    >>> [x.tolist() for x in _identical_rows(m, m)]
    [[0, 1, 0], [0, 2, 1], [0, 2, 3]]
    """
    left, right = left.sorted_indices(), right.sorted_indices()
    seen: dict[tuple[bytes, bytes], int] = {}
    li, ld, lp = left.indices, left.data, left.indptr
    ri, rd, rp = right.indices, right.data, right.indptr
    group_of = np.empty(left.shape[0], dtype=np.int64)
    for row in range(left.shape[0]):
        a, b, c, d = lp[row], lp[row + 1], rp[row], rp[row + 1]
        # Indices and values of one side have the same length: each side's bytes are unique.
        key = (li[a:b].tobytes() + ld[a:b].tobytes(), ri[c:d].tobytes() + rd[c:d].tobytes())
        group_of[row] = seen.setdefault(key, len(seen))
    members = np.argsort(group_of, kind="stable")
    starts = np.concatenate(([0], np.cumsum(np.bincount(group_of, minlength=len(seen)))))
    return group_of, members, starts


class _Lists:
    """The best distinct rows of some distinct rows, cut at a profile count, and their cut.

    ``cut[r]`` is the best value a candidate left out of row ``r`` can have (``-inf`` when
    none is left out): a profile's list is exact when ``k`` partners score above it.
    """

    def __init__(self, product, chunk, size, *, n_top: int, complete: bool, target: int | None):
        lengths = np.diff(product.indptr)
        row = _segment_ids(lengths)
        cand, val = product.indices.astype(np.int64), product.data
        order = np.lexsort((cand, -val, row))
        row, cand, val = row[order], cand[order], val[order]
        n = len(chunk)
        cut = np.full(n, -np.inf)
        if not complete:
            # A full row: what it did not return scores at most its last value.
            full = np.flatnonzero(lengths >= n_top)
            cut[full] = val[product.indptr[full + 1] - 1]
        if target is not None and len(row):
            # Keep candidates up to `target` profiles and every one tied with the last kept.
            counted = np.cumsum(size[cand])
            within = counted - np.concatenate(([0], counted))[product.indptr[:-1]][row]
            reach = within - size[cand] < target
            last = np.full(n, np.inf, dtype=np.float64)
            np.minimum.at(last, row[reach], val[reach].astype(np.float64))
            take = reach | (val >= last[row])
            first_out = np.full(n, -np.inf)
            np.maximum.at(first_out, row[~take], val[~take].astype(np.float64))
            cut = np.maximum(cut, first_out)
            row, cand, val = row[take], cand[take], val[take]
        self.chunk, self.row, self.cand, self.val, self.cut, self.size = (
            chunk,
            row,
            cand,
            val,
            cut,
            size,
        )

    def expand(self, k, members, starts, territory, by_group, indices, values) -> np.ndarray:
        """Write the exact profile lists; return the distinct rows to ask again."""
        chunk, row, cand, val, size = self.chunk, self.row, self.cand, self.val, self.size
        query_group = chunk[row]
        # Every member of the query's distinct row against every member of each candidate.
        q_size = size[query_group]
        pair = _segment_ids(q_size)
        query = members[starts[query_group][pair] + _offsets(q_size)]
        q_row = row[pair]
        c_size = size[cand][pair]
        pair2 = _segment_ids(c_size)
        partner = members[starts[cand[pair]][pair2] + _offsets(c_size)]
        query, q_row, score = query[pair2], q_row[pair2], val[pair][pair2]
        ok = partner != query
        if by_group:
            ok &= territory[partner] != territory[query]
        query, q_row, partner, score = query[ok], q_row[ok], partner[ok], score[ok]
        order = np.lexsort((partner, -score, query))
        query, q_row, partner, score = query[order], q_row[order], partner[order], score[order]
        rank = np.arange(len(query)) - np.searchsorted(query, query, side="left")
        keep = rank < k
        query, q_row, partner, score, rank = (
            query[keep],
            q_row[keep],
            partner[keep],
            score[keep],
            rank[keep],
        )
        # Each member's count of partners above its row's cut; a member with fewer than k
        # (and something left out) fails its whole distinct row.
        above = score > self.cut[q_row]
        all_members = members[np.repeat(starts[chunk], size[chunk]) + _offsets(size[chunk])]
        member_row = np.repeat(np.arange(len(chunk)), size[chunk])
        count = np.zeros(len(members), dtype=np.int64)
        np.add.at(count, query[above], 1)
        failing = (count[all_members] < k) & (self.cut[member_row] > -np.inf)
        bad = np.zeros(len(chunk), dtype=bool)
        bad[member_row[failing]] = True
        good = ~bad[q_row]
        indices[query[good], rank[good]] = partner[good]
        values[query[good], rank[good]] = score[good]
        return chunk[bad]


def _offsets(lengths: np.ndarray) -> np.ndarray:
    """Position of each element inside its segment: ``[0..l0-1, 0..l1-1, ...]``.

    >>> _offsets(np.array([2, 0, 3])).tolist()
    [0, 1, 0, 1, 2]
    """
    total = int(lengths.sum())
    return np.arange(total) - np.repeat(np.cumsum(lengths) - lengths, lengths)
