"""The dialogue app's tables, one module per feature; every table stays in this app."""

from clusterdialogue.dialogue.models.groups import GroupDocument, GroupMember, WorkingGroup
from clusterdialogue.dialogue.models.meetings import BlockedPeriod, HostCity, HostEvent, Meeting
from clusterdialogue.dialogue.models.roadmap import (
    Indicator,
    IndicatorValue,
    Objective,
    Roadmap,
    RoadmapAction,
)

__all__ = [
    "BlockedPeriod",
    "GroupDocument",
    "GroupMember",
    "HostCity",
    "HostEvent",
    "Indicator",
    "IndicatorValue",
    "Meeting",
    "Objective",
    "Roadmap",
    "RoadmapAction",
    "WorkingGroup",
]
