"""Who may create, see and change an event and its programme (rule table ``events``)."""

from __future__ import annotations

from typing import Any

from clusterdialogue.accounts.permissions import user_is_secretariat
from clusterdialogue.common.permissions import Rule, register_rules
from clusterdialogue.events.permissions import (
    user_manages_event,
    user_participant_approved,
    user_sees_event,
)


def user_sees_participants(user: Any, event: Any) -> bool:
    """The event's managers, and its approved participants (to choose whom to meet)."""
    return user_manages_event(user, event) or user_participant_approved(user, event) is not None


RULES = register_rules(
    "events",
    {
        "view_event": Rule(
            user_sees_event,
            who="everyone for a public event; its organisers, participants and the secretariat otherwise",
        ),
        "create_event": Rule(
            lambda user, _obj: user_is_secretariat(user),
            who="the secretariat",
            needs_object=False,
        ),
        "manage_event": Rule(user_manages_event, who="the secretariat and the event's organisers"),
        "view_participants": Rule(
            user_sees_participants,
            who="the event's organisers, its approved participants and the secretariat",
        ),
    },
)
