"""Importing funding calls: service, command line, example file, import page and API."""

from __future__ import annotations

import io
import json

import pytest
from django.urls import reverse

from clusterdialogue.cli import main as cli_main
from clusterdialogue.collaboration.calls.services import (
    EXAMPLE_CALLS_FILE,
    funding_calls_import,
    funding_calls_load_examples,
)
from clusterdialogue.collaboration.models import FundingCall
from clusterdialogue.core.io.errors import DataFileError

pytestmark = pytest.mark.django_db

HEADER = "id,programme,title,topic,opening,deadline,min_partners,min_countries,eligible_countries\n"
GOOD = HEADER + (
    'EXAMPLE-A,Interreg Europe,Example call A,"Regional innovation, SMEs",'
    "2026-03-01,2026-06-05,3,3,EU27;NO;CH\n"
    ",Horizon Europe,Example call B,Batteries,2026-01-10,2026-04-01,2,2,DE;GR;GB\n"
)


def _snapshot() -> list[tuple]:
    return list(FundingCall.objects.order_by("pk").values_list())


def test_import_creates_calls_with_their_rules():
    report = funding_calls_import(source=GOOD.encode(), name="calls.csv")
    assert (report.count("create"), report.count("update")) == (2, 0)
    a = FundingCall.objects.get(reference="EXAMPLE-A")
    assert a.programme == "Interreg Europe" and a.topic == "Regional innovation, SMEs"
    assert a.min_partners == 3 and "NO" in a.eligible_countries and len(a.eligible_countries) == 29
    b = FundingCall.objects.get(title="Example call B")
    assert b.reference == "" and b.eligible_countries == ["DE", "EL", "UK"]  # Eurostat form
    assert not a.is_example and a.source == "calls.csv"
    assert "2 calls read; 2 created" in report.summary


def test_import_is_idempotent_and_updates_by_reference_or_programme_and_title():
    funding_calls_import(source=GOOD.encode(), name="calls.csv")
    before = _snapshot()
    again = funding_calls_import(source=GOOD.encode(), name="calls.csv")
    assert again.count("unchanged") == 2 and again.count("create") == 0
    assert [row[:-1] for row in _snapshot()] == [row[:-1] for row in before]  # imported_at aside
    changed = GOOD.replace("2026-06-05", "2026-07-01").replace(
        "Batteries", "Batteries and hydrogen"
    )
    report = funding_calls_import(source=changed.encode(), name="calls.csv")
    assert report.count("update") == 2 and FundingCall.objects.count() == 2
    assert str(FundingCall.objects.get(reference="EXAMPLE-A").deadline) == "2026-07-01"
    assert FundingCall.objects.get(title="Example call B").topic == "Batteries and hydrogen"


def test_import_reads_json():
    calls = [
        {"id": "EXAMPLE-J", "programme": "Horizon Europe", "title": "Example call J",
         "topic": "", "opening": "2026-01-01", "deadline": "2026-02-01", "min_partners": 3,
         "min_countries": 2, "eligible_countries": ["FR", "IT"], "max_partners": "5"},
    ]  # fmt: skip
    funding_calls_import(source=json.dumps({"calls": calls}).encode(), name="calls.json")
    stored = FundingCall.objects.get(reference="EXAMPLE-J")
    assert stored.max_partners == 5 and stored.eligible_countries == ["FR", "IT"]


@pytest.mark.parametrize(
    ("content", "where"),
    [
        (GOOD + "EXAMPLE-C,Horizon Europe,C,t,2026-05-01,2026-04-01,3,3,\n", "line 4, field 'deadline'"),
        (GOOD + "EXAMPLE-D,Horizon Europe,D,t,2026-01-01,2026-04-01,3,3,XX\n",
         "line 4, field 'eligible_countries'"),
        (GOOD + "EXAMPLE-A,Horizon Europe,E,t,2026-01-01,2026-04-01,3,3,\n", "line 4, field 'id'"),
        (GOOD + ",Horizon Europe,Example call B,t,2026-01-01,2026-04-01,3,3,\n",
         "line 4, field 'title'"),
        (GOOD + "EXAMPLE-F,Horizon Europe," + "x" * 401 + ",t,2026-01-01,2026-04-01,3,3,\n",
         "line 4, field 'title'"),
        (GOOD.replace("min_countries", "min_country"), "line 1, field 'min_country'"),
    ],
    ids=["deadline-before-opening", "unknown-country", "repeated-id", "repeated-title",
         "title-too-long", "misspelt-column"],
)  # fmt: skip
def test_a_bad_file_changes_nothing_and_names_file_line_field(content, where):
    funding_calls_import(source=GOOD.replace("Regional", "Old").encode(), name="calls.csv")
    before = _snapshot()
    with pytest.raises(DataFileError) as error:
        funding_calls_import(source=content.encode(), name="calls.csv")
    assert str(error.value).startswith(f"calls.csv, {where}")
    assert _snapshot() == before


def test_example_file_is_labelled_and_imported_as_examples():
    text = EXAMPLE_CALLS_FILE.read_text(encoding="utf-8")
    report = funding_calls_load_examples()
    calls = list(FundingCall.objects.order_by("reference"))
    assert len(calls) == report.count("create") == 3
    assert [c.reference for c in calls] == ["EXAMPLE-1", "EXAMPLE-2", "EXAMPLE-3"]
    for call in calls:
        assert call.is_example and call.title.startswith("Example call –")
        assert "not a real call" in call.topic and call.url == ""
    assert {c.programme for c in calls} == {
        "Horizon Europe", "Interreg Europe", "Single Market Programme (Euroclusters)",
    }  # fmt: skip
    assert text.count("EXAMPLE-") == 3
    assert funding_calls_load_examples().count("unchanged") == 3


def test_cli_import_calls(tmp_path, capsys):
    path = tmp_path / "calls.csv"
    path.write_text(GOOD, encoding="utf-8")
    assert cli_main(["import", "calls", str(path), "--example"]) == 0
    assert "2 example calls read; 2 created" in capsys.readouterr().out
    assert FundingCall.objects.filter(is_example=True).count() == 2
    bad = tmp_path / "bad.csv"
    bad.write_text(GOOD.replace("2026-06-05", "2026-13-05"), encoding="utf-8")
    assert cli_main(["import", "calls", str(bad)]) == 2
    assert "bad.csv, line 2, field 'deadline'" in capsys.readouterr().err


def test_import_page_imports_and_reports(client, secretariat_user):
    client.force_login(secretariat_user)
    upload = io.BytesIO(GOOD.encode())
    upload.name = "calls.csv"
    response = client.post(reverse("collaboration:call-import"), {"file": upload})
    assert response.status_code == 200
    assert "2 calls read; 2 created" in response.content.decode()
    assert FundingCall.objects.count() == 2


def test_import_page_shows_the_error_and_changes_nothing(client, secretariat_user):
    client.force_login(secretariat_user)
    upload = io.BytesIO(GOOD.replace("EU27;NO;CH", "EU27;QQ").encode())
    upload.name = "calls.csv"
    response = client.post(reverse("collaboration:call-import"), {"file": upload})
    assert "calls.csv, line 2, field &#x27;eligible_countries&#x27;" in response.content.decode()
    assert FundingCall.objects.count() == 0


def test_api_import_reports_rows_and_errors(client, secretariat_user):
    client.force_login(secretariat_user)
    upload = io.BytesIO(GOOD.encode())
    upload.name = "calls.csv"
    response = client.post("/api/funding-calls/import/", {"file": upload, "is_example": "true"})
    assert response.status_code == 201, response.content
    assert [row["action"] for row in response.json()["rows"]] == ["create", "create"]
    assert FundingCall.objects.filter(is_example=True).count() == 2
    bad = io.BytesIO(GOOD.replace(",3,3,", ",3,4,").encode())
    bad.name = "calls.csv"
    response = client.post("/api/funding-calls/import/", {"file": bad})
    assert response.status_code == 400
    assert "line 2, field 'min_countries'" in response.json()["file"][0]
