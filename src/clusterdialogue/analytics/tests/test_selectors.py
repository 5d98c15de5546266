"""Reads behind the analytics: employment per level, where a region's figures are, the layout."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from clusterdialogue.analytics.selectors import analytics_overview, analytics_regions
from clusterdialogue.core.industry_space import industry_space_layout
from clusterdialogue.regions.models import Region
from clusterdialogue.statistics.selectors import employment_frame
from clusterdialogue.testing import factories
from clusterdialogue.testing.fixtures.analytics import (
    analytics_employment_figures,
    analytics_reference,
)


@pytest.mark.django_db
def test_nuts1_employment_is_the_sum_of_nuts2_unless_published(analytics_world):
    factories.ObservationFactory(
        dataset=analytics_world["dataset"],
        region=analytics_world["level1"]["QA2"],
        industry=analytics_world["industries"]["C29"],
        year=2014,
        value=999.0,
    )
    frame = employment_frame(dataset="sbs_r_nuts06_r2", scheme="nace_division", level=1, fill=True)
    cell = frame.set_index(["region", "industry", "year"])["employment"]
    figures = analytics_employment_figures()
    assert cell[("QA1", "J62", 2013)] == sum(
        figures[(code, "J62", 2013)] for code in ("QA11", "QA12", "QA13")
    )
    assert cell[("QA2", "C29", 2014)] == 999.0  # published, not summed
    assert (
        cell[("QA2", "C29", 2013)]
        == figures[("QA21", "C29", 2013)] + figures[("QA22", "C29", 2013)]
    )
    assert set(frame["region"]) == {"QA1", "QA2", "QB1"}


@pytest.mark.django_db
def test_overview_years_default_and_coverage(analytics_world):
    overview = analytics_overview()
    assert overview.years == [2012, 2013, 2014]
    assert overview.default_year == 2014  # 2013 and 2014 cover all eight regions: the latest
    assert overview.coverage["QA22"] == [2013, 2014]
    assert "QA14" not in overview.coverage
    expected = pd.DataFrame({year: r.eci for year, r in analytics_reference().items()})
    pd.testing.assert_frame_equal(overview.eci, expected, check_names=False)


@pytest.mark.django_db
def test_overview_without_a_dataset_is_empty(db):
    overview = analytics_overview()
    assert (overview.years, overview.default_year, overview.version) == ([], None, None)


@pytest.mark.django_db
def test_regions_find_their_figures(analytics_world):
    custom = factories.RegionFactory(code="CUSTOM1", level=2, kind=Region.Kind.CUSTOM)
    codes = ["QA11", "QB9", "QB1", "QA14", "QA111", "QA", "CUSTOM1"]
    regions = {r.code: r for r in Region.objects.filter(code__in=codes)} | {"CUSTOM1": custom}
    found = analytics_regions(regions=[regions[c] for c in codes])
    assert [(p.region.code, p.level, p.data_code) for p in found] == [
        ("QA11", 2, "QA11"),
        ("QB9", 1, "QB1"),
        ("QB1", 1, "QB1"),
        ("QA14", 2, None),
        ("QA111", None, None),
        ("QA", 0, None),  # no country figures in this world
        ("CUSTOM1", None, None),
    ]
    assert found[1].is_predecessor and not found[0].is_predecessor
    assert found[1].years == (2012, 2013, 2014)


def test_industry_space_is_a_connected_spanning_network():
    phi = analytics_reference()[2014].proximity
    space = industry_space_layout(phi)
    graph = nx.Graph()
    graph.add_weighted_edges_from(space.links)
    assert set(graph) == set(phi.index) == set(space.positions.index)
    assert nx.is_connected(graph)
    assert len(space.links) == min(round(4 * len(phi) / 2), len(phi) * (len(phi) - 1) // 2)
    # A maximum spanning tree is among the links: the best tree of the links drawn weighs as
    # much as the best tree of all pairs (ties may make the tree itself differ).
    complete = nx.Graph()
    complete.add_weighted_edges_from(
        (a, b, phi.loc[a, b]) for a in phi.index for b in phi.index if a < b and phi.loc[a, b] > 0
    )
    best = nx.maximum_spanning_tree(complete).size(weight="weight")
    assert nx.maximum_spanning_tree(graph).size(weight="weight") == pytest.approx(best, abs=1e-5)
    assert all(phi.loc[a, b] == pytest.approx(p, abs=1e-6) for a, b, p in space.links)
    assert space.positions.abs().max().max() <= 1.0 + 1e-9


def test_industry_space_is_the_same_every_time_and_keeps_unlinked_parts_in_view():
    phi = pd.DataFrame(
        [[1, 0.6, 0, 0, 0], [0.6, 1, 0, 0, 0], [0, 0, 1, 0.5, 0], [0, 0, 0.5, 1, 0], [0] * 5],
        index=list("abcde"),
        columns=list("abcde"),
        dtype=float,
    )
    first, second = industry_space_layout(phi), industry_space_layout(phi)
    pd.testing.assert_frame_equal(first.positions, second.positions)
    assert first.isolated == ["e"]
    assert sorted(first.positions.index) == ["a", "b", "c", "d"]
    assert np.isfinite(first.positions.to_numpy()).all()
    assert first.positions.abs().max().max() <= 1.0 + 1e-9  # no part a million units away
    assert [(a, b) for a, b, _ in first.links] == [("a", "b"), ("c", "d")]
