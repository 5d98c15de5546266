"""Who reads the matching engine's proposals for an event (rule table ``proposals``)."""

from __future__ import annotations

from clusterdialogue.common.permissions import Rule, register_rules
from clusterdialogue.events.permissions import user_manages_event

RULES = register_rules(
    "proposals",
    {"view": Rule(user_manages_event, who="the secretariat and the event's organisers")},
)
