"""Upper bounds on how many meetings any schedule can hold, cheap enough for any size."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from scipy import sparse
from scipy.optimize import linprog

from clusterdialogue.core.b2b.model import Problem, bits


def count_bound(problem: Problem, requests: Iterable[int] | None = None) -> int:
    """A proven upper bound on the meetings a schedule of ``requests`` can hold.

    The least of five relaxations: every request with a slot both participants can make;
    per slot, the tables, half the participants who could meet in it, and the requests that
    could; per participant, the meetings they asked for and the separate slots they can make
    (each meeting uses two participants); per table, the slots that do not overlap; and the linear relaxation of the
    per-participant limits (a fractional b-matching).

    Parameters
    ----------
    problem : Problem
        The indexed problem.
    requests : iterable of int, optional
        Request indices to count (default all), e.g. only the must requests.

    Examples
    --------
    >>> import datetime as dt
    >>> from clusterdialogue.core.b2b.model import MeetingRequest, Slot, problem_build
    >>> t = dt.datetime(2027, 3, 1, 9)
    >>> slots = [Slot(f"s{i}", t + dt.timedelta(hours=i), t + dt.timedelta(hours=i, minutes=30))
    ...          for i in range(2)]
    >>> reqs = [MeetingRequest(f"r{i}", "a", x) for i, x in enumerate("bcd")]
    >>> count_bound(problem_build(slots=slots, requests=reqs,
    ...     unavailable={p: [] for p in "abcd"}, tables=9))     # a has two slots
    2
    """
    chosen = [r for r in (range(len(problem.requests)) if requests is None else requests)]
    chosen = [r for r in chosen if problem.feasible[r]]
    n_slots = len(problem.slots)
    per_slot_requests = [0] * n_slots
    per_slot_people: list[set[int]] = [set() for _ in range(n_slots)]
    degree: dict[int, int] = {}
    reach: dict[int, int] = {}
    for r in chosen:
        a, b = problem.pair[r]
        for s in bits(problem.feasible[r]):
            per_slot_requests[s] += 1
            per_slot_people[s].update((a, b))
        for person in (a, b):
            degree[person] = degree.get(person, 0) + 1
            reach[person] = reach.get(person, 0) | problem.feasible[r]
    by_slot = sum(
        min(problem.tables, len(per_slot_people[s]) // 2, per_slot_requests[s])
        for s in range(n_slots)
    )
    by_person = sum(min(degree[p], _separate_slots(problem, reach[p])) for p in degree) // 2
    # Each table hosts one meeting at a time, so at most as many as there are separate slots.
    by_table = problem.tables * _separate_slots(problem, problem.all_slots)
    capacity = {p: _separate_slots(problem, reach[p]) for p in degree}
    return min(
        len(chosen),
        by_slot,
        by_person,
        by_table,
        _matching_bound(problem, chosen, capacity, by_table),
    )


def _matching_bound(
    problem: Problem, chosen: list[int], capacity: dict[int, int], by_table: int
) -> int:
    """The fractional b-matching bound: each participant in at most ``capacity`` meetings.

    A linear programme (HiGHS through SciPy): it sees what the per-participant sum misses,
    e.g. that many requests to one popular exhibitor share that exhibitor's few slots.
    """
    if not chosen:
        return 0
    people = sorted(capacity)
    row = {p: i for i, p in enumerate(people)}
    rows, cols = [], []
    for j, r in enumerate(chosen):
        a, b = problem.pair[r]
        rows += [row[a], row[b], len(people)]
        cols += [j, j, j]
    matrix = sparse.csr_matrix(
        (np.ones(len(rows)), (rows, cols)), shape=(len(people) + 1, len(chosen))
    )
    limits = np.array([capacity[p] for p in people] + [by_table], dtype=float)
    answer = linprog(-np.ones(len(chosen)), A_ub=matrix, b_ub=limits, bounds=(0, 1), method="highs")
    if answer.status != 0:
        return len(chosen)
    return int(-answer.fun + 1e-4)


def _separate_slots(problem: Problem, mask: int) -> int:
    """The most slots of ``mask`` that do not overlap (earliest end first is optimal)."""
    taken, last_end = 0, None
    for s in sorted(bits(mask), key=lambda s: problem.slots[s].end):
        slot = problem.slots[s]
        if last_end is None or slot.start >= last_end:
            taken += 1
            last_end = slot.end
    return taken
