"""Who reads the organiser's report of an event (rule table ``report``)."""

from __future__ import annotations

from clusterdialogue.common.permissions import Rule, register_rules
from clusterdialogue.events.permissions import user_manages_event

RULES = register_rules(
    "report",
    {"view": Rule(user_manages_event, who="the secretariat and the event's organisers")},
)
