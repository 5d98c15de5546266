"""``clusterdialogue dialogue plan``: the exact contract, on the demo network ``make run`` loads.

The demo's meeting history is example data (flagged ``is_example``); the checks are about the
contract: the header, one row per meeting, region codes, ISO dates, reasons joined with "; ",
and on every error a clear line on stderr, a non-zero exit code and no file.
"""

from __future__ import annotations

import csv
import datetime as dt

import holidays
import pytest

from clusterdialogue.cli import main
from clusterdialogue.dialogue.demo import dialogue_demo_load
from clusterdialogue.dialogue.models import WorkingGroup
from clusterdialogue.regions.models import Network
from clusterdialogue.regions.services import network_create_four_motors
from clusterdialogue.testing import factories

pytestmark = pytest.mark.django_db

HEADER = ["meeting", "host_territory", "city", "start", "end", "reasons"]
CALENDARS = [
    holidays.country_holidays(*spec, years=range(2027, 2031))
    for spec in (("FR",), ("DE", "BW"), ("ES", "CT"), ("IT", "MI"), ("BE",), ("GB", "WLS"))
]


@pytest.fixture
def demo(db):
    for code in ("FRK", "DE1", "ES51", "ITC4", "BE2", "UKL"):
        factories.RegionFactory(code=code)
    dialogue_demo_load(network=network_create_four_motors())


def run(capsys, *argv):
    code = main(["dialogue", "plan", *map(str, argv)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def rows(path):
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.reader(stream))


def test_the_documented_command_on_the_demo(demo, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    argv = [
        "--group",
        "cluster-dialogue",
        "--from",
        "2027-01-01",
        "--meetings",
        "4",
        "--out",
        "plan.csv",
    ]
    code, out, err = run(capsys, *argv)
    assert (code, err) == (0, "")
    assert out.strip().splitlines()[-1] == "wrote 4 meetings to plan.csv"
    table = rows(tmp_path / "plan.csv")
    assert table[0] == HEADER
    assert [row[0] for row in table[1:]] == ["1", "2", "3", "4"]
    hosts = [row[1] for row in table[1:]]
    assert set(hosts) == {"FRK", "DE1", "ES51", "ITC4"}  # the partners; associates do not host
    cities = {"FRK": "Lyon", "DE1": "Stuttgart", "ES51": "Barcelona", "ITC4": "Milan"}
    assert all(row[2] == cities[row[1]] for row in table[1:])
    previous_end = dt.date(2027, 1, 1)
    for row in table[1:]:
        start, end = dt.date.fromisoformat(row[3]), dt.date.fromisoformat(row[4])
        assert previous_end <= start <= end == start + dt.timedelta(days=1)
        for day in (start, end):
            assert day.weekday() < 5 and not any(day in calendar for calendar in CALENDARS)
        assert "; " in row[5] and "Fair rotation" in row[5]
        previous_end = end
    assert not list(tmp_path.glob(".plan.csv.*"))  # the temporary file is gone


def test_options_per_year_days_and_associates(demo, tmp_path, capsys):
    out = tmp_path / "plan.csv"
    argv = ["--group", "cluster-dialogue", "--from", "2027-01-01", "--meetings", "6"]
    code, _, _ = run(
        capsys, *argv, "--per-year", "1", "--days", "3", "--include-associates", "--out", out
    )
    assert code == 0
    table = rows(out)[1:]
    assert len(table) == 6 and len({row[3][:4] for row in table}) == 6  # one a year
    assert {"BE2", "UKL"} & {row[1] for row in table}
    assert all((dt.date.fromisoformat(r[4]) - dt.date.fromisoformat(r[3])).days == 2 for r in table)


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (
            ["--group", "no-such-group"],
            "known groups: cluster-dialogue, dialogue-on-electromobility",
        ),
        (["--group", "cluster-dialogue", "--meetings", "0"], "--meetings 0"),
        (["--group", "cluster-dialogue", "--days", "9"], "--days"),
        (["--group", "empty-network-group"], "no territories"),
    ],
)
def test_errors_are_clear_and_write_nothing(demo, tmp_path, capsys, argv, words):
    WorkingGroup.objects.create(
        network=Network.objects.create(name="Example empty network", slug="example-empty"),
        name="Example group without territories",
        slug="empty-network-group",
        is_example=True,
    )
    out = tmp_path / "plan.csv"
    options = {"--from": "2027-01-01", "--meetings": "4", "--out": str(out)}
    for index in range(0, len(argv), 2):
        options[argv[index]] = argv[index + 1]
    code, _, err = run(capsys, *[part for pair in options.items() for part in pair])
    assert code != 0
    assert words in err and err.startswith("error: ")
    assert not out.exists() and not list(tmp_path.iterdir())


def test_a_bad_date_is_refused_and_writes_nothing(demo, tmp_path, capsys):
    out = tmp_path / "plan.csv"
    with pytest.raises(SystemExit) as exit_:
        main(
            [
                "dialogue",
                "plan",
                "--group",
                "cluster-dialogue",
                "--from",
                "2027-13-01",
                "--meetings",
                "2",
                "--out",
                str(out),
            ]
        )
    assert exit_.value.code != 0
    assert "'2027-13-01' is not a date in the form YYYY-MM-DD" in capsys.readouterr().err
    assert not out.exists()
