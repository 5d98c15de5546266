"""A group with one user per role for the meetings tests (example data only)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

import pytest

from clusterdialogue.testing.factories import clusters as factories_clusters
from clusterdialogue.testing.factories import dialogue as factories_dialogue

ROLES = ("anonymous", "outsider", "member", "chair", "secretariat")


@dataclass
class MeetingsWorld:
    group: Any
    meeting: Any
    members: dict[str, Any] = field(default_factory=dict)
    users: dict[str, Any] = field(default_factory=dict)

    def user(self, name: str) -> Any:
        return self.users.get(name)


@pytest.fixture
def meetings_world(db) -> MeetingsWorld:
    group = factories_dialogue.WorkingGroupFactory(slug="example-dialogue", name="Example dialogue")
    meeting = factories_dialogue.MeetingFactory(
        group=group,
        number=1,
        title="Example meeting 1",
        start=datetime.date(2031, 5, 6),
        end=datetime.date(2031, 5, 7),
        city="Example city",
        venue="Example hall",
        timezone="Europe/Berlin",
        status="confirmed",
    )
    world = MeetingsWorld(group, meeting)
    for role in ("member", "chair"):
        user = factories_clusters.UserFactory(
            username=f"meetings_{role}", email=f"{role}@example.org"
        )
        world.users[role] = user
        world.members[role] = factories_dialogue.GroupMemberFactory(
            group=group, user=user, role=role, name=f"Example {role}", email=f"{role}@example.org"
        )
    world.users["outsider"] = factories_clusters.UserFactory(username="meetings_outsider")
    secretariat = factories_clusters.UserFactory(username="meetings_secretariat")
    factories_clusters.RoleAssignmentFactory(user=secretariat, role="secretariat")
    world.users["secretariat"] = secretariat
    return world
