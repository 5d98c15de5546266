"""pytest fixtures built on the factories, and a small synthetic data world for page tests."""

from __future__ import annotations

import pytest

from clusterdialogue.testing import factories


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
def small_world(db):
    """An example network (clearly not real): two countries, four NUTS-2 regions, three industries.

    Employment figures are invented for tests and the mapping is computed from them through the
    same service the real data uses.
    """
    from clusterdialogue.statistics.services.mapping import mapping_refresh

    countries = [
        factories.RegionFactory(code=c, name=f"Exampleland {c}", level=0) for c in ("QA", "QB")
    ]
    level1 = [
        factories.RegionFactory(code=f"{c.code}1", name=f"{c.name} North", level=1, parent=c)
        for c in countries
    ]
    level2 = [
        factories.RegionFactory(code=f"{p.code}{i}", name=f"{p.name} {i}", level=2, parent=p)
        for p in level1
        for i in (1, 2)
    ]
    industries = [
        factories.IndustryFactory(code=code, section=code[0], name_en=name)
        for code, name in (
            ("C29", "Motor vehicles"),
            ("C21", "Pharmaceuticals"),
            ("J62", "Software"),
        )
    ]
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
