"""Tests of the statistics selectors: data codes across NUTS versions, years, growth, map values."""

from __future__ import annotations

import pytest

from clusterdialogue.regions.models import Region, RegionCodeChange
from clusterdialogue.statistics.models import Industry
from clusterdialogue.statistics.selectors import (
    mapping_default_year,
    mapping_for_category,
    mapping_for_region,
    mapping_growth,
    mapping_map_values,
    mapping_years,
    region_data_code,
)
from clusterdialogue.testing.factories import MappingResultFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def recodings(region_factory):
    """FR7 → FRK, FR71 → FRK2 and the chain FR91 → FRA1 → FRY1, as in the shipped table."""
    for old, old_version, new, new_version in (
        ("FR7", "2013", "FRK", "2016"),
        ("FR71", "2013", "FRK2", "2016"),
        ("FR91", "2010", "FRA1", "2013"),
        ("FRA1", "2013", "FRY1", "2016"),
    ):
        RegionCodeChange.objects.create(
            old_code=old,
            new_code=new,
            old_version=old_version,
            new_version=new_version,
            relation=RegionCodeChange.Relation.RECODED,
        )
    RegionCodeChange.objects.create(
        old_code="FR2", new_code="FRB", old_version="2013", new_version="2016", relation="split"
    )
    return {
        code: region_factory(code=code)
        for code in ("FRK", "FR7", "FRK2", "FR71", "FRY1", "FRA1", "FR91", "FRB", "FR2", "DE11")
    }


@pytest.fixture
def c29(industry_factory):
    return industry_factory(code="C29")


def test_region_data_code_falls_back_to_the_predecessor(recodings, c29):
    MappingResultFactory(region=recodings["FR7"], category=c29, level=1)

    data = region_data_code(region=recodings["FRK"])

    assert data.data_code == "FR7"
    assert data.is_predecessor
    assert data.region == recodings["FRK"]


def test_region_data_code_prefers_own_code(recodings, c29):
    MappingResultFactory(region=recodings["FR7"], category=c29, level=1)
    MappingResultFactory(region=recodings["FRK"], category=c29, level=1, year=2016)

    data = region_data_code(region=recodings["FRK"])

    assert (data.data_code, data.is_predecessor) == ("FRK", False)


@pytest.mark.parametrize(
    ("region", "with_results", "expected"),
    [
        ("FRY1", "FR91", "FR91"),  # two steps back along the chain
        ("FRY1", None, "FRY1"),  # nothing anywhere: its own code
        ("FRB", "FR2", "FRB"),  # a split region is another territory
        ("DE11", "DE11", "DE11"),
    ],
)
def test_region_data_code_cases(recodings, c29, region, with_results, expected):
    if with_results:
        MappingResultFactory(region=recodings[with_results], category=c29)

    assert region_data_code(region=recodings[region]).data_code == expected


def test_region_data_code_looks_at_the_scheme_only(recodings, c29):
    MappingResultFactory(region=recodings["FR7"], category=c29, scheme="nace_section")

    assert region_data_code(region=recodings["FRK"]).data_code == "FRK"
    assert region_data_code(region=recodings["FRK"], scheme="nace_section").data_code == "FR7"


def test_mapping_default_year_and_years(region_factory, industry_factory):
    regions = [region_factory(code=f"QA1{i}") for i in range(3)]
    categories = [industry_factory(code=code) for code in ("C29", "C21")]
    for year, cells in ((2013, 6), (2014, 4), (2015, 6), (2012, 1)):
        for i in range(cells):
            MappingResultFactory(year=year, region=regions[i % 3], category=categories[i // 3])
    # More cells at another level do not count.
    for i in range(4):
        parent = region_factory(code=f"Q{'ABCD'[i]}1")
        for category in categories:
            MappingResultFactory(year=2014, level=1, region=parent, category=category)

    assert mapping_years() == [2015, 2014, 2013, 2012]
    assert mapping_default_year() == 2015  # ties go to the newest year
    assert mapping_default_year(level=1) == 2014
    assert mapping_default_year(level=0) is None
    assert mapping_default_year(scheme=Industry.Scheme.NACE_SECTION) is None


def test_mapping_growth_is_compound_annual(region_factory, industry_factory):
    region = region_factory(code="ES51")
    other = region_factory(code="ITC4")
    figures = {
        "C29": {2010: 100.0, 2012: 121.0},
        "C21": {2010: 200.0, 2012: 162.0},
        "C10": {2010: 0.0, 2012: 50.0},  # no base: no growth rate
        "J62": {2012: 40.0},  # no start year
        "C30": {2010: 40.0},  # no end year
    }
    for code, by_year in figures.items():
        category = industry_factory(code=code)
        for year, employment in by_year.items():
            MappingResultFactory(region=region, category=category, year=year, employment=employment)
            MappingResultFactory(region=other, category=category, year=year, employment=1.0)

    growth = mapping_growth(code="ES51", scheme="nace_division", start_year=2010, end_year=2012)

    assert growth == {"C29": pytest.approx(0.1), "C21": pytest.approx(-0.1)}
    assert mapping_growth(code="ES51", scheme="nace_division", start_year=2012, end_year=2012) == {}


def test_mapping_map_values_translates_old_codes(recodings, c29):
    MappingResultFactory(region=recodings["FR71"], category=c29, lq=1.7, stars=2, lq_rank=3)
    MappingResultFactory(region=recodings["FRA1"], category=c29, lq=0.4)
    MappingResultFactory(region=recodings["DE11"], category=c29, lq=2.5, source="children_sum")
    MappingResultFactory(region=recodings["DE11"], category=c29, lq=9.0, year=2013)

    values = mapping_map_values(category="C29", year=2014, level=2)

    assert set(values) == {"FRK2", "FRY1", "DE11"}
    assert values["FRK2"] == {
        "data_code": "FR71",
        "lq": 1.7,
        "stars": 2,
        "employment": 1000.0,
        "lq_rank": 3,
        "source": "published",
    }
    assert values["FRY1"]["data_code"] == "FRA1"
    assert (values["DE11"]["data_code"], values["DE11"]["lq"]) == ("DE11", 2.5)
    assert values["DE11"]["source"] == "children_sum"


def test_mapping_for_region_and_category_orderings(region_factory, industry_factory):
    a, b = region_factory(code="QA11"), region_factory(code="QA12")
    c29, c21 = industry_factory(code="C29"), industry_factory(code="C21")
    MappingResultFactory(region=a, category=c29, lq=0.5, lq_rank=2)
    MappingResultFactory(region=a, category=c21, lq=3.0, lq_rank=1)
    MappingResultFactory(region=b, category=c29, lq=2.0, lq_rank=1)

    by_region = mapping_for_region(code="QA11", scheme="nace_division", year=2014)
    by_category = mapping_for_category(category="C29", year=2014, level=2)

    assert [r.category.code for r in by_region] == ["C21", "C29"]
    assert [r.region.code for r in by_category] == ["QA12", "QA11"]


@pytest.fixture
def later_recodings(recodings):
    """Invented codes QA…: QA11 (2016) recoded QA13 (2021), QA12 moved its boundary (QA14)."""
    for old, old_version, new, new_version, relation in (
        ("QA11", "2016", "QA13", "2021", RegionCodeChange.Relation.RECODED),
        ("QA13", "2021", "QA15", "2024", RegionCodeChange.Relation.RECODED),
        ("QA12", "2016", "QA14", "2021", RegionCodeChange.Relation.BOUNDARY),
    ):
        RegionCodeChange.objects.create(
            old_code=old,
            new_code=new,
            old_version=old_version,
            new_version=new_version,
            relation=relation,
        )
    for code in ("QA11", "QA13", "QA15", "QA12", "QA14"):
        Region.objects.create(code=code, name=code, level=2, country_code="QA")
    return {r.code: r for r in Region.objects.all()}


def test_region_data_code_finds_figures_under_a_later_recoding(later_recodings, c29):
    regions = later_recodings
    MappingResultFactory(region=regions["QA13"], category=c29, level=2, year=2021)
    MappingResultFactory(region=regions["QA14"], category=c29, level=2, year=2021)

    later = region_data_code(region=regions["QA11"])
    assert (later.data_code, later.is_newer, later.is_predecessor) == ("QA13", True, False)
    earlier = region_data_code(region=regions["QA15"])
    assert (earlier.data_code, earlier.is_newer, earlier.is_predecessor) == ("QA13", False, True)
    # A moved boundary is another territory: its figures are not shown.
    assert region_data_code(region=regions["QA12"]).data_code == "QA12"
    # The old fall-back still comes first.
    assert region_data_code(region=regions["FRK"]).data_code == "FRK"


def test_mapping_map_values_shows_2021_figures_on_the_2016_map(later_recodings, c29):
    regions = later_recodings
    MappingResultFactory(region=regions["QA15"], category=c29, level=2, year=2023, lq=1.5)
    MappingResultFactory(region=regions["QA14"], category=c29, level=2, year=2023, lq=0.7)
    MappingResultFactory(region=regions["FR71"], category=c29, level=2, year=2023, lq=1.1)

    values = mapping_map_values(category="C29", year=2023, level=2)

    assert set(values) == {"QA11", "QA14", "FRK2"}
    assert (values["QA11"]["data_code"], values["QA11"]["lq"]) == ("QA15", 1.5)
    assert values["QA14"]["data_code"] == "QA14"
