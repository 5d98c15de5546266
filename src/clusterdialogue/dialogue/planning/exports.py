"""The plan as CSV: the columns of ``clusterdialogue dialogue plan`` (its contract)."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from typing import TextIO

from clusterdialogue.common.spreadsheets import csv_writer
from clusterdialogue.core.scheduling import Proposal, Reason, reason_text

PLAN_COLUMNS = ("meeting", "host_territory", "city", "start", "end", "reasons")


def plan_csv_write(
    *,
    proposals: Iterable[Proposal],
    out: TextIO,
    word: Callable[[Reason], str] = reason_text,
    safe: bool = False,
) -> int:
    """Write the header and one row per proposal (reasons joined with "; "); answers the rows.

    ``word`` turns a reason into text: English by default (the command line's contract); the
    page's download passes the translation (``planning.reasons.reason_display``).
    """
    # The command line's file is a data contract, written as is; a page's download is opened in
    # spreadsheets, so its cells are made inert there.
    writer = (csv_writer if safe else csv.writer)(out, lineterminator="\n")
    writer.writerow(PLAN_COLUMNS)
    count = 0
    for p in proposals:
        writer.writerow(
            [
                p.meeting,
                p.territory,
                p.city,
                p.start.isoformat(),
                p.end.isoformat(),
                "; ".join(word(reason) for reason in p.reasons),
            ]
        )
        count += 1
    return count
