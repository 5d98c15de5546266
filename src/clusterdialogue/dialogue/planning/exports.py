"""The plan as CSV: the columns of ``clusterdialogue dialogue plan`` (its contract)."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import TextIO

from clusterdialogue.core.scheduling import Proposal

PLAN_COLUMNS = ("meeting", "host_territory", "city", "start", "end", "reasons")


def plan_csv_write(*, proposals: Iterable[Proposal], out: TextIO) -> int:
    """Write the header and one row per proposal (reasons joined with "; "); answers the rows."""
    writer = csv.writer(out, lineterminator="\n")
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
                "; ".join(p.reasons),
            ]
        )
        count += 1
    return count
