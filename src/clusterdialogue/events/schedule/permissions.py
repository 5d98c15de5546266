"""Who may run the schedule and read an agenda (rule table ``schedule``)."""

from __future__ import annotations

from clusterdialogue.common.permissions import Rule, register_rules
from clusterdialogue.events.permissions import user_is_participant, user_manages_event

RULES = register_rules(
    "schedule",
    {
        "run": Rule(user_manages_event, who="the secretariat and the event's organisers"),
        "view_agenda": Rule(
            lambda user, participant: (
                user_is_participant(user, participant)
                or user_manages_event(user, participant.event)
            ),
            who="the participant themselves, the event's organisers and the secretariat",
        ),
    },
)
