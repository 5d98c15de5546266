"""The blockwise top-k equals a brute-force dense computation."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from clusterdialogue.core.matching import topk
from clusterdialogue.core.matching.topk import all_pairs_topk, csr_row_topk, sparse_topk


def brute_force(dense, k, groups=None, exclude_self=False):
    rows = []
    for i, row in enumerate(dense):
        candidates = [
            (-value, j)
            for j, value in enumerate(row)
            if value > 0
            and not (exclude_self and i == j)
            and not (groups is not None and groups[i] == groups[j])
        ]
        rows.append([j for _, j in sorted(candidates)[:k]])
    return rows


@st.composite
def matrices(draw):
    n = draw(st.integers(1, 25))
    f = draw(st.integers(1, 6))
    # Small integers: products are exact, so ties are real ties and must break by column.
    cells = draw(st.lists(st.integers(0, 3), min_size=n * f, max_size=n * f))
    dense = np.array(cells, dtype=np.float64).reshape(n, f)
    dense[draw(st.lists(st.integers(0, n - 1), max_size=n)), :] = 0
    return dense


@settings(max_examples=60, deadline=None)
@given(matrices(), st.integers(1, 6), st.integers(1, 60), st.booleans(), st.integers(1, 3))
def test_topk_equals_brute_force(dense, k, budget, cross, n_groups):
    a = sp.csr_matrix(dense)
    groups = np.arange(len(dense)) % n_groups if cross else None
    top = sparse_topk(
        a, a, k, exclude_self=True, row_groups=groups, col_groups=groups, block_budget=budget
    )
    expected = brute_force(dense @ dense.T, k, groups, exclude_self=True)
    product = dense @ dense.T
    for i, columns in enumerate(expected):
        got = [j for j in top.indices[i] if j >= 0]
        assert got == columns
        assert np.allclose(top.values[i, : len(got)], product[i, got])


@st.composite
def repeated_rows(draw):
    """Two sides of the same profiles, many of them identical (huge tie groups)."""
    base = draw(matrices())
    n = draw(st.integers(1, 60))
    picks = draw(st.lists(st.integers(0, len(base) - 1), min_size=n, max_size=n))
    left = base[picks]
    swap = draw(st.booleans())  # offers x needs: the right side need not equal the left
    right = left[:, ::-1] if swap else left
    return left, right


@settings(max_examples=80, deadline=None)
@given(repeated_rows(), st.integers(1, 6), st.integers(1, 5), st.integers(1, 30))
def test_all_pairs_topk_equals_brute_force(monkeypatch_sides, k, n_groups, chunk):
    left, right = monkeypatch_sides
    groups = (np.arange(len(left)) * 7 % 11) % n_groups
    old = topk.CHUNK_PROFILES
    topk.CHUNK_PROFILES = chunk  # several chunks and retries even on small inputs
    try:
        top = all_pairs_topk(sp.csr_matrix(left), sp.csr_matrix(right), k, groups=groups)
        again = all_pairs_topk(
            sp.csr_matrix(left), sp.csr_matrix(right), k, groups=groups, workers=2
        )
    finally:
        topk.CHUNK_PROFILES = old
    product = left @ right.T
    expected = brute_force(product, k, groups, exclude_self=True)
    for i, columns in enumerate(expected):
        got = [j for j in top.indices[i] if j >= 0]
        assert got == columns, (i, got, columns)
        assert np.allclose(top.values[i, : len(got)], product[i, got])
    assert (top.indices == again.indices).all()


def test_all_pairs_topk_tie_group_larger_than_the_list():
    # 40 identical profiles in 4 territories, 3 others: ties break by the smaller row.
    left = np.vstack([np.tile([1.0, 1.0, 0.0], (40, 1)), [[1.0, 0.0, 0.0]] * 3])
    groups = np.r_[np.arange(40) % 4, [0, 1, 2]]
    top = all_pairs_topk(sp.csr_matrix(left), sp.csr_matrix(left), 5, groups=groups)
    assert top.indices[0].tolist() == [1, 2, 3, 5, 6]
    assert top.indices[40].tolist() == [1, 2, 3, 5, 6]  # the tie group first (score 1 > ...)
    assert top.values[40].tolist() == [1.0] * 5
    assert top.indices[41].tolist()[:2] == [0, 2]


@settings(max_examples=25, deadline=None)
@given(matrices(), matrices(), st.integers(1, 4))
def test_rectangular_product(a_dense, b_dense, k):
    f = min(a_dense.shape[1], b_dense.shape[1])
    a_dense, b_dense = a_dense[:, :f], b_dense[:, :f]
    top = sparse_topk(sp.csr_matrix(a_dense), sp.csr_matrix(b_dense), k)
    assert [[j for j in row if j >= 0] for row in top.indices] == brute_force(
        a_dense @ b_dense.T, k
    )


def test_workers_give_the_same_result():
    rng = np.random.default_rng(3)
    a = sp.random(400, 30, density=0.1, random_state=rng, format="csr")
    one = sparse_topk(a, a, 5, exclude_self=True, block_budget=500)
    two = sparse_topk(a, a, 5, exclude_self=True, block_budget=500, workers=2)
    assert (one.indices == two.indices).all()
    assert np.allclose(one.values, two.values)


def test_csr_row_topk_keeps_the_largest():
    m = sp.csr_matrix(np.array([[1.0, 4.0, 4.0, 2.0], [0.0, 0.0, 1.0, 0.0]]))
    assert csr_row_topk(m, 2).toarray().tolist() == [[0, 4, 4, 0], [0, 0, 1, 0]]


def test_empty_inputs():
    empty = sp.csr_matrix((0, 3))
    assert sparse_topk(empty, empty, 3).indices.shape == (0, 3)
    zeros = sp.csr_matrix((2, 3))
    assert (sparse_topk(zeros, zeros, 2).indices == -1).all()
