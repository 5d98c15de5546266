"""The dialogue app's tables, one module per feature; every table stays in this app."""

from clusterdialogue.dialogue.models.agenda import (
    ActionItem,
    AgendaDocument,
    AgendaItem,
    Attendance,
    Decision,
    Minute,
    Registration,
)
from clusterdialogue.dialogue.models.groups import (
    GroupDocument,
    GroupMember,
    WorkingGroup,
)
from clusterdialogue.dialogue.models.library import (
    InstrumentDocument,
    PolicyInstrument,
    PracticeCase,
)
from clusterdialogue.dialogue.models.meetings import (
    BlockedPeriod,
    HostCity,
    HostEvent,
    Meeting,
)
from clusterdialogue.dialogue.models.roadmap import (
    Indicator,
    IndicatorValue,
    Objective,
    Roadmap,
    RoadmapAction,
)

__all__ = [
    "ActionItem",
    "AgendaDocument",
    "AgendaItem",
    "Attendance",
    "BlockedPeriod",
    "Decision",
    "GroupDocument",
    "GroupMember",
    "HostCity",
    "HostEvent",
    "Indicator",
    "IndicatorValue",
    "InstrumentDocument",
    "Meeting",
    "Minute",
    "Objective",
    "PolicyInstrument",
    "PracticeCase",
    "Registration",
    "Roadmap",
    "RoadmapAction",
    "WorkingGroup",
]
