"""Consortium builder: the best consortia a lead cluster can form for a funding call.

Pure Python (OR-Tools' CP-SAT solver); no Django. Start with :func:`build_consortia`.

The objective
-------------
Among the consortia that meet the rules, the best maximises::

    score = sum of the partners' fits + territory_weight × (network territories covered)

where a partner's ``fit`` (0 to 1) says how well it fits the call and the lead (computed by
the caller, e.g. from the matching engine), and a territory is covered when a member (the lead
included) belongs to it. ``territory_weight`` (default 0.25) trades fit for spread over the
network.

The rules
---------
The lead is always a member; pinned partners are members; excluded ones are not; every member
comes from an eligible country; the number of members (the lead included) is at least
``min_partners`` and at most ``max_partners``, or exactly ``size`` when given; the members come
from at least ``min_countries`` distinct countries. Since every fit is at least 0, adding a
partner never lowers the score: without ``size`` or ``max_partners`` the proposals have the
smallest size that can meet the rules.

Several proposals
-----------------
Proposal 1 is the best consortium; proposal k is the best one that differs from proposals
1 to k-1 by at least one partner (a "no-good" constraint is added after each solve), so scores
never increase from one proposal to the next.

Exactness
---------
CP-SAT solves the problem as an integer program: fits and the weight are multiplied by
:data:`SCALE` (10^6) and rounded, so a proposal is optimal up to (members + territories) /
10^6. Candidates that cannot be in the best proposals (below the top few of their country and
territory) are dropped first; see :meth:`Problem.reduced_pool`. The tests compare the scores
with :func:`brute_force_consortia` on random small instances; ``benchmarks/consortium.py``
times large ones.
"""

from __future__ import annotations

from clusterdialogue.core.consortium.model import (
    DEFAULT_TERRITORY_WEIGHT,
    Candidate,
    ConsortiumInfeasible,
    ConsortiumProposal,
    ConsortiumTimeout,
    EligibilityRules,
)
from clusterdialogue.core.consortium.solver import SCALE, brute_force_consortia, build_consortia

__all__ = [
    "DEFAULT_TERRITORY_WEIGHT",
    "SCALE",
    "Candidate",
    "ConsortiumInfeasible",
    "ConsortiumProposal",
    "ConsortiumTimeout",
    "EligibilityRules",
    "brute_force_consortia",
    "build_consortia",
]
