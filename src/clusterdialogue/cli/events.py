"""``clusterdialogue events``: B2B meeting scheduling from CSV files, without the database."""

from __future__ import annotations

import argparse
from pathlib import Path

SCHEDULE_HELP = """\
P.csv: id,unavailable (slot ids separated by ';', may be empty).
R.csv: id,a,b,priority (participant ids; priority 2 = must, 1 = nice).
S.csv: slot,start,end (ISO date-times, e.g. 2027-03-01T09:00).
OUT.csv: request,slot,table (tables numbered 1..N), one row per scheduled request.
Nobody is in two places at once, no table holds two meetings at once, unavailability is kept,
and as many meetings as possible happen, must before nice. The last line states a proven upper
bound on the meetings any schedule can hold, and the gap to it.
Example:
  clusterdialogue events schedule --participants P.csv --requests R.csv --slots S.csv \\
      --tables 40 --out OUT.csv --time-limit 30
"""


def register(groups: argparse._SubParsersAction) -> None:
    events = groups.add_parser("events", help="missions and B2B matchmaking events")
    actions = events.add_subparsers(dest="action", metavar="ACTION", required=True)
    schedule = actions.add_parser(
        "schedule",
        help="schedule accepted meeting requests into slots and tables",
        description=SCHEDULE_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    schedule.add_argument("--participants", required=True, type=Path, metavar="P.csv")
    schedule.add_argument("--requests", required=True, type=Path, metavar="R.csv")
    schedule.add_argument("--slots", required=True, type=Path, metavar="S.csv")
    schedule.add_argument("--tables", required=True, type=int, metavar="N")
    schedule.add_argument("--out", required=True, type=Path, metavar="OUT.csv")
    schedule.add_argument(
        "--time-limit",
        type=float,
        default=20.0,
        metavar="SECONDS",
        help="seconds for the search (default 20)",
    )
    schedule.set_defaults(handler=events_schedule)


def events_schedule(args: argparse.Namespace) -> int:
    from clusterdialogue.cli import CommandError
    from clusterdialogue.core.b2b import ScheduleError, meetings_schedule
    from clusterdialogue.core.io.b2b_files import schedule_files_read, schedule_write

    if args.tables < 1:
        raise CommandError("--tables must be at least 1")
    if args.time_limit <= 0:
        raise CommandError("--time-limit must be a positive number of seconds")
    if not args.out.parent.is_dir():
        raise CommandError(f"{args.out}: the folder {args.out.parent} does not exist")
    files = schedule_files_read(
        participants=args.participants, requests=args.requests, slots=args.slots
    )
    try:
        result = meetings_schedule(
            slots=files.slots,
            requests=files.requests,
            unavailable=files.unavailable,
            tables=args.tables,
            time_limit=args.time_limit,
        )
    except ScheduleError as error:
        raise CommandError(str(error)) from None
    schedule_write(args.out, dict(result.placements), files.slots)
    proof = "proven optimal" if result.optimal else "not proven optimal"
    print(f"method {result.method}, {result.seconds:.1f} s, {proof}; wrote {args.out}")
    print(result.summary())
    return 0
