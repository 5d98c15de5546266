"""Reads of the meeting outcomes."""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404

from clusterdialogue.events.models import Event, Participant, ScheduledMeeting


def meeting_of_event(*, event: Event, pk: int) -> ScheduledMeeting:
    """A scheduled meeting of the event (404 otherwise), with its people and slot."""
    return get_object_or_404(
        ScheduledMeeting.objects.select_related(
            "session",
            "request__event",
            "request__requester__organisation",
            "request__partner__organisation",
        ),
        request__event=event,
        pk=pk,
    )


def meeting_side_of(*, meeting: ScheduledMeeting, user: Any) -> Participant | None:
    """The user's own participant in the meeting, if they are one of the two."""
    for person in (meeting.request.requester, meeting.request.partner):
        if person.user_id is not None and person.user_id == getattr(user, "pk", None):
            return person
    return None
