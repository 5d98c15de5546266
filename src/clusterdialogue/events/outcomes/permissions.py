"""Who may record what came of a meeting (rule table ``outcomes``)."""

from __future__ import annotations

from typing import Any

from clusterdialogue.common.permissions import Rule, register_rules
from clusterdialogue.events.permissions import user_is_participant, user_manages_event


def user_records_outcome(user: Any, meeting: Any) -> bool:
    """Either participant of the meeting, the event's organisers and the secretariat."""
    request = meeting.request
    return (
        user_is_participant(user, request.requester)
        or user_is_participant(user, request.partner)
        or user_manages_event(user, request.event)
    )


RULES = register_rules(
    "outcomes",
    {
        "record": Rule(
            user_records_outcome,
            who="either participant of the meeting, the event's organisers and the secretariat",
        ),
    },
)
