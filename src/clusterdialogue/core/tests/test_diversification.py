"""Tests of diversification opportunities (Balland et al. quadrants) and specialisation dynamics."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from clusterdialogue.core.complexity import ComplexityResult, complexity_matrices
from clusterdialogue.core.diversification import (
    QUADRANTS,
    diversification_opportunities,
    specialisation_dynamics,
)


def made_result(
    rca: pd.DataFrame, density: pd.DataFrame, pci: pd.Series, year: int | None = None
) -> ComplexityResult:
    """A result with chosen RCA, density and PCI (the other measures are placeholders)."""
    m = (rca.fillna(0) >= 1).astype("int64")
    zeros = pd.DataFrame(0.0, index=rca.index, columns=rca.columns)
    return ComplexityResult(
        year=year,
        employment=zeros,
        rca=rca,
        m=m,
        proximity=pd.DataFrame(np.eye(len(rca.columns)), rca.columns, rca.columns),
        density=density,
        eci=pd.Series(0.0, index=rca.index),
        pci=pci,
        coi=pd.Series(0.0, index=rca.index),
        cog=zeros.where(m == 0),
        types=pd.Series("traded", index=rca.columns),
    )


# One region R with five candidates a-e, one category it already has (k) and one without a
# complexity (n). Among the candidates the median density is 0.3 and the median PCI 3:
#
#   cat  density  pci  density pct  pci pct  score (w = 0.5)  quadrant
#   a      0.1     5      0.2        1.0        0.6           high risk, high reward
#   b      0.2     1      0.4        0.2        0.3           high risk, low reward
#   c      0.3     4      0.6        0.8        0.7           high risk, high reward (0.3 is the median)
#   d      0.4     2      0.8        0.4        0.6           low risk, low reward
#   e      0.5     3      1.0        0.6        0.8           low risk, low reward (3 is the median)
CATEGORIES = list("abcdekn")
HAND = made_result(
    rca=pd.DataFrame([[0.1, 0.2, 0.3, 0.4, 0.5, 2.0, 0.5]], index=["R"], columns=CATEGORIES),
    density=pd.DataFrame([[0.1, 0.2, 0.3, 0.4, 0.5, 0.9, 0.9]], index=["R"], columns=CATEGORIES),
    pci=pd.Series([5.0, 1.0, 4.0, 2.0, 3.0, 9.0, np.nan], index=CATEGORIES),
)


def test_quadrants_scores_and_order_by_hand():
    table = diversification_opportunities(HAND, "R")
    assert table["category"].tolist() == ["e", "c", "d", "a", "b"]  # d beats a on density
    assert table["rank"].tolist() == [1, 2, 3, 4, 5]
    assert table["score"].tolist() == pytest.approx([0.8, 0.7, 0.6, 0.6, 0.3])
    assert dict(zip(table["category"], table["quadrant"], strict=True)) == {
        "a": "high risk, high reward",
        "b": "high risk, low reward",
        "c": "high risk, high reward",
        "d": "low risk, low reward",
        "e": "low risk, low reward",
    }
    assert table["density_percentile"].tolist() == pytest.approx([1.0, 0.6, 0.8, 0.2, 0.4])
    assert set(table["quadrant"]) <= set(QUADRANTS.values())
    assert table.columns.tolist() == [
        "region", "rank", "category", "rca", "density", "pci", "cog",
        "density_percentile", "pci_percentile", "quadrant", "score", "reason",
    ]  # fmt: skip


def test_reason_says_why_in_plain_words():
    reason = diversification_opportunities(HAND, "R")["reason"].iloc[0]
    assert reason == (
        "no advantage yet (RCA 0.50); relatedness density 0.500 ranks 1st of the region's 5 "
        "candidates (low risk); complexity +3.00 ranks 3rd (low reward)"
    )


@pytest.mark.parametrize(
    ("weight", "order"),
    [(1.0, ["e", "d", "c", "b", "a"]), (0.0, ["a", "c", "e", "d", "b"])],
)
def test_weight_moves_the_ranking_between_density_and_complexity(weight, order):
    assert diversification_opportunities(HAND, "R", weight=weight)["category"].tolist() == order


def test_top_all_regions_and_errors():
    employment = pd.DataFrame(
        {
            "region": np.repeat(list("ABCDE"), 5),
            "industry": list("vwxyz") * 5,
            "employment": [1, 2, 6, 2, 0, 7, 2, 1, 5, 9, 9, 8, 7, 2, 7, 4, 9, 7, 8, 1, 1, 2, 2,
                           4, 6],
        }
    )  # fmt: skip
    result = complexity_matrices(employment)
    everything = diversification_opportunities(result)
    assert len(everything) == int((result.m == 0).sum().sum())
    assert everything["region"].is_monotonic_increasing
    best = diversification_opportunities(result, top=1)
    assert best["region"].tolist() == list("ABCDE")
    assert best["rank"].eq(1).all()
    with pytest.raises(KeyError, match="'Z' is not in the result"):
        diversification_opportunities(result, "Z")
    with pytest.raises(ValueError, match="weight must be between 0 and 1"):
        diversification_opportunities(result, weight=1.5)


@settings(max_examples=60, deadline=None)
@given(
    arrays(np.int64, st.tuples(st.integers(2, 8), st.integers(2, 8)), elements=st.integers(0, 50))
)
def test_opportunities_are_the_cells_without_advantage(values):
    employment = pd.DataFrame(
        {
            "region": np.repeat([f"R{i}" for i in range(values.shape[0])], values.shape[1]),
            "industry": np.tile([f"I{j}" for j in range(values.shape[1])], values.shape[0]),
            "employment": values.ravel(),
        }
    )
    result = complexity_matrices(employment)
    table = diversification_opportunities(result)
    for row in table.itertuples():
        assert result.m.loc[row.region, row.category] == 0
    assert ((table["score"] >= 0) & (table["score"] <= 1)).all()
    if len(table):
        firsts = table.groupby("region")["score"].first()
        assert (firsts == table.groupby("region")["score"].max()).all()


# --- specialisation dynamics ---------------------------------------------------------------


def grid(values, regions, categories) -> pd.DataFrame:
    return pd.DataFrame(np.asarray(values, dtype="float64"), index=regions, columns=categories)


def test_dynamics_counts_entries_exits_and_deciles_by_hand():
    regions, categories = ["A", "B"], ["p", "q", "r", "s"]
    start = made_result(
        rca=grid([[2, 0.5, 0.5, 0.5], [0.5, 2, 0.5, 0.5]], regions, categories),
        density=grid([[1, 0.8, 0.2, 0.1], [0.6, 1, 0.4, 0.3]], regions, categories),
        pci=pd.Series(0.0, index=categories),
        year=2010,
    )
    end = made_result(
        rca=grid([[0.5, 1.5, 0.5, 0.5], [1.5, 2, 0.5, 0.5]], regions, categories),
        density=grid(np.zeros((2, 4)), regions, categories),
        pci=pd.Series(0.0, index=categories),
        year=2014,
    )
    dynamics = specialisation_dynamics(start, end, bins=2)
    assert dynamics.entries[["region", "category"]].values.tolist() == [["A", "q"], ["B", "p"]]
    assert dynamics.exits[["region", "category"]].values.tolist() == [["A", "p"]]
    assert dynamics.transitions["change"].value_counts().to_dict() == {
        "none": 4, "entry": 2, "exit": 1, "kept": 1,
    }  # fmt: skip
    # Candidates' start densities: A q 0.8 (entered), r 0.2, s 0.1; B p 0.6 (entered), r 0.4,
    # s 0.3. Halves: {0.1, 0.2, 0.3} with no entry, {0.4, 0.6, 0.8} with two.
    assert dynamics.by_decile[["candidates", "entries"]].values.tolist() == [[3, 0], [3, 2]]
    assert dynamics.by_decile["entry_rate"].tolist() == pytest.approx([0, 2 / 3])
    assert dynamics.summary["candidates"] == 6
    assert dynamics.summary["entry_rate"] == pytest.approx(2 / 6)
    assert dynamics.summary["exit_rate"] == pytest.approx(1 / 2)
    # Both entries beat all four non-entries: AUC 1.
    assert dynamics.summary["auc"] == 1.0
    assert dynamics.summary["mean_density_entries"] == pytest.approx(0.7)
    assert "density predicted entries" in dynamics.evidence
    assert (dynamics.start_year, dynamics.end_year) == (2010, 2014)


def test_dynamics_leaves_out_pairs_unknown_in_a_year_and_aligns_regions():
    categories = ["p", "q"]
    start = made_result(
        rca=grid([[2, 0.5], [np.nan, np.nan], [0.5, 2]], ["A", "B", "C"], categories),
        density=grid([[1, 0.5], [np.nan, np.nan], [0.5, 1]], ["A", "B", "C"], categories),
        pci=pd.Series(0.0, index=categories),
    )
    end = made_result(
        rca=grid([[2, 2], [1, 1], [0.5, 2]], ["A", "B", "D"], categories),
        density=grid(np.zeros((3, 2)), ["A", "B", "D"], categories),
        pci=pd.Series(0.0, index=categories),
    )
    dynamics = specialisation_dynamics(start, end)
    assert dynamics.transitions["region"].tolist() == ["A", "A"]  # B unknown in 2010, C/D one
    assert dynamics.entries["category"].tolist() == ["q"]
    assert np.isnan(dynamics.summary["auc"])  # one candidate: nothing to compare


def test_dynamics_without_entries_says_so():
    categories = ["p", "q"]
    same = made_result(
        rca=grid([[2, 0.5], [0.5, 2]], ["A", "B"], categories),
        density=grid([[1, 0.5], [0.5, 1]], ["A", "B"], categories),
        pci=pd.Series(0.0, index=categories),
    )
    dynamics = specialisation_dynamics(same, same)
    assert dynamics.summary["entries"] == 0
    assert dynamics.evidence.startswith("no region gained a new advantage")
