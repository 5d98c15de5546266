"""Who may request, answer and cancel meetings, and add them (rule table ``b2b``)."""

from __future__ import annotations

from typing import Any

from clusterdialogue.common.permissions import Rule, register_rules
from clusterdialogue.events.permissions import (
    user_is_participant,
    user_manages_event,
    user_participant_approved,
)


def user_requests_meeting(user: Any, partner: Any) -> bool:
    """An approved participant of the partner's event asks someone other than themselves."""
    own = user_participant_approved(user, partner.event)
    return own is not None and own.pk != partner.pk and partner.status == "approved"


RULES = register_rules(
    "b2b",
    {
        "request_meeting": Rule(
            user_requests_meeting,
            who="the event's approved participants (with a user account)",
        ),
        "respond": Rule(
            lambda user, request: user_is_participant(user, request.partner),
            who="the participant the request is addressed to",
        ),
        "cancel": Rule(
            lambda user, request: (
                user_is_participant(user, request.requester)
                or user_manages_event(user, request.event)
            ),
            who="the participant who sent the request, the event's organisers and the secretariat",
        ),
        "add_meeting": Rule(user_manages_event, who="the secretariat and the event's organisers"),
    },
)
