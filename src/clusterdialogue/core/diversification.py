"""Where a region could diversify next, and whether relatedness predicted past diversification.

Both functions read :class:`~clusterdialogue.core.complexity.ComplexityResult` objects.

* :func:`diversification_opportunities` ranks the categories in which a region has no
  advantage yet (``RCA < 1``) by relatedness density and complexity, and places each in one of
  the four quadrants of Balland, Boschma, Crespo & Rigby (2019): high density means low risk
  (the region has most related capabilities), high complexity means high reward.
* :func:`specialisation_dynamics` compares two years: the entries (a region gains ``M = 1``)
  and exits of advantage, and the entry rate by decile of the start year's density, which is
  the usual evidence that relatedness guides diversification (Hidalgo et al. 2007).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from clusterdialogue.core.complexity import ComplexityResult

__all__ = [
    "QUADRANTS",
    "SpecialisationDynamics",
    "diversification_opportunities",
    "specialisation_dynamics",
]

#: Quadrant of (high density, high complexity), after Balland et al. (2019), Figure 2.
QUADRANTS = {
    (True, True): "low risk, high reward",
    (False, True): "high risk, high reward",
    (True, False): "low risk, low reward",
    (False, False): "high risk, low reward",
}

OPPORTUNITY_COLUMNS = [
    "region", "rank", "category", "rca", "density", "pci", "cog",
    "density_percentile", "pci_percentile", "quadrant", "score", "reason",
]  # fmt: skip


def diversification_opportunities(
    result: ComplexityResult,
    region: str | None = None,
    *,
    weight: float = 0.5,
    top: int | None = None,
) -> pd.DataFrame:
    """Rank a region's diversification opportunities: categories without advantage yet.

    The candidates are the categories where the region's ``M`` is 0 and density and PCI are
    known. Each gets its percentile among the region's candidates for density and for PCI
    (``rank / number of candidates``, the highest being 1, ties averaged), and

    * ``score = weight * density_percentile + (1 - weight) * pci_percentile``;
    * ``quadrant``: density above the region's median candidate means *low risk* (the region
      has more of the related capabilities), PCI above the median candidate means *high
      reward* (Balland et al. 2019): ``low risk, high reward`` (the sweet spot),
      ``high risk, high reward``, ``low risk, low reward`` and ``high risk, low reward``.

    Parameters
    ----------
    result : ComplexityResult
        From :func:`~clusterdialogue.core.complexity.complexity_matrices`.
    region : str, optional
        The region; by default every region, one after the other.
    weight : float, default 0.5
        Weight of density (feasibility) against complexity (value) in the score, in [0, 1].
    top : int, optional
        Keep the ``top`` best candidates of each region; by default all of them.

    Returns
    -------
    pandas.DataFrame
        Columns ``region, rank, category, rca, density, pci, cog, density_percentile,
        pci_percentile, quadrant, score, reason``, best first within each region (by score,
        then density, then category). ``reason`` says in plain words why.

    Raises
    ------
    KeyError
        When ``region`` is not in the result.
    ValueError
        When ``weight`` is outside [0, 1].

    Examples
    --------
    >>> from clusterdialogue.core.complexity import complexity_matrices
    >>> employment = pd.DataFrame({
    ...     "region": np.repeat(list("ABCDE"), 5), "industry": list("vwxyz") * 5,
    ...     "employment": [1, 2, 6, 2, 0, 7, 2, 1, 5, 9, 9, 8, 7, 2, 7, 4, 9, 7, 8, 1,
    ...                    1, 2, 2, 4, 6]})
    >>> table = diversification_opportunities(complexity_matrices(employment), "A")
    >>> table[["rank", "category", "density", "pci", "quadrant", "score"]].round(3)
       rank category  density    pci                quadrant  score
    0     1        y    0.125  0.977   low risk, high reward  0.750
    1     2        w    0.235 -0.679    low risk, low reward  0.625
    2     3        z    0.111  1.232  high risk, high reward  0.625
    3     4        v    0.118  0.797   high risk, low reward  0.500
    >>> print(table["reason"][0])
    no advantage yet (RCA 0.97); relatedness density 0.125 ranks 2nd of the region's 4 candidates (low risk); complexity +0.98 ranks 2nd (high reward)
    """
    if not 0.0 <= weight <= 1.0:
        raise ValueError(f"weight must be between 0 and 1, not {weight}")
    regions = result.m.index if region is None else [region]
    if region is not None and region not in result.m.index:
        raise KeyError(f"region {region!r} is not in the result")
    frame = pd.DataFrame(
        {
            "region": np.repeat(result.m.index.to_numpy(), result.m.shape[1]),
            "category": np.tile(result.m.columns.to_numpy(), result.m.shape[0]),
            "rca": result.rca.to_numpy().ravel(),
            "m": result.m.to_numpy().ravel(),
            "density": result.density.to_numpy().ravel(),
            "pci": np.tile(result.pci.reindex(result.m.columns).to_numpy(), result.m.shape[0]),
            "cog": result.cog.to_numpy().ravel(),
        }
    )
    frame = frame.loc[
        frame["region"].isin(regions)
        & (frame["m"] == 0)
        & frame["density"].notna()
        & frame["pci"].notna()
    ].drop(columns="m")
    by_region = frame.groupby("region")
    frame["density_percentile"] = by_region["density"].rank(pct=True)
    frame["pci_percentile"] = by_region["pci"].rank(pct=True)
    frame["score"] = (
        weight * frame["density_percentile"] + (1 - weight) * frame["pci_percentile"]
    ).round(6)
    related = frame["density"] > by_region["density"].transform("median")
    complex_ = frame["pci"] > by_region["pci"].transform("median")
    frame["density_rank"] = by_region["density"].rank(ascending=False, method="min")
    frame["pci_rank"] = by_region["pci"].rank(ascending=False, method="min")
    frame["candidates"] = by_region["density"].transform("size")
    frame["quadrant"] = [QUADRANTS[key] for key in zip(related, complex_, strict=True)]
    frame = frame.sort_values(
        ["region", "score", "density", "category"], ascending=[True, False, False, True]
    )
    frame["rank"] = frame.groupby("region").cumcount() + 1
    if top is not None:
        frame = frame.loc[frame["rank"] <= top]
    frame["reason"] = [_reason(row) for row in frame.itertuples(index=False)]
    return frame[OPPORTUNITY_COLUMNS].reset_index(drop=True)


@dataclass
class SpecialisationDynamics:
    """What :func:`specialisation_dynamics` returns.

    Attributes
    ----------
    start_year, end_year : int or None
        The years compared.
    transitions : pandas.DataFrame
        One row per region and category known in both years: ``region, category, rca_start,
        rca_end, m_start, m_end, density_start, change`` with ``change`` one of ``entry``
        (``M`` 0 then 1), ``exit`` (1 then 0), ``kept`` (1 and 1) or ``none`` (0 and 0).
    by_decile : pandas.DataFrame
        Among the candidates (``M = 0`` at the start): ``decile, density_from, density_to,
        candidates, entries, entry_rate``, decile 1 having the lowest start density. Tied
        densities stay in one decile, so there can be fewer than ten.
    summary : dict
        ``candidates, entries, entry_rate, incumbents, exits, exit_rate,
        mean_density_entries, mean_density_non_entries, auc`` where ``auc`` is the chance that
        an entry had a higher start density than a candidate that did not enter (0.5 means
        density says nothing; ties count half).
    evidence : str
        The finding in plain words.
    """

    start_year: int | None
    end_year: int | None
    transitions: pd.DataFrame
    by_decile: pd.DataFrame
    summary: dict[str, float]
    evidence: str

    @property
    def entries(self) -> pd.DataFrame:
        """The region-category pairs that gained an advantage."""
        return self.transitions.loc[self.transitions["change"] == "entry"]

    @property
    def exits(self) -> pd.DataFrame:
        """The region-category pairs that lost their advantage."""
        return self.transitions.loc[self.transitions["change"] == "exit"]


def specialisation_dynamics(
    start: ComplexityResult, end: ComplexityResult, *, bins: int = 10
) -> SpecialisationDynamics:
    """Entries and exits of advantage between two years, and whether density predicted them.

    Only region-category pairs whose RCA is defined in both years count (a region or category
    without employment in one year is left out).

    Parameters
    ----------
    start, end : ComplexityResult
        The two years, from :func:`~clusterdialogue.core.complexity.complexity_matrices`
        (same regional level and categories).
    bins : int, default 10
        Number of density quantiles (10 gives deciles).

    Returns
    -------
    SpecialisationDynamics

    Examples
    --------
    In 2010 A is specialised in y and B in x; in 2011 they have swapped:

    >>> from clusterdialogue.core.complexity import complexity_matrices
    >>> employment = pd.DataFrame({
    ...     "year": [2010] * 4 + [2011] * 4, "region": list("AABB") * 2,
    ...     "industry": list("xyxy") * 2, "employment": [10, 90, 90, 10, 80, 20, 10, 90]})
    >>> dynamics = specialisation_dynamics(
    ...     complexity_matrices(employment, year=2010), complexity_matrices(employment, year=2011))
    >>> dynamics.transitions[["region", "category", "m_start", "m_end", "change"]]
      region category  m_start  m_end change
    0      A        x        0      1  entry
    1      A        y        1      0   exit
    2      B        x        1      0   exit
    3      B        y        0      1  entry
    """
    regions = start.rca.index.intersection(end.rca.index, sort=False)
    categories = start.rca.columns.intersection(end.rca.columns, sort=False)
    keys = pd.MultiIndex.from_product([regions, categories], names=["region", "category"])

    def cells(matrix: pd.DataFrame) -> np.ndarray:
        return matrix.loc[regions, categories].to_numpy(dtype="float64").ravel()

    table = pd.DataFrame(
        {
            "rca_start": cells(start.rca),
            "rca_end": cells(end.rca),
            "m_start": cells(start.m).astype("int64"),
            "m_end": cells(end.m).astype("int64"),
            "density_start": cells(start.density),
        },
        index=keys,
    ).reset_index()
    table = table.loc[table["rca_start"].notna() & table["rca_end"].notna()]
    change = np.select(
        [
            (table["m_start"] == 0) & (table["m_end"] == 1),
            (table["m_start"] == 1) & (table["m_end"] == 0),
            table["m_start"] == 1,
        ],
        ["entry", "exit", "kept"],
        default="none",
    )
    table = table.assign(change=change).reset_index(drop=True)
    candidates = table.loc[(table["m_start"] == 0) & table["density_start"].notna()]
    entered = candidates["change"] == "entry"
    by_decile = _by_decile(candidates["density_start"], entered, bins)
    incumbents = int((table["m_start"] == 1).sum())
    exits = int((table["change"] == "exit").sum())
    summary = {
        "candidates": len(candidates),
        "entries": int(entered.sum()),
        "entry_rate": float(entered.mean()) if len(candidates) else np.nan,
        "incumbents": incumbents,
        "exits": exits,
        "exit_rate": exits / incumbents if incumbents else np.nan,
        "mean_density_entries": float(candidates.loc[entered, "density_start"].mean()),
        "mean_density_non_entries": float(candidates.loc[~entered, "density_start"].mean()),
        "auc": _auc(candidates["density_start"], entered),
    }
    return SpecialisationDynamics(
        start_year=start.year,
        end_year=end.year,
        transitions=table,
        by_decile=by_decile,
        summary=summary,
        evidence=_evidence(summary, by_decile),
    )


def _reason(row) -> str:
    risk, reward = row.quadrant.split(", ")
    return (
        f"no advantage yet (RCA {row.rca:.2f}); relatedness density {row.density:.3f} ranks "
        f"{_ordinal(row.density_rank)} of the region's {row.candidates} candidates ({risk}); "
        f"complexity {row.pci:+.2f} ranks {_ordinal(row.pci_rank)} ({reward})"
    )


def _ordinal(number: float) -> str:
    number = int(number)
    suffix = (
        "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{suffix}"


def _by_decile(density: pd.Series, entered: pd.Series, bins: int) -> pd.DataFrame:
    columns = ["decile", "density_from", "density_to", "candidates", "entries", "entry_rate"]
    if density.empty:
        return pd.DataFrame(columns=columns)
    decile = pd.qcut(density, bins, labels=False, duplicates="drop")
    grouped = pd.DataFrame({"decile": decile + 1, "density": density, "entered": entered})
    table = grouped.groupby("decile").agg(
        density_from=("density", "min"),
        density_to=("density", "max"),
        candidates=("entered", "size"),
        entries=("entered", "sum"),
    )
    table["entries"] = table["entries"].astype("int64")
    table["entry_rate"] = table["entries"] / table["candidates"]
    table = table.reset_index()
    table["decile"] = np.arange(1, len(table) + 1)
    return table[columns]


def _auc(score: pd.Series, positive: pd.Series) -> float:
    """Chance that a positive scores higher than a negative (Mann-Whitney), ties half."""
    positives, negatives = int(positive.sum()), int((~positive).sum())
    if not positives or not negatives:
        return np.nan
    ranks = score.rank(method="average")
    return float((ranks[positive].sum() - positives * (positives + 1) / 2) / positives / negatives)


def _evidence(summary: dict[str, float], by_decile: pd.DataFrame) -> str:
    if not summary["entries"] or by_decile.empty:
        return "no region gained a new advantage between the two years: nothing to test"
    low, high = by_decile.iloc[0], by_decile.iloc[-1]
    auc = summary["auc"]
    verdict = (
        "density predicted entries"
        if auc >= 0.6
        else "density predicted entries weakly"
        if auc > 0.5
        else "density did not predict entries"
    )
    return (
        f"{summary['entries']} of {summary['candidates']} candidate region-category pairs "
        f"gained an advantage ({summary['entry_rate']:.1%}); the entry rate was "
        f"{high['entry_rate']:.1%} in the highest density group against "
        f"{low['entry_rate']:.1%} in the lowest; an entry had a higher start density than a "
        f"non-entry in {auc:.0%} of comparisons (AUC {auc:.2f}): {verdict}"
    )
