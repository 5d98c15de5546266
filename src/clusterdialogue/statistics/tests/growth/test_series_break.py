"""The SBS series break 2020/2021: found by the selector, never crossed by growth or shift-share."""

from __future__ import annotations

import csv
import io

import pytest

from clusterdialogue.core.series import Period, series_breaks, series_periods
from clusterdialogue.statistics.selectors import (
    SeriesBreak,
    SeriesBreakError,
    mapping_growth,
    mapping_series_break,
    mapping_series_periods,
    mapping_shift_share,
)

pytestmark = pytest.mark.django_db

OLD, NEW = "sbs_r_nuts06_r2", "sbs_r_nuts2021"
PAGE = "/statistics/regions/QA11/growth/"


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (2018, 2020, None),  # all before the break
        (2021, 2022, None),  # all after it
        (2018, 2022, SeriesBreak(2021, OLD, NEW)),  # across it
        (2020, 2021, SeriesBreak(2021, OLD, NEW)),  # the two years at its edges
        (2019, 2021, SeriesBreak(2021, OLD, NEW)),
        (2021, 2021, None),  # one year
        (2010, 2020, None),  # a range wider than the data, on one side
        (2015, 2030, SeriesBreak(2021, OLD, NEW)),
    ],
)
def test_selector_finds_the_break_between_the_years(series_world, start, end, expected):
    found = mapping_series_break(
        code="QA11", scheme="nace_division", start_year=start, end_year=end
    )
    assert found == expected


def test_selector_without_a_second_dataset_finds_no_break(small_world):
    assert mapping_series_break(code="QA11", start_year=2013, end_year=2014) is None
    assert mapping_series_periods(code="QA11") == [Period(2013, 2014, OLD)]


def test_periods_are_the_longest_runs_on_each_side(series_world):
    assert mapping_series_periods(code="QA11") == [Period(2018, 2020, OLD), Period(2021, 2022, NEW)]
    # The NUTS-1 results (sums of the NUTS-2 regions) record the dataset too.
    assert mapping_series_periods(code="QA1") == [Period(2018, 2020, OLD), Period(2021, 2022, NEW)]


def test_core_ignores_unknown_datasets_and_gaps():
    assert series_periods({2010: OLD, 2012: OLD, 2013: "", 2021: NEW}) == [
        Period(2010, 2012, OLD),
        Period(2021, 2021, NEW),
    ]
    assert series_breaks({2020: OLD, 2021: NEW, 2022: OLD}) == [(2021, OLD, NEW), (2022, NEW, OLD)]


def test_growth_and_shift_share_refuse_to_cross_the_break(series_world):
    with pytest.raises(SeriesBreakError) as refused:
        mapping_growth(code="QA11", scheme="nace_division", start_year=2018, end_year=2022)
    assert refused.value.series_break == SeriesBreak(2021, OLD, NEW)
    assert "2021" in str(refused.value) and "up to 2020" in str(refused.value)
    with pytest.raises(SeriesBreakError):
        mapping_shift_share(code="QA11", scheme="nace_division", level=2, start_year=2020,
                            end_year=2021)  # fmt: skip
    after = mapping_growth(code="QA11", scheme="nace_division", start_year=2021, end_year=2022)
    assert after["C29"] == pytest.approx(1.4 / 1.3 - 1)


def test_page_refuses_a_period_across_the_break(client, series_world):
    response = client.get(f"{PAGE}?start=2018&end=2022")
    assert response.status_code == 400
    content = response.content.decode()
    assert "The series breaks between 2020 and 2021" in content
    assert "Choose years up to 2020 or from 2021 on." in content
    assert response.context["rows"] == []
    # The longest periods on each side are offered as links.
    assert "start=2018&end=2020" in content and "start=2021&end=2022" in content


@pytest.mark.parametrize(("start", "end"), [(2018, 2020), (2021, 2022), (2019, 2020)])
def test_page_works_on_each_side_of_the_break(client, series_world, start, end):
    response = client.get(f"{PAGE}?start={start}&end={end}")
    assert response.status_code == 200
    assert not response.context["error"]
    rows = response.context["rows"]
    assert {row["category"] for row in rows} == {"C29", "C21", "J62"}
    for row in rows:
        parts = row["national_share"] + row["industry_mix"] + row["regional_shift"]
        assert parts == pytest.approx(row["change"])
    # The page still says where the series breaks.
    assert (
        "Series break: from 2021 the figures come from sbs_r_nuts2021" in response.content.decode()
    )


def test_page_defaults_to_the_latest_period_without_a_break(client, series_world):
    response = client.get(PAGE)
    assert response.status_code == 200
    assert (response.context["start"], response.context["end"]) == (2021, 2022)
    # One year given: the other is taken from the same side of the break.
    response = client.get(f"{PAGE}?start=2018")
    assert (response.context["start"], response.context["end"]) == (2018, 2020)
    response = client.get(f"{PAGE}?end=2022")
    assert (response.context["start"], response.context["end"]) == (2021, 2022)


def test_csv_across_the_break_is_refused_with_the_message(client, series_world):
    response = client.get(f"{PAGE}?start=2020&end=2021&format=csv")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")
    assert "Choose years up to 2020 or from 2021 on." in response.content.decode()
    response = client.get(f"{PAGE}?start=2021&end=2022&format=csv")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 3


def test_the_refusal_is_translated(client, series_world):
    response = client.get(f"{PAGE}?start=2018&end=2022", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 400
    assert "Choose years" not in response.content.decode()
    assert "2021" in response.content.decode()


# --- the API ------------------------------------------------------------------------------------

API = "/api/growth/QA11/"


def test_api_refuses_a_period_across_the_break_with_the_message(client, series_world):
    response = client.get(f"{API}?start=2019&end=2022")
    assert response.status_code == 400
    body = response.json()
    assert "Choose years up to 2020 or from 2021 on." in body["detail"]
    assert body["series_break"] == {"year": 2021, "before": OLD, "after": NEW}
    assert body["periods"] == [
        {"start": 2018, "end": 2020, "dataset": OLD},
        {"start": 2021, "end": 2022, "dataset": NEW},
    ]


@pytest.mark.parametrize(("start", "end"), [(2018, 2020), (2021, 2022)])
def test_api_answers_on_each_side_of_the_break(client, series_world, start, end):
    body = client.get(f"{API}?start={start}&end={end}").json()
    assert (body["start"], body["end"]) == (start, end)
    assert body["breaks"] == [{"year": 2021, "before": OLD, "after": NEW}]
    assert {row["category"] for row in body["categories"]} == {"C29", "C21", "J62"}
    for row in body["categories"]:
        parts = row["national_share"] + row["industry_mix"] + row["regional_shift"]
        assert parts == pytest.approx(row["change"])
    assert body["totals"]["change"] == pytest.approx(sum(r["change"] for r in body["categories"]))


def test_api_defaults_to_the_latest_period_and_checks_its_query(client, series_world):
    body = client.get(API).json()
    assert (body["start"], body["end"]) == (2021, 2022)
    response = client.get(f"{API}?start=2022&end=2021")
    assert response.status_code == 400
    assert "start year must be before the end year" in response.json()["end"][0]
    response = client.get(f"{API}?start=abc")
    assert response.status_code == 400 and "start" in response.json()
    assert client.get("/api/growth/NOPE/").status_code == 404


def test_api_without_a_break(client, small_world):
    body = client.get(f"{API}?start=2013&end=2014").json()
    assert body["breaks"] == [] and len(body["categories"]) == 3


def test_api_refusal_is_translated(client, series_world):
    response = client.get(f"{API}?start=2019&end=2022", HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 400
    assert "Elija años hasta 2020 o desde 2021." in response.json()["detail"]
