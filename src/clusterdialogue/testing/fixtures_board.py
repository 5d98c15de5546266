"""pytest fixtures for the cooperation board and the partner recommendations.

Example data only: "Exampleland" regions and "Example …" organisations with invented
descriptions, never real ones.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from clusterdialogue.accounts.models import Role
from clusterdialogue.testing import factories, factories_clusters


def _territory(network: Any, code: str, name: str) -> tuple[Any, Any]:
    """A country, its NUTS-1 region (the territory) and a NUTS-2 region below it."""
    country = factories.RegionFactory(code=code, name=f"Exampleland {code}", level=0)
    level1 = factories.RegionFactory(
        code=f"{code}1", name=f"Exampleland {code} North", level=1, parent=country
    )
    level2 = factories.RegionFactory(
        code=f"{code}11", name=f"Exampleland {code} North-West", level=2, parent=level1
    )
    territory = factories.TerritoryFactory(network=network, region=level1, name=name)
    return territory, level2


def _manager(username: str, organisation: Any) -> Any:
    user = factories_clusters.UserFactory(username=username)
    factories_clusters.RoleAssignmentFactory(
        user=user, role=Role.CLUSTER_MANAGER, organisation=organisation
    )
    return user


@dataclass
class BoardWorld:
    """``roles_world`` (territories A and B, a user per role) plus territory C and profiles
    that the engine can tell apart: batteries in A, B and C, health in C."""

    roles: Any
    territory_c: Any
    organisations: dict[str, Any] = field(default_factory=dict)
    users: dict[str, Any] = field(default_factory=dict)

    def user(self, name: str) -> Any:
        return self.users.get(name) or self.roles.user(name)


@pytest.fixture
def board_world(roles_world) -> BoardWorld:
    """Profiles (example data): A (poster, territory A), A2 (also A), B, C-recycling, C-health.

    Users: the ``roles_world`` ones (``role_manager`` manages A, ``role_other_manager`` B) plus
    ``board_recycling_manager`` (manages C-recycling), ``board_health_manager`` (C-health).
    """
    territory_c, qc11 = _territory(roles_world.network, "QC", "Territory C")
    organisation_a = roles_world.organisation
    organisation_a.description = "Example cluster for electric mobility and battery systems."
    organisation_a.keywords = ["electric mobility", "batteries"]
    organisation_a.save()
    organisation_b = roles_world.other_organisation
    organisation_b.description = "Example cluster of battery cell makers and electric vehicles."
    organisation_b.keywords = ["battery cells", "electric vehicles"]
    organisation_b.offers = "battery testing"
    organisation_b.save()
    region_a = roles_world.organisation.region
    same_territory = factories_clusters.ClusterOrganisationFactory(
        name="Example battery cluster A2", slug="example-battery-a2", region=region_a,
        description="Example cluster for batteries and battery recycling.",
        keywords=["batteries", "battery recycling"],
    )  # fmt: skip
    recycling = factories_clusters.ClusterOrganisationFactory(
        name="Example recycling cluster C", slug="example-recycling-c", region=qc11,
        description="Example cluster for battery recycling and the circular economy.",
        keywords=["battery recycling", "circular economy"],
        offers="battery recycling\nsecond-life batteries",
    )  # fmt: skip
    health = factories_clusters.ClusterOrganisationFactory(
        name="Example health cluster C", slug="example-health-c", region=qc11,
        description="Example cluster for medical devices and biotechnology.",
        keywords=["medical devices", "biotechnology"],
    )  # fmt: skip
    world = BoardWorld(roles=roles_world, territory_c=territory_c)
    world.organisations = {
        "a": organisation_a,
        "a2": same_territory,
        "b": organisation_b,
        "recycling": recycling,
        "health": health,
    }
    world.users = {
        "recycling_manager": _manager("board_recycling_manager", recycling),
        "health_manager": _manager("board_health_manager", health),
    }
    return world


def battery_request_data(**changes: Any) -> dict[str, Any]:
    """A request the battery clusters of B and C match (example data)."""
    data = {
        "kind": "request",
        "topic": "partner_search",
        "title": "Example: partners for a battery recycling pilot",
        "description": "We look for battery recycling expertise\nsecond-life batteries",
        "keywords": ["battery recycling"],
        "deadline": None,
        "territories_sought": [],
    }
    return {**data, **changes}


@pytest.fixture
def recommendation_world(db) -> dict[str, Any]:
    """A constructed case for the settings (example data, three territories):

    * ``query`` (territory 1): electric mobility; needs hydrogen fuel cells;
    * ``similar`` (territory 2): electric mobility and electric vehicles, offers nothing;
    * ``similar_too`` (territory 2): electric mobility, offers nothing;
    * ``complementary`` (territory 3): offers hydrogen fuel cells, nothing about mobility;
    * ``same_territory`` (territory 1): electric mobility, like the query.
    """
    network = factories.NetworkFactory(name="Example network", slug="example-network")
    territories, regions = {}, {}
    for number, code in ((1, "QA"), (2, "QB"), (3, "QC")):
        territories[number], regions[number] = _territory(network, code, f"Territory {number}")

    def profile(slug: str, number: int, **fields: Any) -> Any:
        return factories_clusters.ClusterOrganisationFactory(
            name=f"Example {slug.replace('-', ' ')}", slug=slug, region=regions[number], **fields
        )

    return {
        "network": network,
        "territories": territories,
        "query": profile(
            "query", 1, description="Electric mobility cluster.",
            looking_for="hydrogen fuel cells",
        ),
        "similar": profile(
            "similar", 2, description="Electric mobility and electric vehicles cluster.",
            keywords=["electric mobility", "electric vehicles"],
        ),
        "similar_too": profile("similar-too", 2, description="Electric mobility cluster."),
        "complementary": profile(
            "complementary", 3, description="Hydrogen fuel cells.",
            offers="hydrogen fuel cells",
        ),
        "same_territory": profile(
            "same-territory", 1, description="Electric mobility cluster.",
        ),
    }  # fmt: skip
