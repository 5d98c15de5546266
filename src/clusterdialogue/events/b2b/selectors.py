"""Reads of the meeting requests: effective status (expiry counted), a participant's requests."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from clusterdialogue.events.models import Event, MeetingRequest, Participant

Status = MeetingRequest.Status


def pending_q(*, now: datetime.datetime) -> Q:
    """Pending and still within its time to answer."""
    return Q(status=Status.PENDING, expires_at__gt=now)


def open_q(*, now: datetime.datetime) -> Q:
    """Requests that hold a pair: waiting (not expired) or accepted."""
    return pending_q(now=now) | Q(status=Status.ACCEPTED)


def meeting_request_status(*, request: MeetingRequest, now: datetime.datetime | None = None) -> str:
    """The status as it stands: a pending request past its expiry is expired."""
    now = now or timezone.now()
    if request.status == Status.PENDING and request.expires_at <= now:
        return Status.EXPIRED
    return request.status


def meeting_request_open_between(
    *, a: Participant, b: Participant, now: datetime.datetime
) -> MeetingRequest | None:
    """The open request between two participants, in either direction."""
    pair = Q(requester=a, partner=b) | Q(requester=b, partner=a)
    return MeetingRequest.objects.filter(pair).filter(open_q(now=now)).first()


def meeting_requests_of(
    *, participant: Participant, now: datetime.datetime | None = None
) -> dict[str, list[MeetingRequest]]:
    """``{"sent": [...], "received": [...]}``, newest first, each with ``effective_status``."""
    now = now or timezone.now()
    rows = MeetingRequest.objects.select_related(
        "requester__organisation", "partner__organisation", "scheduled__session"
    ).order_by("-created_at", "-pk")
    out = {
        "sent": list(rows.filter(requester=participant)),
        "received": list(rows.filter(partner=participant)),
    }
    for items in out.values():
        for item in items:
            item.effective_status = meeting_request_status(request=item, now=now)
    return out


def meeting_requests_accepted(*, event: Event) -> QuerySet[MeetingRequest]:
    """The accepted requests of the event between approved participants: what the schedule places."""
    return MeetingRequest.objects.filter(
        event=event,
        status=Status.ACCEPTED,
        requester__status=Participant.Status.APPROVED,
        partner__status=Participant.Status.APPROVED,
    ).select_related("requester", "partner")


def meeting_requests_visible(*, user: Any) -> QuerySet[MeetingRequest]:
    """The requests sent or received by the user's registrations."""
    if not getattr(user, "is_authenticated", False):
        return MeetingRequest.objects.none()
    return MeetingRequest.objects.filter(Q(requester__user=user) | Q(partner__user=user))
