"""Example planner data for the demo network's Cluster Dialogue, loaded by ``dialogue_demo_load``.

Nothing here is a fact: the meeting history (two a year since 2008, rotating over the six
territories), the school holidays and the event are examples, flagged ``is_example`` or named
"Example …" on every page, so the planner has something to rotate from after ``make run``.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from clusterdialogue.core.scheduling import meetings_plan
from clusterdialogue.dialogue.models import BlockedPeriod, HostEvent, Meeting, WorkingGroup
from clusterdialogue.dialogue.planning.selectors import territory_specs_for_group

HISTORY_FROM = dt.date(2008, 1, 1)
HISTORY_MEETINGS = 38  # spring and autumn, 2008 to 2026
# (region code, first day, last day, note): illustrative dates, not the official calendars.
SCHOOL_HOLIDAYS = [
    ("DE1", dt.date(2027, 3, 29), dt.date(2027, 4, 9), "Example Easter school holidays"),
    ("ES51", dt.date(2027, 6, 21), dt.date(2027, 9, 10), "Example summer school holidays"),
    ("FRK", dt.date(2027, 10, 18), dt.date(2027, 10, 29), "Example autumn school holidays"),
]
# Catalonia hosts the autumn 2027 meeting in the demo's rotation, so the plan shows the alignment.
EVENT = (
    "ES51",
    "Example trade fair (not a real event)",
    "Barcelona",
    dt.date(2027, 10, 5),
    dt.date(2027, 10, 7),
)


EXAMPLE_HOURS = (dt.time(9, 30), dt.time(16, 0))


@transaction.atomic
def planning_demo_load(*, group: WorkingGroup) -> None:
    """Add the example history, school holidays and event (idempotent: only into an empty group)."""
    territories = {t.region.code: t for t in group.network.territories.select_related("region")}
    specs = territory_specs_for_group(group=group)
    if not specs:
        return
    if not group.meetings.exists():
        history = meetings_plan(
            territories=specs,
            start=HISTORY_FROM,
            meetings=HISTORY_MEETINGS,
            include_associates=True,
        )
        Meeting.objects.bulk_create(
            Meeting(
                group=group,
                number=p.meeting,
                title=f"Example meeting {p.meeting} ({p.city}, {p.start.year})",
                host_territory=territories[p.territory],
                city=p.city,
                timezone=next(s.timezone for s in specs if s.code == p.territory),
                start=p.start,
                end=p.end,
                # Example hours, so the calendar entries carry the host city's time zone.
                starts_at=EXAMPLE_HOURS[0],
                ends_at=EXAMPLE_HOURS[1],
                status=Meeting.Status.HELD,
                is_example=True,
                is_public=group.is_public,
            )
            for p in history
        )
    for code, start, end, note in SCHOOL_HOLIDAYS:
        if code in territories:
            BlockedPeriod.objects.get_or_create(
                group=group, territory=territories[code], kind=BlockedPeriod.Kind.SCHOOL_HOLIDAYS,
                start=start, end=end, defaults={"note": note},
            )  # fmt: skip
    code, name, city, start, end = EVENT
    if code in territories:
        HostEvent.objects.get_or_create(
            territory=territories[code], name=name,
            defaults={"city": city, "start": start, "end": end, "is_example": True},
        )  # fmt: skip
