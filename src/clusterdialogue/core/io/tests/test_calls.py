"""Tests of the funding-call reader (CSV and JSON) and its messages."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json

import pytest

from clusterdialogue.core.countries import EU27
from clusterdialogue.core.io.calls import Call, call_topic_text, read_calls
from clusterdialogue.core.io.errors import DataFileError

HEADER = "id,programme,title,topic,opening,deadline,min_partners,min_countries,eligible_countries"
GOOD = (
    f"{HEADER},max_partners,url\n"
    'HE-1,Horizon Europe,Twin transition,"Digital, green manufacturing",2025-01-15,2025-04-22,'
    "3,3,DE;FR;IT;ES;BE;UK;EL,,https://example.org/he-1\n"
    "\n"
    "IE-5,Interreg Europe,Fifth call,Regional innovation policy,2025-03-01,2025-06-05,3,3,EU27;NO,8,\n"
)


def read(text: str, name: str = "calls.csv") -> list[Call]:
    return read_calls(io.BytesIO(text.encode()), name=name)


def error_of(text: str, name: str = "calls.csv") -> DataFileError:
    with pytest.raises(DataFileError) as error:
        read(text, name)
    return error.value


def test_reads_csv():
    first, second = read(GOOD)
    assert first == Call(
        programme="Horizon Europe",
        title="Twin transition",
        topic="Digital, green manufacturing",
        opening=dt.date(2025, 1, 15),
        deadline=dt.date(2025, 4, 22),
        min_partners=3,
        min_countries=3,
        eligible_countries=("BE", "DE", "EL", "ES", "FR", "IT", "UK"),
        max_partners=None,
        id="HE-1",
        url="https://example.org/he-1",
    )
    assert first.line == 2 and second.line == 4  # the blank line is skipped
    assert second.eligible_countries == tuple(sorted(EU27 | {"NO"}))
    assert second.max_partners == 8 and second.url is None


def test_reads_json_with_lists_numbers_and_iso_codes(tmp_path):
    calls = [
        {
            "programme": "Single Market Programme",
            "title": "Euroclusters",
            "topic": "Cluster cooperation",
            "opening": "2025-02-01",
            "deadline": "2025-05-06",
            "min_partners": 3,
            "min_countries": "3",
            "eligible_countries": ["gr", "GB", "DE"],
        },
        {
            "ID": "x",
            "programme": "Horizon Europe",
            "title": "T",
            "topic": "",
            "opening": "2025-02-01",
            "deadline": "2025-02-01",
            "min_partners": 1,
            "min_countries": 1,
        },
    ]
    path = tmp_path / "calls.json"
    path.write_text(json.dumps({"calls": calls}, indent=2))
    first, second = read_calls(path)
    assert first.eligible_countries == ("DE", "EL", "UK")
    assert first.id is None and second.id == "x" and second.eligible_countries == ()
    assert first.line == 3 and second.line == 17
    # Gzip and content detection (no extension) give the same.
    packed = io.BytesIO(gzip.compress(json.dumps(calls).encode()))
    assert read_calls(packed, name="calls") == [first, second]


def test_call_topic_text():
    call = read(GOOD)[0]
    assert call_topic_text(call) == (
        "Twin transition. Digital, green manufacturing. Horizon Europe"
    )


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (
            "A,Horizon Europe,,t,2025-01-01,2025-02-01,3,3,DE",
            "calls.csv, line 2, field 'title': title is empty; every call needs a title",
        ),
        (
            "A,Horizon Europe,T,t,2025-13-01,2025-02-01,3,3,DE",
            "calls.csv, line 2, field 'opening': opening '2025-13-01' is not a date; "
            "write it YYYY-MM-DD",
        ),
        (
            "A,Horizon Europe,T,t,01/02/2025,2025-02-01,3,3,DE",
            "calls.csv, line 2, field 'opening': opening '01/02/2025' is not a date",
        ),
        (
            "A,Horizon Europe,T,t,2025-03-01,2025-02-01,3,3,DE",
            "calls.csv, line 2, field 'deadline': the deadline 2025-02-01 is before the "
            "opening 2025-03-01",
        ),
        (
            "A,Horizon Europe,T,t,2025-01-01,2025-02-01,-3,3,DE",
            "calls.csv, line 2, field 'min_partners': min_partners '-3' must be a whole "
            "number of 1 or more",
        ),
        (
            "A,Horizon Europe,T,t,2025-01-01,2025-02-01,3,0,DE",
            "calls.csv, line 2, field 'min_countries': min_countries '0' must be a whole",
        ),
        (
            "A,Horizon Europe,T,t,2025-01-01,2025-02-01,3,4,",
            "calls.csv, line 2, field 'min_countries': min_countries (4) is more than "
            "min_partners (3)",
        ),
        (
            "A,Horizon Europe,T,t,2025-01-01,2025-02-01,3,3,DE;XX;FR",
            "calls.csv, line 2, field 'eligible_countries': unknown country code 'XX'",
        ),
        (
            "A,Horizon Europe,T,t,2025-01-01,2025-02-01,3,3,DE;FR",
            "calls.csv, line 2, field 'eligible_countries': only 2 eligible countries are "
            "listed but min_countries is 3",
        ),
        (
            "A,,T,t,2025-01-01,2025-02-01,3,3,DE",
            "calls.csv, line 2, field 'programme': programme is empty",
        ),
    ],
)
def test_csv_errors_name_line_and_field(row, expected):
    assert str(error_of(f"{HEADER}\n{row}\n")).startswith(expected)


def test_other_csv_errors():
    assert "max_partners (2) is less than min_partners (3)" in str(
        error_of(f"{HEADER},max_partners\nA,P,T,t,2025-01-01,2025-02-01,3,3,,2\n")
    )
    assert "url 'www.x.eu' must start with http" in str(
        error_of(f"{HEADER},url\nA,P,T,t,2025-01-01,2025-02-01,3,3,,www.x.eu\n")
    )
    error = error_of(f"{HEADER},budget\n")
    assert (error.line, error.field) == (1, "budget")
    assert "allowed fields are id, programme" in error.message
    error = error_of("programme,title\nP,T\n")
    assert (error.line, error.field) == (1, "topic")
    row = "A,P,T,t,2025-01-01,2025-02-01,1,1,"
    error = error_of(f"{HEADER}\n{row}\n{row}\n")
    assert (error.line, error.field) == (3, "id")
    assert "already used on line 2" in error.message
    assert "empty" in str(error_of("   \n"))


def test_json_errors_name_the_call_and_its_line():
    record = {
        "programme": "P",
        "title": "T",
        "topic": "",
        "opening": "2025-01-01",
        "deadline": "2025-02-01",
        "min_partners": 2,
        "min_countries": 1,
    }
    text = json.dumps([record, {**record, "min_partners": 2.5}], indent=1)
    error = error_of(text, "calls.json")
    assert str(error).startswith(
        "calls.json, line 11, field 'min_partners': call 2: min_partners 2.5 must be a whole"
    )
    error = error_of(json.dumps([record, {**record, "budget": 1}]), "calls.json")
    assert (error.line, error.field) == (1, "budget")
    assert "call 2: unknown field" in error.message
    assert "cannot be parsed" in str(error_of('[{"a": 1,}]', "calls.json"))
    assert "must be a list of calls" in str(error_of('{"items": []}', "calls.json"))
    assert "each call must be an object" in str(error_of("[1]", "calls.json"))
    error = error_of(json.dumps([{**record, "eligible_countries": 5}]), "calls.json")
    assert error.field == "eligible_countries"


def test_empty_file_gives_no_calls_but_a_header_only_file_does():
    assert read(f"{HEADER}\n") == []
    assert read("[]", "calls.json") == []
