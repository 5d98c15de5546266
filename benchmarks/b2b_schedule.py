"""Time the B2B meeting scheduler: the exact solver and the heuristic side by side.

For each GENERATED event (no real people) it prints, for the heuristic alone and for the full
scheduler (the heuristic, then CP-SAT from its schedule while the model is small enough), the
wall time, the meetings scheduled (must ones apart), the proven upper bound, the share of the
bound scheduled and the gap; every schedule is checked by the independent feasibility checker.

Events vary the distribution of requests (``uniform``, ``skewed``: a few exhibitors asked for by
many), the unavailability (10 % or 40 % of slots) and the room (tables binding or not). The
sizes of the issue: 1,000 participants / 5,000 requests / 16 slots / 250 tables (target < 30 s
with >= 98 % of the bound), and 10,000 / 50,000 (a large fair; target < 5 minutes, gap stated).

    python benchmarks/b2b_schedule.py [--sizes small,large] [--time-limit 25] [--workers 2]
"""

from __future__ import annotations

import argparse
import os
import resource
import time

from clusterdialogue.core.b2b import meetings_schedule
from clusterdialogue.testing.b2b import generated_event, schedule_violations

SIZES = {
    # name: (participants, requests, slots, tables)
    "small": (1_000, 5_000, 16, 250),
    "large": (10_000, 50_000, 16, 2_500),
}
# name: (popularity, unavailable share, tables as a share of the size's tables)
EVENTS = {
    "uniform": ("uniform", 0.1, 1.0),
    "skewed": ("skewed", 0.1, 1.0),
    "busy people": ("uniform", 0.4, 1.0),
    "roomy skewed": ("skewed", 0.1, 2.0),
}


def run(size: str, event: str, *, time_limit: float, workers: int, seed: int) -> list[str]:
    participants, requests, slots, tables = SIZES[size]
    popularity, unavailable_share, room = EVENTS[event]
    tables = int(tables * room)
    slot_list, unavailable, request_list = generated_event(
        participants=participants,
        requests=requests,
        slots=slots,
        seed=seed,
        popularity=popularity,
        unavailable_share=unavailable_share,
    )
    lines = []
    for method in ("heuristic", "auto"):
        started = time.perf_counter()
        result = meetings_schedule(
            slots=slot_list,
            requests=request_list,
            unavailable=unavailable,
            tables=tables,
            time_limit=time_limit,
            workers=workers,
            method=method,
        )
        wall = time.perf_counter() - started
        problems = schedule_violations(
            slots=slot_list,
            requests=request_list,
            unavailable=unavailable,
            tables=tables,
            placements=result.placements,
        )
        share = 100.0 * result.scheduled / result.upper_bound if result.upper_bound else 100.0
        label = "heuristic" if method == "heuristic" else f"scheduler ({result.method})"
        lines.append(
            f"  {label:<22} {wall:7.1f} s  scheduled {result.scheduled:>6} "
            f"(must {result.must_scheduled}/{result.must_requests})  bound {result.upper_bound:>6}"
            f"  {share:6.2f} % of bound  gap {result.gap:5.2f} %"
            f"{'  proven optimal' if result.optimal else ''}"
            f"{'  INFEASIBLE: ' + problems[0] if problems else '  feasible'}"
        )
    header = (
        f"{size} / {event}: {participants:,} participants, {requests:,} requests, "
        f"{slots} slots, {tables} tables, {unavailable_share:.0%} unavailable"
    )
    return [header, *lines]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="small,large")
    parser.add_argument("--events", default=",".join(EVENTS))
    parser.add_argument("--time-limit", type=float, default=25.0)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(f"B2B scheduler, {args.workers} workers, time limit {args.time_limit:g} s per run")
    for size in args.sizes.split(","):
        for event in args.events.split(","):
            for line in run(
                size, event, time_limit=args.time_limit, workers=args.workers, seed=args.seed
            ):
                print(line, flush=True)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory {peak:.0f} MB")


if __name__ == "__main__":
    main()
