"""The planner's world: a group in a three-territory network and one user per role."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from clusterdialogue.testing.factories import clusters as factories_clusters
from clusterdialogue.testing.factories import dialogue as factories_dialogue

ROLES = ("anonymous", "outsider", "member", "chair", "secretariat")


@dataclass
class PlanningWorld:
    group: Any
    territories: dict
    members: dict
    users: dict = field(default_factory=dict)

    def user(self, name: str) -> Any:
        return self.users.get(name)


@pytest.fixture
def planning_world(db) -> PlanningWorld:
    network, territories = factories_dialogue.planning_network_build()
    group = factories_dialogue.WorkingGroupFactory(network=network, slug="example-planned-group")
    users, members = {}, {}
    for role in ("member", "chair"):
        users[role] = factories_clusters.UserFactory(username=f"planning_{role}")
        members[role] = factories_dialogue.GroupMemberFactory(
            group=group, user=users[role], role=role, territory=territories["DE1"],
            name=f"Example member ({role})",
        )  # fmt: skip
    users["outsider"] = factories_clusters.UserFactory(username="planning_outsider")
    users["secretariat"] = factories_clusters.UserFactory(username="planning_secretariat")
    factories_clusters.RoleAssignmentFactory(user=users["secretariat"], role="secretariat")
    return PlanningWorld(group, territories, members, users)
