"""The exact consortium search with Google OR-Tools' CP-SAT solver, and the brute force."""

from __future__ import annotations

import heapq
import itertools
import os
import time
from collections import defaultdict
from collections.abc import Collection

from ortools.sat.python import cp_model

from clusterdialogue.core.consortium.explain import make_proposal
from clusterdialogue.core.consortium.model import (
    DEFAULT_TERRITORY_WEIGHT,
    Candidate,
    ConsortiumInfeasible,
    ConsortiumProposal,
    ConsortiumTimeout,
    EligibilityRules,
)
from clusterdialogue.core.consortium.problem import Problem, prepare_problem

__all__ = ["SCALE", "brute_force_consortia", "build_consortia"]

#: CP-SAT works with whole numbers: fits and the territory weight are multiplied by SCALE and
#: rounded. Each rounding moves a score by at most 0.5 / SCALE, so the consortium found scores
#: within (members + territories) / SCALE of the true best (far below the 0.001 shown).
SCALE = 1_000_000


def build_consortia(
    *,
    lead: Candidate,
    candidates: list[Candidate],
    rules: EligibilityRules,
    size: int | None = None,
    territory_weight: float = DEFAULT_TERRITORY_WEIGHT,
    pinned: Collection[str] = frozenset(),
    excluded: Collection[str] = frozenset(),
    proposals: int = 3,
    time_limit: float = 5.0,
    network_territories: Collection[str] | None = None,
    workers: int | None = None,
    reduce: bool = True,
) -> list[ConsortiumProposal]:
    """Propose the best consortia for a call, best first (see the package documentation).

    Parameters
    ----------
    lead : Candidate
        The cluster that leads; always a member. Its fit is not counted.
    candidates : list of Candidate
        The possible partners (the lead, if listed, is skipped).
    rules : EligibilityRules
        The call's rules, e.g. ``EligibilityRules.from_call(call)``.
    size : int, optional
        The exact number of members wanted, the lead included.
    territory_weight : float
        What covering one more network territory is worth, in units of fit.
    pinned, excluded : collections of candidate ids
        Partners that must, or must not, be members.
    proposals : int
        How many distinct consortia to propose; fewer come back when fewer exist or when the
        time runs out.
    time_limit : float
        Seconds for the whole search; a consortium found when time runs out is returned with
        status ``"FEASIBLE"`` and its gap to the best possible score.
    network_territories : collection of str, optional
        All the network's territories (for "covers 4 of 6"); by default those of the lead and
        the candidates.
    workers : int, optional
        CP-SAT search workers; by default the number of CPUs, at most 8.
    reduce : bool
        Drop the candidates that cannot be in the best proposals before solving (exact; see
        :meth:`Problem.reduced_pool`). ``False`` is for benchmarks: same scores, larger model.

    Raises
    ------
    ConsortiumInfeasible
        When no consortium can meet the rules; ``reasons`` says why.
    ConsortiumTimeout
        When no consortium was found within the time limit.

    Examples
    --------
    >>> lead = Candidate("a", "Lead", "FR", "Auvergne-Rhône-Alpes")
    >>> others = [Candidate("b", "B", "DE", "Baden-Württemberg", 0.9),
    ...           Candidate("c", "C", "DE", None, 0.8), Candidate("d", "D", "ES", None, 0.3)]
    >>> rules = EligibilityRules(min_partners=3, min_countries=3)
    >>> [best] = build_consortia(lead=lead, candidates=others, rules=rules, proposals=1)
    >>> sorted(best.partner_ids), round(best.score, 3), best.status
    (['b', 'd'], 1.7, 'OPTIMAL')
    """
    start = time.perf_counter()
    problem = prepare_problem(
        lead=lead,
        candidates=candidates,
        rules=rules,
        size=size,
        territory_weight=territory_weight,
        pinned=pinned,
        excluded=excluded,
        proposals=proposals,
        network_territories=network_territories,
    )
    pool = problem.reduced_pool() if reduce else problem.pool
    model = cp_model.CpModel()
    chosen = {c.id: model.new_bool_var(c.id) for c in pool}
    for pid in problem.pinned:
        model.add(chosen[pid] == 1)
    model.add(sum(chosen.values()) >= problem.low - 1)
    model.add(sum(chosen.values()) <= problem.high - 1)

    by_country: dict[str, list[cp_model.IntVar]] = defaultdict(list)
    by_territory: dict[str, list[cp_model.IntVar]] = defaultdict(list)
    for c in pool:
        by_country[c.country].append(chosen[c.id])
        if c.territory is not None:
            by_territory[c.territory].append(chosen[c.id])
    # A country (territory) counts only if a chosen partner is from it; the lead's is given.
    counted_countries = [
        _covered(model, xs) for country, xs in by_country.items() if country != problem.lead.country
    ]
    model.add(1 + sum(counted_countries) >= rules.min_countries)
    weight = round(problem.territory_weight * SCALE)
    counted_territories = [
        _covered(model, xs) for t, xs in by_territory.items() if t != problem.lead.territory
    ]
    model.maximize(
        sum(round(c.fit * SCALE) * chosen[c.id] for c in pool) + weight * sum(counted_territories)
    )
    constant = weight if problem.lead.territory is not None else 0

    solver = cp_model.CpSolver()
    solver.parameters.num_workers = workers or min(8, os.cpu_count() or 1)
    results: list[ConsortiumProposal] = []
    for rank in range(1, proposals + 1):
        solver.parameters.max_time_in_seconds = max(
            0.05, time_limit - (time.perf_counter() - start)
        )
        status = solver.solve(model)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            if status == cp_model.UNKNOWN and not results:
                raise ConsortiumTimeout(
                    f"no consortium found within {time_limit} s; allow more time"
                )
            if status == cp_model.INFEASIBLE and not results:  # the checks should prevent it
                raise ConsortiumInfeasible(["No combination of candidates meets every rule."])
            break  # no further distinct consortium exists, or time is up
        members = [c for c in pool if solver.boolean_value(chosen[c.id])]
        value, bound = round(solver.objective_value), round(solver.best_objective_bound)
        results.append(
            make_proposal(
                problem,
                members,
                rank=rank,
                status=solver.status_name(status),
                bound=(bound + constant) / SCALE,
                gap=max(0, bound - value) / SCALE,
                method="cp-sat",
            )
        )
        # The next proposal must differ from this one by at least one partner.
        ids = {c.id for c in members}
        model.add_bool_or([~x if cid in ids else x for cid, x in chosen.items()])
    return results


def _covered(model: cp_model.CpModel, chosen: list[cp_model.IntVar]) -> cp_model.IntVar:
    covered = model.new_bool_var("")
    model.add(covered <= sum(chosen))
    return covered


def brute_force_consortia(
    *,
    lead: Candidate,
    candidates: list[Candidate],
    rules: EligibilityRules,
    size: int | None = None,
    territory_weight: float = DEFAULT_TERRITORY_WEIGHT,
    pinned: Collection[str] = frozenset(),
    excluded: Collection[str] = frozenset(),
    proposals: int = 3,
    time_limit: float = 5.0,
    network_territories: Collection[str] | None = None,
    workers: int | None = None,
) -> list[ConsortiumProposal]:
    """Like :func:`build_consortia`, by trying every combination (for tests and benchmarks).

    Unrounded scores; ``time_limit`` and ``workers`` are ignored. Only for small inputs: the
    number of combinations grows like ``len(candidates) ** size``. Feasibility is decided by
    the enumeration itself; the reasons of :class:`ConsortiumInfeasible` are then looked up.
    """
    arguments = {
        "lead": lead,
        "candidates": candidates,
        "rules": rules,
        "size": size,
        "territory_weight": territory_weight,
        "pinned": pinned,
        "excluded": excluded,
        "proposals": proposals,
        "network_territories": network_territories,
    }
    problem = prepare_problem(**arguments, diagnose=False)
    best = heapq.nlargest(
        proposals,
        ((problem.score(partners)[0], partners) for partners in _valid_sets(problem)),
        key=lambda item: item[0],  # ties keep the order of enumeration
    )
    if not best:
        prepare_problem(**arguments)  # raises ConsortiumInfeasible with the reasons
        raise ConsortiumInfeasible(["No combination of candidates meets every rule."])
    return [
        make_proposal(
            problem,
            list(partners),
            rank=rank,
            status="OPTIMAL",
            bound=s,
            gap=0.0,
            method="brute force",
        )
        for rank, (s, partners) in enumerate(best, start=1)
    ]


def _valid_sets(problem: Problem):
    pinned = [c for c in problem.pool if c.id in problem.pinned]
    free = [c for c in problem.pool if c.id not in problem.pinned]
    for count in range(max(0, problem.low - 1 - len(pinned)), problem.high - len(pinned)):
        for extra in itertools.combinations(free, count):
            partners = (*pinned, *extra)
            if problem.is_valid(partners):
                yield partners
