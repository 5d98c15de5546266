"""Who may do what at an event: the role primitives every feature's rule table builds on.

* The network's **secretariat** (accounts role) and the event's **organisers** manage the event:
  edit it and its programme, approve participants, add and pin meetings, run the schedule.
* A **participant** (the user linked to an approved registration) browses the other
  participants, requests meetings, answers the requests addressed to them, sets their own
  unavailability and reads their agenda.
* Everyone reads public events; an internal event only its managers and participants.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from clusterdialogue.accounts.permissions import user_is_secretariat

if TYPE_CHECKING:
    from clusterdialogue.events.models import Event, Participant


def _signed_in(user: Any) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False))


def user_manages_event(user: Any, event: Event | None) -> bool:
    """The secretariat, and the event's organisers."""
    if event is None or not _signed_in(user):
        return False
    if user_is_secretariat(user):
        return True
    return event.organisers.filter(pk=user.pk).exists()


def user_participants(user: Any, event: Event) -> list[Participant]:
    """The user's registrations for the event (any status), oldest first."""
    if not _signed_in(user):
        return []
    return list(event.participants.filter(user=user).order_by("registered_at", "pk"))


def user_participant_approved(user: Any, event: Event) -> Participant | None:
    """The user's approved registration for the event, if any."""
    return next((p for p in user_participants(user, event) if p.status == "approved"), None)


def user_is_participant(user: Any, participant: Participant | None) -> bool:
    """Whether the registration is the user's own."""
    return (
        participant is not None
        and _signed_in(user)
        and participant.user_id is not None
        and participant.user_id == user.pk
    )


def user_sees_event(user: Any, event: Event | None) -> bool:
    """A public event is open to everyone; an internal one to its managers and participants."""
    if event is None:
        return False
    return (
        event.is_public or user_manages_event(user, event) or bool(user_participants(user, event))
    )
