"""Reads of the schedule: the table plan per slot, what is left unscheduled, a personal agenda."""

from __future__ import annotations

import zoneinfo
from typing import Any

from django.db.models import Q
from django.utils import timezone

from clusterdialogue.events.b2b.selectors import meeting_requests_accepted
from clusterdialogue.events.models import Event, Participant, ScheduledMeeting, Session


def _local(event: Event, session: Session) -> Session:
    zone = zoneinfo.ZoneInfo(event.timezone)
    session.local_start, session.local_end = (
        session.start.astimezone(zone),
        session.end.astimezone(zone),
    )
    return session


def table_plan(*, event: Event) -> list[tuple[Session, list[ScheduledMeeting]]]:
    """Every meeting slot with its meetings by table."""
    meetings = ScheduledMeeting.objects.filter(request__event=event).select_related(
        "request__requester__organisation", "request__partner__organisation"
    )
    by_slot: dict[int, list[ScheduledMeeting]] = {}
    for m in meetings.order_by("table"):
        by_slot.setdefault(m.session_id, []).append(m)
    slots = Session.objects.filter(event=event, kind=Session.Kind.MEETINGS).order_by("start")
    return [(_local(event, s), by_slot.get(s.pk, [])) for s in slots]


def requests_unscheduled(*, event: Event) -> list[Any]:
    """Accepted requests between approved participants that the stored schedule does not hold."""
    return list(
        meeting_requests_accepted(event=event)
        .filter(scheduled__isnull=True)
        .select_related("requester__organisation", "partner__organisation")
        .order_by("-priority", "pk")
    )


def agenda_of(*, participant: Participant) -> list[dict]:
    """The participant's meetings in time order: slot (local times), table, the other person."""
    event = participant.event
    now = timezone.now()
    rows = (
        ScheduledMeeting.objects.filter(
            Q(request__requester=participant) | Q(request__partner=participant)
        )
        .select_related(
            "session",
            "outcome",
            "request__requester__organisation",
            "request__partner__organisation",
        )
        .order_by("session__start", "table")
    )
    agenda = []
    for m in rows:
        other = (
            m.request.partner if m.request.requester_id == participant.pk else m.request.requester
        )
        agenda.append(
            {
                "meeting": m,
                "slot": _local(event, m.session),
                "table": m.table,
                "partner": other,
                "priority": m.request.get_priority_display(),
                "status": m.status,
                "outcome": getattr(m, "outcome", None),
                "over": m.session.end <= now,
            }
        )
    return agenda
