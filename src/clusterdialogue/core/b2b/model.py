"""The B2B scheduling problem and its answer, as plain dataclasses and index arrays."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field

#: Request priorities, as in the ``R.csv`` file: 2 = must, 1 = nice.
MUST = 2
NICE = 1


class ScheduleError(ValueError):
    """The problem cannot be scheduled as given (an unknown participant, a bad pin, ...)."""


@dataclass(frozen=True)
class Slot:
    """A time slot in which meetings run side by side, one per table."""

    id: str
    start: dt.datetime
    end: dt.datetime


@dataclass(frozen=True)
class MeetingRequest:
    """An accepted request for a meeting between participants ``a`` and ``b``."""

    id: str
    a: str
    b: str
    priority: int = NICE


@dataclass(frozen=True)
class Placement:
    """Where a meeting happens: a slot id and a table number (1-based)."""

    slot: str
    table: int


@dataclass(frozen=True)
class Problem:
    """A validated problem with integer indices, as the solvers use it.

    ``slots`` are sorted by start; ``overlap[s]`` is the bit mask of the slots that share time
    with slot ``s`` (itself included); ``cliques`` are the groups of slots running at one moment,
    each at most ``tables`` meetings; ``feasible[r]`` is the bit mask of the slots in which both
    participants of request ``r`` are available.
    """

    slots: tuple[Slot, ...]
    requests: tuple[MeetingRequest, ...]
    participants: tuple[str, ...]
    tables: int
    pair: tuple[tuple[int, int], ...]
    must: tuple[bool, ...]
    available: tuple[int, ...]
    feasible: tuple[int, ...]
    overlap: tuple[int, ...]
    cliques: tuple[int, ...]
    pinned: Mapping[int, int] = field(default_factory=dict)

    @property
    def all_slots(self) -> int:
        return (1 << len(self.slots)) - 1


@dataclass(frozen=True)
class ScheduleResult:
    """A schedule, how good it is, and what changed against an earlier one.

    ``upper_bound`` is a proven bound on the number of meetings the best schedule holds (must
    meetings first); ``gap`` is how far the schedule is below it, in percent.
    """

    placements: Mapping[str, Placement]
    requests: int
    must_requests: int
    must_scheduled: int
    upper_bound: int
    method: str
    optimal: bool
    seconds: float
    kept: tuple[str, ...] = ()
    moved: tuple[str, ...] = ()
    dropped: tuple[str, ...] = ()

    @property
    def scheduled(self) -> int:
        return len(self.placements)

    @property
    def gap(self) -> float:
        """Percent of the upper bound not scheduled (0 when proven optimal)."""
        if self.upper_bound <= 0:
            return 0.0
        return 100.0 * (self.upper_bound - self.scheduled) / self.upper_bound

    def summary(self) -> str:
        """The one-line summary the ``events schedule`` command prints last.

        Examples
        --------
        >>> ScheduleResult({"r1": Placement("s1", 1)}, 2, 1, 1, 1, "exact", True, 0.0).summary()
        'scheduled 1 of 2 requests (must 1 of 1); upper bound 1; gap 0.00%'
        """
        return (
            f"scheduled {self.scheduled} of {self.requests} requests "
            f"(must {self.must_scheduled} of {self.must_requests}); "
            f"upper bound {self.upper_bound}; gap {self.gap:.2f}%"
        )


def bits(mask: int) -> list[int]:
    """The indices of the set bits of ``mask``, lowest first.

    Examples
    --------
    >>> bits(0b10110)
    [1, 2, 4]
    """
    out = []
    while mask:
        low = mask & -mask
        out.append(low.bit_length() - 1)
        mask ^= low
    return out


def problem_build(
    *,
    slots: Sequence[Slot],
    requests: Sequence[MeetingRequest],
    unavailable: Mapping[str, Collection[str]],
    tables: int,
    pinned: Mapping[str, str] | None = None,
) -> Problem:
    """Check the inputs and index them for the solvers.

    Parameters
    ----------
    slots : sequence of Slot
        The meeting slots (breaks are simply not slots). Slots may overlap in time: a participant
        or a table is then in at most one of them.
    requests : sequence of MeetingRequest
        The accepted requests; ids unique, ``a != b``, priority :data:`MUST` or :data:`NICE`.
    unavailable : mapping of participant id to slot ids
        Every participant, with the slots in which they cannot meet (may be empty).
    tables : int
        Tables in the room, numbered 1..tables.
    pinned : mapping of request id to slot id, optional
        Meetings the organiser fixed in a slot.

    Examples
    --------
    >>> t = dt.datetime(2027, 3, 1, 9)
    >>> s = [Slot("s1", t, t + dt.timedelta(minutes=30))]
    >>> p = problem_build(slots=s, requests=[MeetingRequest("r1", "a", "b", MUST)],
    ...                   unavailable={"a": [], "b": []}, tables=1)
    >>> p.feasible, p.must
    ((1,), (True,))
    """
    if tables < 1:
        raise ScheduleError(f"tables must be at least 1 (got {tables})")
    ordered = tuple(sorted(slots, key=lambda s: (s.start, s.end, s.id)))
    slot_index = {}
    for i, slot in enumerate(ordered):
        if slot.id in slot_index:
            raise ScheduleError(f"slot {slot.id!r} is listed twice")
        if slot.end <= slot.start:
            raise ScheduleError(f"slot {slot.id!r} ends before it starts")
        slot_index[slot.id] = i
    participants = tuple(unavailable)
    person = {p: i for i, p in enumerate(participants)}
    everything = (1 << len(ordered)) - 1
    available = []
    for p in participants:
        mask = everything
        for slot_id in unavailable[p]:
            if slot_id not in slot_index:
                raise ScheduleError(f"participant {p!r} is unavailable in unknown slot {slot_id!r}")
            mask &= ~(1 << slot_index[slot_id])
        available.append(mask)
    overlap = tuple(_overlaps(ordered))
    pair, must, feasible, seen = [], [], [], set()
    for r in requests:
        if r.id in seen:
            raise ScheduleError(f"request {r.id!r} is listed twice")
        seen.add(r.id)
        for end in (r.a, r.b):
            if end not in person:
                raise ScheduleError(f"request {r.id!r} names unknown participant {end!r}")
        if r.a == r.b:
            raise ScheduleError(f"request {r.id!r} is a meeting of {r.a!r} with themselves")
        if r.priority not in (MUST, NICE):
            raise ScheduleError(f"request {r.id!r} has priority {r.priority}; use 2 or 1")
        a, b = person[r.a], person[r.b]
        pair.append((a, b))
        must.append(r.priority == MUST)
        feasible.append(available[a] & available[b])
    request_index = {r.id: i for i, r in enumerate(requests)}
    pins = {}
    for request_id, slot_id in (pinned or {}).items():
        if request_id not in request_index:
            raise ScheduleError(f"pinned request {request_id!r} is not a request")
        if slot_id not in slot_index:
            raise ScheduleError(f"request {request_id!r} is pinned to unknown slot {slot_id!r}")
        r, s = request_index[request_id], slot_index[slot_id]
        if not feasible[r] >> s & 1:
            raise ScheduleError(
                f"request {request_id!r} is pinned to slot {slot_id!r}, "
                "where one of its participants is unavailable"
            )
        pins[r] = s
    return Problem(
        slots=ordered,
        requests=tuple(requests),
        participants=participants,
        tables=tables,
        pair=tuple(pair),
        must=tuple(must),
        available=tuple(available),
        feasible=tuple(feasible),
        overlap=overlap,
        cliques=tuple(_cliques(ordered)),
        pinned=pins,
    )


def _overlaps(slots: Sequence[Slot]) -> list[int]:
    masks = []
    for slot in slots:
        mask = 0
        for j, other in enumerate(slots):
            if other.start < slot.end and slot.start < other.end:
                mask |= 1 << j
        masks.append(mask)
    return masks


def _cliques(slots: Sequence[Slot]) -> list[int]:
    # The maximal groups of intervals sharing a moment all contain some interval's start.
    groups = set()
    for slot in slots:
        mask = 0
        for j, other in enumerate(slots):
            if other.start <= slot.start < other.end:
                mask |= 1 << j
        groups.add(mask)
    return sorted(g for g in groups if not any(g != h and g & h == g for h in groups))
