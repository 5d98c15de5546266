"""One consortium search, checked and prepared: who may join, how many, and why none can.

Shared by the CP-SAT search and the brute force, so that both solve exactly the same problem.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from clusterdialogue.core.consortium.model import Candidate, ConsortiumInfeasible, EligibilityRules


@dataclass(frozen=True)
class Problem:
    """A validated search.

    ``pool`` holds the candidates that may join (eligible, not excluded, not the lead), pinned
    ones included, best fit first. ``low`` and ``high`` bound the consortium size, the lead
    included. ``sized_by`` says where ``high`` comes from: ``"size"``, ``"max_partners"`` or
    ``"minimum"`` (neither given: the smallest size that can meet the rules).
    """

    lead: Candidate
    rules: EligibilityRules
    pool: tuple[Candidate, ...]
    pinned: frozenset[str]
    excluded: frozenset[str]
    low: int
    high: int
    sized_by: str
    territory_weight: float
    network_territories: frozenset[str]
    proposals: int
    ineligible_count: int
    excluded_count: int

    def score(self, partners: Iterable[Candidate]) -> tuple[float, float, frozenset[str]]:
        """``(score, fit_total, territories)`` of the lead with ``partners``, unrounded."""
        partners = list(partners)
        fit_total = sum(p.fit for p in partners)
        territories = frozenset(
            m.territory for m in (self.lead, *partners) if m.territory is not None
        )
        return fit_total + self.territory_weight * len(territories), fit_total, territories

    def is_valid(self, partners: Collection[Candidate]) -> bool:
        """Whether the lead with ``partners`` meets every rule."""
        ids = {p.id for p in partners}
        members = (self.lead, *partners)
        countries = {m.country for m in members}
        return (
            all(self.rules.is_eligible(m.country) and m.id not in self.excluded for m in members)
            and self.low <= 1 + len(ids) <= self.high
            and self.pinned <= ids
            and len(countries) >= self.rules.min_countries
        )

    def reduced_pool(self) -> tuple[Candidate, ...]:
        """The pool without candidates that cannot be in any of the best ``proposals`` sets.

        Candidates from the same country and territory are interchangeable except for their
        fit. A consortium has at most ``k = high - 1 - len(pinned)`` unpinned partners; if it
        used one ranked below the top ``k + proposals - 1`` of its group, swapping it for any
        of the at least ``proposals`` higher-ranked ones not in the consortium gives as many
        distinct consortia that are valid and score at least as much. So keeping the top
        ``k + proposals - 1`` of each group (and every pinned partner) changes none of the
        best ``proposals`` scores.
        """
        keep = self.high - 1 - len(self.pinned) + self.proposals - 1
        groups: dict[tuple[str, str | None], list[Candidate]] = defaultdict(list)
        for c in self.pool:  # the pool is sorted best fit first
            if c.id not in self.pinned:
                groups[(c.country, c.territory)].append(c)
        kept = {c.id for group in groups.values() for c in group[:keep]} | self.pinned
        return tuple(c for c in self.pool if c.id in kept)


def prepare_problem(
    *,
    lead: Candidate,
    candidates: Iterable[Candidate],
    rules: EligibilityRules,
    size: int | None,
    territory_weight: float,
    pinned: Collection[str],
    excluded: Collection[str],
    proposals: int,
    network_territories: Collection[str] | None,
    diagnose: bool = True,
) -> Problem:
    """Check the arguments and build the :class:`Problem`.

    Raises ``ValueError`` for arguments no user could have chosen (repeated ids, a negative
    weight, ...) and, when ``diagnose`` is true, :class:`ConsortiumInfeasible` with every reason
    why no consortium can meet the rules. The reasons are complete: when none applies, a valid
    consortium exists (the tests check this against the brute force).
    """
    if not math.isfinite(territory_weight) or territory_weight < 0:
        raise ValueError(f"territory_weight must be 0 or more, not {territory_weight}")
    if proposals < 1:
        raise ValueError(f"proposals must be 1 or more, not {proposals}")
    if size is not None and size < 1:
        raise ValueError(f"size must be 1 or more, not {size}")
    others: dict[str, Candidate] = {}
    for c in candidates:
        if c.id in others:
            raise ValueError(f"candidate id {c.id!r} appears twice")
        if c.id != lead.id:
            others[c.id] = c
    territories = {c.territory for c in (lead, *others.values()) if c.territory is not None}
    if network_territories is None:
        network = frozenset(territories)
    else:
        network = frozenset(network_territories)
        if not territories <= network:
            outside = ", ".join(sorted(territories - network))
            raise ValueError(f"territories {outside} are not among the network_territories")

    pinned_set, excluded_set = frozenset(pinned) - {lead.id}, frozenset(excluded)
    pool = tuple(
        sorted(
            (
                c
                for c in others.values()
                if rules.is_eligible(c.country) and c.id not in excluded_set
            ),
            key=lambda c: (-c.fit, c.id),
        )
    )
    pinned_found = [others[i] for i in pinned_set if i in others]
    pinned_countries = {lead.country} | {c.country for c in pinned_found}
    low = max(rules.min_partners, size or 0)
    if size is not None:
        high, sized_by = size, "size"
    elif rules.max_partners is not None:
        high, sized_by = rules.max_partners, "max_partners"
    else:
        # Every fit is >= 0, so a larger consortium never scores less: without an upper limit
        # the best one would take every candidate. Use the smallest size meeting the rules.
        extra_countries = max(0, rules.min_countries - len(pinned_countries))
        high = max(rules.min_partners, 1 + len(pinned_found) + extra_countries)
        sized_by = "minimum"
    if rules.max_partners is not None:
        high = min(high, rules.max_partners)
    problem = Problem(
        lead=lead,
        rules=rules,
        pool=pool,
        pinned=pinned_set,
        excluded=excluded_set,
        low=low,
        high=high,
        sized_by=sized_by,
        territory_weight=float(territory_weight),
        network_territories=network,
        proposals=proposals,
        ineligible_count=sum(not rules.is_eligible(c.country) for c in others.values()),
        excluded_count=sum(c.id in excluded_set for c in others.values()),
    )
    if diagnose:
        reasons = infeasibility_reasons(problem, others, size=size, excluded=excluded_set)
        if reasons:
            raise ConsortiumInfeasible(reasons)
    return problem


def infeasibility_reasons(
    problem: Problem,
    others: dict[str, Candidate],
    *,
    size: int | None,
    excluded: frozenset[str],
) -> list[str]:
    """Every reason why no consortium can meet the rules, in plain words (empty: one can)."""
    lead, rules = problem.lead, problem.rules
    allowed = ", ".join(sorted(rules.eligible_countries))
    reasons: list[str] = []
    if lead.id in excluded:
        reasons.append(f"The lead {lead.describe()} cannot be excluded.")
    if not rules.is_eligible(lead.country):
        reasons.append(
            f"The lead {lead.describe()} is from a non-eligible country: the call accepts "
            f"{allowed}."
        )
    for pid in sorted(problem.pinned):
        if pid not in others:
            reasons.append(f"The pinned partner {pid!r} is not among the candidates.")
        elif pid in excluded:
            reasons.append(f"{others[pid].describe()} is both pinned and excluded.")
        elif not rules.is_eligible(others[pid].country):
            reasons.append(
                f"The pinned partner {others[pid].describe()} is from a non-eligible country: "
                f"the call accepts {allowed}."
            )
    if size is not None and size < rules.min_partners:
        reasons.append(
            f"The requested size of {size} is below the call's minimum of "
            f"{rules.min_partners} partners (the lead included)."
        )
    if size is not None and rules.max_partners is not None and size > rules.max_partners:
        reasons.append(
            f"The requested size of {size} is above the call's maximum of "
            f"{rules.max_partners} partners."
        )
    if reasons:
        return reasons

    pinned = [others[i] for i in problem.pinned]
    limit = "requested" if problem.sized_by == "size" else "allowed"
    if 1 + len(pinned) > problem.high:
        reasons.append(
            f"The lead and {len(pinned)} pinned partners make {1 + len(pinned)} members, more "
            f"than the {problem.high} {limit}."
        )
    if 1 + len(problem.pool) < problem.low:
        left_out = []
        if problem.ineligible_count:
            left_out.append(f"{problem.ineligible_count} from non-eligible countries")
        if problem.excluded_count:
            left_out.append(f"{problem.excluded_count} excluded")
        detail = f" ({', '.join(left_out)})" if left_out else ""
        available = _count(len(problem.pool), "eligible candidate")
        verb = "is" if len(problem.pool) == 1 else "are"
        reasons.append(
            f"The consortium needs {problem.low} members, the lead included, but only "
            f"{available} {verb} available besides the lead{detail}."
        )
    all_countries = {lead.country} | {c.country for c in problem.pool}
    base = {lead.country} | {c.country for c in pinned}
    reachable = len(base) + min(problem.high - 1 - len(pinned), len(all_countries - base))
    if len(all_countries) < rules.min_countries:
        reasons.append(
            f"Only {_count(len(all_countries), 'eligible country', 'eligible countries')} "
            "among the lead and the candidates "
            f"({', '.join(sorted(all_countries))}); the call needs {rules.min_countries}."
        )
    elif reachable < rules.min_countries and not reasons:
        limit = {"size": "the size requested", "max_partners": "the call's maximum"}.get(
            problem.sized_by, "the size"
        )
        with_pinned = (
            f", with the lead and {_count(len(pinned), 'pinned partner')} from "
            f"{_count(len(base), 'country', 'countries')},"
            if pinned
            else ""
        )
        reasons.append(
            f"A consortium of at most {problem.high} members ({limit}){with_pinned} spans at "
            f"most {_count(reachable, 'country', 'countries')}; the call needs "
            f"{rules.min_countries}."
        )
    return reasons


def _count(n: int, singular: str, plural: str | None = None) -> str:
    """``1 country``, ``2 countries``."""
    return f"{n} {singular if n == 1 else plural or singular + 's'}"
