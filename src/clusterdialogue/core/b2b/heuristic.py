"""Greedy placement plus repair: fast, for events too large for the exact model.

The greedy places must meetings before nice ones, the most constrained first, each in the least
loaded slot where both participants are free. Repair then takes every unplaced request in turn
and makes room for it by moving the one or two meetings in its way (or one meeting out of a
full slot) to another slot, or by a Kempe swap: the chain of meetings that alternate between two
slots from one of its participants trades slots, which frees that participant (as in Vizing's
edge colouring). A must request may push out nice meetings, which then look for a place
themselves. Every accepted change keeps the count of must meetings, then of all meetings,
from going down.
"""

from __future__ import annotations

import time

from clusterdialogue.core.b2b.board import Board
from clusterdialogue.core.b2b.model import Problem, bits


def heuristic_schedule(
    problem: Problem, *, board: Board | None = None, deadline: float | None = None
) -> Board:
    """Place as many requests as the greedy and its repair can, must ones first.

    Parameters
    ----------
    problem : Problem
        From :func:`~clusterdialogue.core.b2b.model.problem_build`.
    board : Board, optional
        A board holding meetings already placed (pins, kept meetings); they are never moved.
    deadline : float, optional
        A ``time.monotonic()`` value after which repair stops.

    Examples
    --------
    >>> import datetime as dt
    >>> from clusterdialogue.core.b2b.model import MeetingRequest, Slot, problem_build
    >>> t = dt.datetime(2027, 3, 1, 9)
    >>> slots = [Slot(f"s{i}", t + dt.timedelta(hours=i), t + dt.timedelta(hours=i, minutes=30))
    ...          for i in range(2)]
    >>> reqs = [MeetingRequest("r1", "a", "b"), MeetingRequest("r2", "a", "c", 2)]
    >>> p = problem_build(slots=slots, requests=reqs, unavailable={"a": ["s1"], "b": [], "c": []},
    ...                   tables=5)
    >>> heuristic_schedule(p).slot_of    # one slot for a: the must meeting gets it
    [-1, 0]
    """
    board = board or Board(problem)
    fixed = {r for r, s in enumerate(board.slot_of) if s >= 0}
    degree = [0] * len(problem.participants)
    for a, b in problem.pair:
        degree[a] += 1
        degree[b] += 1

    def urgency(r: int) -> tuple:
        a, b = problem.pair[r]
        return (not problem.must[r], problem.feasible[r].bit_count(), -degree[a] - degree[b], r)

    order = sorted((r for r in range(len(problem.requests)) if r not in fixed), key=urgency)
    for r in order:
        options = board.options(r)
        if options:
            board.place(r, board.best_slot(options))
    _repair(board, order, fixed, deadline)
    return board


def _repair(board: Board, order: list[int], fixed: set[int], deadline: float | None) -> None:
    problem = board.problem
    # Kempe swaps need slots that do not overlap (each slot is its own moment).
    chains = all(mask.bit_count() == 1 for mask in problem.overlap)
    improved = True
    while improved:
        improved = False
        waiting = [r for r in order if board.slot_of[r] < 0 and problem.feasible[r]]
        for r in waiting:
            if deadline is not None and time.monotonic() > deadline:
                return
            if board.slot_of[r] >= 0:
                continue
            if _insert(board, r, fixed) or (chains and _swap_insert(board, r, fixed)):
                improved = True


def _insert(board: Board, r: int, fixed: set[int]) -> bool:
    problem = board.problem
    options = board.options(r)
    if options:
        board.place(r, board.best_slot(options))
        return True
    if not problem.must[r] and board.full == problem.all_slots:
        return False  # every table is taken: one more nice meeting cannot be an improvement
    before = board.score()
    for s in bits(problem.feasible[r]):
        in_way = board.blockers(r, s)
        if len(in_way) > 2 or in_way & fixed:
            continue
        mark = board.mark()
        for m in in_way:
            board.remove(m)
        if board.full >> s & 1 and not _free_table(board, s, r, fixed):
            board.undo(mark)
            continue
        board.place(r, s)
        for m in sorted(in_way):
            options = board.options(m)
            if options:
                board.place(m, board.best_slot(options))
        # Meetings left out try again later in this repair round or the next.
        if board.score() > before:
            return True
        board.undo(mark)
    return False


def _free_table(board: Board, s: int, r: int, fixed: set[int]) -> bool:
    """Make a table free in slot ``s`` for request ``r``.

    Moves one meeting of the full moments of ``s`` to a slot with room where its participants
    are free; failing that, a must request takes the table of a nice meeting.
    """
    problem = board.problem
    here = problem.overlap[s]
    people = set(problem.pair[r])
    movable = [
        m
        for t in bits(here)
        for m in sorted(board.in_slot[t])
        if m not in fixed and not people & set(problem.pair[m])
    ]
    for m in movable:
        # options(m) leaves out m's own slot and those overlapping it: a move never clashes.
        elsewhere = board.options(m) & ~here
        if elsewhere:
            board.remove(m)
            board.place(m, board.best_slot(elsewhere))
            if not board.full >> s & 1:
                return True
    if problem.must[r]:
        for m in movable:
            if not problem.must[m] and board.slot_of[m] >= 0:
                board.remove(m)
                if not board.full >> s & 1:
                    return True
    return False


def _swap_insert(board: Board, r: int, fixed: set[int]) -> bool:
    """Place ``r`` in slot alpha after swapping alpha and beta along a chain from one end."""
    problem = board.problem
    before = board.score()
    for start, other in (problem.pair[r], problem.pair[r][::-1]):
        free_other = problem.feasible[r] & ~board.busy[other] & ~board.full
        free_start = problem.available[start] & ~board.busy[start]
        for alpha in bits(free_other):
            for beta in bits(free_start & ~(1 << alpha)):
                chain = _chain(board, start, alpha, beta)
                if chain is None or chain.keys() & fixed:
                    continue
                mark = board.mark()
                for m in chain:
                    board.remove(m)
                try:
                    for m in chain:
                        board.place(m, beta if chain[m] == alpha else alpha)
                    board.place(r, alpha)
                except ValueError:
                    board.undo(mark)
                    continue
                if board.score() > before:
                    return True
                board.undo(mark)
    return False


def _chain(board: Board, start: int, alpha: int, beta: int) -> dict[int, int] | None:
    """The meetings alternating alpha, beta, ... from ``start`` (meeting -> its slot now).

    ``None`` when a meeting of the chain cannot take the other slot, or when the chain ends at
    a participant who would then have two meetings in one slot.
    """
    problem = board.problem
    chain: dict[int, int] = {}
    person, slot = start, alpha
    while (m := board.at[person].get(slot)) is not None:
        target = beta if slot == alpha else alpha
        if not problem.feasible[m] >> target & 1:
            return None
        chain[m] = slot
        a, b = problem.pair[m]
        person = b if person == a else a
        slot = target
    return chain
