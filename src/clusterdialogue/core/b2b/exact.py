"""The exact model with Google OR-Tools' CP-SAT solver, started from the heuristic's schedule.

One Boolean per request and slot where both participants are available. Each request is in at
most one slot; each participant in at most one meeting at any moment; each moment holds at most
one meeting per table. The objective counts must meetings first: ``W * must + all`` with ``W``
larger than the number of requests, so one more must meeting outweighs any number of nice ones.
"""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass

from ortools.sat.python import cp_model

from clusterdialogue.core.b2b.model import Problem, bits


@dataclass(frozen=True)
class ExactOutcome:
    """What CP-SAT found: a slot per request (-1 = none), and what it proved."""

    slot_of: list[int]
    optimal: bool
    #: A proven bound on the meetings of the best schedule (must meetings first).
    total_bound: int


def exact_schedule(
    problem: Problem,
    *,
    hint: list[int],
    kept: dict[int, int] | None = None,
    time_limit: float = 20.0,
    workers: int | None = None,
) -> ExactOutcome | None:
    """Solve the problem with CP-SAT within ``time_limit`` seconds; ``None`` if it found nothing.

    Parameters
    ----------
    problem : Problem
        The indexed problem; its pins are fixed.
    hint : list of int
        A slot per request (-1 = not placed), e.g. the heuristic's, to start from.
    kept : dict of int to int, optional
        Meetings (request -> slot) that must stay where they are, besides the pins.
    time_limit : float
        Seconds the solver may use.
    workers : int, optional
        Search workers (default: the CPU count).

    Examples
    --------
    >>> import datetime as dt
    >>> from clusterdialogue.core.b2b.model import MeetingRequest, Slot, problem_build
    >>> t = dt.datetime(2027, 3, 1, 9)
    >>> slots = [Slot(f"s{i}", t + dt.timedelta(hours=i), t + dt.timedelta(hours=i, minutes=30))
    ...          for i in range(2)]
    >>> reqs = [MeetingRequest("r1", "a", "b"), MeetingRequest("r2", "a", "c")]
    >>> p = problem_build(slots=slots, requests=reqs, unavailable={"a": [], "b": [], "c": []},
    ...                   tables=1)
    >>> out = exact_schedule(p, hint=[-1, -1], time_limit=5, workers=1)
    >>> sorted(out.slot_of), out.optimal, out.total_bound
    ([0, 1], True, 2)
    """
    model = cp_model.CpModel()
    x: dict[tuple[int, int], cp_model.IntVar] = {}
    by_person_slot: dict[tuple[int, int], list] = defaultdict(list)
    by_slot: dict[int, list] = defaultdict(list)
    fixed = dict(problem.pinned)
    fixed.update(kept or {})
    for r, mask in enumerate(problem.feasible):
        choices = []
        for s in bits(mask):
            var = model.new_bool_var(f"x{r}_{s}")
            x[r, s] = var
            choices.append(var)
            by_slot[s].append(var)
            for person in problem.pair[r]:
                by_person_slot[person, s].append(var)
        if len(choices) > 1:
            model.add_at_most_one(choices)
        if r in fixed:
            model.add(x[r, fixed[r]] == 1)
    for clique in problem.cliques:
        moment = bits(clique)
        model.add(sum(v for s in moment for v in by_slot[s]) <= problem.tables)
        people = {p for (p, s) in by_person_slot if s in moment}
        for person in people:
            meetings = [v for s in moment for v in by_person_slot.get((person, s), ())]
            if len(meetings) > 1:
                model.add_at_most_one(meetings)
    weight = len(problem.requests) + 1
    model.maximize(sum((weight + 1 if problem.must[r] else 1) * var for (r, _s), var in x.items()))
    for (r, s), var in x.items():
        model.add_hint(var, hint[r] == s)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = float(time_limit)
    solver.parameters.num_workers = workers or os.cpu_count() or 1
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    slot_of = [-1] * len(problem.requests)
    for (r, s), var in x.items():
        if solver.boolean_value(var):
            slot_of[r] = s
    must = sum(1 for r, s in enumerate(slot_of) if s >= 0 and problem.must[r])
    # The best schedule has at least `must` must meetings, so its total is at most
    # bound - weight * must (the objective counts each must meeting weight + 1 times).
    total_bound = int(solver.best_objective_bound + 1e-6) - weight * must
    return ExactOutcome(slot_of, status == cp_model.OPTIMAL, total_bound)
