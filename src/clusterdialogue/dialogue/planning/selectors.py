"""Reads of the meeting planner: what the planner needs from the tables, and the pages' lists."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet

from clusterdialogue.core.scheduling import HostEvent as EventSpec
from clusterdialogue.core.scheduling import PastMeeting, Period, TerritorySpec
from clusterdialogue.dialogue.models import (
    BlockedPeriod,
    GroupMember,
    HostCity,
    HostEvent,
    Meeting,
    WorkingGroup,
)
from clusterdialogue.regions.models import Territory

# Observers follow the network's work from outside; they neither host nor set the dates.
PARTICIPATING_ROLES = (Territory.Role.PARTNER, Territory.Role.ASSOCIATE)
COUNTED_STATUSES = (Meeting.Status.HELD, Meeting.Status.CONFIRMED)


def territory_list_participating(*, group: WorkingGroup) -> QuerySet[Territory]:
    """The group's network territories that take part in its meetings."""
    return (
        group.network.territories.filter(role__in=PARTICIPATING_ROLES)
        .select_related("region")
        .order_by("role", "region__code")
    )


def territory_specs_for_group(*, group: WorkingGroup) -> list[TerritorySpec]:
    """The participating territories as the planner reads them (default host city, time zone)."""
    territories = list(territory_list_participating(group=group))
    cities: dict[int, HostCity] = {}
    for city in HostCity.objects.filter(territory__in=territories).order_by("-is_default", "name"):
        cities.setdefault(city.territory_id, city)
    specs = []
    for territory in territories:
        city = cities.get(territory.pk)
        specs.append(
            TerritorySpec(
                code=territory.region.code,
                name=territory.name,
                city=city.name if city else "",
                timezone=city.timezone if city else "Europe/Brussels",
                associate=territory.role == Territory.Role.ASSOCIATE,
            )
        )
    return specs


def meeting_history_for_group(*, group: WorkingGroup) -> list[PastMeeting]:
    """The group's held and confirmed meetings with a host, oldest first."""
    rows = (
        Meeting.objects.filter(
            group=group, status__in=COUNTED_STATUSES, host_territory__isnull=False
        )
        .order_by("start")
        .values_list("host_territory__region__code", "start", "end")
    )
    return [PastMeeting(code, start, end) for code, start, end in rows]


def blocked_period_list(*, group: WorkingGroup, kind: str | None = None) -> QuerySet[BlockedPeriod]:
    """The group's blocked periods and the network-wide ones (``group`` empty), by start."""
    rows = BlockedPeriod.objects.filter(Q(group=group) | Q(group__isnull=True)).filter(
        Q(territory__isnull=True) | Q(territory__network=group.network)
    )
    if kind:
        rows = rows.filter(kind=kind)
    return rows.select_related("territory__region", "member__territory__region").order_by("start")


def _period_spec(period: BlockedPeriod) -> Period:
    territory = period.territory or (period.member.territory if period.member else None)
    code = territory.region.code if territory else None
    label = period.note or (period.member.name if period.member else "")
    return Period(code, period.start, period.end, label)


def periods_for_group(*, group: WorkingGroup) -> tuple[list[Period], list[Period]]:
    """``(blocked, unavailable)`` as the planner reads them."""
    blocked, unavailable = [], []
    for period in blocked_period_list(group=group):
        spec = _period_spec(period)
        if period.kind == BlockedPeriod.Kind.UNAVAILABLE:
            unavailable.append(spec)
        else:
            blocked.append(spec)
    return blocked, unavailable


def host_event_list(*, group: WorkingGroup) -> QuerySet[HostEvent]:
    """Events in the group's network territories, by date."""
    return (
        HostEvent.objects.filter(territory__network=group.network)
        .select_related("territory__region")
        .order_by("start")
    )


def events_for_group(*, group: WorkingGroup) -> list[EventSpec]:
    return [
        EventSpec(e.territory.region.code, e.start, e.end, e.name)
        for e in host_event_list(group=group)
    ]


def member_for_user(*, group: WorkingGroup, user) -> GroupMember | None:
    """The user's current membership of the group, if any."""
    if not getattr(user, "is_authenticated", False):
        return None
    return group.members.filter(user=user, left_on__isnull=True).first()


def meeting_list_planned(*, group: WorkingGroup, since: dt.date | None = None) -> QuerySet[Meeting]:
    """The group's meetings, newest first (the planner page shows confirmations and overrides)."""
    rows = Meeting.objects.filter(group=group).select_related("host_territory__region")
    if since:
        rows = rows.filter(start__gte=since)
    return rows.order_by("-start")
