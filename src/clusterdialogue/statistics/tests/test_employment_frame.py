"""The one employment reader: what the mapping, the analytics and the matching engine read.

The expected frames below were pinned on the three readers the selector replaced
(``statistics_frame``, ``analytics_employment`` and the suggestions' ``employment_frame``) on the
same example figures (invented, not real data).
"""

from __future__ import annotations

import math

import pytest

from clusterdialogue.regions.models import Region
from clusterdialogue.statistics.models import Industry
from clusterdialogue.statistics.selectors import employment_frame
from clusterdialogue.testing import factories, world

pytestmark = pytest.mark.django_db

OLD = "sbs_r_nuts06_r2"


@pytest.fixture
def figures():
    """Example regions of every kind and level, two datasets, two schemes, flags and gaps."""
    regions = world.nuts_tree(["QA", "QA1", "QA11", "QA12", "QA111", "QB", "QB1", "QB11"])
    regions["QAZZ"] = factories.RegionFactory(code="QAZZ", kind=Region.Kind.EXTRA_REGIO, level=2)
    regions["CU12"] = factories.RegionFactory(code="CU12", kind=Region.Kind.CUSTOM, level=2)
    regions["EU27"] = factories.RegionFactory(code="EU27", kind=Region.Kind.AGGREGATE, level=None)
    c29 = factories.IndustryFactory(code="C29")
    g45 = factories.IndustryFactory(code="G45")
    section = factories.IndustryFactory(code="C", scheme=Industry.Scheme.NACE_SECTION)
    old = factories.DatasetFactory(code=OLD)
    other = factories.DatasetFactory(code="other")
    rows = [
        # region, industry, indicator, year, value, flag
        ("QA", c29, "V16110", 2013, 900.0, ""),
        ("QA1", c29, "V16110", 2013, 500.0, ""),
        ("QA11", c29, "V16110", 2013, 200.0, ""),
        ("QA12", c29, "V16110", 2013, 250.0, ""),
        ("QA11", c29, "V11210", 2013, 12.0, ""),
        ("QA12", g45, "V16110", 2013, None, "c"),
        ("QA11", g45, "V16110", 2013, 40.0, ""),
        ("QA111", c29, "V16110", 2013, 150.0, ""),
        ("QA11", c29, "V16110", 2014, 210.0, ""),
        ("QB1", c29, "V11210", 2014, 3.0, ""),  # establishments but no employment
        ("QB11", c29, "V16110", 2014, 70.0, ""),
        ("QB11", g45, "V16110", 2014, 30.0, ""),
        ("QA12", c29, "V16110", 2014, 260.0, ""),
        ("QAZZ", c29, "V16110", 2014, 5.0, ""),
        ("CU12", c29, "V16110", 2014, 8.0, ""),
        ("EU27", c29, "V16110", 2014, 9999.0, ""),
        ("QA1", section, "V16110", 2014, 700.0, ""),
    ]
    for code, industry, indicator, year, value, flag in rows:
        factories.ObservationFactory(
            dataset=old, region=regions[code], industry=industry, indicator=indicator,
            year=year, value=value, flag=flag,
        )  # fmt: skip
    factories.ObservationFactory(dataset=other, region=regions["QA11"], industry=c29, value=1.0)
    return regions


def records(frame, columns):
    """The frame's rows as sorted tuples (NaN shown as None), for exact comparisons."""
    rows = frame[list(columns)].astype(object).itertuples(index=False, name=None)
    cleaned = [
        tuple(None if isinstance(v, float) and math.isnan(v) else v for v in row) for row in rows
    ]
    return sorted(cleaned, key=repr)


def test_every_level_with_establishments_is_what_the_mapping_read(figures):
    frame = employment_frame(dataset=OLD, establishments=True)

    assert records(frame, ["region", "level", "industry", "year", "establishments", "employment"]) == [
        ("QA", 0, "C29", 2013, None, 900.0),
        ("QA1", 1, "C29", 2013, None, 500.0),
        ("QA11", 2, "C29", 2013, 12.0, 200.0),
        ("QA11", 2, "C29", 2014, None, 210.0),
        ("QA11", 2, "G45", 2013, None, 40.0),
        ("QA111", 3, "C29", 2013, None, 150.0),
        ("QA12", 2, "C29", 2013, None, 250.0),
        ("QA12", 2, "C29", 2014, None, 260.0),
        ("QB1", 1, "C29", 2014, 3.0, None),
        ("QB11", 2, "C29", 2014, None, 70.0),
        ("QB11", 2, "G45", 2014, None, 30.0),
    ]  # fmt: skip
    assert set(frame["dataset"]) == {OLD}


@pytest.mark.parametrize(
    ("level", "expected"),
    [
        (0, [(2013, "QA", "C29", 900.0)]),
        (1, [(2013, "QA1", "C29", 500.0), (2013, "QA1", "G45", 40.0),
             (2014, "QA1", "C29", 470.0), (2014, "QB1", "C29", 70.0),
             (2014, "QB1", "G45", 30.0)]),
        (2, [(2013, "QA11", "C29", 200.0), (2013, "QA11", "G45", 40.0),
             (2013, "QA12", "C29", 250.0), (2014, "QA11", "C29", 210.0),
             (2014, "QA12", "C29", 260.0), (2014, "QB11", "C29", 70.0),
             (2014, "QB11", "G45", 30.0)]),
    ],
)  # fmt: skip
def test_one_level_filled_from_the_level_below_is_what_the_analytics_read(figures, level, expected):
    frame = employment_frame(dataset=OLD, level=level, fill=True)

    assert records(frame, ["year", "region", "industry", "employment"]) == expected
    published = frame.set_index("region")["source"].to_dict()
    if level == 1:
        assert published["QB1"] == "children_sum"


def test_the_best_covered_year_of_nuts_1_and_2_is_what_the_matching_engine_read(figures):
    frame = employment_frame(levels=(1, 2), year="best", kinds=(Region.Kind.NUTS, "custom"))

    assert records(frame, ["region", "industry", "employment"]) == [
        ("CU12", "C29", 8.0),
        ("QA11", "C29", 210.0),
        ("QA12", "C29", 260.0),
        ("QB11", "C29", 70.0),
        ("QB11", "G45", 30.0),
    ]


def test_a_flagged_gap_is_left_out_never_zero(figures):
    frame = employment_frame(dataset=OLD, level=2, year=2013)

    assert ("QA12", "G45") not in set(zip(frame["region"], frame["industry"], strict=True))
    assert list(frame.columns) == ["region", "level", "industry", "year", "dataset", "employment"]


def test_nothing_stored_gives_the_columns_and_no_rows(db):
    frame = employment_frame(dataset="absent", level=1, fill=True, establishments=True)

    assert frame.empty
    assert list(frame.columns) == [
        "region", "level", "industry", "year", "dataset", "employment", "establishments", "source",
    ]  # fmt: skip


def test_fill_needs_a_level(db):
    with pytest.raises(ValueError, match="fill needs the level"):
        employment_frame(fill=True)


def test_a_continued_series_takes_each_year_from_one_dataset(figures):
    new = factories.DatasetFactory(code="sbs_r_nuts2021")
    c29 = Industry.objects.get(code="C29")
    for year, value in ((2014, 1.0), (2021, 230.0)):
        factories.ObservationFactory(
            dataset=new, region=figures["QA11"], industry=c29, year=year, value=value
        )

    frame = employment_frame(dataset=[OLD, "sbs_r_nuts2021"], level=2)

    cells = frame.set_index(["region", "industry", "year"])
    assert cells.loc[("QA11", "C29", 2021), ["dataset", "employment"]].tolist() == [
        "sbs_r_nuts2021", 230.0,
    ]  # fmt: skip
    # 2014 is in both: the later dataset's figures only, none of the older one's that year.
    assert set(frame.loc[frame["year"] == 2014, "dataset"]) == {"sbs_r_nuts2021"}
    assert set(frame.loc[frame["year"] == 2013, "dataset"]) == {OLD}
