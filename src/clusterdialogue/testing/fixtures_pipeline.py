"""pytest fixtures for the collaboration pipeline: example networks with collaborations.

Every cluster and collaboration is invented ("Example …", "Exampleland" regions); none is real.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pytest

from clusterdialogue.testing import factories, factories_clusters
from clusterdialogue.testing.factories_pipeline import collaboration_with_log

d = dt.date


@dataclass
class PipelineWorld:
    """Three territories, five public clusters (one outside the network), collaborations."""

    network: Any
    territories: dict[str, Any]
    clusters: dict[str, Any]
    collaborations: dict[str, Any] = field(default_factory=dict)


def _regions(codes: list[str]) -> dict[str, Any]:
    regions: dict[str, Any] = {}
    for code in codes:
        country = factories.RegionFactory(code=code[:2], name=f"Exampleland {code[:2]}", level=0)
        level1 = factories.RegionFactory(
            code=code[:3], name=f"Exampleland {code[:3]}", level=1, parent=country
        )
        regions[code] = factories.RegionFactory(
            code=code, name=f"Example region {code}", level=2, parent=level1
        )
    return regions


@pytest.fixture
def pipeline_world(db) -> PipelineWorld:
    """The hand-built set the statistics and network tests count on.

    Territories North (QA1), South (QB1), East (QC1); clusters a1, a2 (North), b1 (South),
    c1 (East), d1 (QD11, outside the network), plus a non-public one in North. Collaborations:

    ====  ==========  ========  =============================================================
    key   partners    kind      log
    ====  ==========  ========  =============================================================
    ab    a1 b1       bilat.    identified 2022-03-01, contact 2022-05-01, meeting 2023-02-01
    abc   a1 b1 c1    joint     ident. 2022-09-01, contact 2022-10-01, submitted 2023-03-01
                                (500 000 requested), funded 2023-09-01 (400 000 won),
                                running 2023-10-01
    aa    a1 a2       joint     ident. 2023-01-10, contact 2023-01-20, submitted 2023-04-01
                                (100 000), rejected 2023-11-01
    bd    b1 d1       joint     ident. 2023-05-01, meeting 2024-01-15, submitted 2024-02-01
                                (200 000), rejected 2024-06-01
    ac    a2 c1       bilat.    identified 2024-03-01 (only)
    ab2   a2 b1       bilat.    identified 2024-01-01, closed 2024-02-01
    ex    a1 c1       bilat.    example data: identified 2023-01-01, contact 2023-02-01
    ====  ==========  ========  =============================================================
    """
    regions = _regions(["QA11", "QA12", "QB11", "QC11", "QD11"])
    network = factories.NetworkFactory(name="Example network", slug="example-network")
    territories = {
        name: factories.TerritoryFactory(network=network, region=regions[code].parent, name=name)
        for name, code in (("North", "QA11"), ("South", "QB11"), ("East", "QC11"))
    }
    cluster = factories_clusters.ClusterOrganisationFactory
    clusters = {
        key: cluster(
            name=f"Example cluster {key.upper()}",
            slug=f"example-cluster-{key}",
            region=regions[code],
            status="active",
        )
        for key, code in (
            ("a1", "QA11"), ("a2", "QA12"), ("b1", "QB11"), ("c1", "QC11"), ("d1", "QD11")
        )
    }  # fmt: skip
    clusters["hidden"] = cluster(
        name="Example hidden cluster",
        slug="example-hidden",
        region=regions["QA11"],
        is_public=False,
    )
    world = PipelineWorld(network, territories, clusters)
    c = clusters
    joint = "joint_application"
    world.collaborations = {
        "ab": collaboration_with_log(
            [c["a1"], c["b1"]],
            [("identified", d(2022, 3, 1)), ("contact", d(2022, 5, 1)), ("meeting", d(2023, 2, 1))],
            title="Example relation AB",
        ),
        "abc": collaboration_with_log(
            [c["a1"], c["b1"], c["c1"]],
            [
                ("identified", d(2022, 9, 1)),
                ("contact", d(2022, 10, 1)),
                ("submitted", d(2023, 3, 1)),
                ("funded", d(2023, 9, 1)),
                ("running", d(2023, 10, 1)),
            ],
            title="Example application ABC",
            kind=joint,
            lead=c["a1"],
            funding_requested=Decimal(500000),
            funding_won=Decimal(400000),
        ),
        "aa": collaboration_with_log(
            [c["a1"], c["a2"]],
            [
                ("identified", d(2023, 1, 10)),
                ("contact", d(2023, 1, 20)),
                ("submitted", d(2023, 4, 1)),
                ("rejected", d(2023, 11, 1)),
            ],
            title="Example application AA",
            kind=joint,
            funding_requested=Decimal(100000),
        ),
        "bd": collaboration_with_log(
            [c["b1"], c["d1"]],
            [
                ("identified", d(2023, 5, 1)),
                ("meeting", d(2024, 1, 15)),
                ("submitted", d(2024, 2, 1)),
                ("rejected", d(2024, 6, 1)),
            ],
            title="Example application BD",
            kind=joint,
            funding_requested=Decimal(200000),
        ),
        "ac": collaboration_with_log(
            [c["a2"], c["c1"]], [("identified", d(2024, 3, 1))], title="Example idea AC"
        ),
        "ab2": collaboration_with_log(
            [c["a2"], c["b1"]],
            [("identified", d(2024, 1, 1)), ("closed", d(2024, 2, 1))],
            title="Example dropped AB",
        ),
        "ex": collaboration_with_log(
            [c["a1"], c["c1"]],
            [("identified", d(2023, 1, 1)), ("contact", d(2023, 2, 1))],
            title="Example demonstration AC",
            is_example=True,
        ),
    }
    return world


@pytest.fixture
def pipeline_roles(roles_world):
    """``roles_world`` plus a collaboration of its cluster A with a cluster outside the network.

    So the manager and representative of A act for a partner; those of B do not.
    """
    outside = _regions(["QE11"])["QE11"]
    partner = factories_clusters.ClusterOrganisationFactory(
        name="Example cluster E", slug="example-cluster-e", region=outside
    )
    roles_world.outside_organisation = partner
    roles_world.collaboration = collaboration_with_log(
        [roles_world.organisation, partner],
        [("identified", d(2024, 1, 10)), ("contact", d(2024, 2, 1))],
        title="Example collaboration A–E",
    )
    return roles_world
