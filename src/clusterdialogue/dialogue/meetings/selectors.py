"""Reads of the meetings feature: lists, a meeting's page data, open actions, minutes archive."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from clusterdialogue.dialogue.meetings.permissions import user_reads_minutes, user_sees_meeting
from clusterdialogue.dialogue.models import ActionItem, Decision, Meeting, Minute, WorkingGroup
from clusterdialogue.dialogue.permissions import user_reads_group_internal, user_sees_group


def meeting_visible(*, user: Any) -> QuerySet[Meeting]:
    """Every meeting the user may see; the group's roles are asked once per group, not per meeting."""
    groups = [g for g in WorkingGroup.objects.select_related("parent") if user_sees_group(user, g)]
    internal = [g.pk for g in groups if user_reads_group_internal(user, g)]
    return Meeting.objects.filter(group__in=groups).filter(
        Q(is_public=True) | Q(group_id__in=internal)
    )


def meeting_list_visible(*, user: Any, group: WorkingGroup) -> list[Meeting]:
    """The group's meetings the user may see, oldest first."""
    rows = Meeting.objects.filter(group=group).select_related("group", "host_territory")
    return [m for m in rows.order_by("start", "number") if user_sees_meeting(user, m)]


def meeting_split_by_date(
    *, meetings: list[Meeting], today: datetime.date | None = None
) -> tuple[list[Meeting], list[Meeting]]:
    """(upcoming soonest first, past latest first): a meeting is upcoming until its last day."""
    today = today or timezone.localdate()
    upcoming = [m for m in meetings if m.end >= today]
    past = [m for m in meetings if m.end < today]
    return upcoming, list(reversed(past))


def meeting_get(*, group: WorkingGroup, number: int) -> Meeting | None:
    return Meeting.objects.filter(group=group, number=number).select_related("group").first()


def meeting_next(*, meeting: Meeting) -> Meeting | None:
    """The meeting created from this one, else the group's next meeting by date."""
    linked = meeting.next_meetings.order_by("start").first()
    if linked:
        return linked
    later = Meeting.objects.filter(group=meeting.group).filter(
        Q(start__gt=meeting.start) | Q(start=meeting.start, number__gt=meeting.number)
    )
    return later.order_by("start", "number").first()


def action_open_before(*, meeting: Meeting) -> QuerySet[ActionItem]:
    """Every open action raised at an earlier meeting of the group: it stays on the agenda until done."""
    earlier = Meeting.objects.filter(group=meeting.group).filter(
        Q(start__lt=meeting.start) | Q(start=meeting.start, number__lt=meeting.number)
    )
    return (
        ActionItem.objects.filter(meeting__in=earlier, status=ActionItem.Status.OPEN)
        .select_related("meeting", "owner", "territory__region")
        .order_by("due_date", "meeting__start", "pk")
    )


def meeting_page_data(*, meeting: Meeting) -> dict[str, Any]:
    """Everything a meeting page, its PDFs and its API show, read once."""
    items = list(
        meeting.agenda_items.select_related("presenter", "minute").prefetch_related(
            "documents", "decisions"
        )
    )
    return {
        "items": items,
        "registrations": list(meeting.registrations.select_related("member")),
        "attendance": list(
            meeting.attendance.select_related("member", "registration", "territory")
        ),
        "decisions": list(meeting.decisions.select_related("item")),
        "actions": list(meeting.actions.select_related("owner", "territory")),
        "carried_over": list(action_open_before(meeting=meeting)),
        "total_minutes": sum(i.duration_minutes or 0 for i in items),
    }


def minutes_archive(
    *, user: Any, group: WorkingGroup, year: int | None = None, query: str = ""
) -> list[dict[str, Any]]:
    """Minutes and decisions of every meeting of the group the user may read, latest first."""
    meetings = [
        m for m in meeting_list_visible(user=user, group=group) if user_reads_minutes(user, m)
    ]
    if year:
        meetings = [m for m in meetings if m.start.year == year]
    minutes = Minute.objects.filter(item__meeting__in=meetings).select_related("item")
    decisions = Decision.objects.filter(meeting__in=meetings).select_related("item")
    if query:
        minutes = minutes.filter(Q(text__icontains=query) | Q(item__title__icontains=query))
        decisions = decisions.filter(text__icontains=query)
    by_meeting: dict[int, dict[str, Any]] = {
        m.pk: {"meeting": m, "minutes": [], "decisions": []} for m in meetings
    }
    for minute in minutes.order_by("item__order"):
        by_meeting[minute.item.meeting_id]["minutes"].append(minute)
    for decision in decisions:
        by_meeting[decision.meeting_id]["decisions"].append(decision)
    rows = [r for r in by_meeting.values() if r["minutes"] or r["decisions"]]
    return sorted(rows, key=lambda r: r["meeting"].start, reverse=True)


def minutes_years(*, group: WorkingGroup) -> list[int]:
    return sorted(
        {d.year for d in Meeting.objects.filter(group=group).values_list("start", flat=True)},
        reverse=True,
    )
