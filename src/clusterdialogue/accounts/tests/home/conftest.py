"""The homes' example data, for the tests of this folder."""

from __future__ import annotations

import pytest

from clusterdialogue.testing.homes import HomesWorld, homes_world_build


@pytest.fixture
def homes_world(board_world) -> HomesWorld:
    return homes_world_build(board_world)
