"""A small synthetic world for the smart-specialisation analytics (clearly example data).

Eight NUTS-2 regions in two invented countries, seven NACE divisions in three groups of related
industries (vehicles and machinery, chemicals and pharmaceuticals, software and information
services) plus accommodation, three years. Regions lean towards one or two groups, so that
proximity links the industries of a group and relatedness density means something.
"""

from __future__ import annotations

import numpy as np
import pytest

from clusterdialogue.regions.models import RegionCodeChange
from clusterdialogue.testing import factories, world

INDUSTRIES = {
    "C29": "Motor vehicles (example)",
    "C28": "Machinery (example)",
    "C20": "Chemicals (example)",
    "C21": "Pharmaceuticals (example)",
    "J62": "Software (example)",
    "J63": "Information services (example)",
    "I55": "Accommodation (example)",
}
GROUPS = {"C29": 0, "C28": 0, "C20": 1, "C21": 1, "J62": 2, "J63": 2, "I55": 3}
# How strongly each NUTS-2 region leans towards each group (vehicles, chemicals, ICT, tourism).
LEANING = {
    "QA11": (6, 1, 1, 1),
    "QA12": (5, 4, 1, 1),
    "QA13": (1, 5, 1, 2),
    "QA21": (1, 1, 6, 1),
    "QA22": (1, 4, 5, 1),
    "QB11": (1, 1, 1, 6),
    "QB12": (4, 1, 1, 3),
    "QB13": (1, 1, 4, 4),
}
YEARS = (2012, 2013, 2014)


def analytics_employment_figures() -> dict[tuple[str, str, int], float]:
    """Employment per (region, industry, year): the leaning times seeded noise, in jobs.

    QA22 has no figures in 2012 (a region missing in one year).
    """
    rng = np.random.default_rng(2019)
    figures = {}
    for region, leaning in LEANING.items():
        for industry, group in GROUPS.items():
            base = 1000 * leaning[group] * rng.uniform(0.7, 1.3)
            for year in YEARS:
                if region == "QA22" and year == 2012:
                    continue
                figures[(region, industry, year)] = round(base * rng.uniform(0.75, 1.25))
    return figures


@pytest.fixture
def analytics_world(db):
    """Countries QA and QB; NUTS-1 QA1, QA2, QB1 (without published figures: their figures are
    the sums of their NUTS-2 regions) and QB9, the NUTS 2016 code of QB1 (recoded, no figures
    of its own); NUTS-2 regions of :data:`LEANING` plus QA14 (no figures); NUTS-3 QA111.

    The default network "Example network" has the territories Alpha (QA11, partner), Beta
    (QB12, partner) and Gamma (QB9, associate, figures under QB1).
    """
    below = ("QA1", "QA2", "QB1", "QB9", *LEANING, "QA14", "QA111")
    regions = world.nuts_tree(
        {"QA": "Exampleland QA", "QB": "Exampleland QB"} | {c: f"Example {c}" for c in below}
    )
    regions["QB1"].versions = "2013"
    regions["QB1"].save()
    RegionCodeChange.objects.create(
        old_code="QB1", new_code="QB9", old_version="2013", new_version="2016", relation="recoded"
    )
    countries = {code: r for code, r in regions.items() if r.level == 0}
    level1 = {code: r for code, r in regions.items() if r.level == 1}
    level2 = {code: r for code, r in regions.items() if r.level == 2}
    industries = world.nace_divisions(INDUSTRIES)
    dataset = factories.DatasetFactory()
    for (region, industry, year), value in analytics_employment_figures().items():
        factories.ObservationFactory(
            dataset=dataset,
            region=level2[region],
            industry=industries[industry],
            indicator="V16110",
            year=year,
            value=value,
        )
    network = factories.NetworkFactory(name="Example network", slug="example")
    territories = [
        factories.TerritoryFactory(network=network, region=level2["QA11"], name="Alpha"),
        factories.TerritoryFactory(network=network, region=level2["QB12"], name="Beta"),
        factories.TerritoryFactory(
            network=network, region=level1["QB9"], name="Gamma", role="associate"
        ),
    ]
    return {
        "countries": countries,
        "level1": level1,
        "level2": level2,
        "industries": industries,
        "dataset": dataset,
        "network": network,
        "territories": territories,
    }


def analytics_reference(level: int = 2) -> dict:
    """What the analytics should find in :func:`analytics_world`: ``complexity_by_year`` run
    directly on the invented figures (NUTS-1 figures summed from NUTS 2)."""
    import pandas as pd

    from clusterdialogue.core.complexity import complexity_by_year

    frame = pd.DataFrame(
        [(y, r, i, v) for (r, i, y), v in analytics_employment_figures().items()],
        columns=["year", "region", "industry", "employment"],
    )
    if level == 1:
        frame = (
            frame.assign(region=frame["region"].str[:3])
            .groupby(["year", "region", "industry"], as_index=False)["employment"]
            .sum()
        )
    return complexity_by_year(frame)
