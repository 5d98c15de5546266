"""Who may register, decide on registrations and set unavailability (rule table ``participants``)."""

from __future__ import annotations

from typing import Any

from clusterdialogue.common.permissions import Rule, register_rules
from clusterdialogue.events.participants.selectors import organisations_user_acts_for
from clusterdialogue.events.permissions import (
    user_is_participant,
    user_manages_event,
    user_sees_event,
)


def user_may_register(user: Any, event: Any) -> bool:
    """A signed-in user who acts for at least one cluster organisation, on an event they see."""
    if not getattr(user, "is_authenticated", False) or not user_sees_event(user, event):
        return False
    return organisations_user_acts_for(user=user).exists()


RULES = register_rules(
    "participants",
    {
        "register": Rule(
            user_may_register,
            who="a signed-in user acting for a cluster organisation (its managers, its "
            "territory representative, the secretariat)",
        ),
        "decide": Rule(
            lambda user, participant: user_manages_event(user, participant.event),
            who="the secretariat and the event's organisers",
        ),
        "withdraw": Rule(
            lambda user, participant: (
                user_is_participant(user, participant)
                or user_manages_event(user, participant.event)
            ),
            who="the participant themselves, the event's organisers and the secretariat",
        ),
        "set_unavailability": Rule(
            lambda user, participant: (
                user_is_participant(user, participant)
                or user_manages_event(user, participant.event)
            ),
            who="the participant themselves, the event's organisers and the secretariat",
        ),
    },
)
