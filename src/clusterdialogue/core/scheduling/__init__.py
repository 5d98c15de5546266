"""The meeting planner: a fair rotation of hosts and dates free of everyone's holidays.

Pure Python (the ``holidays`` package for public holidays, no Django): the dialogue app reads
its tables into these dataclasses, calls :func:`meetings_plan` and stores or shows the result.
"""

from clusterdialogue.core.scheduling.calendars import (
    HolidayCalendar,
    calendar_for_region,
    holidays_between,
)
from clusterdialogue.core.scheduling.planner import (
    HostEvent,
    PastMeeting,
    Period,
    PlanningError,
    Proposal,
    TerritorySpec,
    meetings_plan,
)
from clusterdialogue.core.scheduling.reasons import (
    REASON_CODES,
    Reason,
    reason_params_plain,
    reason_text,
)

__all__ = [
    "REASON_CODES",
    "HolidayCalendar",
    "HostEvent",
    "PastMeeting",
    "Period",
    "PlanningError",
    "Proposal",
    "Reason",
    "TerritorySpec",
    "calendar_for_region",
    "holidays_between",
    "meetings_plan",
    "reason_params_plain",
    "reason_text",
]
