"""Reads of the day: per slot the meetings by table, the free tables and who could take them."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Q
from django.utils import timezone

from clusterdialogue.events.models import Event, ScheduledMeeting, Unavailability
from clusterdialogue.events.schedule.selectors import requests_unscheduled, table_plan


def _overlaps(a: Any, b: Any) -> bool:
    return a.start < b.end and b.start < a.end


def live_plan(*, event: Event, now: datetime.datetime | None = None) -> list[dict]:
    """Every meeting slot: its meetings (with their status), the tables free in it (those of
    no-shows included) and the accepted unscheduled requests whose two participants are free
    then (offered while the slot has not ended)."""
    now = now or timezone.now()
    plan = table_plan(event=event)
    slots = [slot for slot, _meetings in plan]
    active = [
        (m.session_id, m.table, m.request.requester_id, m.request.partner_id)
        for _slot, meetings in plan
        for m in meetings
        if m.status != ScheduledMeeting.Status.NO_SHOW
    ]
    away: dict[int, set[int]] = {}
    for participant, session in Unavailability.objects.filter(Q(session__in=slots)).values_list(
        "participant_id", "session_id"
    ):
        away.setdefault(session, set()).add(participant)
    leftover = requests_unscheduled(event=event)
    rows = []
    for slot, meetings in plan:
        overlapping = {s.pk for s in slots if _overlaps(s, slot)}
        taken = {table for session, table, _a, _b in active if session in overlapping}
        busy = {p for session, _t, a, b in active if session in overlapping for p in (a, b)}
        busy |= away.get(slot.pk, set())
        free = [t for t in range(1, event.tables + 1) if t not in taken]
        candidates = (
            [r for r in leftover if r.requester_id not in busy and r.partner_id not in busy]
            if free and slot.end > now
            else []
        )
        rows.append(
            {
                "slot": slot,
                "meetings": meetings,
                "free_tables": free,
                "freed_tables": sorted(
                    {
                        m.table
                        for m in meetings
                        if m.status == ScheduledMeeting.Status.NO_SHOW and m.table in free
                    }
                ),
                "candidates": candidates,
            }
        )
    return rows


def table_lists(*, event: Event) -> list[dict]:
    """Per table, its meetings in time order (no-shows left out): the printable lists."""
    by_table: dict[int, list[tuple[Any, ScheduledMeeting]]] = {
        t: [] for t in range(1, event.tables + 1)
    }
    for slot, meetings in table_plan(event=event):
        for m in meetings:
            if m.status != ScheduledMeeting.Status.NO_SHOW:
                by_table.setdefault(m.table, []).append((slot, m))
    return [{"table": t, "meetings": rows} for t, rows in sorted(by_table.items())]
