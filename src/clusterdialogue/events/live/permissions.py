"""Who runs the day: the live view, marking meetings, re-filling freed tables (rule table ``live``)."""

from __future__ import annotations

from clusterdialogue.common.permissions import Rule, register_rules
from clusterdialogue.events.permissions import user_manages_event

RULES = register_rules(
    "live",
    {
        "mark": Rule(
            lambda user, meeting: user_manages_event(user, meeting.request.event),
            who="the secretariat and the event's organisers",
        ),
        "place": Rule(user_manages_event, who="the secretariat and the event's organisers"),
    },
)
