"""B2B meeting scheduling: accepted meeting requests into time slots and tables.

Pure Python with OR-Tools' CP-SAT (no Django). Nobody is in two places at once, no table holds
two meetings at once, unavailability is respected, and as many meetings as possible happen,
must before nice. Small and medium events are solved exactly (CP-SAT, from the heuristic's
schedule); larger ones by a greedy with repair. Either way the result states a proven upper
bound and the gap to it. The events app and ``clusterdialogue events schedule`` call
:func:`meetings_schedule`.
"""

from clusterdialogue.core.b2b.model import (
    MUST,
    NICE,
    MeetingRequest,
    Placement,
    ScheduleError,
    ScheduleResult,
    Slot,
)
from clusterdialogue.core.b2b.solve import EXACT_LIMIT, METHODS, meetings_schedule

__all__ = [
    "EXACT_LIMIT",
    "METHODS",
    "MUST",
    "NICE",
    "MeetingRequest",
    "Placement",
    "ScheduleError",
    "ScheduleResult",
    "Slot",
    "meetings_schedule",
]
