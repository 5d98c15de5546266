"""The events app's API routes, gathered from its features' ``api.ROUTES`` for the API router."""

from __future__ import annotations

from clusterdialogue.events.b2b import api as b2b
from clusterdialogue.events.participants import api as participants
from clusterdialogue.events.programme import api as programme
from clusterdialogue.events.report import api as report
from clusterdialogue.events.schedule import api as schedule

FEATURES = (programme, participants, b2b, schedule, report)


def events_routes() -> list[tuple]:
    """``(prefix, viewset, basename)`` of every events feature."""
    return [route for feature in FEATURES for route in feature.ROUTES]
