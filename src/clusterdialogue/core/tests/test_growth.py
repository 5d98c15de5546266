"""Tests of employment growth: compound annual growth and shift-share."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from clusterdialogue.core.growth import employment_cagr, shift_share


def long_frame(values: dict[tuple[str, str], tuple[float, float]], years=(2010, 2015)):
    rows = [
        (year, region, category, employment)
        for (region, category), pair in values.items()
        for year, employment in zip(years, pair, strict=True)
    ]
    return pd.DataFrame(rows, columns=["year", "region", "category", "employment"])


def by_cell(result: pd.DataFrame, column: str) -> dict[tuple[str, str], float]:
    return dict(
        zip(zip(result["region"], result["category"], strict=True), result[column], strict=True)
    )


def test_cagr_by_hand():
    # 100 -> 161.051 over five years is 10 % a year; 200 -> 100 is 0.5 ** 0.2 - 1.
    frame = long_frame({("A", "cars"): (100, 161.051), ("A", "food"): (200, 100)})
    result = employment_cagr(frame, start_year=2010, end_year=2015)
    assert by_cell(result, "cagr") == pytest.approx(
        {("A", "cars"): 0.1, ("A", "food"): 0.5**0.2 - 1}
    )


def test_cagr_is_missing_without_both_years_or_from_zero():
    frame = long_frame({("A", "cars"): (0, 10), ("A", "food"): (np.nan, 10)})
    frame = pd.concat([frame, pd.DataFrame([(2010, "B", "cars", 5.0)], columns=frame.columns)])
    result = employment_cagr(frame, start_year=2010, end_year=2015)
    assert result["cagr"].isna().all()
    assert len(result) == 3


@pytest.mark.parametrize(
    ("frame", "years", "message"),
    [
        (long_frame({("A", "c"): (1, 2)}), (2015, 2010), "must come after"),
        (long_frame({("A", "c"): (1, 2)}).drop(columns="category"), (2010, 2015), "category"),
        (pd.concat([long_frame({("A", "c"): (1, 2)})] * 2), (2010, 2015), "more than one row"),
    ],
)
def test_growth_input_errors(frame, years, message):
    with pytest.raises(ValueError, match=message):
        employment_cagr(frame, start_year=years[0], end_year=years[1])
    with pytest.raises(ValueError, match=message):
        shift_share(frame, start_year=years[0], end_year=years[1])


def test_shift_share_by_hand():
    # Benchmark (sum of A and B): cars 200 -> 260 (g_c = 0.3), food 300 -> 280 (g_c = -1/15),
    # total 500 -> 540 (g = 0.08). A cars: 8 + 100 * (0.3 - 0.08) + 100 * (0.5 - 0.3) = 50.
    frame = long_frame(
        {
            ("A", "cars"): (100, 150),
            ("A", "food"): (100, 100),
            ("B", "cars"): (100, 110),
            ("B", "food"): (200, 180),
        }
    )
    result = shift_share(frame, start_year=2010, end_year=2015)
    assert result.columns.tolist() == [
        "region", "category", "employment_start", "employment_end", "change",
        "national_share", "industry_mix", "regional_shift",
    ]  # fmt: skip
    a_cars = result.iloc[0]
    assert (a_cars["region"], a_cars["category"]) == ("A", "cars")
    assert a_cars["change"] == 50
    assert a_cars["national_share"] == pytest.approx(8.0)
    assert a_cars["industry_mix"] == pytest.approx(22.0)
    assert a_cars["regional_shift"] == pytest.approx(20.0)
    assert by_cell(result, "industry_mix")[("B", "food")] == pytest.approx(200 * (-1 / 15 - 0.08))


def test_shift_share_with_explicit_benchmark_and_a_region_starting_from_zero():
    # EU: cars 1000 -> 1100 (g_c = 0.1), food 1000 -> 1000; g = 0.05.
    benchmark = long_frame({("EU", "cars"): (1000, 1100), ("EU", "food"): (1000, 1000)})
    frame = long_frame({("A", "cars"): (100, 150), ("A", "food"): (0, 10)})
    result = shift_share(frame, start_year=2010, end_year=2015, benchmark=benchmark)
    assert by_cell(result, "national_share") == pytest.approx({("A", "cars"): 5, ("A", "food"): 0})
    assert by_cell(result, "industry_mix") == pytest.approx({("A", "cars"): 5, ("A", "food"): 0})
    assert by_cell(result, "regional_shift") == pytest.approx(
        {("A", "cars"): 40, ("A", "food"): 10}
    )


def test_shift_share_benchmark_must_cover_the_categories():
    benchmark = long_frame({("EU", "cars"): (1000, 1100)})
    frame = long_frame({("A", "cars"): (100, 150), ("A", "food"): (5, 10)})
    with pytest.raises(ValueError, match="food"):
        shift_share(frame, start_year=2010, end_year=2015, benchmark=benchmark)


def test_shift_share_default_benchmark_uses_cells_known_in_both_years():
    # B has no end value: it must not pull the benchmark's cars growth down.
    frame = long_frame({("A", "cars"): (100, 120), ("B", "cars"): (100, np.nan)})
    result = shift_share(frame, start_year=2010, end_year=2015).set_index("region")
    assert result.loc["A", "regional_shift"] == pytest.approx(0.0)
    assert result.loc["B", ["change", "regional_shift"]].isna().all()


counts = st.integers(0, 100_000)


@settings(max_examples=60, deadline=None)
@example([(0, 7)], 1)  # everything starts from zero: growth rates are undefined
@given(
    st.lists(st.tuples(counts, counts), min_size=1, max_size=12),
    st.integers(1, 3),
)
def test_shift_share_components_sum_to_the_change(pairs, categories):
    values = {(f"R{i // categories}", f"C{i % categories}"): pair for i, pair in enumerate(pairs)}
    result = shift_share(long_frame(values), start_year=2010, end_year=2015)
    parts = result[["national_share", "industry_mix", "regional_shift"]].sum(axis=1)
    np.testing.assert_allclose(parts, result["change"], rtol=1e-9, atol=1e-6)
    assert result[["national_share", "industry_mix", "regional_shift"]].notna().all(axis=None)
