"""The region dashboard with the SBS series break 2020/2021: growth starts after it, a note says so."""

from __future__ import annotations

import csv
import io

import pytest

pytestmark = pytest.mark.django_db


def test_dashboard_growth_starts_after_the_break_with_a_note(client, series_world):
    response = client.get("/regions/QA11/?year=2022")
    assert response.status_code == 200
    assert response.context["start_year"] == 2021
    content = response.content.decode()
    assert "Series break: from 2021 the figures come from sbs_r_nuts2021" in content
    assert "(before: sbs_r_nuts06_r2)" in content
    assert "Growth p.a. 2021–2022" in content
    growth = {row["result"].category.code: row["growth"] for row in response.context["all_rows"]}
    assert growth["C29"] == pytest.approx(1.4 / 1.3 - 1)


def test_dashboard_in_the_first_year_after_the_break_shows_no_growth(client, series_world):
    response = client.get("/regions/QA11/?year=2021")
    assert response.context["start_year"] is None
    assert all(row["growth"] is None for row in response.context["all_rows"])
    assert "Series break: from 2021" in response.content.decode()


def test_dashboard_before_the_break_grows_from_the_first_year(client, series_world):
    response = client.get("/regions/QA11/?year=2020")
    assert response.context["start_year"] == 2018
    growth = {row["result"].category.code: row["growth"] for row in response.context["all_rows"]}
    assert growth["C29"] == pytest.approx((1.0 / 0.9) ** 0.5 - 1)


def test_dashboard_csv_growth_since_the_break(client, series_world):
    response = client.get("/regions/QA11/?year=2022&format=csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert {row["employment_cagr_since"] for row in rows} == {"2021"}


def test_dashboard_without_a_break_has_no_note(client, small_world):
    response = client.get("/regions/QA11/")
    assert response.context["series_breaks"] == []
    assert "Series break" not in response.content.decode()


def test_dashboard_note_is_translated(client, series_world):
    response = client.get("/regions/QA11/?year=2022", HTTP_ACCEPT_LANGUAGE="de")
    content = response.content.decode()
    assert "Series break" not in content
    assert "sbs_r_nuts2021" in content
