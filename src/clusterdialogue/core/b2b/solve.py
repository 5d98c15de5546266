"""Schedule accepted meeting requests into slots and tables: the entry point of the package."""

from __future__ import annotations

import time
from collections.abc import Collection, Mapping, Sequence

from clusterdialogue.core.b2b.board import Board
from clusterdialogue.core.b2b.bounds import count_bound
from clusterdialogue.core.b2b.exact import exact_schedule
from clusterdialogue.core.b2b.heuristic import heuristic_schedule
from clusterdialogue.core.b2b.model import (
    MeetingRequest,
    Placement,
    Problem,
    ScheduleError,
    ScheduleResult,
    Slot,
    bits,
    problem_build,
)

#: Above this many request x slot choices the exact model is not tried (memory and time grow
#: with it); the heuristic's schedule and the proven bound are returned instead.
EXACT_LIMIT = 400_000
METHODS = ("auto", "exact", "heuristic")


def meetings_schedule(
    *,
    slots: Sequence[Slot],
    requests: Sequence[MeetingRequest],
    unavailable: Mapping[str, Collection[str]],
    tables: int,
    pinned: Mapping[str, str] | None = None,
    previous: Mapping[str, Placement] | None = None,
    time_limit: float = 20.0,
    workers: int | None = None,
    method: str = "auto",
) -> ScheduleResult:
    """Assign requests to slots and tables: nobody in two places, no table used twice at once.

    As many meetings as possible happen, must meetings first. Organiser pins are kept; after a
    late change, pass the earlier schedule as ``previous``: every earlier meeting that can stay
    in its slot and at its table stays, and the result lists what moved and what was dropped.

    Parameters
    ----------
    slots, requests, unavailable, tables, pinned
        As for :func:`~clusterdialogue.core.b2b.model.problem_build`.
    previous : mapping of request id to Placement, optional
        An earlier schedule to keep as much of as possible.
    time_limit : float
        Seconds for the whole search.
    workers : int, optional
        CP-SAT search workers (default: the CPU count).
    method : {"auto", "exact", "heuristic"}
        ``auto`` runs the heuristic, then CP-SAT from its schedule when the model is small
        enough (:data:`EXACT_LIMIT`) and the heuristic has not already reached the bound.

    Returns
    -------
    ScheduleResult
        The placements, the proven upper bound and the gap to it.

    Examples
    --------
    >>> import datetime as dt
    >>> t = dt.datetime(2027, 3, 1, 9)
    >>> slots = [Slot(f"s{i}", t + dt.timedelta(hours=i), t + dt.timedelta(hours=i, minutes=30))
    ...          for i in range(2)]
    >>> reqs = [MeetingRequest("r1", "a", "b", 2), MeetingRequest("r2", "a", "c"),
    ...         MeetingRequest("r3", "a", "d")]
    >>> result = meetings_schedule(slots=slots, requests=reqs, tables=2,
    ...                            unavailable={p: [] for p in "abcd"})
    >>> result.summary()
    'scheduled 2 of 3 requests (must 1 of 1); upper bound 2; gap 0.00%'
    >>> result.placements["r1"].table
    1
    """
    if method not in METHODS:
        raise ScheduleError(f"unknown method {method!r}; use one of {', '.join(METHODS)}")
    started = time.monotonic()
    deadline = started + max(time_limit, 0.0)
    problem = problem_build(
        slots=slots, requests=requests, unavailable=unavailable, tables=tables, pinned=pinned
    )
    board = Board(problem)
    _place_pins(board)
    kept = _keep_previous(board, previous or {})
    fixed = dict(problem.pinned) | kept
    board = heuristic_schedule(problem, board=board, deadline=deadline)
    slot_of, optimal, method_used = list(board.slot_of), False, "greedy+repair"

    must_ids = [r for r, must in enumerate(problem.must) if must]
    bound = count_bound(problem)
    reached = board.scheduled >= bound and board.must_scheduled >= count_bound(problem, must_ids)
    choices = sum(mask.bit_count() for mask in problem.feasible)
    wants_exact = method == "exact" or (method == "auto" and choices <= EXACT_LIMIT)
    if reached:
        optimal = True
    elif wants_exact and method != "heuristic":
        remaining = max(deadline - time.monotonic(), 1.0)
        outcome = exact_schedule(
            problem, hint=slot_of, kept=kept, time_limit=remaining, workers=workers
        )
        if outcome is not None:
            bound = min(bound, outcome.total_bound)
            if _score(problem, outcome.slot_of) >= board.score():
                slot_of, optimal, method_used = outcome.slot_of, outcome.optimal, "cp-sat"
    if optimal:
        bound = sum(1 for s in slot_of if s >= 0)
    tables_of = _number_tables(problem, slot_of, previous or {}, fixed)
    return _result(
        problem, slot_of, tables_of, previous or {}, bound, method_used, optimal, started
    )


def _place_pins(board: Board) -> None:
    problem = board.problem
    for r, s in sorted(board.problem.pinned.items()):
        if not board.options(r) >> s & 1:
            raise ScheduleError(
                f"pinned meeting {problem.requests[r].id!r} cannot be in slot "
                f"{problem.slots[s].id!r}: a participant has another pinned meeting then, "
                "or every table is taken by pinned meetings"
            )
        board.place(r, s)


def _keep_previous(board: Board, previous: Mapping[str, Placement]) -> dict[int, int]:
    """Put back each earlier meeting that still fits where it was, must meetings first."""
    problem = board.problem
    index = {r.id: i for i, r in enumerate(problem.requests)}
    slot_index = {slot.id: i for i, slot in enumerate(problem.slots)}
    candidates = sorted(
        (index[rid], slot_index[p.slot])
        for rid, p in previous.items()
        if rid in index and p.slot in slot_index and index[rid] not in problem.pinned
    )
    candidates.sort(key=lambda rs: (not problem.must[rs[0]], rs[0]))
    kept = {}
    for r, s in candidates:
        if board.options(r) >> s & 1:
            board.place(r, s)
            kept[r] = s
    return kept


def _score(problem: Problem, slot_of: list[int]) -> tuple[int, int]:
    placed = [r for r, s in enumerate(slot_of) if s >= 0]
    return (sum(problem.must[r] for r in placed), len(placed))


def _number_tables(
    problem: Problem,
    slot_of: list[int],
    previous: Mapping[str, Placement],
    fixed: Mapping[int, int],
) -> list[int]:
    """Give each meeting a table; kept meetings keep theirs when nobody else holds it then."""
    wanted = {}
    for r in fixed:
        placement = previous.get(problem.requests[r].id)
        if placement is not None and 1 <= placement.table <= problem.tables:
            wanted[r] = placement.table
    tables = _colour(problem, slot_of, wanted)
    return tables if tables is not None else _colour(problem, slot_of, {})


def _colour(problem: Problem, slot_of: list[int], wanted: dict[int, int]) -> list[int] | None:
    # Slots are sorted by start, so a greedy colouring in that order needs no more tables than
    # the busiest moment (interval graphs); preferred tables may spoil that, hence the retry.
    table_of = [0] * len(slot_of)
    by_slot: list[list[int]] = [[] for _ in problem.slots]
    for r, s in enumerate(slot_of):
        if s >= 0:
            by_slot[s].append(r)
    for s, meetings in enumerate(by_slot):
        taken = set()
        for t in bits(problem.overlap[s]):
            if t < s:
                taken.update(table_of[m] for m in by_slot[t])
        meetings.sort(key=lambda r: (r not in wanted, r))
        free = iter(t for t in range(1, problem.tables + 1) if t not in taken)
        for r in meetings:
            table = wanted.get(r)
            if table is None or table in taken:
                table = next((t for t in free if t not in taken), None)
                if table is None:
                    return None
            taken.add(table)
            table_of[r] = table
    return table_of


def _result(
    problem: Problem,
    slot_of: list[int],
    table_of: list[int],
    previous: Mapping[str, Placement],
    bound: int,
    method: str,
    optimal: bool,
    started: float,
) -> ScheduleResult:
    placements = {
        problem.requests[r].id: Placement(problem.slots[s].id, table_of[r])
        for r, s in enumerate(slot_of)
        if s >= 0
    }
    kept = tuple(rid for rid, p in previous.items() if placements.get(rid) == p)
    moved = tuple(rid for rid in previous if rid in placements and placements[rid] != previous[rid])
    dropped = tuple(rid for rid in previous if rid not in placements)
    return ScheduleResult(
        placements=placements,
        requests=len(problem.requests),
        must_requests=sum(problem.must),
        must_scheduled=sum(1 for r, s in enumerate(slot_of) if s >= 0 and problem.must[r]),
        upper_bound=bound,
        method=method,
        optimal=optimal,
        seconds=time.monotonic() - started,
        kept=kept,
        moved=moved,
        dropped=dropped,
    )
