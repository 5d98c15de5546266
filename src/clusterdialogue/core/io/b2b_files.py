"""The B2B scheduler's files: participants, requests and slots in, the schedule out.

``P.csv``: ``id,unavailable`` (slot ids separated by ``;``, may be empty). ``R.csv``:
``id,a,b,priority`` (participant ids; priority 2 = must, 1 = nice). ``S.csv``:
``slot,start,end`` (ISO date-times). Output ``OUT.csv``: ``request,slot,table``. Every error
names the file, the line and the field.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
from dataclasses import dataclass
from pathlib import Path

from clusterdialogue.core.b2b import MUST, NICE, MeetingRequest, Placement, Slot
from clusterdialogue.core.io._common import decode_text, read_bytes, read_csv_records
from clusterdialogue.core.io.errors import DataFileError

SLOT_COLUMNS = ("slot", "start", "end")
PARTICIPANT_COLUMNS = ("id", "unavailable")
REQUEST_COLUMNS = ("id", "a", "b", "priority")
SCHEDULE_COLUMNS = ("request", "slot", "table")


@dataclass(frozen=True)
class ScheduleFiles:
    """The three input files, read and cross-checked."""

    slots: list[Slot]
    unavailable: dict[str, list[str]]
    requests: list[MeetingRequest]


def schedule_files_read(*, participants: Path, requests: Path, slots: Path) -> ScheduleFiles:
    """Read ``S.csv``, then ``P.csv`` (its slots must exist), then ``R.csv`` (its people too).

    Examples
    --------
    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> _ = (d / "S.csv").write_text("slot,start,end\\ns1,2027-03-01T09:00,2027-03-01T09:30\\n")
    >>> _ = (d / "P.csv").write_text("id,unavailable\\na,\\nb,s1\\n")
    >>> _ = (d / "R.csv").write_text("id,a,b,priority\\nr1,a,b,2\\n")
    >>> files = schedule_files_read(participants=d / "P.csv", requests=d / "R.csv",
    ...                             slots=d / "S.csv")
    >>> files.unavailable, files.requests[0].priority
    ({'a': [], 'b': ['s1']}, 2)
    """
    slot_list = _read_slots(slots)
    unavailable = _read_participants(participants, {s.id for s in slot_list})
    return ScheduleFiles(slot_list, unavailable, _read_requests(requests, unavailable))


def _records(path: Path, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    name = str(path)
    header, records, starts = read_csv_records(decode_text(read_bytes(path, name), name), name)
    missing = [c for c in columns if c not in header]
    if missing:
        raise DataFileError(
            name,
            f"the header lacks {', '.join(missing)}; it must read {','.join(columns)}",
            line=1,
            field=missing[0],
        )
    rows = [
        (line, {h: v.strip() for h, v in zip(header, row, strict=True)})
        for line, row in zip(starts, records, strict=True)
    ]
    if not rows:
        raise DataFileError(name, "the file has a header but no rows")
    return rows


def _unique_id(name: str, line: int, field: str, value: str, seen: dict[str, int]) -> None:
    if not value:
        raise DataFileError(name, f"{field} is empty; give every row an id", line=line, field=field)
    if value in seen:
        raise DataFileError(
            name,
            f"{value!r} is already on line {seen[value]}; ids must be unique",
            line=line,
            field=field,
        )
    seen[value] = line


def _read_slots(path: Path) -> list[Slot]:
    name, seen, slots, aware = str(path), {}, [], None
    for line, row in _records(path, SLOT_COLUMNS):
        _unique_id(name, line, "slot", row["slot"], seen)
        times = {}
        for field in ("start", "end"):
            try:
                times[field] = dt.datetime.fromisoformat(row[field])
            except ValueError:
                raise DataFileError(
                    name,
                    f"{row[field]!r} is not an ISO date-time; write it as 2027-03-01T09:00",
                    line=line,
                    field=field,
                ) from None
            has_zone = times[field].tzinfo is not None
            if aware is None:
                aware = has_zone
            elif has_zone != aware:
                raise DataFileError(
                    name,
                    "some times have a UTC offset and some do not; give all or none an offset",
                    line=line,
                    field=field,
                )
        if times["end"] <= times["start"]:
            raise DataFileError(
                name, "the slot ends before or when it starts", line=line, field="end"
            )
        slots.append(Slot(row["slot"], times["start"], times["end"]))
    return slots


def _read_participants(path: Path, slot_ids: set[str]) -> dict[str, list[str]]:
    name, seen, unavailable = str(path), {}, {}
    for line, row in _records(path, PARTICIPANT_COLUMNS):
        _unique_id(name, line, "id", row["id"], seen)
        slots = [s.strip() for s in row["unavailable"].split(";") if s.strip()]
        for slot in slots:
            if slot not in slot_ids:
                raise DataFileError(
                    name,
                    f"slot {slot!r} is not in the slots file; use its slot ids, separated by ';'",
                    line=line,
                    field="unavailable",
                )
        unavailable[row["id"]] = slots
    return unavailable


def _read_requests(path: Path, people: dict[str, list[str]]) -> list[MeetingRequest]:
    name, seen, requests = str(path), {}, []
    for line, row in _records(path, REQUEST_COLUMNS):
        _unique_id(name, line, "id", row["id"], seen)
        for field in ("a", "b"):
            if row[field] not in people:
                raise DataFileError(
                    name,
                    f"participant {row[field]!r} is not in the participants file; add them there",
                    line=line,
                    field=field,
                )
        if row["a"] == row["b"]:
            raise DataFileError(
                name,
                f"a and b are both {row['a']!r}; a meeting needs two people",
                line=line,
                field="b",
            )
        if row["priority"] not in (str(MUST), str(NICE)):
            raise DataFileError(
                name,
                f"priority {row['priority']!r} is not 2 (must) or 1 (nice)",
                line=line,
                field="priority",
            )
        requests.append(MeetingRequest(row["id"], row["a"], row["b"], int(row["priority"])))
    return requests


def schedule_write(path: Path, placements: dict[str, Placement], slots: list[Slot]) -> None:
    """Write ``request,slot,table`` rows in time order, replacing ``path`` only when complete."""
    order = {s.id: (s.start, s.end, s.id) for s in slots}
    rows = sorted(placements.items(), key=lambda item: (order[item[1].slot], item[1].table))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(SCHEDULE_COLUMNS)
    writer.writerows((request, p.slot, p.table) for request, p in rows)
    partial = path.with_name(path.name + ".partial")
    partial.write_text(buffer.getvalue(), encoding="utf-8")
    os.replace(partial, path)
