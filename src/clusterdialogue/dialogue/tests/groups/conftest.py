"""A public example group with a user per Dialogue role, shared by the groups and roadmap tests."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from clusterdialogue.testing import factories
from clusterdialogue.testing.factories import clusters as factories_clusters
from clusterdialogue.testing.factories import dialogue as factories_dialogue

DIALOGUE_ROLES = ("anonymous", "outsider", "member", "chair", "secretariat")


@dataclass
class GroupWorld:
    network: Any
    territory: Any
    group: Any
    users: dict[str, Any] = field(default_factory=dict)

    def user(self, name: str) -> Any:
        return self.users.get(name)


@pytest.fixture
def group_world(db) -> GroupWorld:
    network = factories.NetworkFactory(name="Example network", slug="example-network")
    region = factories.RegionFactory(code="QA1", name="Exampleland North", level=1)
    territory = factories.TerritoryFactory(network=network, region=region, name="Territory A")
    group = factories_dialogue.WorkingGroupFactory(
        network=network, name="Example dialogue", slug="example-dialogue"
    )
    users = {}
    for role in ("member", "chair"):
        users[role] = factories_clusters.UserFactory(username=f"group_{role}")
        factories_dialogue.GroupMemberFactory(
            group=group, user=users[role], role=role, name=f"Example {role}", territory=territory
        )
    users["outsider"] = factories_clusters.UserFactory(username="outsider")
    users["secretariat"] = factories_clusters.UserFactory(username="network_secretariat")
    factories_clusters.RoleAssignmentFactory(user=users["secretariat"], role="secretariat")
    return GroupWorld(network, territory, group, users)
