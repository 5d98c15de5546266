"""The state of a schedule being built: who is busy when, and how full each moment is."""

from __future__ import annotations

from clusterdialogue.core.b2b.model import Problem, bits


class Board:
    """Meetings placed in slots, with undo, for the heuristic and to check a solver's answer.

    Participants and slots are bit masks over the problem's slot indices: ``options(r)`` is the
    mask of slots where request ``r`` could go right now.

    Examples
    --------
    >>> import datetime as dt
    >>> from clusterdialogue.core.b2b.model import MeetingRequest, Slot, problem_build
    >>> t = dt.datetime(2027, 3, 1, 9)
    >>> slots = [Slot(f"s{i}", t + dt.timedelta(hours=i), t + dt.timedelta(hours=i, minutes=30))
    ...          for i in range(2)]
    >>> reqs = [MeetingRequest("r1", "a", "b"), MeetingRequest("r2", "a", "c")]
    >>> board = Board(problem_build(slots=slots, requests=reqs,
    ...                             unavailable={"a": [], "b": [], "c": []}, tables=1))
    >>> board.place(0, 0); board.options(1)
    2
    """

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        n_slots = len(problem.slots)
        self.slot_of = [-1] * len(problem.requests)
        self.busy = [0] * len(problem.participants)
        self.at: list[dict[int, int]] = [{} for _ in problem.participants]
        self.in_slot: list[set[int]] = [set() for _ in range(n_slots)]
        self.clique_load = [0] * len(problem.cliques)
        self.cliques_of = [
            [c for c, mask in enumerate(problem.cliques) if mask >> s & 1] for s in range(n_slots)
        ]
        self.full = 0
        self.scheduled = 0
        self.must_scheduled = 0
        self.log: list[tuple[str, int, int]] = []

    # -- queries ---------------------------------------------------------------------------
    def options(self, r: int) -> int:
        """Mask of the slots where request ``r`` fits now (both free, a table left)."""
        a, b = self.problem.pair[r]
        return self.problem.feasible[r] & ~(self.busy[a] | self.busy[b] | self.full)

    def load(self, s: int) -> int:
        """Meetings at the busiest moment of slot ``s``."""
        return max(self.clique_load[c] for c in self.cliques_of[s])

    def best_slot(self, mask: int) -> int:
        """The least loaded slot of ``mask``, the earliest among equals."""
        return min(bits(mask), key=lambda s: (self.load(s), s))

    def blockers(self, r: int, s: int) -> set[int]:
        """The meetings that keep request ``r``'s participants from slot ``s``."""
        overlap = self.problem.overlap[s]
        found = set()
        for person in self.problem.pair[r]:
            found.update(m for t, m in self.at[person].items() if overlap >> t & 1)
        return found

    def score(self) -> tuple[int, int]:
        """(must meetings placed, meetings placed): the order in which schedules compare."""
        return (self.must_scheduled, self.scheduled)

    # -- changes ---------------------------------------------------------------------------
    def place(self, r: int, s: int) -> None:
        if self.slot_of[r] >= 0 or not self.options(r) >> s & 1:
            raise ValueError(f"request {r} cannot go in slot {s}")
        self.slot_of[r] = s
        self.scheduled += 1
        self.must_scheduled += self.problem.must[r]
        overlap = self.problem.overlap[s]
        for person in self.problem.pair[r]:
            self.at[person][s] = r
            self.busy[person] |= overlap
        self.in_slot[s].add(r)
        for c in self.cliques_of[s]:
            self.clique_load[c] += 1
            if self.clique_load[c] >= self.problem.tables:
                self.full |= self.problem.cliques[c]
        self.log.append(("place", r, s))

    def remove(self, r: int) -> None:
        s = self.slot_of[r]
        if s < 0:
            raise ValueError(f"request {r} is not placed")
        self.slot_of[r] = -1
        self.scheduled -= 1
        self.must_scheduled -= self.problem.must[r]
        overlap = self.problem.overlap
        for person in self.problem.pair[r]:
            del self.at[person][s]
            mask = 0
            for t in self.at[person]:
                mask |= overlap[t]
            self.busy[person] = mask
        self.in_slot[s].discard(r)
        for c in self.cliques_of[s]:
            self.clique_load[c] -= 1
        self.full = 0
        for c, load in enumerate(self.clique_load):
            if load >= self.problem.tables:
                self.full |= self.problem.cliques[c]
        self.log.append(("remove", r, s))

    def mark(self) -> int:
        """A point to come back to with :meth:`undo`."""
        return len(self.log)

    def undo(self, mark: int) -> None:
        while len(self.log) > mark:
            action, r, s = self.log.pop()
            if action == "place":
                self.remove(r)
            else:
                self.place(r, s)
            self.log.pop()
