"""Test helpers for the B2B scheduler: an independent feasibility checker, brute force, events.

The checker and the brute force read the plain inputs (slots with times, requests, who is
unavailable when), not the scheduler's bit masks, so they share no code with what they check.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence

from clusterdialogue.core.b2b import MUST, NICE, MeetingRequest, Placement, Slot


def schedule_violations(
    *,
    slots: Sequence[Slot],
    requests: Sequence[MeetingRequest],
    unavailable: Mapping[str, Collection[str]],
    tables: int,
    placements: Mapping[str, Placement],
    pinned: Mapping[str, str] | None = None,
) -> list[str]:
    """Every way ``placements`` breaks the rules; an empty list for a feasible schedule."""
    by_id = {s.id: s for s in slots}
    request = {r.id: r for r in requests}
    problems = []
    for rid, place in placements.items():
        if rid not in request:
            problems.append(f"{rid}: not a request")
            continue
        if place.slot not in by_id:
            problems.append(f"{rid}: unknown slot {place.slot}")
            continue
        if not 1 <= place.table <= tables:
            problems.append(f"{rid}: table {place.table} outside 1..{tables}")
        for person in (request[rid].a, request[rid].b):
            if place.slot in unavailable[person]:
                problems.append(f"{rid}: {person} is unavailable in {place.slot}")
    placed = [(rid, p) for rid, p in placements.items() if rid in request and p.slot in by_id]
    # Compare the meetings of each person, and of each table, two by two.
    groups: dict[tuple[str, str], list[tuple[str, Placement]]] = defaultdict(list)
    for rid, place in placed:
        groups["person", request[rid].a].append((rid, place))
        groups["person", request[rid].b].append((rid, place))
        groups["table", str(place.table)].append((rid, place))
    for (kind, name), meetings in sorted(groups.items()):
        for (r1, p1), (r2, p2) in itertools.combinations(meetings, 2):
            s1, s2 = by_id[p1.slot], by_id[p2.slot]
            if s1.start < s2.end and s2.start < s1.end:
                what = f"{name} in two places" if kind == "person" else f"table {name} holds both"
                problems.append(f"{r1} and {r2}: {what} at once")
    for rid, slot in (pinned or {}).items():
        if placements.get(rid, Placement("", 0)).slot != slot:
            problems.append(f"{rid}: pinned to {slot} but not there")
    return problems


def brute_force_best(
    *,
    slots: Sequence[Slot],
    requests: Sequence[MeetingRequest],
    unavailable: Mapping[str, Collection[str]],
    tables: int,
) -> tuple[int, int]:
    """The best (must meetings, meetings) over every assignment of requests to slots."""
    choices = [
        [None] + [s for s in slots if s.id not in unavailable[r.a] and s.id not in unavailable[r.b]]
        for r in requests
    ]
    best = (0, 0)
    for assignment in itertools.product(*choices):
        chosen = [(r, s) for r, s in zip(requests, assignment, strict=True) if s is not None]
        score = (sum(r.priority == MUST for r, _ in chosen), len(chosen))
        if score <= best or not _fits(chosen, tables):
            continue
        best = score
    return best


def _fits(chosen: list[tuple[MeetingRequest, Slot]], tables: int) -> bool:
    for (r1, s1), (r2, s2) in itertools.combinations(chosen, 2):
        together = s1.start < s2.end and s2.start < s1.end
        if together and {r1.a, r1.b} & {r2.a, r2.b}:
            return False
    # Tables: at every start, the meetings running then need a table each (interval colouring).
    for _, slot in chosen:
        running = sum(1 for _, s in chosen if s.start <= slot.start < s.end)
        if running > tables:
            return False
    return True


def slot_series(
    count: int, *, start: dt.datetime | None = None, minutes: int = 30, break_after: int = 0
) -> list[Slot]:
    """``count`` back-to-back slots from ``start``, with a 30-minute break every ``break_after``."""
    start = start or dt.datetime(2027, 3, 1, 9, 0)
    slots, moment = [], start
    for i in range(count):
        if break_after and i and i % break_after == 0:
            moment += dt.timedelta(minutes=30)
        slots.append(Slot(f"s{i + 1}", moment, moment + dt.timedelta(minutes=minutes)))
        moment += dt.timedelta(minutes=minutes)
    return slots


def generated_event(
    *,
    participants: int,
    requests: int,
    slots: int,
    seed: int = 0,
    popularity: str = "uniform",
    unavailable_share: float = 0.1,
    must_share: float = 0.3,
) -> tuple[list[Slot], dict[str, list[str]], list[MeetingRequest]]:
    """A GENERATED event for tests and benchmarks (no real people): slots, unavailability, requests.

    ``popularity`` is ``uniform`` (every participant equally asked for) or ``skewed`` (a Zipf-like
    few are asked for by many, as exhibitors at a fair); each participant is unavailable in each
    slot with probability ``unavailable_share``.
    """
    rng = random.Random(seed)
    slot_list = slot_series(slots, break_after=4)
    people = [f"p{i + 1}" for i in range(participants)]
    unavailable = {p: [s.id for s in slot_list if rng.random() < unavailable_share] for p in people}
    if popularity == "skewed":
        weights = [1.0 / (rank + 1) ** 0.8 for rank in range(participants)]
    elif popularity == "uniform":
        weights = [1.0] * participants
    else:
        raise ValueError(f"unknown popularity {popularity!r}")
    if requests > participants * (participants - 1) // 2:
        raise ValueError("more requests than pairs of participants")
    cumulative = list(itertools.accumulate(weights))
    seen, out = set(), []
    while len(out) < requests:
        a = rng.randrange(participants)
        b = rng.choices(range(participants), cum_weights=cumulative)[0]
        if a == b or (min(a, b), max(a, b)) in seen:
            continue
        seen.add((min(a, b), max(a, b)))
        priority = MUST if rng.random() < must_share else NICE
        out.append(MeetingRequest(f"r{len(out) + 1}", people[a], people[b], priority))
    return slot_list, unavailable, out
