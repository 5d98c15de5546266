"""Tests of the cluster mapping engine: location quotients, ranks, stars, strength flags."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from clusterdialogue.core.mapping import location_quotient, map_clusters
from clusterdialogue.core.mapping_criteria import (
    NO_ESTABLISHMENTS,
    add_cmp_strength,
    add_eco_stars,
    add_lq_rank,
)


def employment_frame(
    rows: list[tuple], columns: str = "region industry employment"
) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=columns.split())


TWO_BY_TWO = employment_frame(
    [("A", "cars", 30), ("A", "food", 70), ("B", "cars", 10), ("B", "food", 90)]
)


def lq_of(table: pd.DataFrame) -> dict[tuple[str, str], float]:
    return dict(zip(zip(table["region"], table["category"], strict=True), table["lq"], strict=True))


# --- location quotients -------------------------------------------------------------------


def test_two_regions_two_categories_by_hand():
    # E_r = 100 for both regions; E_cars = 40, E_food = 160, E = 200.
    # A cars: (30/100) / (40/200) = 1.5; A food: 0.7 / 0.8 = 0.875;
    # B cars: 0.1 / 0.2 = 0.5; B food: 0.9 / 0.8 = 1.125.
    result = map_clusters(TWO_BY_TWO)
    assert lq_of(result.table) == pytest.approx(
        {("A", "cars"): 1.5, ("A", "food"): 0.875, ("B", "cars"): 0.5, ("B", "food"): 1.125}
    )
    assert result.table["region_total"].tolist() == [100, 100, 100, 100]
    assert result.table["share"].tolist() == pytest.approx([0.3, 0.7, 0.1, 0.9])


def test_location_quotient_function_is_exact_for_counts():
    assert location_quotient(30, 100, 50, 500) == 3.0
    assert np.isnan(location_quotient(0, 0, 50, 500))
    assert np.isnan(location_quotient(5, 10, 0, 500))  # zero benchmark share: no quotient


def test_table_columns_and_dtypes():
    table = map_clusters(TWO_BY_TWO).table
    assert table.columns.tolist() == [
        "region", "category", "category_name", "type", "employment", "region_total", "share",
        "lq", "lq_rank", "size_star", "specialisation_star", "focus_star", "stars",
        "strong", "strong10", "significant", "qualifying",
    ]  # fmt: skip
    assert str(table["lq_rank"].dtype) == "Int64"
    assert str(table["stars"].dtype) == "Int64"
    for flag in ("size_star", "specialisation_star", "focus_star", "strong", "qualifying"):
        assert str(table[flag].dtype) == "boolean"
    # Without a mapping each industry is its own traded category.
    assert table["type"].unique().tolist() == ["traded"]
    assert table["category_name"].tolist() == table["category"].tolist()


def test_benchmark_given_explicitly():
    # E_c / E: cars 100/1000 = 0.1, food 900/1000 = 0.9; A: cars 0.3 / 0.1 = 3, food 0.7 / 0.9.
    benchmark = pd.DataFrame({"category": ["cars", "food"], "employment": [100, 900]})
    region_a = TWO_BY_TWO[TWO_BY_TWO["region"] == "A"]
    table = map_clusters(region_a, benchmark=benchmark).table
    assert lq_of(table) == pytest.approx({("A", "cars"): 3.0, ("A", "food"): 0.7 / 0.9})


def test_benchmark_must_cover_the_data_and_extra_categories_are_reported():
    with pytest.raises(ValueError, match="no employment for 1 categories of the data: food"):
        map_clusters(TWO_BY_TWO, benchmark=pd.DataFrame({"category": ["cars"], "employment": [5]}))
    benchmark = pd.DataFrame({"category": ["cars", "food", "toys"], "employment": [40, 160, 999]})
    result = map_clusters(TWO_BY_TWO, benchmark=benchmark)
    # toys is left out of E, so the result equals the default benchmark (the sum of A and B).
    assert lq_of(result.table) == pytest.approx(lq_of(map_clusters(TWO_BY_TWO).table))
    assert any("toys" in warning for warning in result.warnings)


def test_traded_and_local_totals_are_separate():
    employment = employment_frame(
        [
            ("A", "x", 30),
            ("A", "y", 70),
            ("A", "z", 20),
            ("B", "x", 10),
            ("B", "y", 90),
            ("B", "z", 40),
        ]
    )
    categories = pd.DataFrame(
        {
            "industry": ["x", "y", "z"],
            "category": ["X", "Y", "Z"],
            "type": ["traded", "local", "traded"],
        }
    )
    table = map_clusters(employment, categories=categories).table.set_index(["region", "category"])
    assert table.loc[("A", "X"), "region_total"] == 50  # x + z, not y
    assert table.loc[("A", "Y"), "region_total"] == 70
    # A X: (30/50) / (40/100) = 1.5; the local category Y is its type's only one, so LQ 1.
    assert table.loc[("A", "X"), "lq"] == pytest.approx(1.5)
    assert table.loc[("A", "Y"), "lq"] == pytest.approx(1.0)


def test_categories_sum_industries_and_drop_unmapped():
    employment = employment_frame(
        [("A", "C29", 10, 2), ("A", "C30", 5, 1), ("A", "G47", 50, 9), ("B", "C29", 4, 1)],
        columns="region industry employment establishments",
    )
    categories = pd.DataFrame(
        {
            "industry": ["C29", "C30"],
            "category": ["auto", "auto"],
            "category_name": ["Automotive"] * 2,
        }
    )
    result = map_clusters(employment, categories=categories)
    table = result.table.set_index("region")
    assert table.loc["A", "employment"] == 15
    assert table.loc["A", "establishments"] == 3
    assert table.loc["A", "category_name"] == "Automotive"
    assert result.unmapped_industries == ["G47"]
    assert any("1 industry not in the category mapping" in w for w in result.warnings)


def test_missing_employment_is_missing_not_zero():
    employment = employment_frame(
        [("A", "x", 30.0), ("A", "y", np.nan), ("B", "x", 10.0), ("B", "y", 90.0)]
    )
    result = map_clusters(employment)
    table = result.table.set_index(["region", "category"])
    assert ("A", "y") not in table.index
    assert table.loc[("A", "x"), "region_total"] == 30  # over what is present
    assert any("1 row with missing employment" in w for w in result.warnings)


def test_unknown_establishments_make_the_sum_unknown():
    employment = employment_frame(
        [("A", "x", 1, 1.0), ("A", "y", 1, np.nan)],
        columns="region industry employment establishments",
    )
    categories = pd.DataFrame({"industry": ["x", "y"], "category": ["c", "c"]})
    table = map_clusters(employment, categories=categories).table
    assert table["establishments"].isna().all()


@pytest.mark.parametrize(
    ("categories", "message"),
    [
        ({"industry": ["x"], "category": ["X"], "type": ["tradable"]}, "unknown type"),
        ({"industry": ["x", "x"], "category": ["X", "Y"]}, "more than once"),
        ({"industry": ["x", "y"], "category": ["X", "X"], "type": ["traded", "local"]}, "one name"),
        ({"industry": ["x"]}, "lacks the column"),
    ],
)
def test_bad_categories_are_refused(categories, message):
    with pytest.raises(ValueError, match=message):
        map_clusters(TWO_BY_TWO, categories=pd.DataFrame(categories))


def test_duplicate_rows_and_missing_keys_are_refused():
    with pytest.raises(ValueError, match="duplicate rows"):
        map_clusters(pd.concat([TWO_BY_TWO, TWO_BY_TWO.head(1)]))
    with pytest.raises(ValueError, match="rows without a year or region or industry"):
        map_clusters(TWO_BY_TWO.assign(year=[2014, 2014, np.nan, 2014]))


def test_nothing_left_to_map_gives_an_empty_table_and_says_so():
    result = map_clusters(TWO_BY_TWO.assign(employment=np.nan))
    assert result.table.empty
    assert "no employment left to map" in result.warnings


def test_years_are_computed_separately():
    later = TWO_BY_TWO.assign(employment=[5, 95, 50, 50])
    both = pd.concat([TWO_BY_TWO.assign(year=2014), later.assign(year=2015)])
    table = map_clusters(both).table
    assert table.columns[0] == "year"
    for year, alone in ((2014, TWO_BY_TWO), (2015, later)):
        expected = map_clusters(alone).table
        got = table[table["year"] == year].drop(columns="year").reset_index(drop=True)
        pd.testing.assert_frame_equal(got, expected)


# --- ranks, stars and strength flags on hand-built tables with known quantiles -------------


def test_lq_rank_ties_take_the_best_rank_and_absent_regions_get_none():
    table = pd.DataFrame(
        {
            "category": ["c"] * 5 + ["d"],
            "employment": [5, 5, 5, 5, 0, 1],
            "lq": [1.0, 3.0, 1.0, 2.0, 0.0, 1.0],
        }
    )
    assert add_lq_rank(table, by=["category"])["lq_rank"].tolist() == [3, 1, 3, 2, pd.NA, 1]


def eco_table() -> pd.DataFrame:
    # Among the five regions with employment: q90(employment) = 40 + 0.6 * 10 = 46,
    # q90(share) = 0.29 + 0.6 * 0.01 = 0.296. Region z has no employment.
    return pd.DataFrame(
        {
            "region": list("abcdez"),
            "category": ["c"] * 6,
            "employment": [50, 40, 30, 20, 10, 0],
            "share": [0.10, 0.30, 0.05, 0.20, 0.29, 0.0],
            "lq": [3.0, 2.0, 1.9, 0.5, 2.5, 0.0],
        }
    )


def test_eco_stars_with_known_percentiles():
    table = add_eco_stars(eco_table(), by=["category"])
    assert table["size_star"].tolist() == [True, False, False, False, False, False]
    assert table["specialisation_star"].tolist() == [True, True, False, False, True, False]
    assert table["focus_star"].tolist() == [False, True, False, False, False, False]
    assert table["stars"].tolist() == [2, 2, 0, 0, 1, 0]


def test_eco_size_star_counts_the_percentile_itself():
    table = pd.DataFrame(
        {"category": ["c"] * 3, "employment": [7, 7, 7], "share": [0.1] * 3, "lq": [1.0] * 3}
    )
    assert add_eco_stars(table, by=["category"])["size_star"].all()


def cmp_table(**changes) -> pd.DataFrame:
    # Among a..e: q25(employment) = 20; establishments sorted 1, 1, 2, 3, 5 so q25 = 1;
    # LQ sorted 0.5, 0.8, 1.5, 2.0, 3.0: q25 = 0.8, q50 = 1.5, q75 = 2.0, q90 = 2.6.
    table = pd.DataFrame(
        {
            "region": list("abcdez"),
            "category": ["c"] * 6,
            "type": ["traded"] * 6,
            "employment": [50, 40, 30, 20, 10, 0],
            "establishments": [5.0, 1.0, 3.0, 2.0, 1.0, 0.0],
            "lq": [3.0, 2.0, 1.5, 0.8, 0.5, 0.0],
        }
    )
    return table.assign(**changes)


def flags(table: pd.DataFrame, **kwargs) -> dict[str, list]:
    result = add_cmp_strength(table, by=["category"], **kwargs)
    return {
        name: result[name].tolist() for name in ("strong", "strong10", "significant", "qualifying")
    }


def test_cmp_strength_with_known_percentiles():
    # Large enough (employment > 20 and establishments > 1): a and c; b has one establishment.
    assert flags(cmp_table()) == {
        "strong": [True, False, False, False, False, False],
        "strong10": [True, False, False, False, False, False],
        "significant": [True, False, False, False, False, False],
        "qualifying": [True, False, True, False, False, False],
    }


def test_cmp_strength_without_establishments_warns_and_skips_that_test():
    warnings: list[str] = []
    got = flags(cmp_table().drop(columns="establishments"), warnings=warnings)
    assert got["strong"] == [True, True, False, False, False, False]
    assert got["significant"] == [True, True, False, False, False, False]
    assert got["qualifying"] == [True, True, True, False, False, False]
    assert warnings == [NO_ESTABLISHMENTS]


def test_cmp_unknown_establishments_give_unknown_flags():
    # c's count is missing: q25 of 5, 1, 2, 1 is 1, and c's test cannot be decided.
    got = flags(cmp_table(establishments=[5.0, 1.0, np.nan, 2.0, 1.0, 0.0]))
    assert got["qualifying"][2] is pd.NA
    assert got["strong"][2] is False  # LQ 1.5 < q75 decides it whatever the count


def test_cmp_flags_are_missing_for_local_categories():
    got = flags(cmp_table(type="local"))
    assert all(value is pd.NA for values in got.values() for value in values)


def test_map_clusters_local_flags_na_and_missing_establishments_warning():
    categories = pd.DataFrame(
        {"industry": ["cars", "food"], "category": ["cars", "food"], "type": ["traded", "local"]}
    )
    result = map_clusters(TWO_BY_TWO, categories=categories)
    local = result.table[result.table["type"] == "local"]
    assert local[["strong", "strong10", "significant", "qualifying"]].isna().all(axis=None)
    assert NO_ESTABLISHMENTS in result.warnings


# --- properties -----------------------------------------------------------------------------

matrices = st.tuples(st.integers(2, 6), st.integers(1, 4)).flatmap(
    lambda shape: arrays(np.int64, shape, elements=st.integers(0, 10_000))
)


def frame_of(matrix: np.ndarray) -> pd.DataFrame:
    regions, categories = matrix.shape
    return pd.DataFrame(
        {
            "region": np.repeat([f"R{i}" for i in range(regions)], categories),
            "industry": np.tile([f"C{j}" for j in range(categories)], regions),
            "employment": matrix.ravel(),
        }
    )


@settings(max_examples=40, deadline=None)
@given(matrices)
def test_weighted_mean_lq_is_one_per_category(matrix):
    table = map_clusters(frame_of(matrix)).table
    table = table[table["category"].map(table.groupby("category")["employment"].sum()) > 0]
    weighted = (table["lq"].fillna(0) * table["region_total"]).groupby(table["category"]).sum()
    totals = table.groupby("category")["region_total"].sum()
    assert (weighted / totals).to_numpy() == pytest.approx(1.0, rel=1e-9)


@settings(max_examples=40, deadline=None)
@given(matrices, st.floats(1e-3, 1e3))
def test_scaling_all_employment_leaves_lq_unchanged(matrix, factor):
    frame = frame_of(matrix)
    before = map_clusters(frame).table["lq"].to_numpy()
    after = (
        map_clusters(frame.assign(employment=frame["employment"] * factor)).table["lq"].to_numpy()
    )
    np.testing.assert_allclose(after, before, rtol=1e-9, equal_nan=True)
