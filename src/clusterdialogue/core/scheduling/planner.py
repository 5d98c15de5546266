"""Propose the next meetings of a group: who hosts, where and when, and why.

The host rotates fairly: the territory that has hosted the fewest meetings goes next, the one
that hosted longest ago (or never) breaks a tie, and nobody hosts twice in a row. Associates
take part in every meeting (their holidays count) but host only with ``include_associates``.
Dates fall around one or more fixed points of the year (spring and autumn for two meetings a
year) on ``days`` consecutive working days that are free of every participating territory's
public holidays, of the blocked periods (school holidays) and of members' unavailability; when
the host territory has an event near that point, the meeting is placed next to it.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from clusterdialogue.core.scheduling.calendars import (
    HolidayCalendar,
    calendar_for_region,
    holidays_between,
)
from clusterdialogue.core.scheduling.reasons import Reason, short_date

# Points of the year the meetings gather around, by meetings a year: away from the summer and
# Christmas breaks, so a window around each point usually has free weeks.
SEASON_POINTS: dict[int, tuple[tuple[int, int], ...]] = {
    1: ((5, 15),),
    2: ((4, 15), (10, 15)),
    3: ((3, 15), (6, 10), (10, 15)),
    4: ((2, 20), (5, 10), (9, 25), (11, 20)),
}
WINDOW = dt.timedelta(days=45)  # how far from its point a meeting may move
WIDER_WINDOW = dt.timedelta(days=120)  # the fallback when the window is fully blocked
NEARBY = dt.timedelta(days=21)  # holidays this close to the meeting are named in the reasons
EVENT_REACH = dt.timedelta(days=7)  # a meeting this close to an event counts as aligned with it


class PlanningError(ValueError):
    """The input cannot be planned; the message names the argument or the obstacle."""


@dataclass(frozen=True)
class TerritorySpec:
    """A participating territory: its region code, name, host city and holiday calendar."""

    code: str
    name: str
    city: str = ""
    timezone: str = "Europe/Brussels"
    calendar: HolidayCalendar | None = None
    associate: bool = False

    def holiday_calendar(self) -> HolidayCalendar:
        return self.calendar or calendar_for_region(self.code)


@dataclass(frozen=True)
class PastMeeting:
    """A meeting already held or confirmed: who hosted it and when."""

    territory: str
    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class Period:
    """Days to avoid: a territory's school holidays (``territory=None``: everyone's) or a member's
    unavailability; ``label`` names it in the reasons."""

    territory: str | None
    start: dt.date
    end: dt.date
    label: str = ""


@dataclass(frozen=True)
class HostEvent:
    """An exhibition or event in a territory that a meeting there can be placed next to."""

    territory: str
    start: dt.date
    end: dt.date
    name: str


@dataclass(frozen=True)
class Proposal:
    """One proposed meeting: its index in the plan (from 1), host, city, days and reasons.

    The reasons are data (:class:`~clusterdialogue.core.scheduling.reasons.Reason`); word them
    with :func:`~clusterdialogue.core.scheduling.reasons.reason_text` or a translation.
    """

    meeting: int
    territory: str
    city: str
    start: dt.date
    end: dt.date
    reasons: tuple[Reason, ...]


def _slots(per_year: int, first_year: int) -> Iterator[tuple[int, int, dt.date]]:
    points = SEASON_POINTS.get(per_year) or tuple(
        (1 + (12 * k) // per_year, 15) for k in range(per_year)
    )
    year = first_year
    while True:
        for index, (month, day) in enumerate(points):
            yield year, index, dt.date(year, month, day)
        year += 1


def _overlaps(period_start: dt.date, period_end: dt.date, start: dt.date, end: dt.date) -> bool:
    return period_start <= end and start <= period_end


class _Calendar:
    """Every participating territory's holidays and the periods to avoid, asked day by day."""

    def __init__(self, territories, blocked, unavailable, start, end):
        self.holidays: dict[dt.date, list[tuple[str, str]]] = defaultdict(list)
        for territory in territories:
            calendar = territory.holiday_calendar()
            for day, name in holidays_between(calendar, start, end).items():
                self.holidays[day].append((territory.code, name))
        codes = {t.code for t in territories}
        self.blocked = [p for p in blocked if p.territory is None or p.territory in codes]
        self.unavailable = [p for p in unavailable if p.territory is None or p.territory in codes]

    def free(self, day: dt.date) -> bool:
        if day.weekday() >= 5 or day in self.holidays:
            return False
        periods = (*self.blocked, *self.unavailable)
        return not any(p.start <= day <= p.end for p in periods)


def _host_order(hosts, counts, last_hosted, previous):
    candidates = [t for t in hosts if t.code != previous] or list(hosts)
    order = {t.code: i for i, t in enumerate(hosts)}
    return sorted(
        candidates,
        key=lambda t: (counts[t.code], last_hosted.get(t.code, dt.date.min), order[t.code]),
    )


def _host_reasons(
    host, hosts, territories, counts, last_hosted, previous, year, include_associates
) -> list[Reason]:
    last = last_hosted.get(host.code)
    if last is None:
        reasons = [Reason("host_never", {"name": host.name, "territory": host.code})]
    else:
        reasons = [
            Reason(
                "host_longest_ago",
                {
                    "name": host.name,
                    "territory": host.code,
                    "last_year": last.year,
                    "years_ago": year - last.year,
                },
            )
        ]
    reasons.append(Reason("rotation", {"counts": tuple((t.code, counts[t.code]) for t in hosts)}))
    if previous and previous != host.code:
        reasons.append(Reason("previous_host", {"territory": previous}))
    associates = tuple(t.code for t in territories if t.associate)
    if associates and not include_associates:
        reasons.append(Reason("associates_do_not_host", {"territories": associates}))
    return reasons


def _periods(periods) -> tuple[tuple[str, str | None, dt.date, dt.date], ...]:
    return tuple((p.label, p.territory, p.start, p.end) for p in periods)


def _date_reasons(
    start, end, days, per_year, index, year, point, calendar, territories, event, aligned
) -> list[Reason]:
    weekdays = tuple((start + dt.timedelta(days=i)).weekday() for i in range(days))
    reasons = [
        Reason(
            "dates",
            {
                "per_year": per_year,
                "index": index,
                "year": year,
                "point": point,
                "start": start,
                "end": end,
                "days": days,
                "weekdays": weekdays,
            },
        )
    ]
    nearby: dict[tuple[dt.date, str], list[str]] = defaultdict(list)
    for day, entries in calendar.holidays.items():
        if start - NEARBY <= day <= end + NEARBY:
            for code, name in entries:
                nearby[(day, name)].append(code)
    calendars = tuple((t.code, t.holiday_calendar().label()) for t in territories)
    avoided = tuple(
        (day, name, tuple(sorted(codes))) for (day, name), codes in sorted(nearby.items())
    )
    reasons.append(Reason("holidays_free", {"calendars": calendars, "avoided": avoided}))
    around = (start - NEARBY, end + NEARBY)
    blocked = [p for p in calendar.blocked if _overlaps(p.start, p.end, *around)]
    if blocked:
        reasons.append(Reason("blocked_nearby", {"periods": _periods(blocked)}))
    else:
        reasons.append(Reason("no_blocked_nearby"))
    unavailable = [p for p in calendar.unavailable if _overlaps(p.start, p.end, *around)]
    if unavailable:
        reasons.append(Reason("unavailable_nearby", {"periods": _periods(unavailable)}))
    else:
        reasons.append(Reason("no_unavailable_nearby"))
    if event:
        what = {"name": event.name, "start": event.start, "end": event.end}
        what["territory"] = event.territory
        reasons.append(Reason("event_aligned" if aligned else "event_not_aligned", what))
    return reasons


def _find_dates(calendar, days, point, not_before, event):
    def run_free(first: dt.date) -> bool:
        return all(calendar.free(first + dt.timedelta(days=i)) for i in range(days))

    for window in (WINDOW, WIDER_WINDOW):
        lowest = max(not_before, point - window)
        candidates = [
            lowest + dt.timedelta(days=i) for i in range((point + window - lowest).days + 1)
        ]
        target = event.start if event else point
        candidates.sort(key=lambda first: (abs((first - target).days), first))
        for first in candidates:
            if run_free(first):
                last = first + dt.timedelta(days=days - 1)
                aligned = event is not None and _overlaps(
                    event.start - EVENT_REACH, event.end + EVENT_REACH, first, last
                )
                return first, last, aligned
    raise PlanningError(
        f"no {days} consecutive free working days within {WIDER_WINDOW.days} days of "
        f"{short_date(point)}: holidays, blocked periods or unavailability cover them all"
    )


def meetings_plan(
    *,
    territories: Sequence[TerritorySpec],
    start: dt.date,
    meetings: int,
    per_year: int = 2,
    days: int = 2,
    include_associates: bool = False,
    history: Sequence[PastMeeting] = (),
    blocked: Sequence[Period] = (),
    unavailable: Sequence[Period] = (),
    events: Sequence[HostEvent] = (),
) -> list[Proposal]:
    """Propose the next ``meetings`` meetings from ``start``, each with its reasons.

    Parameters
    ----------
    territories
        Every participating territory (associates included: their holidays count).
    start
        No proposed meeting starts before this day (nor before a stored meeting ends).
    meetings
        How many meetings to propose (1 or more).
    per_year
        Meetings a year (1 to 12), spread over the year: spring and autumn for 2.
    days
        Consecutive working days of each meeting (1 to 5).
    include_associates
        Whether associates host too.
    history
        The group's meetings held or confirmed; they count in the rotation.
    blocked
        School holidays and other periods to avoid, per territory (``None``: everyone).
    unavailable
        Members' stated unavailability.
    events
        Events in the territories a meeting there can be placed next to.

    Returns
    -------
    list of Proposal
        One per meeting, in order.

    Examples
    --------
    >>> partners = [TerritorySpec("DE1", "Baden-Württemberg", "Stuttgart"),
    ...             TerritorySpec("ES51", "Catalonia", "Barcelona")]
    >>> history = [PastMeeting("DE1", dt.date(2026, 10, 13), dt.date(2026, 10, 14))]
    >>> plan = meetings_plan(territories=partners, start=dt.date(2027, 1, 1), meetings=2,
    ...                      history=history)
    >>> [(p.territory, p.city, p.start.isoformat(), p.end.isoformat()) for p in plan]
    [('ES51', 'Barcelona', '2027-04-15', '2027-04-16'), ('DE1', 'Stuttgart', '2027-10-14', '2027-10-15')]
    >>> plan[0].reasons[0]
    Reason(code='host_never', params={'name': 'Catalonia', 'territory': 'ES51'})
    >>> from clusterdialogue.core.scheduling.reasons import reason_text
    >>> reason_text(plan[0].reasons[0])
    'Catalonia (ES51) hosts: it has never hosted a meeting of the group'
    """
    if meetings < 1:
        raise PlanningError(f"meetings: must be 1 or more, not {meetings}")
    if not 1 <= per_year <= 12:
        raise PlanningError(f"per_year: must be from 1 to 12, not {per_year}")
    if not 1 <= days <= 5:
        raise PlanningError(f"days: must be from 1 to 5 consecutive working days, not {days}")
    if not territories:
        raise PlanningError("territories: the group's network has no territories to plan for")
    codes = [t.code for t in territories]
    if len(set(codes)) != len(codes):
        raise PlanningError(f"territories: a region code appears twice in {codes}")
    hosts = [t for t in territories if include_associates or not t.associate]
    if not hosts:
        raise PlanningError(
            "territories: every territory is an associate; include associates to let them host"
        )
    known = set(codes)
    past = sorted((m for m in history if m.territory in known), key=lambda m: (m.start, m.end))
    counts: Counter[str] = Counter(m.territory for m in past)
    last_hosted: dict[str, dt.date] = {}
    for meeting in past:
        last_hosted[meeting.territory] = max(
            meeting.end, last_hosted.get(meeting.territory, meeting.end)
        )
    previous = past[-1].territory if past else None
    not_before = max([start, *(m.end + dt.timedelta(days=1) for m in past)])

    horizon = dt.date(not_before.year + meetings // per_year + 3, 12, 31)
    calendar = _Calendar(territories, blocked, unavailable, not_before - NEARBY, horizon)
    slots = _slots(per_year, not_before.year)
    taken = [m.start for m in past]
    proposals: list[Proposal] = []
    for number in range(1, meetings + 1):
        year, index, point = next(slots)
        # Skip the points already past, or already taken by a stored meeting.
        while point + WINDOW < not_before or any(abs(point - day) <= WINDOW for day in taken):
            year, index, point = next(slots)
        host = _host_order(hosts, counts, last_hosted, previous)[0]
        near = [
            e for e in events
            if e.territory == host.code and _overlaps(e.start, e.end, point - WINDOW, point + WINDOW)
        ]  # fmt: skip
        event = min(near, key=lambda e: abs((e.start - point).days)) if near else None
        first, last, aligned = _find_dates(calendar, days, point, not_before, event)
        reasons = _host_reasons(
            host, hosts, territories, counts, last_hosted, previous, year, include_associates
        )
        reasons += _date_reasons(
            first, last, days, per_year, index, year, point, calendar, territories, event, aligned
        )
        proposals.append(Proposal(number, host.code, host.city, first, last, tuple(reasons)))
        counts[host.code] += 1
        last_hosted[host.code] = last
        previous = host.code
        not_before = last + dt.timedelta(days=1)
    return proposals
