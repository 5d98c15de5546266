"""Tests of RCA, proximity, density and economic complexity, and their agreement with ecomplexity.

The hand-checked cases use a 3 x 3 example whose numbers are worked out in the comments; the
property tests run on random matrices; the agreement tests compare every measure with the
Harvard Growth Lab's ``ecomplexity`` package, on random inputs and on the real Eurostat data.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from clusterdialogue.core.complexity import (
    complexity_by_year,
    complexity_indices,
    complexity_matrices,
    complexity_outlook,
)
from clusterdialogue.core.diversification import specialisation_dynamics
from clusterdialogue.core.io.eurostat import read_eurostat_tsv
from clusterdialogue.core.mapping import map_clusters
from clusterdialogue.core.relatedness import (
    colocation_correlation,
    proximity,
    relatedness_density,
    revealed_comparative_advantage,
    specialisation_matrix,
)

COLUMNS = {"time": "year", "loc": "region", "prod": "industry", "val": "employment"}


def long_frame(matrix: np.ndarray, regions=None, industries=None, year=None) -> pd.DataFrame:
    """A long employment frame from a regions x industries matrix."""
    regions = regions or [f"R{i}" for i in range(matrix.shape[0])]
    industries = industries or [f"I{j}" for j in range(matrix.shape[1])]
    frame = pd.DataFrame(
        {
            "region": np.repeat(regions, len(industries)),
            "industry": np.tile(industries, len(regions)),
            "employment": np.asarray(matrix, dtype="float64").ravel(),
        }
    )
    return frame if year is None else frame.assign(year=year)


# The hand-checked example. A and B each hold 40 jobs, C 80 in the same proportions as A + B:
#
#          x    y    z | total            RCA = E_rc * E / (E_r * E_c), E = 160
#     A   30   10    0 |  40              A: x 30*160/(40*60) = 2, y 10*160/(40*40) = 1, z 0
#     B    0   10   30 |  40              B: x 0, y 1, z 2
#     C   30   20   30 |  80              C: 1, 1, 1 (its shares are the overall shares)
#         60   40   60 | 160
#
# So M (RCA >= 1, the ties at exactly 1 included): A = {x, y}, B = {y, z}, C = {x, y, z}.
# Ubiquity u = (2, 3, 2); regions with both: x&y 2 (A, C), x&z 1 (C), y&z 2 (B, C).
# phi(x,y) = 2 / max(2, 3) = 2/3, phi(x,z) = 1 / 2, phi(y,z) = 2/3.
HAND = long_frame(
    np.array([[30, 10, 0], [0, 10, 30], [30, 20, 30]]),
    regions=["A", "B", "C"],
    industries=["x", "y", "z"],
)


@pytest.fixture(scope="module")
def hand():
    return complexity_matrices(HAND)


def test_hand_rca_and_m(hand):
    assert hand.rca.to_numpy().tolist() == [[2.0, 1.0, 0.0], [0.0, 1.0, 2.0], [1.0, 1.0, 1.0]]
    assert hand.m.to_numpy().tolist() == [[1, 1, 0], [0, 1, 1], [1, 1, 1]]
    assert hand.diversity.tolist() == [2, 2, 3]
    assert hand.ubiquity.tolist() == [2, 3, 2]


def test_hand_proximity(hand):
    expected = [[1, 2 / 3, 1 / 2], [2 / 3, 1, 2 / 3], [1 / 2, 2 / 3, 1]]
    np.testing.assert_allclose(hand.proximity.to_numpy(), expected, rtol=0, atol=1e-15)


def test_hand_density(hand):
    # density(A, z) = (phi(z,x) + phi(z,y)) / (phi(z,x) + phi(z,y) + phi(z,z))
    #              = (1/2 + 2/3) / (1/2 + 2/3 + 1) = 7/13; B x is its mirror image.
    # density(A, x) = (1 + 2/3) / (13/6) = 10/13; density(A, y) = (2/3 + 1) / (7/3) = 5/7.
    # C has every category: density 1 everywhere.
    expected = [[10 / 13, 5 / 7, 7 / 13], [7 / 13, 5 / 7, 10 / 13], [1, 1, 1]]
    np.testing.assert_allclose(hand.density.to_numpy(), expected, rtol=0, atol=1e-15)


def test_hand_complexity_on_a_nested_matrix():
    # A nested matrix (each region's categories include those of the less diverse ones):
    # ECI must rank by diversity, PCI by rarity, and ECI is the mean PCI of the region's
    # categories. The values are (3, 1, -1, -3) / sqrt(5).
    m = pd.DataFrame(
        [[1, 1, 1, 1], [0, 1, 1, 1], [0, 1, 0, 1], [0, 1, 0, 0]],
        index=list("ABCD"),
        columns=list("xywz"),
    )
    eci, pci = complexity_indices(m)
    np.testing.assert_allclose(eci, np.array([3, 1, -1, -3]) / np.sqrt(5), atol=1e-12)
    assert pci.idxmax() == "x"
    assert pci.idxmin() == "y"
    np.testing.assert_allclose(eci, (m * pci).sum(axis=1) / m.sum(axis=1), atol=1e-12)


def test_result_tables_cover_every_cell(hand):
    tables = hand.tables()
    assert tables["rca"].columns.tolist() == ["region", "category", "rca", "m"]
    assert len(tables["rca"]) == 9
    assert tables["proximity"].columns.tolist() == ["category_a", "category_b", "proximity"]
    assert len(tables["proximity"]) == 9
    assert tables["density"].columns.tolist() == ["region", "category", "density"]
    assert tables["eci"].columns.tolist() == ["region", "eci"]
    assert tables["pci"].columns.tolist() == ["category", "pci"]
    row = tables["proximity"].query("category_a == 'x' and category_b == 'z'")
    assert row["proximity"].item() == 0.5


def test_rca_is_the_mapping_engines_lq_with_categories_and_types():
    employment = long_frame(
        np.array([[30, 10, 5, 7], [2, 10, 30, 9], [30, 20, 30, 40], [1, 1, 1, 50]]),
        industries=["C10", "C11", "C29", "G47"],
    )
    categories = pd.DataFrame(
        {
            "industry": ["C10", "C11", "C29", "G47"],
            "category": ["food", "food", "automotive", "retail"],
            "type": ["traded", "traded", "traded", "local"],
        }
    )
    result = complexity_matrices(employment, categories=categories)
    table = map_clusters(employment, categories=categories).table
    lq = table.set_index(["region", "category"])["lq"]
    ours = result.rca.stack()
    np.testing.assert_allclose(ours.reindex(lq.index), lq, rtol=0, atol=0)
    assert result.types.to_dict() == {"automotive": "traded", "food": "traded", "retail": "local"}
    # A local category's RCA uses local totals: one local category is always 1.
    assert (result.rca["retail"] == 1).all()


def test_threshold_moves_m():
    result = complexity_matrices(HAND, threshold=1.5)
    assert result.m.to_numpy().tolist() == [[1, 0, 0], [0, 0, 1], [0, 0, 0]]


# --- edge cases: empty regions and categories ---------------------------------------------


EMPTY_CASES = {
    "region with zero rows": (
        pd.concat([HAND, long_frame(np.zeros((1, 3)), ["D"], ["x", "y", "z"])]),
        None,
    ),
    "region with only missing employment": (
        pd.concat([HAND, long_frame(np.full((1, 3), np.nan), ["D"], ["x", "y", "z"])]),
        None,
    ),
    "region with only unmapped industries": (
        pd.concat([HAND, long_frame(np.ones((1, 1)), ["D"], ["q"])]),
        pd.DataFrame({"industry": ["x", "y", "z"], "category": ["x", "y", "z"]}),
    ),
}


@pytest.mark.parametrize("case", EMPTY_CASES, ids=list(EMPTY_CASES))
def test_region_without_employment_is_present_and_empty(hand, case):
    employment, categories = EMPTY_CASES[case]
    result = complexity_matrices(employment, categories=categories)
    assert result.rca.index.tolist() == ["A", "B", "C", "D"]
    assert result.rca.loc["D"].isna().all()
    assert (result.m.loc["D"] == 0).all()
    assert result.density.loc["D"].isna().all()
    assert np.isnan(result.eci["D"]) and np.isnan(result.coi["D"])
    assert result.cog.loc["D"].isna().all()
    assert any("D" in warning and "without employment" in warning for warning in result.warnings)
    # Nothing else changes.
    for name in ("rca", "m", "proximity", "density", "cog"):
        pd.testing.assert_frame_equal(
            getattr(result, name).loc[hand.rca.index] if name != "proximity" else result.proximity,
            getattr(hand, name),
        )
    for name in ("eci", "pci", "coi"):
        pd.testing.assert_series_equal(getattr(result, name).loc[getattr(hand, name).index],
                                       getattr(hand, name))  # fmt: skip


CATEGORY_CASES = {
    "category only in the mapping": pd.DataFrame(
        {"industry": ["x", "y", "z", "w"], "category": ["x", "y", "z", "w"]}
    ),
    "category whose industries have zeros": None,
}


@pytest.mark.parametrize("case", CATEGORY_CASES, ids=list(CATEGORY_CASES))
def test_category_nobody_has_is_present_and_empty(hand, case):
    categories = CATEGORY_CASES[case]
    employment = HAND
    if categories is None:
        employment = pd.concat([HAND, long_frame(np.zeros((3, 1)), ["A", "B", "C"], ["w"])])
    result = complexity_matrices(employment, categories=categories)
    assert result.rca.columns.tolist() == ["w", "x", "y", "z"]
    assert result.rca["w"].isna().all()
    assert (result.m["w"] == 0).all()
    # Related to nothing, itself included; no density, no complexity.
    assert (result.proximity.loc["w"] == 0).all() and (result.proximity["w"] == 0).all()
    assert result.density["w"].isna().all()
    assert np.isnan(result.pci["w"])
    assert result.cog["w"].isna().all()
    others = ["x", "y", "z"]
    pd.testing.assert_frame_equal(result.proximity.loc[others, others], hand.proximity)
    pd.testing.assert_frame_equal(result.density[others], hand.density)
    pd.testing.assert_series_equal(result.eci, hand.eci)
    pd.testing.assert_series_equal(result.pci[others], hand.pci)


def test_missing_employment_counts_as_zero_with_a_warning(hand):
    employment = HAND.copy()
    employment.loc[
        (employment["region"] == "A") & (employment["industry"] == "z"), "employment"
    ] = np.nan
    result = complexity_matrices(employment)
    pd.testing.assert_frame_equal(result.rca, hand.rca)
    assert "1 row with missing employment counted as zero" in result.warnings


def test_complexity_undefined_with_one_region():
    result = complexity_matrices(long_frame(np.array([[1, 2, 3]])))
    assert result.eci.isna().all() and result.pci.isna().all()
    assert any("undefined" in warning for warning in result.warnings)


# --- years ---------------------------------------------------------------------------------


def two_years() -> pd.DataFrame:
    later = long_frame(np.array([[5, 10, 30], [30, 10, 0], [30, 20, 30]]), ["A", "B", "C"],
                       ["x", "y", "z"], year=2011)  # fmt: skip
    empty_year = HAND.assign(year=2012, employment=np.nan)
    return pd.concat([HAND.assign(year=2010), later, empty_year], ignore_index=True)


def test_default_year_is_the_latest_with_employment():
    result = complexity_matrices(two_years())
    assert result.year == 2011
    alone = complexity_matrices(two_years().query("year == 2011").drop(columns="year"))
    pd.testing.assert_frame_equal(result.rca, alone.rca)
    pd.testing.assert_series_equal(result.eci, alone.eci)


def test_each_year_is_computed_on_its_own(hand):
    result = complexity_matrices(two_years(), year=2010)
    assert result.year == 2010
    pd.testing.assert_frame_equal(result.density, hand.density)
    pd.testing.assert_series_equal(result.eci, hand.eci)


def test_complexity_by_year_equals_one_year_at_a_time():
    results = complexity_by_year(two_years())
    assert list(results) == [2010, 2011]  # 2012 has no employment
    for year, result in results.items():
        alone = complexity_matrices(two_years(), year=year)
        pd.testing.assert_frame_equal(result.density, alone.density)
        pd.testing.assert_series_equal(result.eci, alone.eci)
        assert result.warnings == alone.warnings
    with pytest.raises(ValueError, match="no year column"):
        complexity_by_year(HAND)


def test_bad_category_mapping_raises_before_computing():
    with pytest.raises(ValueError, match="categories lacks the column"):
        complexity_matrices(HAND, categories=pd.DataFrame({"industry": ["x"]}))
    with pytest.raises(ValueError, match="unknown type"):
        complexity_matrices(
            HAND,
            categories=pd.DataFrame({"industry": ["x"], "category": ["c"], "type": ["tradable"]}),
        )


@pytest.mark.parametrize(
    ("employment", "kwargs", "message"),
    [
        (two_years(), {"year": 1999}, "has no year 1999; its years: 2010, 2011, 2012"),
        (HAND, {"year": 2010}, "year 2010 asked for but employment has no year column"),
        (HAND.drop(columns="employment"), {}, "lacks the column(s) employment"),
        (pd.concat([HAND, HAND.head(1)]), {}, "duplicate rows for the same region, industry"),
        (HAND.assign(employment=-HAND["employment"]), {}, "negative values"),
        (HAND.assign(year=2010, employment=0.0), {}, "no positive value in any year"),
    ],
    ids=[
        "unknown year",
        "year without column",
        "missing column",
        "duplicates",
        "negative",
        "all zero",
    ],
)
def test_bad_input_raises(employment, kwargs, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        complexity_matrices(employment, **kwargs)


# --- co-location ---------------------------------------------------------------------------


def test_colocation_correlation_by_hand_and_edge_cases():
    rca = pd.DataFrame(
        {"x": [2.0, 1.0, 0.0, np.nan], "y": [0.0, 1.0, 2.0, np.nan], "c": [1.0, 1.0, 1.0, np.nan]}
    )
    r = colocation_correlation(rca)
    assert r.loc["x", "y"] == pytest.approx(-1.0)
    assert r.loc["x", "x"] == pytest.approx(1.0)
    assert np.isnan(r.loc["c", "x"])  # the same everywhere: no profile
    assert colocation_correlation(rca, rescale=True).loc["x", "y"] == pytest.approx(0.0)


# --- properties ----------------------------------------------------------------------------

matrices = arrays(
    dtype=np.int64,
    shape=st.tuples(st.integers(1, 9), st.integers(1, 9)),
    elements=st.one_of(st.just(0), st.integers(0, 1000)),
)


@settings(max_examples=150, deadline=None)
@given(matrices)
def test_properties_of_random_inputs(values):
    result = complexity_matrices(long_frame(values))
    region_total = values.sum(axis=1)
    category_total = values.sum(axis=0)
    # RCA is undefined exactly where a region or category has no employment.
    undefined = (region_total[:, np.newaxis] == 0) | (category_total[np.newaxis, :] == 0)
    assert (result.rca.isna().to_numpy() == undefined).all()
    assert (result.m.to_numpy() == (np.nan_to_num(result.rca.to_numpy()) >= 1)).all()

    phi = result.proximity.to_numpy()
    assert (phi == phi.T).all()
    assert ((phi >= 0) & (phi <= 1)).all()
    present = result.ubiquity.to_numpy() > 0
    assert (np.diag(phi)[present] == 1).all() and (np.diag(phi)[~present] == 0).all()
    # Some region has RCA >= 1 in every category with employment (RCA averages 1 over regions,
    # and exact quotients keep a tie at 1 a tie).
    assert (present == (category_total > 0)).all()

    density = result.density.to_numpy()
    known = ~np.isnan(density)
    assert ((density[known] >= -1e-12) & (density[known] <= 1 + 1e-12)).all()
    assert (known == ((region_total[:, np.newaxis] > 0) & present[np.newaxis, :])).all()

    eci = result.eci.dropna()
    if len(eci):
        assert eci.mean() == pytest.approx(0, abs=1e-9)
        assert eci.std(ddof=0) == pytest.approx(1, abs=1e-9)
        # ECI is the mean PCI of the region's categories.
        m = result.m.loc[eci.index]
        pci = result.pci.fillna(0)
        np.testing.assert_allclose(eci, (m * pci).sum(axis=1) / m.sum(axis=1), atol=1e-8)
        coi = result.coi.dropna()
        if coi.std(ddof=0) > 0:
            assert coi.mean() == pytest.approx(0, abs=1e-9)
    cog = result.cog.to_numpy()
    assert np.nan_to_num(cog[result.m.to_numpy() == 1]).max(initial=0) == 0


@settings(max_examples=100, deadline=None)
@given(
    arrays(np.int64, st.tuples(st.integers(1, 8), st.integers(1, 8)), elements=st.integers(0, 1))
)
def test_proximity_and_density_of_any_binary_matrix(values):
    m = pd.DataFrame(values)
    phi = proximity(m)
    assert np.allclose(phi, phi.T) and ((phi >= 0) & (phi <= 1)).all(axis=None)
    density = relatedness_density(m, phi)
    assert (density.isna().to_numpy() == (values.sum(axis=0) == 0)[np.newaxis, :]).all()
    assert (density.fillna(0).to_numpy() <= 1 + 1e-12).all()
    # A region specialised in everything that exists has density 1 everywhere.
    full = pd.DataFrame(np.ones_like(values))
    assert (relatedness_density(full, proximity(full)).to_numpy() == 1).all()


# --- agreement with the Harvard Growth Lab's ecomplexity ------------------------------------


def run_ecomplexity(frame: pd.DataFrame, **options) -> pd.DataFrame:
    ecomplexity = pytest.importorskip("ecomplexity")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # its pandas deprecations, log-supermodularity
        return ecomplexity.ecomplexity(
            frame, COLUMNS, verbose=False, check_logsupermodularity=False, **options
        )


def run_proximity(frame: pd.DataFrame, **options) -> pd.DataFrame:
    ecomplexity = pytest.importorskip("ecomplexity")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        table = ecomplexity.proximity(frame, COLUMNS, **options)
    return table.set_index(["industry_1", "industry_2"])["proximity"]


def differences(frame: pd.DataFrame, result) -> dict[str, float]:
    """Largest absolute difference per measure between ours and ecomplexity's output."""
    theirs = run_ecomplexity(frame).set_index(["region", "industry"])
    found = {}
    for name, mine in [("rca", result.rca), ("mcp", result.m), ("density", result.density),
                       ("cog", result.cog)]:  # fmt: skip
        mine = mine.stack()
        mine.index.names = ["region", "industry"]
        mine = mine.reindex(theirs.index)
        assert (mine.isna() == theirs[name].isna()).all(), name
        found[name] = float((mine - theirs[name]).abs().max())
    for name, level in (("eci", "region"), ("pci", "industry"), ("coi", "region")):
        reference = theirs[name].groupby(level=level).first()
        found[name] = float(
            (getattr(result, name).reindex(reference.index) - reference).abs().max()
        )
    discrete, continuous = run_proximity(frame), run_proximity(frame, continuous=True)
    mine = result.proximity.stack()
    found["proximity"] = float((mine.reindex(discrete.index) - discrete).abs().max())
    mine = colocation_correlation(result.rca, rescale=True).stack()
    found["continuous proximity"] = float((mine.reindex(continuous.index) - continuous).abs().max())
    return found


@pytest.mark.parametrize("seed", range(6))
def test_agrees_with_ecomplexity_on_random_inputs(seed):
    rng = np.random.default_rng(seed)
    values = rng.lognormal(3, 1.5, size=(25, 12)).round() * (rng.random((25, 12)) > 0.3)
    frame = long_frame(values, year=2020)
    found = differences(frame, complexity_matrices(frame))
    assert max(found.values()) < 1e-9, found


@pytest.fixture(scope="module")
def sbs_employment(data_dir) -> pd.DataFrame:
    """Persons employed (V16110) per NUTS-2 region, NACE division and year (2008-2015)."""
    path = data_dir / "eurostat" / "sbs_r_nuts06_r2.tsv.gz"
    if not path.exists():
        pytest.skip(f"{path} not found: set CLUSTERDIALOGUE_DATA_DIR to the data mirror")
    cells = read_eurostat_tsv(path)
    keep = (
        (cells["indic_sb"] == "V16110")
        & (cells["geo"].str.len() == 4)
        & ~cells["geo"].str.endswith("Z")  # extra-regio
        & cells["nace_r2"].str.fullmatch(r"[A-Z]\d{2}")
        & cells["value"].notna()
    )
    cells = cells.loc[keep].rename(
        columns={"geo": "region", "nace_r2": "industry", "value": "employment"}
    )
    return cells[["year", "region", "industry", "employment"]].reset_index(drop=True)


@pytest.mark.slow
def test_agrees_with_ecomplexity_on_eurostat_nuts2_divisions_2014(sbs_employment):
    frame = sbs_employment.loc[sbs_employment["year"] == 2014].reset_index(drop=True)
    result = complexity_matrices(frame)
    assert result.rca.shape == (282, 68)
    found = differences(frame, result)
    print("largest absolute differences with ecomplexity 0.5.3:", found)
    assert max(found.values()) < 1e-6, found
    assert found["mcp"] == 0


@pytest.mark.slow
def test_relatedness_predicted_entries_in_eurostat_data(sbs_employment):
    start = complexity_matrices(sbs_employment, year=2010)
    end = complexity_matrices(sbs_employment, year=2014)
    assert end.rca.index.equals(start.rca.index)  # every region of the file, both years
    dynamics = specialisation_dynamics(start, end)
    print(dynamics.by_decile.to_string(), dynamics.evidence, sep="\n")
    rates = dynamics.by_decile["entry_rate"]
    assert len(rates) == 10
    assert rates.iloc[-1] > 2 * rates.iloc[0]
    assert dynamics.summary["auc"] > 0.6
    assert dynamics.summary["entries"] > 500


def test_functions_compose_like_the_pipeline(hand):
    rca = revealed_comparative_advantage(hand.employment)
    m = specialisation_matrix(rca)
    phi = proximity(m)
    density = relatedness_density(m, phi)
    eci, pci = complexity_indices(m)
    coi, cog = complexity_outlook(m, phi, density, pci)
    pd.testing.assert_series_equal(eci, hand.eci)
    pd.testing.assert_frame_equal(density, hand.density)
    pd.testing.assert_series_equal(coi, hand.coi)
    pd.testing.assert_frame_equal(cog, hand.cog)
