"""Shared fixtures of the library's tests: a network of two territories and a held meeting."""

from __future__ import annotations

import datetime

import pytest

from clusterdialogue.testing.factories.dialogue import (
    MeetingFactory,
    PolicyInstrumentFactory,
    WorkingGroupFactory,
)
from clusterdialogue.testing.fixtures.accounts import RolesWorld


@pytest.fixture
def library_world(roles_world: RolesWorld) -> RolesWorld:
    """roles_world, plus the Cluster Dialogue group with a meeting held, and one instrument
    per territory."""
    group = WorkingGroupFactory(network=roles_world.network, slug="cluster-dialogue")
    roles_world.group = group
    roles_world.meeting = MeetingFactory(
        group=group, start=datetime.date(2025, 5, 5), end=datetime.date(2025, 5, 6)
    )
    roles_world.instrument = PolicyInstrumentFactory(
        territory=roles_world.territory, name="Example instrument A", tags=["energy"]
    )
    roles_world.other_instrument = PolicyInstrumentFactory(
        territory=roles_world.other_territory,
        name="Example instrument B",
        kind="training",
        language="de",
        tags=["skills"],
    )
    return roles_world
