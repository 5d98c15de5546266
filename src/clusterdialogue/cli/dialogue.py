"""``clusterdialogue dialogue plan | remind | library-import``: the Dialogue's commands.

``plan`` writes the meeting planner's proposals for a group as CSV, ``remind`` e-mails the
reminders of the meetings starting soon, ``library-import`` loads policy instruments from a CSV.

``plan``'s contract (others rely on it): ``--group SLUG --from YYYY-MM-DD --meetings N [--per-year 2]
[--days 2] [--include-associates] --out PLAN.csv`` writes ``meeting,host_territory,city,start,
end,reasons``. On any error nothing is written: the CSV goes to a temporary file next to the
output and is renamed only when complete.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import tempfile
from pathlib import Path

# The planner's argument names, as the command's options.
OPTIONS = {"meetings": "--meetings", "per_year": "--per-year", "days": "--days"}


def _iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date in the form YYYY-MM-DD") from None


def register(groups: argparse._SubParsersAction) -> None:
    parser = groups.add_parser("dialogue", help="the Dialogue: working groups and their meetings")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    plan = actions.add_parser(
        "plan",
        help="propose a group's next meetings (host, city, dates, reasons) as CSV",
        description=(
            "Propose the next meetings of a working group: the host rotates fairly between the "
            "network's territories (associates only with --include-associates) and the dates "
            "avoid every participating territory's public holidays, weekends, the school "
            "holidays and unavailability entered, using the group's stored meeting history. "
            "Writes meeting,host_territory,city,start,end,reasons; nothing on error."
        ),
    )
    plan.add_argument("--group", required=True, metavar="SLUG", help="the working group's slug")
    plan.add_argument(
        "--from", dest="start", required=True, type=_iso_date, metavar="YYYY-MM-DD",
        help="no meeting starts before this day",
    )  # fmt: skip
    plan.add_argument(
        "--meetings", required=True, type=int, metavar="N", help="meetings to propose"
    )
    plan.add_argument("--per-year", type=int, default=2, help="meetings a year (default 2)")
    plan.add_argument("--days", type=int, default=2, help="working days per meeting (default 2)")
    plan.add_argument(
        "--include-associates", action="store_true", help="let associate territories host too"
    )
    plan.add_argument(
        "--out", required=True, type=Path, metavar="PLAN.csv", help="the CSV to write"
    )
    plan.set_defaults(handler=dialogue_plan_command)
    # The meetings' reminders and the library's import keep their options next to their code
    # (imported here: those modules import clusterdialogue.cli themselves).
    from clusterdialogue.dialogue.library.cli import register_library_import
    from clusterdialogue.dialogue.meetings.cli import register_remind

    register_remind(actions)
    register_library_import(actions)


def dialogue_plan_command(args: argparse.Namespace) -> int:
    from clusterdialogue.cli import CommandError

    if args.meetings < 1:
        raise CommandError(f"--meetings {args.meetings}: give 1 or more meetings")
    from clusterdialogue.cli._django import setup_django

    setup_django()
    from clusterdialogue.core.scheduling import PlanningError
    from clusterdialogue.dialogue.models import WorkingGroup
    from clusterdialogue.dialogue.planning.exports import plan_csv_write
    from clusterdialogue.dialogue.planning.services import meetings_plan_for_group

    group = WorkingGroup.objects.select_related("network").filter(slug=args.group).first()
    if group is None:
        known = ", ".join(WorkingGroup.objects.order_by("slug").values_list("slug", flat=True))
        raise CommandError(
            f"--group {args.group!r}: no working group has this slug "
            f"(known groups: {known or 'none; run `clusterdialogue setup` first'})"
        )
    try:
        proposals = meetings_plan_for_group(
            group=group,
            start=args.start,
            meetings=args.meetings,
            per_year=args.per_year,
            days=args.days,
            include_associates=args.include_associates,
        )
    except PlanningError as error:
        field, _, problem = str(error).partition(": ")
        if field == "territories":
            raise CommandError(f"--group {args.group}: {problem}") from None
        if field in OPTIONS:
            raise CommandError(f"{OPTIONS[field]}: {problem}") from None
        raise CommandError(f"--group {args.group}: {error}") from None
    out = args.out
    if out.parent and not out.parent.exists():
        raise CommandError(f"--out {out}: the folder {out.parent} does not exist")
    handle, temporary = tempfile.mkstemp(
        prefix=f".{out.name}.", suffix=".tmp", dir=out.parent or "."
    )
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            count = plan_csv_write(proposals=proposals, out=stream)
        os.replace(temporary, out)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    print(f"wrote {count} meetings to {out}")
    return 0
