"""Tests of the stored cluster mapping: filling NUTS levels from children and mapping_refresh."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from clusterdialogue.statistics.models import Industry, MappingResult, Observation
from clusterdialogue.statistics.selectors import employment_frame, fill_from_children
from clusterdialogue.statistics.services.mapping import mapping_refresh

# The employment of the ``small_world`` fixture in 2014 (C29, C21, J62); 2013 is 0.9 times it.
SMALL_WORLD = {
    "QA11": (500, 100, 400),
    "QA12": (50, 300, 650),
    "QB11": (20, 20, 960),
    "QB12": (300, 200, 500),
}
CATEGORIES = ("C29", "C21", "J62")


# --- fill_from_children (pure pandas) ----------------------------------------------------------


def test_fill_from_children_published_wins_and_sums_otherwise():
    frame = pd.DataFrame(
        [
            # region, level, industry, year, V16110, V11210
            ("DE1", 1, "C29", 2014, 100.0, 9.0),
            ("DE11", 2, "C29", 2014, 60.0, 5.0),
            ("DE12", 2, "C29", 2014, 45.0, 6.0),
            ("DE11", 2, "C29", 2013, 50.0, 4.0),  # DE1 has no 2013 figure: summed
            ("DE12", 2, "C29", 2013, 40.0, float("nan")),
            ("FR71", 2, "C29", 2014, 5.0, 1.0),
            ("FR72", 2, "C29", 2014, 7.0, 2.0),
            ("FR71", 2, "C10", 2014, float("nan"), 3.0),  # nothing to sum is not zero
            ("FR", 0, "C29", 2014, 999.0, 99.0),  # other levels are left alone
        ],
        columns=["region", "level", "industry", "year", "V16110", "V11210"],
    )

    result = fill_from_children(frame, level=1, value_columns=["V16110", "V11210"])

    assert list(result.columns) == [
        "region", "level", "industry", "year", "V16110", "V11210", "source",
    ]  # fmt: skip
    rows = {
        (r.region, r.industry, r.year): (r.level, r.V16110, r.V11210, r.source)
        for r in result.itertuples()
    }
    assert set(rows) == {
        ("DE1", "C29", 2014),
        ("DE1", "C29", 2013),
        ("FR7", "C29", 2014),
        ("FR7", "C10", 2014),
    }
    assert rows["DE1", "C29", 2014] == (1, 100.0, 9.0, "published")
    assert rows["DE1", "C29", 2013] == (1, 90.0, 4.0, "children_sum")
    assert rows["FR7", "C29", 2014] == (1, 12.0, 3.0, "children_sum")
    level, employment, establishments, source = rows["FR7", "C10", 2014]
    assert (level, establishments, source) == (1, 3.0, "children_sum")
    assert math.isnan(employment)


def test_fill_from_children_without_children_keeps_the_published_rows():
    frame = pd.DataFrame(
        {"region": ["DE1"], "level": [1], "industry": ["C29"], "year": [2014], "V16110": [5.0]}
    )

    result = fill_from_children(frame, level=1, value_columns=["V16110"])

    assert result[["region", "V16110", "source"]].values.tolist() == [["DE1", 5.0, "published"]]


# --- mapping_refresh on the small world ---------------------------------------------------------


def hand_lq(region: str, category: str, regions: dict[str, tuple[int, ...]]) -> float:
    """(E_rc / E_r) / (E_c / E) over the regions of one level."""
    c = CATEGORIES.index(category)
    e_rc = regions[region][c]
    e_r = sum(regions[region])
    e_c = sum(values[c] for values in regions.values())
    e = sum(sum(values) for values in regions.values())
    return (e_rc / e_r) / (e_c / e)


def level1(regions: dict[str, tuple[int, ...]]) -> dict[str, tuple[int, ...]]:
    summed: dict[str, tuple[int, ...]] = {}
    for code, values in regions.items():
        previous = summed.get(code[:-1], (0,) * len(values))
        summed[code[:-1]] = tuple(a + b for a, b in zip(previous, values, strict=True))
    return summed


def results(**filters) -> dict[tuple[str, str, int], MappingResult]:
    return {
        (r.region.code, r.category.code, r.year): r
        for r in MappingResult.objects.filter(**filters).select_related("region", "category")
    }


def test_small_world_level2_lq_matches_hand_computation(small_world):
    level2 = results(level=2, scheme="nace_division")

    assert len(level2) == 4 * 3 * 2
    qa11 = level2["QA11", "C29", 2014]
    assert qa11.lq == pytest.approx(hand_lq("QA11", "C29", SMALL_WORLD))
    assert qa11.lq == pytest.approx((500 / 1000) / (870 / 4000))
    assert qa11.employment == 500
    assert qa11.establishments == pytest.approx(50)
    assert qa11.share == pytest.approx(0.5)
    assert qa11.source == MappingResult.Source.PUBLISHED
    for (region, category, year), row in level2.items():
        assert row.lq == pytest.approx(hand_lq(region, category, SMALL_WORLD)), (region, year)
        assert row.employment == pytest.approx(
            SMALL_WORLD[region][CATEGORIES.index(category)] * (0.9 if year == 2013 else 1.0)
        )


def test_small_world_level1_rows_are_sums_of_children(small_world):
    sums = level1(SMALL_WORLD)
    level1_rows = results(level=1, scheme="nace_division")

    assert set(level1_rows) == {
        (region, category, year)
        for region in ("QA1", "QB1")
        for category in CATEGORIES
        for year in (2013, 2014)
    }
    for (region, category, year), row in level1_rows.items():
        factor = 0.9 if year == 2013 else 1.0
        employment = sums[region][CATEGORIES.index(category)] * factor
        assert row.source == MappingResult.Source.CHILDREN_SUM
        assert row.employment == pytest.approx(employment)
        assert row.establishments == pytest.approx(employment / 10)
        assert row.lq == pytest.approx(hand_lq(region, category, sums))
    assert level1_rows["QA1", "C29", 2014].employment == pytest.approx(550)


def test_small_world_stores_ranks_and_stars(small_world):
    level2 = results(level=2, year=2014, category__code="C29")

    ranks = {region: row.lq_rank for (region, _, _), row in level2.items()}
    assert ranks == {"QA11": 1, "QB12": 2, "QA12": 3, "QB11": 4}
    qa11 = level2["QA11", "C29", 2014]
    # Largest C29 employment, top share and LQ >= 2: all three ECO stars.
    assert (qa11.size_star, qa11.specialisation_star, qa11.focus_star, qa11.stars) == (
        True,
        True,
        True,
        3,
    )
    for row in MappingResult.objects.all():
        assert row.stars == row.size_star + row.specialisation_star + row.focus_star
        assert row.lq_rank is not None and row.lq_rank >= 1
        assert row.strong in (True, False, None)
    assert not MappingResult.objects.filter(level=2, region__code="QB11", category__code="C29")[
        0
    ].specialisation_star


def test_mapping_refresh_again_replaces_rows(small_world):
    before = MappingResult.objects.count()
    observation = Observation.objects.get(
        region__code="QA11", industry__code="C29", indicator="V16110", year=2014
    )
    observation.value = 1000.0
    observation.save()

    [report] = mapping_refresh(schemes=["nace_division"], levels=(1, 2))

    assert MappingResult.objects.count() == before == 36
    keys = MappingResult.objects.values_list("scheme", "year", "region_id", "category_id")
    assert len(set(keys)) == len(keys)
    assert report.rows_by_level == {1: 12, 2: 24}
    assert report.filled_from_children == 12
    changed = {**SMALL_WORLD, "QA11": (1000, 100, 400)}
    assert results(level=2)["QA11", "C29", 2014].lq == pytest.approx(
        hand_lq("QA11", "C29", changed)
    )
    assert results(level=1)["QA1", "C29", 2014].employment == pytest.approx(1050)
    assert results(level=2)["QA11", "C29", 2013].employment == pytest.approx(450)


def test_mapping_refresh_without_figures_warns_and_clears_the_scheme(small_world):
    from clusterdialogue.testing.factories import MappingResultFactory

    section = Industry.objects.create(code="C", scheme=Industry.Scheme.NACE_SECTION, name_en="C")
    MappingResultFactory(
        scheme=Industry.Scheme.NACE_SECTION, region=small_world["level2"][0], category=section
    )

    [report] = mapping_refresh(schemes=[Industry.Scheme.NACE_SECTION])

    assert report.rows_by_level == {}
    assert report.warnings == ["no V16110 figures for nace_section in sbs_r_nuts06_r2"]
    assert not MappingResult.objects.filter(scheme=Industry.Scheme.NACE_SECTION).exists()
    assert MappingResult.objects.filter(scheme=Industry.Scheme.NACE_DIVISION).count() == 36


@pytest.mark.django_db
def test_employment_frame_skips_nulls_and_other_schemes(observation_factory, region_factory):
    region = region_factory(code="QC11", level=2)
    observation_factory(region=region, industry__code="C29", value=10.0)
    observation_factory(region=region, industry__code="C21", value=None, flag="c")
    observation_factory(
        region=region,
        industry__code="C",
        industry__scheme=Industry.Scheme.NACE_SECTION,
        value=99.0,
    )
    observation_factory(region=region, industry__code="C29", indicator="V11210", value=1.0)

    frame = employment_frame(dataset="sbs_r_nuts06_r2", scheme="nace_division", establishments=True)

    assert frame.to_dict("records") == [
        {"region": "QC11", "level": 2, "industry": "C29", "year": 2014,
         "dataset": "sbs_r_nuts06_r2", "employment": 10.0, "establishments": 1.0},
    ]  # fmt: skip


def test_a_published_row_without_employment_takes_its_childrens_sum():
    frame = pd.DataFrame(
        {
            "region": ["DE1", "DE11", "DE12"],
            "level": [1, 2, 2],
            "industry": "C29",
            "year": 2014,
            "V16110": [float("nan"), 60.0, 45.0],
            "V11210": [9.0, 5.0, 3.0],
        }
    )
    filled = fill_from_children(frame, level=1, value_columns=["V16110", "V11210"])
    assert filled["V16110"].tolist() == [105.0]
    assert filled["source"].tolist() == ["children_sum"]
