"""Economic complexity of regions and industries, and the whole smart-specialisation pipeline.

:func:`complexity_matrices` takes employment per region and industry (as the mapping engine
does), sums industries into categories, and returns every measure as a
:class:`ComplexityResult`: RCA, the specialisation matrix ``M``, proximity, relatedness
density (from :mod:`clusterdialogue.core.relatedness`), the economic complexity index of
regions (ECI), the complexity of categories (PCI), the complexity outlook of regions (COI) and
the outlook gain of each region in each category (COG).

ECI and PCI follow Hidalgo & Hausmann (2009) in the eigenvector form of the Harvard Growth Lab's
``ecomplexity`` package (0.5.3), whose results the test suite reproduces to 1e-6:

* ``PCI`` is the eigenvector of the second largest eigenvalue of
  ``M_pp' = sum_r M(r,p) M(r,p') / (u_p d_r)`` (``d`` diversity, ``u`` ubiquity) and
  ``ECI(r)`` is the mean of that vector over the region's categories;
* the sign makes ECI correlate positively with diversity;
* ECI is standardised to mean 0 and standard deviation 1 (population, ``ddof=0``); PCI is
  shifted and scaled by the **same** mean and deviation, so that ECI remains the mean PCI of
  the region's categories (PCI is therefore not itself of mean 0, deviation 1).

COI and COG (Hausmann, Hidalgo et al. 2014) are computed as ``ecomplexity`` does, see
:func:`complexity_outlook`. Regions without employment and categories that no region has are
left out of all of this (NaN), as ``ecomplexity`` drops them. :func:`complexity_by_year` runs
the pipeline for every year of an input, checking it once.

The industry-to-category mapping is that of the mapping engine (its ``frame_categories_apply``), so
that a category means the same in both.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from clusterdialogue.core.mapping import frame_categories_apply
from clusterdialogue.core.relatedness import (
    proximity,
    relatedness_density,
    revealed_comparative_advantage,
    specialisation_matrix,
)

__all__ = [
    "ComplexityResult",
    "complexity_by_year",
    "complexity_indices",
    "complexity_matrices",
    "complexity_outlook",
]


@dataclass
class ComplexityResult:
    """What :func:`complexity_matrices` returns: every measure for one year.

    Attributes
    ----------
    year : int or None
        The year computed (None when the input has no year column).
    employment : pandas.DataFrame
        Employment per region (rows) and category (columns); absent cells are 0.
    rca : pandas.DataFrame
        Revealed comparative advantage (LQ), regions by categories.
    m : pandas.DataFrame
        The specialisation matrix, 1 where ``RCA >= threshold``.
    proximity : pandas.DataFrame
        Proximity between categories (categories by categories).
    density : pandas.DataFrame
        Relatedness density, regions by categories.
    eci : pandas.Series
        Economic complexity index of each region.
    pci : pandas.Series
        Complexity of each category.
    coi : pandas.Series
        Complexity outlook index of each region (standardised).
    cog : pandas.DataFrame
        Complexity outlook gain, regions by categories (0 where ``M = 1``).
    types : pandas.Series
        The type (``traded`` or ``local``) of each category.
    warnings : list of str
        Things the user should know, in plain words.
    unmapped_industries : list of str
        Industries of the input that the category mapping leaves out.
    """

    year: int | None
    employment: pd.DataFrame
    rca: pd.DataFrame
    m: pd.DataFrame
    proximity: pd.DataFrame
    density: pd.DataFrame
    eci: pd.Series
    pci: pd.Series
    coi: pd.Series
    cog: pd.DataFrame
    types: pd.Series
    warnings: list[str] = field(default_factory=list)
    unmapped_industries: list[str] = field(default_factory=list)

    @property
    def diversity(self) -> pd.Series:
        """Number of categories in which each region is specialised."""
        return self.m.sum(axis=1).rename("diversity")

    @property
    def ubiquity(self) -> pd.Series:
        """Number of regions specialised in each category."""
        return self.m.sum(axis=0).rename("ubiquity")

    def tables(self) -> dict[str, pd.DataFrame]:
        """The measures as long tables, keyed ``rca, proximity, density, eci, pci``.

        ``rca`` has the columns ``region, category, rca, m``; ``proximity`` ``category_a,
        category_b, proximity`` (every ordered pair, the diagonal included); ``density``
        ``region, category, density``; ``eci`` ``region, eci``; ``pci`` ``category, pci``.
        """
        cells = ("region", "category")
        rca = _long(self.rca, (*cells, "rca"))
        rca["m"] = self.m.to_numpy().ravel()
        return {
            "rca": rca,
            "proximity": _long(self.proximity, ("category_a", "category_b", "proximity")),
            "density": _long(self.density, (*cells, "density")),
            "eci": self.eci.rename_axis("region").reset_index(),
            "pci": self.pci.rename_axis("category").reset_index(),
        }


def complexity_indices(m: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Economic complexity of regions (ECI) and of categories (PCI).

    Parameters
    ----------
    m : pandas.DataFrame
        The specialisation matrix (0/1), regions by categories.

    Returns
    -------
    eci, pci : pandas.Series
        ECI per region (mean 0, standard deviation 1 with ``ddof=0``) and PCI per category on
        the same scale; NaN for regions specialised in nothing, categories no region is
        specialised in, and everywhere when the matrix has no structure to rank (fewer than two
        categories or regions, or all regions alike).

    Examples
    --------
    A nested matrix: A is specialised in everything, D only in the ubiquitous category y, and
    each region's ECI is the mean PCI of its categories:

    >>> m = pd.DataFrame(
    ...     {"x": [1, 0, 0, 0], "y": [1, 1, 1, 1], "z": [1, 1, 0, 0], "w": [1, 1, 1, 0]},
    ...     index=["A", "B", "C", "D"])
    >>> eci, pci = complexity_indices(m)
    >>> eci.round(4).tolist()
    [1.3416, 0.4472, -0.4472, -1.3416]
    >>> pci.round(4).tolist()
    [4.0249, -1.3416, 2.2361, 0.4472]
    """
    values = m.to_numpy(dtype="float64")
    diversity = values.sum(axis=1)
    ubiquity = values.sum(axis=0)
    rows, columns = diversity > 0, ubiquity > 0
    eci = np.full(len(diversity), np.nan)
    pci = np.full(len(ubiquity), np.nan)
    if rows.sum() >= 2 and columns.sum() >= 2:
        valid = values[rows][:, columns]
        d, u = diversity[rows], ubiquity[columns]
        # M_pp' = U^-1 M' D^-1 M is similar to the symmetric A'A with A = D^-1/2 M U^-1/2:
        # its eigenvectors are U^-1/2 times those of A'A, found stably with eigh.
        a = valid / np.sqrt(d)[:, np.newaxis] / np.sqrt(u)[np.newaxis, :]
        _, vectors = np.linalg.eigh(a.T @ a)
        kp = vectors[:, -2] / np.sqrt(u)
        kc = (valid / d[:, np.newaxis]) @ kp
        sign = _orientation(d, kc, u, kp)
        kc, kp = sign * kc, sign * kp
        mean, std = kc.mean(), kc.std()
        if std > 1e-9 * np.abs(kp).max():
            eci[rows] = (kc - mean) / std
            pci[columns] = (kp - mean) / std
    return pd.Series(eci, index=m.index.copy(), name="eci"), pd.Series(
        pci, index=m.columns.copy(), name="pci"
    )


def complexity_outlook(
    m: pd.DataFrame, phi: pd.DataFrame, density: pd.DataFrame, pci: pd.Series
) -> tuple[pd.Series, pd.DataFrame]:
    """Complexity outlook of each region (COI) and outlook gain per region and category (COG).

    With ``pci0`` the PCI shifted so that its ubiquity-weighted mean is 0 (the eigenvector's own
    origin, which is what ``ecomplexity`` uses):

    * ``COI(r) = sum_p density(r,p) (1 - M(r,p)) pci0(p)``, then standardised over regions
      (mean 0, standard deviation 1, ``ddof=0``): how much complexity lies near the region;
    * ``COG(r,p) = (1 - M(r,p)) sum_j (1 - M(r,j)) phi(j,p) / sum_k phi(j,k) pci0(j)``: how much
      nearby complexity the region would gain by specialising in ``p``.

    Parameters
    ----------
    m : pandas.DataFrame
        The specialisation matrix (0/1), regions by categories.
    phi : pandas.DataFrame
        Proximity between the categories.
    density : pandas.DataFrame
        Relatedness density, regions by categories.
    pci : pandas.Series
        Complexity of each category (from :func:`complexity_indices`).

    Returns
    -------
    coi : pandas.Series
        Per region; NaN for regions specialised in nothing.
    cog : pandas.DataFrame
        Regions by categories; NaN for those regions and for categories without a PCI.

    Examples
    --------
    A has every category, so no outlook; D, the least diverse, gains most from x and z:

    >>> m = pd.DataFrame(
    ...     {"x": [1, 0, 0, 0], "y": [1, 1, 1, 1], "z": [1, 1, 0, 0], "w": [1, 1, 1, 0]},
    ...     index=["A", "B", "C", "D"])
    >>> phi = proximity(m)
    >>> _, pci = complexity_indices(m)
    >>> coi, cog = complexity_outlook(m, phi, relatedness_density(m, phi), pci)
    >>> coi.round(4).tolist()
    [-1.4325, 0.985, 0.8862, -0.4387]
    >>> cog.loc["D"].round(3).tolist()
    [2.053, 0.0, 1.529, 1.02]
    """
    values = m.to_numpy(dtype="float64")
    rows = values.sum(axis=1) > 0
    pci_values = pci.reindex(m.columns).to_numpy(dtype="float64")
    columns = ~np.isnan(pci_values)
    coi = np.full(len(values), np.nan)
    cog = np.full(values.shape, np.nan)
    if columns.any() and rows.any():
        absent = 1.0 - values[rows]
        ubiquity = values.sum(axis=0)[columns]
        centred = np.zeros(len(pci_values))
        centred[columns] = pci_values[columns] - ubiquity @ pci_values[columns] / ubiquity.sum()
        dens = np.nan_to_num(density.loc[m.index, m.columns].to_numpy(dtype="float64")[rows])
        raw = (dens * absent * centred).sum(axis=1)
        spread = raw.std()
        coi[rows] = (raw - raw.mean()) / spread if spread > 0 else np.nan
        weights = phi.loc[m.columns, m.columns].to_numpy(dtype="float64")
        total = weights.sum(axis=1)
        with np.errstate(divide="ignore", invalid="ignore"):
            scaled = np.where(total > 0, centred / total, 0.0)
        gain = absent * (absent @ (weights * scaled[:, np.newaxis]))
        cog[np.ix_(rows, columns)] = gain[:, columns]
    return (
        pd.Series(coi, index=m.index.copy(), name="coi"),
        pd.DataFrame(cog, index=m.index.copy(), columns=m.columns.copy()),
    )


def complexity_matrices(
    employment: pd.DataFrame,
    *,
    categories: pd.DataFrame | None = None,
    year: int | None = None,
    threshold: float = 1.0,
) -> ComplexityResult:
    """Every smart-specialisation measure for one year of employment data.

    Parameters
    ----------
    employment : pandas.DataFrame
        Columns ``region, industry, employment`` and optionally ``year`` (other columns are
        ignored). Pass one regional level at a time. Missing employment (NaN) and cells absent
        from the input count as zero, as in ``ecomplexity``.
    categories : pandas.DataFrame, optional
        Columns ``industry, category`` and optionally ``type`` (``traded``/``local``), as for
        :func:`clusterdialogue.core.mapping.map_clusters`: industries of a category are
        summed, unlisted industries left out, and RCA uses totals over categories of the same
        type. Without it each industry is its own (traded) category.
    year : int, optional
        The year to compute when ``employment`` has a year column; by default the latest year
        with any employment. Each year is computed on its own.
    threshold : float, default 1.0
        RCA from which ``M = 1``.

    Returns
    -------
    ComplexityResult
        Indexed by every region of the input (all years) and every category (of ``categories``
        when given, else every industry of the input): regions and categories without
        employment in the year are present with NaN measures and ``M = 0``.

    Raises
    ------
    ValueError
        On missing columns, negative or duplicate rows, or a year the input does not have.

    Examples
    --------
    >>> employment = pd.DataFrame({
    ...     "year": 2015, "region": list("AAAABBBBCCCC"), "industry": list("wxyz") * 3,
    ...     "employment": [40, 30, 20, 10, 10, 20, 30, 40, 25, 25, 25, 25]})
    >>> result = complexity_matrices(employment)
    >>> result.rca.loc["A"].tolist(), result.m.loc["A"].tolist()
    ([1.6, 1.2, 0.8, 0.4], [1, 1, 0, 0])
    >>> result.eci.round(4).tolist()
    [-1.2247, 1.2247, 0.0]
    """
    prepared = _Prepared(employment, categories)
    return _compute(prepared, prepared.choose(year), threshold)


def complexity_by_year(
    employment: pd.DataFrame,
    *,
    categories: pd.DataFrame | None = None,
    threshold: float = 1.0,
) -> dict[int, ComplexityResult]:
    """:func:`complexity_matrices` for every year with employment, checking the input once.

    Parameters
    ----------
    employment : pandas.DataFrame
        Columns ``year, region, industry, employment``.
    categories : pandas.DataFrame, optional
        As for :func:`complexity_matrices`.
    threshold : float, default 1.0
        RCA from which ``M = 1``.

    Returns
    -------
    dict of int to ComplexityResult
        One result per year with any employment, in year order; all share the same regions
        and categories, so that :func:`~clusterdialogue.core.diversification.
        specialisation_dynamics` can compare any two.

    Raises
    ------
    ValueError
        As :func:`complexity_matrices`, and when ``employment`` has no year column.

    Examples
    --------
    >>> employment = pd.DataFrame({
    ...     "year": [2010, 2010, 2011, 2011], "region": ["A", "B", "A", "B"],
    ...     "industry": ["x", "x", "x", "x"], "employment": [1, 2, 3, np.nan]})
    >>> results = complexity_by_year(employment)
    >>> {year: result.rca["x"].tolist() for year, result in results.items()}
    {2010: [1.0, 1.0], 2011: [1.0, nan]}
    """
    prepared = _Prepared(employment, categories)
    if not prepared.has_year:
        raise ValueError("employment has no year column; use complexity_matrices")
    return {year: _compute(prepared, year, threshold) for year in prepared.years_with_data}


class _Prepared:
    """The checked input: employment rows, every region and every category with its type."""

    def __init__(self, employment: pd.DataFrame, categories: pd.DataFrame | None) -> None:
        required = ("region", "industry", "employment")
        missing = [name for name in required if name not in employment.columns]
        if missing:
            raise ValueError(
                f"employment lacks the column(s) {', '.join(missing)}; required: "
                f"{', '.join(required)}; found: {', '.join(map(str, employment.columns))}"
            )
        self.has_year = "year" in employment.columns
        keys = ["year", "region", "industry"] if self.has_year else ["region", "industry"]
        frame = employment[[*keys, "employment"]].copy()
        frame["region"] = frame["region"].astype("str")
        frame["industry"] = frame["industry"].astype("str")
        frame["employment"] = pd.to_numeric(frame["employment"]).astype("float64")
        if frame[keys].isna().any(axis=None):
            raise ValueError(f"employment has rows without a {' or '.join(keys)}")
        if frame.duplicated(keys).any():
            raise ValueError(f"employment has duplicate rows for the same {', '.join(keys)}")
        if (frame["employment"] < 0).any():
            raise ValueError("employment has negative values")
        # Check the category mapping (columns, types, duplicates) before any year is computed.
        frame_categories_apply(frame.head(0), categories, [])
        self.frame = frame
        self.categories = categories
        self.regions = pd.Index(sorted(frame["region"].unique()), name="region")
        if categories is None:
            names = sorted(frame["industry"].unique())
            types = pd.Series("traded", index=names, dtype="object")
        else:
            mapping = categories.assign(category=categories["category"].astype("str"))
            if "type" not in mapping.columns:
                mapping["type"] = "traded"
            kind = mapping["type"].fillna("traded").astype("str").str.strip().str.lower()
            mapping["type"] = kind
            types = mapping.drop_duplicates("category").set_index("category")["type"]
            types = types.sort_index()
        types.index.name = "category"
        self.types = types
        self.years_with_data: list[int] = []
        if self.has_year:
            positive = frame.loc[frame["employment"] > 0, "year"]
            self.years_with_data = sorted(int(year) for year in positive.unique())

    def choose(self, year: int | None) -> int | None:
        """The year to compute: ``year`` if the input has it, else the latest with data."""
        if not self.has_year:
            if year is not None:
                raise ValueError(f"year {year} asked for but employment has no year column")
            return None
        if year is None:
            if not self.years_with_data:
                raise ValueError("employment has no positive value in any year")
            return self.years_with_data[-1]
        if year not in set(self.frame["year"]):
            shown = ", ".join(str(y) for y in sorted(self.frame["year"].unique()))
            raise ValueError(f"employment has no year {year}; its years: {shown}")
        return int(year)


def _compute(prepared: _Prepared, year: int | None, threshold: float) -> ComplexityResult:
    frame = prepared.frame
    if year is not None:
        frame = frame.loc[frame["year"] == year]
    warnings: list[str] = []
    blank = int(frame["employment"].isna().sum())
    if blank:
        warnings.append(
            f"{blank} row{'s' if blank != 1 else ''} with missing employment counted as zero"
        )
    frame = frame.loc[frame["employment"].notna()]
    mapped, unmapped = frame_categories_apply(frame, prepared.categories, warnings)
    regions, types = prepared.regions, prepared.types
    # Dense region x category sums (industries of a category add up), absent cells 0.
    row = regions.get_indexer(mapped["region"])
    column = types.index.get_indexer(mapped["category"])
    sums = np.bincount(
        row * len(types) + column,
        weights=mapped["employment"].to_numpy(dtype="float64"),
        minlength=len(regions) * len(types),
    )
    wide = pd.DataFrame(
        sums.reshape(len(regions), len(types)), index=regions.copy(), columns=types.index.copy()
    )

    rca = revealed_comparative_advantage(wide, types=types if types.nunique() > 1 else None)
    m = specialisation_matrix(rca, threshold=threshold)
    phi = proximity(m)
    density = relatedness_density(m, phi)
    density.loc[wide.sum(axis=1) == 0] = np.nan
    eci, pci = complexity_indices(m)
    coi, cog = complexity_outlook(m, phi, density, pci)
    _note_gaps(wide, eci, warnings)
    return ComplexityResult(
        year=year,
        employment=wide,
        rca=rca,
        m=m,
        proximity=phi,
        density=density,
        eci=eci,
        pci=pci,
        coi=coi,
        cog=cog,
        types=types.copy(),
        warnings=warnings,
        unmapped_industries=unmapped,
    )


def _orientation(d: np.ndarray, kc: np.ndarray, u: np.ndarray, kp: np.ndarray) -> float:
    """+1 or -1: ECI must correlate positively with diversity (``ecomplexity``'s convention).

    When diversity is the same everywhere, fall back on PCI correlating negatively with
    ubiquity (complex activities are rare).
    """
    for x, y, flip in ((d, kc, 1.0), (u, kp, -1.0)):
        covariance = float(((x - x.mean()) * (y - y.mean())).mean())
        if abs(covariance) > 1e-12 * (np.abs(y).max() or 1.0):
            return flip * float(np.sign(covariance))
    return 1.0


def _note_gaps(wide: pd.DataFrame, eci: pd.Series, warnings: list[str]) -> None:
    for axis, what in ((1, "region"), (0, "category")):
        empty = wide.sum(axis=axis)
        empty = empty.index[empty == 0].tolist()
        if empty:
            shown = ", ".join(empty[:10]) + (", ..." if len(empty) > 10 else "")
            plural = "regions" if what == "region" else "categories"
            warnings.append(
                f"{len(empty)} {what if len(empty) == 1 else plural} without employment; "
                f"their measures are left empty: {shown}"
            )
    if eci.isna().all() and len(eci):
        warnings.append("the complexity indices are undefined: too few regions or categories")


def _long(matrix: pd.DataFrame, names: tuple[str, str, str]) -> pd.DataFrame:
    rows, columns = matrix.index.to_numpy(), matrix.columns.to_numpy()
    return pd.DataFrame(
        {
            names[0]: np.repeat(rows, len(columns)),
            names[1]: np.tile(columns, len(rows)),
            names[2]: matrix.to_numpy().ravel(),
        }
    )
