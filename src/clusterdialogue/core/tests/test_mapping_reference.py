"""The mapping engine gives exactly what the engine before the dense rewrite gave.

The reference is ``benchmarks/reference_mapping.py``, a verbatim copy of the pandas engine
(``groupby().quantile()`` / ``groupby().rank()``), kept outside the runtime package. Every
comparison is exact: same columns, dtypes, index, every float to the last bit (NaN equal to
NaN), same warnings in the same order, same errors.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clusterdialogue.core import mapping_criteria
from clusterdialogue.core.mapping import map_clusters

BENCHMARKS = Path(__file__).resolve().parents[4] / "benchmarks"


def _load(name: str):
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, BENCHMARKS / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


reference = _load("reference_mapping")


def outcome(engine, *args, **kwargs):
    try:
        result = engine(*args, **kwargs)
    except ValueError as error:
        return ("error", str(error))
    return ("result", result)


def assert_same_as_reference(employment, **kwargs) -> None:
    new = outcome(map_clusters, employment.copy(), **kwargs)
    old = outcome(reference.map_clusters, employment.copy(), **kwargs)
    assert new[0] == old[0], (new, old)
    if new[0] == "error":
        assert new[1] == old[1]
        return
    new, old = new[1], old[1]
    assert new.table.columns.tolist() == old.table.columns.tolist()
    assert new.table.dtypes.astype(str).tolist() == old.table.dtypes.astype(str).tolist()
    pd.testing.assert_frame_equal(new.table, old.table, check_exact=True)
    for column in new.table.columns:
        got, expected = new.table[column], old.table[column]
        if got.dtype == "float64":
            # Bit for bit, beyond assert_frame_equal (which takes -0.0 for 0.0); NaN is NaN.
            got, expected = got.to_numpy(), expected.to_numpy()
            known = ~np.isnan(expected)
            np.testing.assert_array_equal(np.isnan(got), ~known)
            np.testing.assert_array_equal(got[known].view(np.int64), expected[known].view(np.int64))
    assert new.warnings == old.warnings
    assert new.unmapped_industries == old.unmapped_industries


# --- generated inputs ----------------------------------------------------------------------

COUNTS = [0.0, 1.0, 2.0, 3.0, 5.0, 5.0, 8.0, 40.0, 1000.0, 123456.0]
FRACTIONS = [0.1, 0.2, 1 / 3, 2.5, 7.77, 1e-7, 12345.678, 0.0]


@st.composite
def mapping_inputs(draw):
    """Employment with gaps, missing values, ties, one-region categories, maybe a mapping."""
    regions = [f"R{i}" for i in range(draw(st.integers(1, 7)))]
    industries = [f"{i:02d}" for i in range(draw(st.integers(1, 6)))]
    years = draw(st.sampled_from([None, [2014], [2014, 2015, 2016]]))
    whole = draw(st.booleans())
    values = st.sampled_from(COUNTS if whole else COUNTS + FRACTIONS)
    rows = []
    for year in years or [None]:
        for region in regions:
            for industry in industries:
                kept = draw(st.floats(0, 1)) < 0.85
                if not kept:
                    continue  # an absent cell
                missing = draw(st.floats(0, 1)) < 0.1
                row = {
                    "region": region,
                    "industry": industry,
                    "employment": np.nan if missing else draw(values),
                    "establishments": np.nan if draw(st.floats(0, 1)) < 0.15 else draw(values),
                    "wages": draw(st.sampled_from(FRACTIONS)),
                }
                if year is not None:
                    row["year"] = year
                rows.append(row)
    if not rows:
        rows.append({"region": "R0", "industry": "00", "employment": 1.0})
    frame = pd.DataFrame(rows)
    columns = ["region", "industry", "employment"]
    columns += draw(st.sampled_from([[], ["establishments"], ["establishments", "wages"]]))
    if years is not None:
        columns.append("year")
    frame = frame[[c for c in columns if c in frame.columns]]
    frame = frame.sample(frac=1.0, random_state=draw(st.integers(0, 1000)))  # any row order
    kwargs = {}
    if draw(st.booleans()):
        ncategories = draw(st.integers(1, 3))
        mapped = [i for i in industries if draw(st.floats(0, 1)) < 0.9]
        kwargs["categories"] = pd.DataFrame(
            {
                "industry": mapped,
                "category": [f"c{draw(st.integers(0, ncategories - 1))}" for _ in mapped],
            }
        )
        local = draw(st.sets(st.sampled_from([f"c{i}" for i in range(ncategories)])))
        kwargs["categories"]["type"] = [
            "local" if c in local else "traded" for c in kwargs["categories"]["category"]
        ]
    if draw(st.booleans()):
        names = sorted(
            set(kwargs["categories"]["category"]) if "categories" in kwargs else set(industries)
        )
        bench = pd.DataFrame({"category": names, "employment": [draw(values) * 10 for _ in names]})
        if years is not None and draw(st.booleans()):
            bench = pd.concat([bench.assign(year=year) for year in years], ignore_index=True)
            bench["employment"] = [draw(values) * 10 for _ in range(len(bench))]
        kwargs["benchmark"] = bench
    return frame.reset_index(drop=True), kwargs


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mapping_inputs())
def test_same_as_reference_on_generated_inputs(case):
    frame, kwargs = case
    assert_same_as_reference(frame, **kwargs)


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("missing", [0.0, 0.1, 0.5])
def test_same_as_reference_on_larger_skewed_inputs(seed, missing):
    rng = np.random.default_rng(seed)
    regions, industries, years = 60, 25, 3
    size = regions * industries * years
    employment = np.floor(rng.pareto(1.2, size) * 50)  # skewed: a few very large cells
    employment[rng.random(size) < missing] = np.nan
    frame = pd.DataFrame(
        {
            "year": np.repeat(np.arange(2010, 2010 + years), regions * industries),
            "region": np.tile(np.repeat([f"X{r:03d}" for r in range(regions)], industries), years),
            "industry": np.tile([f"N{i:02d}" for i in range(industries)], regions * years),
            "employment": employment,
            "establishments": np.where(rng.random(size) < 0.2, np.nan, np.ceil(employment / 9)),
        }
    )
    frame = frame.loc[rng.random(size) < 0.9].reset_index(drop=True)  # absent cells
    assert_same_as_reference(frame)
    categories = pd.DataFrame(
        {
            "industry": [f"N{i:02d}" for i in range(industries)],
            "category": [f"K{i % 7}" for i in range(industries)],
            "type": ["local" if i % 7 == 3 else "traded" for i in range(industries)],
        }
    )
    assert_same_as_reference(frame, categories=categories)
    # Wages that are not whole numbers take pandas' compensated summation path.
    frame["wages"] = rng.lognormal(3, 1, len(frame)) / 7
    assert_same_as_reference(frame, categories=categories)


def test_same_as_reference_when_a_category_has_one_region_and_all_values_tie():
    frame = pd.DataFrame(
        {
            "region": ["A", "B", "C", "D", "A"],
            "industry": ["x", "x", "x", "x", "only"],
            "employment": [5.0, 5.0, 5.0, 5.0, 7.0],
            "establishments": [1.0, 1.0, np.nan, 1.0, 2.0],
        }
    )
    assert_same_as_reference(frame)


def test_same_as_reference_on_errors():
    frame = pd.DataFrame({"region": ["A", "A"], "industry": ["x", "x"], "employment": [1, 2]})
    assert_same_as_reference(frame)  # duplicate rows
    assert_same_as_reference(frame.assign(employment=[-1, 2], industry=["x", "y"]))
    assert_same_as_reference(
        frame.assign(industry=["x", "y"]),
        benchmark=pd.DataFrame({"category": ["x"], "employment": [3.0]}),
    )


# --- the criteria functions on their own -------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["a", "b", "c"]),
            st.sampled_from([0.0, 1.0, 2.0, 2.0, 9.0, np.nan]),
            st.sampled_from([0.5, 1.0, 1.0, 2.0, 3.5, np.nan]),
            st.sampled_from([0.0, 1.0, 4.0, np.nan]),
            st.sampled_from(["traded", "local"]),
        ),
        min_size=1,
        max_size=40,
    )
)
def test_criteria_functions_same_as_reference(rows):
    table = pd.DataFrame(rows, columns=["category", "employment", "lq", "establishments", "type"])
    table["share"] = table["lq"] / 4
    for name, kwargs in (
        ("add_lq_rank", {}),
        ("add_eco_stars", {}),
        ("add_cmp_strength", {"warnings": []}),
    ):
        got = getattr(mapping_criteria, name)(table, by=["category"], **kwargs)
        expected = getattr(reference, name)(table, by=["category"], **kwargs)
        pd.testing.assert_frame_equal(got, expected, check_exact=True)
    no_establishments = table.drop(columns="establishments")
    new_warnings, old_warnings = [], []
    pd.testing.assert_frame_equal(
        mapping_criteria.add_cmp_strength(
            no_establishments, by=["category"], warnings=new_warnings
        ),
        reference.add_cmp_strength(no_establishments, by=["category"], warnings=old_warnings),
        check_exact=True,
    )
    assert new_warnings == old_warnings


# --- the real input ------------------------------------------------------------------------


@pytest.mark.slow
def test_same_as_reference_on_eurostat_nuts2_divisions(data_dir):
    """All NUTS-2 regions x NACE divisions x 8 years of sbs_r_nuts06_r2, as the benchmark reads it."""
    path = data_dir / "eurostat" / "sbs_r_nuts06_r2.tsv.gz"
    if not path.exists():
        pytest.skip(f"{path} not found: set CLUSTERDIALOGUE_DATA_DIR to the data mirror")
    frame = _load("mapping_engine").load_nuts2_divisions(path)
    assert frame["employment"].isna().sum() > 1000  # the real gaps are there
    assert_same_as_reference(frame)
    assert_same_as_reference(frame.loc[frame["year"] == 2015].drop(columns="year"))
