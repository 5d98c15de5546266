"""End-to-end tests of ``clusterdialogue events schedule`` (the file contract of the scheduler)."""

from __future__ import annotations

import csv
import re

import pytest

from clusterdialogue.cli import main
from clusterdialogue.core.b2b import Placement
from clusterdialogue.core.io.b2b_files import schedule_files_read
from clusterdialogue.testing.b2b import schedule_violations
from clusterdialogue.testing.files import write_file

SLOTS = """\
slot,start,end
s1,2027-03-01T09:00,2027-03-01T09:30
s2,2027-03-01T09:30,2027-03-01T10:00
s3,2027-03-01T10:30,2027-03-01T11:00
"""
PARTICIPANTS = """\
id,unavailable
a,
b,s1
c,s2;s3
d,
e,s1;s2;s3
"""
REQUESTS = """\
id,a,b,priority
r1,a,b,2
r2,a,c,1
r3,b,c,1
r4,c,d,2
r5,d,e,2
r6,a,d,1
"""
SUMMARY = re.compile(
    r"^scheduled (\d+) of (\d+) requests \(must (\d+) of (\d+)\); upper bound (\d+); gap ([\d.]+)%$"
)


def _files(tmp_path, participants=PARTICIPANTS, requests=REQUESTS, slots=SLOTS):
    return {
        "participants": write_file(tmp_path / "P.csv", participants),
        "requests": write_file(tmp_path / "R.csv", requests),
        "slots": write_file(tmp_path / "S.csv", slots),
    }


def _run(tmp_path, files, tables=1, *extra):
    out = tmp_path / "OUT.csv"
    argv = ["events", "schedule", "--out", str(out), "--tables", str(tables), *map(str, extra)]
    for option, path in files.items():
        argv += [f"--{option}", str(path)]
    return main(argv), out


def test_schedule_writes_the_contract_columns_and_last_line(tmp_path, capsys):
    files = _files(tmp_path)
    code, out = _run(tmp_path, files, 1, "--time-limit", 5)
    assert code == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    match = SUMMARY.match(last)
    assert match, last
    scheduled, requests, must, must_total, bound, gap = match.groups()
    assert (requests, must_total) == ("6", "3")
    with out.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == ["request", "slot", "table"]
    assert len(rows) == int(scheduled) <= int(bound)
    # r5 cannot happen (e is never available), r1 and r4 are musts and both fit.
    assert {"r1", "r4"} <= {row["request"] for row in rows}
    assert "r5" not in {row["request"] for row in rows}
    assert must == "2"
    read = schedule_files_read(**files)
    placements = {row["request"]: Placement(row["slot"], int(row["table"])) for row in rows}
    assert (
        schedule_violations(
            slots=read.slots,
            requests=read.requests,
            unavailable=read.unavailable,
            tables=1,
            placements=placements,
        )
        == []
    )
    assert float(gap) == pytest.approx(100 * (int(bound) - int(scheduled)) / int(bound), abs=0.01)


@pytest.mark.parametrize(
    ("file", "content", "where"),
    [
        ("slots", "slot,start\ns1,2027-03-01T09:00\n", "S.csv, line 1, field 'end'"),
        ("slots", SLOTS + "s4,tomorrow,2027-03-02T09:00\n", "S.csv, line 5, field 'start'"),
        ("slots", SLOTS + "s1,2027-03-02T09:00,2027-03-02T09:30\n", "S.csv, line 5, field 'slot'"),
        ("slots", SLOTS + "s4,2027-03-02T09:00,2027-03-02T08:00\n", "S.csv, line 5, field 'end'"),
        ("participants", PARTICIPANTS + "f,s9\n", "P.csv, line 7, field 'unavailable'"),
        ("participants", PARTICIPANTS + ",\n", "P.csv, line 7, field 'id'"),
        ("requests", REQUESTS + "r7,a,zz,1\n", "R.csv, line 8, field 'b'"),
        ("requests", REQUESTS + "r7,a,b,3\n", "R.csv, line 8, field 'priority'"),
        ("requests", REQUESTS + "r7,a,a,1\n", "R.csv, line 8, field 'b'"),
        ("requests", REQUESTS + "r1,a,d,1\n", "R.csv, line 8, field 'id'"),
        ("requests", REQUESTS + "r7,a,b\n", "R.csv, line 8"),
    ],
)
def test_bad_files_name_file_line_and_field_and_write_nothing(
    tmp_path, capsys, file, content, where
):
    files = _files(tmp_path, **{file: content})
    code, out = _run(tmp_path, files)
    assert code == 2
    error = capsys.readouterr().err
    assert where in error
    assert not out.exists()


def test_bad_options_are_refused_before_any_work(tmp_path, capsys):
    code, out = _run(tmp_path, _files(tmp_path), 0)
    assert code == 2 and "--tables must be at least 1" in capsys.readouterr().err
    assert not out.exists()
