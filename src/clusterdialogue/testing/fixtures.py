"""pytest fixtures built on the factories, and a small synthetic data world for page tests."""

from __future__ import annotations

import pytest

from clusterdialogue.testing import factories, world


@pytest.fixture
def region_factory(db):
    return factories.RegionFactory


@pytest.fixture
def industry_factory(db):
    return factories.IndustryFactory


@pytest.fixture
def observation_factory(db):
    return factories.ObservationFactory


@pytest.fixture
def network_factory(db):
    return factories.NetworkFactory


@pytest.fixture
def territory_factory(db):
    return factories.TerritoryFactory


@pytest.fixture
def nuts_tree(db):
    """Build a NUTS-like tree of regions (:func:`clusterdialogue.testing.world.nuts_tree`)."""
    return world.nuts_tree


@pytest.fixture
def example_regions(db):
    """The small world's regions alone (:data:`~clusterdialogue.testing.world.EXAMPLE_REGIONS`)."""
    return world.nuts_tree(world.EXAMPLE_REGIONS)


@pytest.fixture
def example_industries(db):
    """The small world's industries alone (C29, C21 and J62)."""
    return world.nace_divisions(world.EXAMPLE_INDUSTRIES)


@pytest.fixture
def small_world(example_regions, example_industries):
    """An example network (clearly not real): two countries, four NUTS-2 regions, three industries.

    Employment figures are invented for tests and the mapping is computed from them through the
    same service the real data uses.
    """
    from clusterdialogue.statistics.services.mapping import mapping_refresh

    countries = [example_regions[code] for code in ("QA", "QB")]
    level1 = [example_regions[code] for code in ("QA1", "QB1")]
    level2 = [example_regions[code] for code in ("QA11", "QA12", "QB11", "QB12")]
    industries = list(example_industries.values())
    employment = {
        "QA11": (500, 100, 400),
        "QA12": (50, 300, 650),
        "QB11": (20, 20, 960),
        "QB12": (300, 200, 500),
    }
    dataset = factories.DatasetFactory()
    for region in level2:
        for industry, value in zip(industries, employment[region.code], strict=True):
            for indicator, figure in (("V16110", value), ("V11210", value / 10)):
                for year, factor in ((2013, 0.9), (2014, 1.0)):
                    factories.ObservationFactory(
                        dataset=dataset,
                        region=region,
                        industry=industry,
                        indicator=indicator,
                        year=year,
                        value=figure * factor,
                    )
    network = factories.NetworkFactory(name="Example network", slug="example")
    territories = [
        factories.TerritoryFactory(network=network, region=level1[0], name="North of A"),
        factories.TerritoryFactory(
            network=network, region=level2[3], name="B Two", role="associate"
        ),
    ]
    mapping_refresh(schemes=["nace_division"], levels=(1, 2))
    return {
        "countries": countries,
        "level1": level1,
        "level2": level2,
        "industries": industries,
        "network": network,
        "territories": territories,
    }


@pytest.fixture(autouse=True)
def fresh_matching_index():
    """Each test starts without an encoded directory: the index is kept per process until an
    invalidation, and a rolled-back test database sends none."""
    from clusterdialogue.collaboration.matching import matching_index_store

    matching_index_store().clear()
    yield
