"""The shift-share growth page: decomposition sums, CSV download, bad year ranges."""

from __future__ import annotations

import csv
import io

import pytest

pytestmark = pytest.mark.django_db


def test_shift_share_components_add_up_to_the_change(client, small_world):
    response = client.get("/statistics/regions/QA11/growth/?start=2013&end=2014")
    assert response.status_code == 200
    rows = response.context["rows"]
    assert {row["category"] for row in rows} == {"C29", "C21", "J62"}
    for row in rows:
        parts = row["national_share"] + row["industry_mix"] + row["regional_shift"]
        assert parts == pytest.approx(row["change"])
        # Every figure of the example world grew by 1/0.9 between the two years.
        assert row["change"] == pytest.approx(row["employment_end"] - row["employment_start"])
        assert row["regional_shift"] == pytest.approx(0, abs=1e-6)


def test_csv_download_has_one_row_per_category(client, small_world):
    response = client.get("/statistics/regions/QA11/growth/?start=2013&end=2014&format=csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 3
    assert rows[0].keys() >= {"category", "national_share", "industry_mix", "regional_shift"}


@pytest.mark.parametrize("query", ["start=2014&end=2013", "start=2014&end=2014", "start=abc"])
def test_a_bad_year_range_is_explained_not_a_crash(client, small_world, query):
    response = client.get(f"/statistics/regions/QA11/growth/?{query}")
    assert response.status_code == 200
    if "abc" in query:
        assert b"whole number" in response.content.lower() or b"enter a" in response.content.lower()
    else:
        assert b"start year must be before the end year" in response.content


def test_unknown_region_is_404(client, db):
    assert client.get("/statistics/regions/NOPE/growth/").status_code == 404
