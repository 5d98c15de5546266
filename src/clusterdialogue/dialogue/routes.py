"""The Dialogue's API routes, gathered from its features' ``api.ROUTES`` for the API router."""

from __future__ import annotations

from clusterdialogue.dialogue.groups import api as groups
from clusterdialogue.dialogue.library import api as library
from clusterdialogue.dialogue.meetings import api as meetings
from clusterdialogue.dialogue.planning import api as planning
from clusterdialogue.dialogue.roadmap import api as roadmap

FEATURES = (groups, roadmap, meetings, planning, library)


def dialogue_routes() -> list[tuple]:
    """``(prefix, viewset, basename)`` of every dialogue feature, prefixes under ``dialogue/``."""
    return [route for feature in FEATURES for route in feature.ROUTES]
