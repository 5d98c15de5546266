"""Turn a chosen set of partners into a :class:`ConsortiumProposal` that explains itself."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from clusterdialogue.core.consortium.model import Candidate, ConsortiumProposal
from clusterdialogue.core.consortium.problem import Problem


def make_proposal(
    problem: Problem,
    partners: list[Candidate],
    *,
    rank: int,
    status: str,
    bound: float,
    gap: float,
    method: str,
) -> ConsortiumProposal:
    """Score ``partners`` (unrounded) and write the explanation of proposal ``rank``.

    ``method`` is ``"cp-sat"`` or ``"brute force"``; ``bound`` and ``gap`` come from the solver.
    """
    partners = sorted(partners, key=lambda c: (-c.fit, c.id))
    score, fit_total, territories = problem.score(partners)
    countries = sorted({problem.lead.country} | {p.country for p in partners})
    proposal = ConsortiumProposal(
        rank=rank,
        lead=problem.lead,
        partners=tuple(partners),
        score=score,
        fit_total=fit_total,
        territory_weight=problem.territory_weight,
        countries=tuple(countries),
        territories=tuple(sorted(territories)),
        network_territory_count=len(problem.network_territories),
        status=status,
        bound=bound,
        gap=gap,
    )
    lines = [
        f"Lead: {problem.lead.describe()}.",
        "Partners: " + ("; ".join(_member(p) for p in partners) or "none besides the lead") + ".",
        _rules_line(problem, proposal),
        _size_line(problem, proposal),
        _spread_line(proposal),
        *(_why(problem, proposal, p) for p in partners),
        *_left_out(problem, proposal),
        f"Score {score:.3f} = total fit {fit_total:.3f} + {problem.territory_weight:g} × "
        f"{len(territories)} territories.",
        _search_line(proposal, method),
    ]
    return replace(proposal, explanation=tuple(lines))


def _member(c: Candidate) -> str:
    where = c.country if c.territory is None else f"{c.country}, {c.territory}"
    return f"{c.name} ({where}, fit {c.fit:.2f})"


def _rules_line(problem: Problem, proposal: ConsortiumProposal) -> str:
    rules = problem.rules
    limits = f"≥{rules.min_partners} required"
    if rules.max_partners is not None:
        limits += f", at most {rules.max_partners}"
    where = (
        "all from eligible countries"
        if rules.eligible_countries
        else "the call accepts any country"
    )
    return (
        f"Rules met: {proposal.size} partners, the lead included ({limits}), from "
        f"{len(proposal.countries)} countries (≥{rules.min_countries} required), {where}."
    )


def _size_line(problem: Problem, proposal: ConsortiumProposal) -> str:
    if problem.sized_by == "size":
        return f"Size {proposal.size}, as requested."
    if problem.sized_by == "max_partners":
        return f"Up to {problem.high} partners, the call's maximum: each extra partner adds fit."
    return (
        f"Size {proposal.size}: the smallest that meets the rules. The call sets no maximum and "
        "every extra partner can only add to the score, so ask for a size to get a larger one."
    )


def _spread_line(proposal: ConsortiumProposal) -> str:
    total = proposal.network_territory_count
    if not total:
        return "Spread: no network territory is involved."
    names = f" ({', '.join(proposal.territories)})" if proposal.territories else ""
    return (
        f"Spread: covers {len(proposal.territories)} of the network's {total} territories{names}."
    )


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _why(problem: Problem, proposal: ConsortiumProposal, partner: Candidate) -> str:
    position = next(i for i, c in enumerate(problem.pool, start=1) if c.id == partner.id)
    highest = "highest" if position == 1 else f"{_ordinal(position)}-highest"
    reasons = [f"fit {partner.fit:.2f}, the {highest} of {len(problem.pool)} eligible candidates"]
    if partner.id in problem.pinned:
        reasons.insert(0, "pinned")
    countries = Counter(m.country for m in proposal.members)
    if partner.country != problem.lead.country and countries[partner.country] == 1:
        reasons.append(f"the only member from {partner.country}")
    territories = Counter(m.territory for m in proposal.members)
    if partner.territory is not None and territories[partner.territory] == 1:
        reasons.append(f"brings in the territory {partner.territory}")
    return f"Why {partner.name}: {'; '.join(reasons)}."


def _left_out(problem: Problem, proposal: ConsortiumProposal) -> list[str]:
    chosen = proposal.partner_ids
    best = next((c for c in problem.pool if c.id not in chosen), None)
    if best is None:
        return []
    options: list[tuple[float, str]] = []
    partners = list(proposal.partners)
    if proposal.size < problem.high:
        options.append((problem.score([*partners, best])[0], "added"))
    for p in partners:
        if p.id in problem.pinned:
            continue
        swapped = [best if q is p else q for q in partners]
        if problem.is_valid(swapped):
            options.append((problem.score(swapped)[0], f"in place of {p.name}"))
    text = f"Left out: {_member(best)}, the best-fitting candidate not chosen"
    if not options:
        return [f"{text}, cannot replace a partner without breaking the rules."]
    new_score, how = max(options)
    delta = new_score - proposal.score
    if delta <= -0.0005:
        return [f"{text}: {how}, the score would drop by {-delta:.3f}."]
    if delta < 0.0005:  # a tie, or the rounding of the solver's integer fits
        return [f"{text}: {how}, the score would be about the same."]
    note = (
        "; proposals after the first must differ from the ones above"
        if proposal.rank > 1
        else "; the search stopped at its time limit"
    )
    return [f"{text}: {how}, the score would rise by {delta:.3f}{note}."]


def _search_line(proposal: ConsortiumProposal, method: str) -> str:
    among = " among consortia different from the proposals above" if proposal.rank > 1 else ""
    if method == "brute force":
        return f"Search: proven best{among} by trying every combination."
    if proposal.status == "OPTIMAL":
        return f"Search: proven best{among} (CP-SAT, optimal)."
    return (
        f"Search: best found{among} within the time limit (CP-SAT); at most {proposal.gap:.3f} "
        f"below the best possible score, {proposal.bound:.3f}."
    )
