"""Reads of the programme feature: the events a user sees, an event's programme by day."""

from __future__ import annotations

import datetime
import zoneinfo
from itertools import groupby
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from clusterdialogue.accounts.permissions import user_is_secretariat
from clusterdialogue.events.models import Event, Session
from clusterdialogue.events.permissions import user_sees_event


def event_visible(*, user: Any) -> QuerySet[Event]:
    """Public events, and the internal ones the user organises or takes part in."""
    rows = Event.objects.select_related("host_territory__region", "network")
    if user_is_secretariat(user):
        return rows
    if not getattr(user, "is_authenticated", False):
        return rows.filter(is_public=True)
    return rows.filter(
        Q(is_public=True) | Q(organisers=user) | Q(participants__user=user)
    ).distinct()


def event_get_visible(*, user: Any, slug: str) -> Event:
    """The event, or 404 for one the user may not see (an internal event is not disclosed)."""
    event = (
        Event.objects.select_related("host_territory__region", "network").filter(slug=slug).first()
    )
    if event is None or not user_sees_event(user, event):
        raise Http404
    return event


def event_split_by_date(
    *, events: QuerySet[Event], today: datetime.date | None = None
) -> tuple[list[Event], list[Event]]:
    """(upcoming soonest first, past latest first): an event is upcoming until its last day."""
    today = today or timezone.localdate()
    rows = list(events.order_by("start", "title"))
    return [e for e in rows if e.end >= today], [e for e in reversed(rows) if e.end < today]


def programme_by_day(*, event: Event) -> list[tuple[datetime.date, list[Session]]]:
    """The programme grouped by day in the event's time zone, each session's times local."""
    zone = zoneinfo.ZoneInfo(event.timezone)
    sessions = list(Session.objects.filter(event=event).order_by("start", "end", "pk"))
    for s in sessions:
        s.local_start, s.local_end = s.start.astimezone(zone), s.end.astimezone(zone)
    return [
        (day, list(items)) for day, items in groupby(sessions, key=lambda s: s.local_start.date())
    ]
