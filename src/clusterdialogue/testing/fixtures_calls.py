"""pytest fixtures for funding calls and the consortium builder: example data, clearly not real.

``calls_world`` is a small directory of invented "Example …" clusters in invented regions
(``DEX1``, ``FRX1``, ``ITX1``, ``ESX1``: no such NUTS codes exist) of four real countries, so
that country rules can be tried; three of the regions are territories of an example network.
Every role a permission test needs has a user (password ``password``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from clusterdialogue.accounts.models import Role
from clusterdialogue.testing import factories, factories_calls, factories_clusters

_CLUSTERS = {
    # key: (name, region, keywords, description)
    "emobility": ("Example e-mobility cluster", "DEX1", ["electric mobility", "batteries"],
                  "Electric vehicles, batteries and charging infrastructure."),
    "automotive": ("Example automotive cluster", "FRX1", ["automotive", "car industry"],
                   "Automotive suppliers and vehicle manufacturing."),
    "smart_mobility": ("Example smart mobility cluster", "ITX1",
                       ["smart mobility", "connected vehicles"],
                       "Connected and automated vehicles, sustainable transport."),
    "mobility_es": ("Example sustainable transport cluster", "ESX1",
                    ["sustainable transport", "electric mobility"], "Electric buses and rail."),
    "health": ("Example health cluster", "FRX1", ["health", "medical technology"],
               "Medical devices and hospitals."),
    "food": ("Example food cluster", "ITX1", ["agrifood", "food"], "Food processing and wine."),
}  # fmt: skip


@dataclass
class CallsWorld:
    """The example network, its clusters and calls, and one user per role."""

    network: Any
    territories: dict[str, Any]
    clusters: dict[str, Any]
    calls: dict[str, Any]
    hidden: Any
    users: dict[str, Any] = field(default_factory=dict)

    def user(self, name: str) -> Any:
        """The user playing ``name`` (None for the anonymous public)."""
        return self.users.get(name)


@pytest.fixture
def funding_call_factory(db):
    return factories_calls.FundingCallFactory


@pytest.fixture
def calls_world(db) -> CallsWorld:
    network = factories.NetworkFactory(name="Example network", slug="example-network")
    regions = {}
    for country in ("DE", "FR", "IT", "ES"):
        parent = factories.RegionFactory(code=country, name=f"Country {country}", level=0)
        regions[f"{country}X1"] = factories.RegionFactory(
            code=f"{country}X1", name=f"Example region {country}", level=1, parent=parent
        )
    territories = {
        code: factories.TerritoryFactory(
            network=network, region=regions[code], name=f"Example territory {code[:2]}"
        )
        for code in ("DEX1", "FRX1", "ITX1")
    }
    clusters = {}
    for key, (name, region, keywords, description) in _CLUSTERS.items():
        clusters[key] = factories_clusters.ClusterOrganisationFactory(
            name=name, slug=f"example-{key.replace('_', '-')}", region=regions[region],
            keywords=keywords, description=description, status="active",
        )  # fmt: skip
    hidden = factories_clusters.ClusterOrganisationFactory(
        name="Example hidden mobility cluster", slug="example-hidden", region=regions["DEX1"],
        keywords=["electric mobility"], is_public=False, status="active",
    )  # fmt: skip
    calls = {
        "mobility": factories_calls.FundingCallFactory(
            reference="EXAMPLE-MOBILITY",
            title="Example call – electric mobility and batteries",
            topic="Electric mobility, batteries, connected vehicles and the automotive industry.",
            min_partners=3, min_countries=3, max_partners=4,
            eligible_countries=["DE", "ES", "FR", "IT"],
        ),
        "health": factories_calls.FundingCallFactory(
            reference="EXAMPLE-HEALTH", programme="Single Market Programme (Euroclusters)",
            title="Example call – health", topic="Medical technology and health.",
            min_partners=2, min_countries=2,
        ),
    }  # fmt: skip
    world = CallsWorld(network, territories, clusters, calls, hidden)
    scopes = {
        "member": (Role.MEMBER, {"network": network}),
        "manager": (Role.CLUSTER_MANAGER, {"organisation": clusters["emobility"]}),
        "other_manager": (Role.CLUSTER_MANAGER, {"organisation": clusters["health"]}),
        "representative": (Role.TERRITORY_REPRESENTATIVE, {"territory": territories["DEX1"]}),
        "other_representative": (
            Role.TERRITORY_REPRESENTATIVE,
            {"territory": territories["FRX1"]},
        ),
        "secretariat": (Role.SECRETARIAT, {"network": network}),
    }
    for name, (role, scope) in scopes.items():
        user = factories_clusters.UserFactory(username=f"calls_{name}")
        factories_clusters.RoleAssignmentFactory(user=user, role=role, **scope)
        world.users[name] = user
    return world
