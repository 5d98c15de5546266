"""Revealed comparative advantage, specialisation and relatedness between industries.

The building blocks of smart-specialisation analytics (Hidalgo et al. 2007; Hidalgo & Hausmann
2009; Balland, Boschma, Crespo & Rigby 2019). Every function takes and returns dense pandas
frames with one row per region and one column per category (industry or cluster category), or
one row and one column per category for relatedness. The definitions are those of the Harvard
Growth Lab's ``ecomplexity`` package (version 0.5.3), which the test suite checks on real data:

* RCA is the location quotient of :func:`clusterdialogue.core.mapping.location_quotient`,
* ``M = 1`` where ``RCA >= 1``,
* proximity ``phi(i, j) = min(P(M_i = 1 | M_j = 1), P(M_j = 1 | M_i = 1))`` over regions,
* relatedness density ``sum_j M(r, j) phi(i, j) / sum_j phi(i, j)``, the diagonal included.

:func:`colocation_correlation` is the co-location alternative to proximity: the correlation of
two categories' RCA (LQ) profiles across regions.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from clusterdialogue.core.mapping import location_quotient

__all__ = [
    "colocation_correlation",
    "proximity",
    "relatedness_density",
    "revealed_comparative_advantage",
    "specialisation_matrix",
]


def revealed_comparative_advantage(
    employment: pd.DataFrame, *, types: pd.Series | None = None
) -> pd.DataFrame:
    """Revealed comparative advantage (Balassa) of each region in each category.

    ``RCA(r, c) = (E_rc / E_r) / (E_c / E)``: the location quotient of the mapping engine, with
    the benchmark the sum over all regions given.

    Parameters
    ----------
    employment : pandas.DataFrame
        Employment, one row per region and one column per category. Missing values (NaN)
        count as zero, as in ``ecomplexity``.
    types : pandas.Series, optional
        The type (``traded`` or ``local``) of each category, indexed by category. As in the
        mapping engine, ``E_r`` and ``E`` are then totals over the categories of the same type.
        By default all categories form one type, which is the classic Balassa index.

    Returns
    -------
    pandas.DataFrame
        RCA, same shape as ``employment``; NaN for a region without employment (of the type)
        and for a category without employment in any region.

    Examples
    --------
    >>> employment = pd.DataFrame({"cars": [30, 10], "food": [70, 90]}, index=["A", "B"])
    >>> revealed_comparative_advantage(employment)
       cars   food
    A   1.5  0.875
    B   0.5  1.125
    """
    values = np.nan_to_num(employment.to_numpy(dtype="float64"), nan=0.0)
    rca = np.full(values.shape, np.nan)
    if types is None:
        groups = [np.arange(values.shape[1])]
    else:
        labels = types.reindex(employment.columns).fillna("traded").to_numpy()
        groups = [np.flatnonzero(labels == label) for label in pd.unique(labels)]
    for columns in groups:
        block = values[:, columns]
        region_total = block.sum(axis=1, keepdims=True)
        category_total = block.sum(axis=0, keepdims=True)
        rca[:, columns] = location_quotient(
            block, region_total, category_total, category_total.sum()
        )
    return pd.DataFrame(rca, index=employment.index, columns=employment.columns)


def specialisation_matrix(rca: pd.DataFrame, *, threshold: float = 1.0) -> pd.DataFrame:
    """The binary specialisation matrix ``M``: 1 where ``RCA >= threshold``, else 0.

    Parameters
    ----------
    rca : pandas.DataFrame
        Revealed comparative advantage, regions by categories.
    threshold : float, default 1.0
        The RCA from which a region counts as specialised (``ecomplexity``'s
        ``rca_mcp_threshold``).

    Returns
    -------
    pandas.DataFrame
        Integers 0 or 1, same shape as ``rca``; an undefined RCA (NaN) gives 0.

    Examples
    --------
    >>> rca = pd.DataFrame({"cars": [1.5, 0.5], "food": [1.0, np.nan]}, index=["A", "B"])
    >>> specialisation_matrix(rca)
       cars  food
    A     1     1
    B     0     0
    """
    values = rca.to_numpy(dtype="float64")
    with np.errstate(invalid="ignore"):
        m = (np.nan_to_num(values, nan=0.0) >= threshold).astype("int64")
    return pd.DataFrame(m, index=rca.index, columns=rca.columns)


def proximity(m: pd.DataFrame) -> pd.DataFrame:
    """Proximity (relatedness) between categories from co-specialisation across regions.

    ``phi(i, j) = min(P(M_i = 1 | M_j = 1), P(M_j = 1 | M_i = 1)) = C_ij / max(u_i, u_j)``, where
    ``C_ij`` counts the regions specialised in both categories and ``u_i`` those specialised in
    ``i`` (its ubiquity). Hidalgo, Klinger, Barabási & Hausmann (2007).

    Parameters
    ----------
    m : pandas.DataFrame
        The specialisation matrix (0/1), regions by categories.

    Returns
    -------
    pandas.DataFrame
        Categories by categories, symmetric, in [0, 1], with 1 on the diagonal. A category in
        which no region is specialised has proximity 0 to every category, itself included.

    Examples
    --------
    >>> m = pd.DataFrame({"x": [1, 0, 1], "y": [1, 1, 1], "z": [0, 1, 1]})
    >>> proximity(m).round(4)
            x       y       z
    x  1.0000  0.6667  0.5000
    y  0.6667  1.0000  0.6667
    z  0.5000  0.6667  1.0000
    """
    values = m.to_numpy(dtype="float64")
    both = values.T @ values
    ubiquity = np.diag(both)
    larger = np.maximum(ubiquity[:, np.newaxis], ubiquity[np.newaxis, :])
    with np.errstate(divide="ignore", invalid="ignore"):
        phi = np.where(larger > 0, both / larger, 0.0)
    return pd.DataFrame(phi, index=m.columns.copy(), columns=m.columns.copy())


def colocation_correlation(rca: pd.DataFrame, *, rescale: bool = False) -> pd.DataFrame:
    """Co-location of categories: the correlation of their RCA (LQ) profiles across regions.

    The alternative to :func:`proximity` that co-location studies and matchmaking use: two
    categories are related when the regions where one is over-represented tend to be those
    where the other is too. Unlike proximity it uses the size of the RCA, not only whether it
    passes 1, and it can be negative.

    Parameters
    ----------
    rca : pandas.DataFrame
        RCA (LQ), regions by categories. Regions with an undefined RCA (no employment) are
        left out.
    rescale : bool, default False
        Return ``(1 + r) / 2``, in [0, 1], which is ``ecomplexity``'s "continuous" proximity.

    Returns
    -------
    pandas.DataFrame
        Pearson correlations, categories by categories; NaN for a category whose RCA is the
        same in every region or undefined in some region.

    Examples
    --------
    >>> rca = pd.DataFrame({"x": [2.0, 1.0, 0.0], "y": [1.5, 1.0, 0.5], "z": [0.0, 1.0, 2.0]})
    >>> colocation_correlation(rca)
         x    y    z
    x  1.0  1.0 -1.0
    y  1.0  1.0 -1.0
    z -1.0 -1.0  1.0
    """
    values = rca.to_numpy(dtype="float64")
    values = values[~np.isnan(values).all(axis=1)]
    # A category undefined in some region left (no employment of its type there) has no
    # profile to compare: NaN, as is one that is the same everywhere (zero norm).
    defined = ~np.isnan(values).any(axis=0) & (len(values) > 1)
    filled = np.where(defined, values, 0.0)
    centred = filled - filled.sum(axis=0, keepdims=True) / max(len(filled), 1)
    norm = np.sqrt((centred**2).sum(axis=0))
    scale = np.outer(norm, norm)
    with np.errstate(divide="ignore", invalid="ignore"):
        r = np.where(scale > 0, np.clip((centred.T @ centred) / scale, -1.0, 1.0), np.nan)
    if rescale:
        r = (1.0 + r) / 2.0
    return pd.DataFrame(r, index=rca.columns.copy(), columns=rca.columns.copy())


def relatedness_density(m: pd.DataFrame, phi: pd.DataFrame) -> pd.DataFrame:
    """Relatedness density of each region around each category.

    ``density(r, i) = sum_j M(r, j) phi(i, j) / sum_j phi(i, j)``, the sum running over all
    categories, ``i`` itself included: the share of the category's related capabilities that
    the region already has (Hidalgo et al. 2007; Balland et al. 2019).

    Parameters
    ----------
    m : pandas.DataFrame
        The specialisation matrix (0/1), regions by categories.
    phi : pandas.DataFrame
        Proximity between the same categories (see :func:`proximity`).

    Returns
    -------
    pandas.DataFrame
        Regions by categories, in [0, 1]; NaN for a category related to nothing (one in which
        no region is specialised).

    Examples
    --------
    Region A is specialised in x and y; z is related to x by 1/2 and to y by 2/3:

    >>> m = pd.DataFrame({"x": [1, 0, 1], "y": [1, 1, 1], "z": [0, 1, 1]}, index=["A", "B", "C"])
    >>> density = relatedness_density(m, proximity(m))
    >>> round(float(density.loc["A", "z"]), 6)  # (1/2 + 2/3) / (1/2 + 2/3 + 1) = 7/13
    0.538462
    """
    phi = phi.loc[m.columns, m.columns]
    weights = phi.to_numpy(dtype="float64")
    total = weights.sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        density = (m.to_numpy(dtype="float64") @ weights.T) / total[np.newaxis, :]
    density[:, total == 0] = np.nan
    return pd.DataFrame(density, index=m.index.copy(), columns=m.columns.copy())
