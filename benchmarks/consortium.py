"""Time the consortium builder (CP-SAT) on generated instances, against brute force.

Usage::

    python benchmarks/consortium.py [--large 200,1000,5000] [--medium 18,20,22] [--seed 1]

Generated example data, not real organisations: candidates in the 27 EU countries and the UK,
some of them in the six territories of an example network (one per country of the Four Motors
for Europe and Wales), with fits drawn from a Beta(2, 3) distribution.

* Large instances (``--large``), consortium sizes 3 to 8, two rule sets: "3 from 3" (at least
  3 members from 3 countries, EU27 eligible) and "all distinct" (every member from another
  country, any country); one pinned and five excluded partners; three proposals. Prints the
  candidates kept after the exact reduction, the time for the three proposals, their solver
  status and the largest gap between score and bound; then the same without the reduction
  (every candidate in the CP-SAT model) and whether the scores agree.
* Medium instances (``--medium``): the same search by CP-SAT and by brute force (every
  combination), their times and ratio, and whether the scores agree (within the rounding of
  the integer fits, see ``SCALE``).
"""

from __future__ import annotations

import argparse
import math
import random
import time
from collections import Counter

from clusterdialogue.core.consortium import (
    SCALE,
    Candidate,
    EligibilityRules,
    brute_force_consortia,
    build_consortia,
)
from clusterdialogue.core.consortium.problem import prepare_problem
from clusterdialogue.core.countries import EU27

COUNTRIES = sorted(EU27 | {"UK"})
TERRITORIES = {"FR": "T-FR", "DE": "T-DE", "ES": "T-ES", "IT": "T-IT", "BE": "T-BE", "UK": "T-UK"}


def generate(n: int, rng: random.Random, countries: list[str]) -> tuple[Candidate, list[Candidate]]:
    """A lead in a network territory and ``n`` candidates (half in the network's countries)."""
    network = [c for c in countries if c in TERRITORIES]
    lead = Candidate("lead", "Lead", "FR", TERRITORIES["FR"])
    candidates = []
    for i in range(n):
        country = rng.choice(network) if rng.random() < 0.5 else rng.choice(countries)
        territory = TERRITORIES.get(country) if rng.random() < 0.6 else None
        fit = round(rng.betavariate(2, 3), 4)
        candidates.append(Candidate(f"c{i}", f"C{i}", country, territory, fit))
    return lead, candidates


def large(sizes: list[int], seed: int) -> None:
    print("Large instances: CP-SAT, three proposals, 1 pinned and 5 excluded partners")
    print(
        f"{'cands':>6} {'rules':<13} {'size':>4} {'kept':>5} {'time s':>7} {'status':<16} "
        f"{'gap':>8} {'unreduced s':>11} {'status':<16} same"
    )
    for n in sizes:
        rng = random.Random(seed + n)
        lead, candidates = generate(n, rng, COUNTRIES)
        ids = [c.id for c in candidates]
        for size in range(3, 9):
            for label, rules in (
                ("3 from 3", EligibilityRules(3, 3, frozenset(EU27))),
                ("all distinct", EligibilityRules(3, size)),
            ):
                eligible = [
                    c.id
                    for c in candidates
                    if rules.is_eligible(c.country) and c.country != lead.country
                ]
                pinned = {rng.choice(eligible)}
                excluded = set(rng.sample([i for i in ids if i not in pinned], 5))
                arguments = {
                    "lead": lead,
                    "candidates": candidates,
                    "rules": rules,
                    "size": size,
                    "pinned": pinned,
                    "excluded": excluded,
                    "proposals": 3,
                }
                kept = len(
                    prepare_problem(
                        **arguments, territory_weight=0.25, network_territories=None
                    ).reduced_pool()
                )
                start = time.perf_counter()
                found = build_consortia(**arguments, time_limit=10.0)
                elapsed = time.perf_counter() - start
                start = time.perf_counter()
                full = build_consortia(**arguments, time_limit=10.0, reduce=False)
                elapsed_full = time.perf_counter() - start
                status = _statuses(found)
                gap = max(p.gap for p in found)
                same = all(
                    abs(a.score - b.score) <= 2 * (size + len(TERRITORIES)) / SCALE
                    for a, b in zip(found, full, strict=True)
                )
                print(
                    f"{n:>6} {label:<13} {size:>4} {kept:>5} {elapsed:>7.3f} {status:<16} "
                    f"{gap:>8.6f} {elapsed_full:>11.3f} {_statuses(full):<16} "
                    f"{'yes' if same else 'NO'}"
                )


def _statuses(proposals: list) -> str:
    counts = Counter(p.status for p in proposals)
    return ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))


def medium(sizes: list[int], seed: int) -> None:
    print()
    print("Medium instances: CP-SAT against brute force (three proposals, 6 countries)")
    print(
        f"{'cands':>6} {'size':>4} {'combinations':>12} {'brute s':>8} {'cp-sat s':>8} "
        f"{'ratio':>7}  same scores"
    )
    all_equal = True
    for n in sizes:
        rng = random.Random(seed * 1000 + n)
        lead, candidates = generate(n, rng, ["BE", "DE", "ES", "FR", "IT", "UK"])
        for size in range(3, 9):
            rules = EligibilityRules(3, min(size, 4))
            arguments = {"lead": lead, "candidates": candidates, "rules": rules, "size": size}
            start = time.perf_counter()
            expected = brute_force_consortia(**arguments)
            brute = time.perf_counter() - start
            start = time.perf_counter()
            found = build_consortia(**arguments)
            solver = time.perf_counter() - start
            tolerance = 2 * (size + len(TERRITORIES)) / SCALE
            same = len(found) == len(expected) and all(
                abs(a.score - b.score) <= tolerance for a, b in zip(found, expected, strict=True)
            )
            all_equal &= same
            combinations = math.comb(n, size - 1)
            print(
                f"{n:>6} {size:>4} {combinations:>12} {brute:>8.3f} {solver:>8.3f} "
                f"{brute / solver:>7.1f}  {'yes' if same else 'NO'}"
            )
    print(f"All scores equal: {'yes' if all_equal else 'NO'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--large", default="200,1000,5000")
    parser.add_argument("--medium", default="18,20,22")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    numbers = [int(x) for x in args.large.split(",") if x]
    large(numbers, args.seed)
    medium([int(x) for x in args.medium.split(",") if x], args.seed)


if __name__ == "__main__":
    main()
