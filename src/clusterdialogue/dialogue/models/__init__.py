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
from clusterdialogue.dialogue.models.groups import GroupMember, WorkingGroup
from clusterdialogue.dialogue.models.library import (  # noqa: F401
    InstrumentDocument,
    PolicyInstrument,
    PracticeCase,
)
from clusterdialogue.dialogue.models.meetings import BlockedPeriod, HostCity, HostEvent, Meeting

__all__ = [
    "ActionItem",
    "AgendaDocument",
    "AgendaItem",
    "Attendance",
    "BlockedPeriod",
    "Decision",
    "GroupMember",
    "HostCity",
    "HostEvent",
    "Meeting",
    "Minute",
    "Registration",
    "WorkingGroup",
]
