"""pytest fixtures for roles and permissions: a small example network with one user per role.

Example data only: "Exampleland" regions and "Example cluster" organisations, never real ones.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from clusterdialogue.accounts.models import Role
from clusterdialogue.testing import factories, factories_clusters

# The roles a test matrix tries, each as seen from the organisation under test ("own").
ROLE_NAMES = (
    "anonymous", "member", "manager", "other_manager", "representative",
    "other_representative", "secretariat",
)  # fmt: skip


@dataclass
class RolesWorld:
    """Two territories of one network, one cluster in each, and a user for every role."""

    network: Any
    territory: Any
    other_territory: Any
    organisation: Any
    other_organisation: Any
    users: dict[str, Any] = field(default_factory=dict)

    def user(self, name: str) -> Any:
        """The user playing ``name`` (None for the anonymous public)."""
        return self.users.get(name)


@pytest.fixture
def roles_world(db) -> RolesWorld:
    network = factories.NetworkFactory(name="Example network", slug="example-network")
    regions = {}
    for code in ("QA", "QB"):
        country = factories.RegionFactory(code=code, name=f"Exampleland {code}", level=0)
        level1 = factories.RegionFactory(
            code=f"{code}1", name=f"Exampleland {code} North", level=1, parent=country
        )
        regions[code] = factories.RegionFactory(
            code=f"{code}11", name=f"Exampleland {code} North-West", level=2, parent=level1
        )
    territory = factories.TerritoryFactory(
        network=network, region=regions["QA"].parent, name="Territory A"
    )
    other_territory = factories.TerritoryFactory(
        network=network, region=regions["QB"].parent, name="Territory B"
    )
    organisation = factories_clusters.ClusterOrganisationFactory(
        name="Example cluster A", slug="example-cluster-a", region=regions["QA"], city="Alpha"
    )
    other_organisation = factories_clusters.ClusterOrganisationFactory(
        name="Example cluster B", slug="example-cluster-b", region=regions["QB"], city="Beta"
    )
    world = RolesWorld(network, territory, other_territory, organisation, other_organisation)
    scopes = {
        "member": (Role.MEMBER, {"network": network}),
        "manager": (Role.CLUSTER_MANAGER, {"organisation": organisation}),
        "other_manager": (Role.CLUSTER_MANAGER, {"organisation": other_organisation}),
        "representative": (Role.TERRITORY_REPRESENTATIVE, {"territory": territory}),
        "other_representative": (Role.TERRITORY_REPRESENTATIVE, {"territory": other_territory}),
        "secretariat": (Role.SECRETARIAT, {"network": network}),
    }
    for name, (role, scope) in scopes.items():
        user = factories_clusters.UserFactory(username=f"role_{name}")
        factories_clusters.RoleAssignmentFactory(user=user, role=role, **scope)
        world.users[name] = user
    return world


def profile_form_data(organisation: Any, *, reviewer: bool = True, **changes: Any) -> dict:
    """What the profile edit form posts when only ``changes`` are touched (prefix ``profile``).

    With ``reviewer`` the status and visibility fields are included; a manager's form ignores them.
    """
    from clusterdialogue.clusters.profiles.forms import ProfileForm

    form = ProfileForm(organisation=organisation, reviewer=reviewer, prefix="profile")
    data: dict[str, Any] = {}
    for name, form_field in form.fields.items():
        value = changes.get(name, form[name].value())
        key = f"profile-{name}"
        if isinstance(value, list | tuple) and name not in ("keywords", "technologies"):
            data[key] = [str(getattr(v, "pk", v)) for v in value]
        elif value is None:
            data[key] = ""
        elif isinstance(value, bool):
            if value:
                data[key] = "on"
        else:
            data[key] = form_field.prepare_value(value)
    return data
