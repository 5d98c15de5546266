"""The events app's tables, one module per feature; every table stays in this app."""

from clusterdialogue.events.models.events import Event, Session
from clusterdialogue.events.models.meetings import MeetingOutcome, MeetingRequest, ScheduledMeeting
from clusterdialogue.events.models.participants import Participant, Unavailability

__all__ = [
    "Event",
    "MeetingOutcome",
    "MeetingRequest",
    "Participant",
    "ScheduledMeeting",
    "Session",
    "Unavailability",
]
